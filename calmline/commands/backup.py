"""``calmline backup DEST [--force]``: a consistent copy of the SQLite store while the
server runs. ``calmline restore SRC [--force]``: put a backup back (stop the server first).
For PostgreSQL both name the ``pg_dump``/``pg_restore`` line to run instead."""

from __future__ import annotations

import argparse
from pathlib import Path

from calmline.errors import CliError


def cmd_backup(args: argparse.Namespace) -> int:
    from calmline.settings import Settings
    from calmline.store.backup import BackupError, backup_sqlite

    try:
        info = backup_sqlite(Settings(), Path(args.dest), force=args.force)
    except BackupError as exc:
        raise CliError(str(exc)) from None
    print(f"backed up to {info.summary()}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from calmline.settings import Settings
    from calmline.store.backup import BackupError, restore_sqlite

    try:
        info = restore_sqlite(Settings(), Path(args.src), force=args.force)
    except BackupError as exc:
        raise CliError(str(exc)) from None
    line = f"restored {args.src} into {info.summary()}"
    if info.upgraded_from:
        line += f"; upgraded from revision {info.upgraded_from}"
    if info.kept_aside:
        line += f"; the previous database is kept at {info.kept_aside}"
    print(line)
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("backup", help="copy the SQLite store, consistent while it runs")
    p.add_argument("dest", help="a file, or a directory for calmline-<UTC time>.sqlite3")
    p.add_argument("--force", action="store_true", help="replace an existing file")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help="put a backup in place of the SQLite store")
    p.add_argument("src", help="a file written by calmline backup")
    p.add_argument(
        "--force",
        action="store_true",
        help="replace a store that holds data (kept aside as <name>.before-restore-<time>)",
    )
    p.set_defaults(func=cmd_restore)
