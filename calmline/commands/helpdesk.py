"""``calmline helpdesk test NAME [--policy FILE]``: does the write-back to a helpdesk work?

Reads the policy the server uses (the one saved in the web app, else ``CALMLINE_POLICY``,
else the packaged default; ``--policy`` names a file instead, e.g. before deploying it),
finds ``[helpdesks.NAME]`` and makes one authenticated read with its credentials. One line
answers, so it fits a deploy script or a health check::

    zendesk: ok — signed in as Ann <ann@example.com> (agent)           (exit 0)
    zendesk: failed — HTTP 401, the helpdesk refused the credentials  (exit 2)
    zendesk: not configured                                           (exit 2)

Nothing is written to the helpdesk: a test that left a note on some ticket would be a
note no agent asked for.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from calmline.errors import CliError

if TYPE_CHECKING:
    from calmline.protocol.policy import Policy

FAILED = 2


def _policy(path: str | None) -> Policy:
    from calmline.protocol.policy import PolicyError, load_policy

    try:
        if path is not None:
            return load_policy(Path(path))
        from calmline.store.config import effective_policy
        from calmline.store.db import Store

        store = Store()
        try:
            fallback = load_policy(store.settings.policy)
            with store.session() as s:
                return effective_policy(s, fallback)
        finally:
            store.close()
    except PolicyError as exc:
        raise CliError(str(exc)) from None


def _reason(exc: Exception) -> str:
    """The error without the step it names (``sign in: …``) or the promise to retry:
    the line already says which helpdesk failed, and a test is not retried."""
    text = str(exc)
    _, sep, rest = text.partition(": ")
    text = rest if sep and not text.startswith("helpdesks.") else text
    return text.removesuffix(", will retry")


def cmd_helpdesk_test(args: argparse.Namespace) -> int:
    import httpx

    from calmline.helpdesks.base import ConfigError, DeliveryError, helpdesk_for

    name = args.name
    conn = _policy(args.policy).helpdesk(name)
    if conn is None:
        print(f"{name}: not configured", file=sys.stderr)
        return FAILED
    try:
        with httpx.Client() as client:
            said = helpdesk_for(conn, client).test()
    except (ConfigError, DeliveryError) as exc:
        print(f"{name}: failed — {_reason(exc)}", file=sys.stderr)
        return FAILED
    print(f"{name}: ok — {said}")
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from calmline.helpdesks.config import KINDS

    p = sub.add_parser("helpdesk", help="the helpdesks calmline writes back to")
    helpdesk = p.add_subparsers(dest="helpdesk_command", required=True)
    test = helpdesk.add_parser(
        "test", help="sign in to a configured helpdesk with its credentials (writes nothing)"
    )
    test.add_argument("name", choices=KINDS, help="the [helpdesks.NAME] section of the policy")
    test.add_argument(
        "--policy", help="a policy file (default: the policy the server uses)", metavar="FILE"
    )
    test.set_defaults(func=cmd_helpdesk_test)
    from calmline.commands import embed_apps

    embed_apps.add_parsers(helpdesk)
