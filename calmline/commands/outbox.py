"""``calmline outbox list|retry|deliver``: the write-backs to helpdesks, from the shell.

``list`` shows what waits, what was delivered and what failed with its reason; ``retry``
puts failed items back in line (after the credentials or the ticket were fixed);
``deliver`` runs one delivery round now (the server's worker does this every second).
"""

from __future__ import annotations

import argparse
import json

from calmline.errors import CliError


def cmd_outbox_list(args: argparse.Namespace) -> int:
    from calmline.helpdesks.outbox import counts, list_items
    from calmline.store.db import Store
    from calmline.store.models import aware

    store = Store()
    try:
        with store.read() as s:
            rows = list_items(s, args.status, args.limit)
            totals = counts(s)
            out = [
                {
                    "id": r.id,
                    "helpdesk": r.helpdesk,
                    "ticket": r.ticket,
                    "kind": r.kind,
                    "status": r.status,
                    "attempts": r.attempts,
                    "next_at": aware(r.next_at).isoformat(),
                    "last_error": r.last_error,
                }
                for r in rows
            ]
    finally:
        store.close()
    if args.json:
        print(json.dumps({"counts": totals, "items": out}, indent=2))
        return 0
    print(", ".join(f"{n} {k}" for k, n in sorted(totals.items())) or "the outbox is empty")
    for r in out:
        error = f"  {r['last_error']}" if r["last_error"] else ""
        print(
            f"{r['id']}\t{r['helpdesk']}:{r['ticket']}\t{r['kind']}\t{r['status']}"
            f"\t{r['attempts']} tries{error}"
        )
    return 0


def cmd_outbox_retry(args: argparse.Namespace) -> int:
    from calmline.helpdesks.outbox import retry
    from calmline.store.db import Store

    if args.id is None and not args.all:
        raise CliError("name an item id, or --all for every failed item")
    store = Store()
    try:
        with store.session() as s:
            n = retry(s, None if args.all else args.id)
    finally:
        store.close()
    if n == 0 and not args.all:
        raise CliError(f"id: no failed outbox item {args.id}")
    print(f"{n} item(s) back in line")
    return 0


def cmd_outbox_deliver(args: argparse.Namespace) -> int:
    from calmline.helpdesks.outbox import OutboxWorker
    from calmline.protocol.policy import PolicyError, load_policy
    from calmline.store.config import effective_policy
    from calmline.store.db import Store

    store = Store()
    try:
        try:
            fallback = load_policy(store.settings.policy)
        except PolicyError as exc:
            raise CliError(str(exc)) from None
        with store.read() as s:
            policy = effective_policy(s, fallback)
        tried = OutboxWorker(store, lambda: policy).run_once()
        print(f"{tried} item(s) tried")
    finally:
        store.close()
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("outbox", help="write-backs to helpdesks: list, retry, deliver")
    box = p.add_subparsers(dest="outbox_command", required=True)
    ls = box.add_parser("list", help="the newest items, with status and the last error")
    ls.add_argument("--status", choices=("pending", "delivered", "failed"))
    ls.add_argument("--limit", type=int, default=50)
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=cmd_outbox_list)
    rt = box.add_parser("retry", help="put a failed item (or --all) back in line")
    rt.add_argument("id", nargs="?", type=int)
    rt.add_argument("--all", action="store_true")
    rt.set_defaults(func=cmd_outbox_retry)
    box.add_parser("deliver", help="one delivery round now").set_defaults(func=cmd_outbox_deliver)
