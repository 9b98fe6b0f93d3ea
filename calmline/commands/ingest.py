"""``calmline import FILE``: e-mail files, mbox, CSV and JSONL ticket exports."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from calmline.errors import CliError


def cmd_import(args: argparse.Namespace) -> int:
    from calmline.cli_progress import Progress
    from calmline.ingest.importer import import_file
    from calmline.protocol.policy import PolicyError, load_policy
    from calmline.store.db import Store
    from calmline.store.service import StoreError

    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"{path}: no such file")
    try:
        policy = load_policy(Path(args.policy) if args.policy else None)
    except PolicyError as exc:
        raise CliError(str(exc)) from None
    if args.nice > 0 and hasattr(os, "nice"):
        # a bulk job: give the CPU to the server's interactive requests first (measured
        # in docs/benchmarks.md: p99 of 20 API clients 6.2 s → 1.9 s during an import)
        os.nice(args.nice)
    store = Store()
    progress = Progress(None, f"importing {path.name}")
    try:
        report = import_file(store, path, policy, args.format, progress.advance)
    except StoreError as exc:
        raise CliError(str(exc)) from None
    finally:
        progress.close()
        store.close()
    print(
        f"{path}: {report.stored} messages stored in {len(report.cases)} cases, "
        f"{report.duplicates} already there, {len(report.errors)} kept unparsed"
    )
    for err in report.errors[:20]:
        print(f"  unparsed: {err}")
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("import", help="import e-mails (.eml, mbox) or tickets (CSV, JSONL)")
    p.add_argument("file")
    p.add_argument("--format", choices=("eml", "mbox", "csv", "jsonl"))
    p.add_argument("--policy")
    p.add_argument(
        "--nice",
        type=int,
        default=10,
        choices=range(20),
        metavar="0..19",
        help="lower the import's CPU priority by this much (default 10; 0: as the shell's)",
    )
    p.set_defaults(func=cmd_import)
