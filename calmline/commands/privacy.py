"""``calmline customer export ID [--out FILE]``, ``calmline customer erase ID --yes`` and
``calmline retention run [--dry-run] [--json]``: a customer's data on request, its
erasure, and the policy's retention applied now (the server also applies it daily).

The operator at the command line already holds the database, so no user is asked for; the
audit log records these actions without a user.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from calmline.errors import CliError

if TYPE_CHECKING:
    from calmline.store.db import Store

MAX_ID = 2**31 - 1  # as the API: ids fit a 32-bit integer column in every database


def _customer_id(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a customer id: {value!r}") from None
    if not 1 <= number <= MAX_ID:
        raise argparse.ArgumentTypeError(f"not a customer id: {value!r}")
    return number


def write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read: an export is all of a person's data."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.chmod(path, 0o600)  # also when the file existed with other rights


def _store() -> Store:
    from calmline.store.db import Store

    return Store()


def cmd_customer_export(args: argparse.Namespace) -> int:
    from calmline.store.privacy import export_customer
    from calmline.store.service import StoreError

    store = _store()
    try:
        with store.session() as s:
            data = export_customer(s, args.id)
    except StoreError as exc:
        raise CliError(str(exc)) from None
    finally:
        store.close()
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if args.out is None:
        sys.stdout.write(text)
        return 0
    write_private(Path(args.out), text)
    messages = sum(len(c["messages"]) for c in data["cases"])
    print(
        f"customer {args.id}: {len(data['cases'])} cases, {messages} messages written to"
        f" {args.out} (readable only by you)",
        file=sys.stderr,
    )
    return 0


def cmd_customer_erase(args: argparse.Namespace) -> int:
    from calmline.store.privacy import customer_counts, erase_customer
    from calmline.store.removal import checkpoint
    from calmline.store.service import StoreError

    store = _store()
    try:
        with store.session() as s:
            if not args.yes:
                c = customer_counts(s, args.id)
                raise CliError(
                    f"add --yes to erase customer {args.id}"
                    f" ({c.cases} cases, {c.messages} messages)"
                )
            counts = erase_customer(s, args.id)
        checkpoint(store.engine)
    except StoreError as exc:
        raise CliError(str(exc)) from None
    finally:
        store.close()
    print(f"customer {args.id} erased: {counts.summary(without=('sessions',))}")
    return 0


def _days(n: int) -> str:
    return "forever" if n == 0 else f"{n} day" if n == 1 else f"{n} days"


def cmd_retention_run(args: argparse.Namespace) -> int:
    from calmline.protocol.policy import PolicyError, load_policy
    from calmline.store.config import effective_policy
    from calmline.store.privacy import retention_preview, run_retention

    store = _store()
    try:
        fallback = load_policy(store.settings.policy)
        if args.dry_run:
            with store.session() as s:
                policy = effective_policy(s, fallback)
                counts = retention_preview(s, policy)
        else:
            with store.session() as s:
                policy = effective_policy(s, fallback)
            counts = run_retention(store, lambda s: effective_policy(s, fallback))
    except PolicyError as exc:
        raise CliError(str(exc)) from None
    finally:
        store.close()
    if args.json:
        print(json.dumps({"dry_run": args.dry_run, **counts.as_dict()}))
        return 0
    r = policy.retention
    kept = f"closed cases kept {_days(r.closed_case_days)}, resolved {_days(r.resolved_case_days)}"
    verb = "would remove" if args.dry_run else "removed"
    print(f"retention ({kept}): {verb} {counts.summary()}")
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("customer", help="a customer's data: export it, erase it")
    customer = p.add_subparsers(dest="customer_command", required=True)
    exp = customer.add_parser("export", help="everything held about a customer, as JSON")
    exp.add_argument("id", type=_customer_id)
    exp.add_argument("--out", help="write to this file, readable only by you (default: stdout)")
    exp.set_defaults(func=cmd_customer_export)
    erase = customer.add_parser(
        "erase", help="remove a customer, their cases and messages (audited without them)"
    )
    erase.add_argument("id", type=_customer_id)
    erase.add_argument("--yes", action="store_true", help="really erase")
    erase.set_defaults(func=cmd_customer_erase)

    p = sub.add_parser("retention", help="apply the policy's [retention] section")
    retention = p.add_subparsers(dest="retention_command", required=True)
    run = retention.add_parser("run", help="delete the cases the policy no longer keeps")
    run.add_argument("--dry-run", action="store_true", help="only count what would go")
    run.add_argument("--json", action="store_true", help="print the counts as JSON")
    run.set_defaults(func=cmd_retention_run)
