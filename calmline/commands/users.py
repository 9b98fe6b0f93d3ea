"""Users and API tokens from the command line (the machine's owner has every power here;
the web app's People page offers the same to admins, through the same store functions).

``calmline user add|list|password|role|disable|enable|delete`` and
``calmline token add|list|revoke|rotate``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from sqlalchemy.orm import Session

from calmline.errors import CliError

T = TypeVar("T")


def _in_store(work: Callable[[Session], T]) -> T:
    """Run ``work`` in one transaction; a store error is a one-line CLI error (exit 2)."""
    from calmline.store.db import Store
    from calmline.store.service import StoreError

    store = Store()
    try:
        with store.session() as s:
            return work(s)
    except StoreError as exc:
        raise CliError(str(exc)) from None
    finally:
        store.close()


def _password() -> str:
    return sys.stdin.readline().rstrip("\n")


def cmd_user_add(args: argparse.Namespace) -> int:
    from calmline.store.users import add_user

    password = _password() if args.password_stdin else None

    def work(s: Session) -> None:
        user, token = add_user(s, args.name, args.role, password)
        print(f"user {user.name} ({user.role}) created; API token (shown once):")
        print(token)

    _in_store(work)
    return 0


def cmd_user_list(_args: argparse.Namespace) -> int:
    from calmline.store.users import list_users

    def work(s: Session) -> None:
        for u in list_users(s):
            state = "disabled" if u.disabled_at else "active"
            sign_in = "password" if u.password_hash else "no password"
            print(f"{u.name}\t{u.role}\t{state}\t{sign_in}")

    _in_store(work)
    return 0


def cmd_user_password(args: argparse.Namespace) -> int:
    from calmline.store.users import set_password

    password = _password()

    def work(s: Session) -> None:
        user, revoked = set_password(s, args.name, password)
        print(
            f"password of {user.name} ({user.role}) changed; web sessions ended, "
            f"{revoked} API token(s) revoked"
        )

    _in_store(work)
    return 0


def cmd_user_role(args: argparse.Namespace) -> int:
    from calmline.store.users import set_role

    user = _in_store(lambda s: set_role(s, args.name, args.role))
    print(f"{user.name} is now {user.role}")
    return 0


def cmd_user_disable(args: argparse.Namespace) -> int:
    from calmline.store.users import disable_user

    user, revoked = _in_store(lambda s: disable_user(s, args.name))
    print(f"{user.name} disabled: web sessions ended, {revoked} API token(s) revoked")
    return 0


def cmd_user_enable(args: argparse.Namespace) -> int:
    from calmline.store.users import enable_user

    user = _in_store(lambda s: enable_user(s, args.name))
    print(f"{user.name} enabled (old API tokens stay revoked: `calmline token add {user.name}`)")
    return 0


def cmd_user_delete(args: argparse.Namespace) -> int:
    from calmline.store.users import delete_user

    if not args.yes:
        raise CliError(f"add --yes to delete user {args.name!r} (or disable them instead)")
    _in_store(lambda s: delete_user(s, args.name))
    print(f"user {args.name} deleted; their cases and tasks are unassigned")
    return 0


def _when(t: datetime | None) -> str:
    return t.strftime("%Y-%m-%d %H:%M UTC") if t else "-"


def cmd_token_list(args: argparse.Namespace) -> int:
    from calmline.store.tokens import list_tokens

    def work(s: Session) -> None:
        rows = list_tokens(s, args.user)
        print("id\tuser\tstate\tlabel\tcreated\tlast used\texpires")
        for t in rows:
            print(
                f"{t.id}\t{t.user}\t{t.state}\t{t.label or '-'}\t{_when(t.created_at)}\t"
                f"{_when(t.last_used_at)}\t{_when(t.expires_at)}"
            )

    _in_store(work)
    return 0


def cmd_token_add(args: argparse.Namespace) -> int:
    from calmline.store.service import StoreError
    from calmline.store.tokens import new_token
    from calmline.store.users import get_user

    def work(s: Session) -> str:
        user = get_user(s, args.name)
        if user.disabled_at is not None:
            raise StoreError(f"name: {user.name} is disabled")
        return new_token(s, user, label=args.label, expires_days=args.expires_days)

    token = _in_store(work)
    print(f"API token for {args.name} (shown once):")
    print(token)
    return 0


def cmd_token_revoke(args: argparse.Namespace) -> int:
    from calmline.store.tokens import revoke_token

    _in_store(lambda s: revoke_token(s, args.id))
    print(f"token {args.id} revoked")
    return 0


def cmd_token_rotate(args: argparse.Namespace) -> int:
    from calmline.store.tokens import rotate_token

    token = _in_store(lambda s: rotate_token(s, args.id, expires_days=args.expires_days))
    print(f"token {args.id} revoked; its replacement (shown once):")
    print(token)
    return 0


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    roles = ("agent", "supervisor", "admin")
    p = sub.add_parser("user", help="manage users")
    users = p.add_subparsers(dest="user_command", required=True)
    add = users.add_parser("add", help="create a user and print an API token once")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=roles)
    add.add_argument("--password-stdin", action="store_true", help="read a password from stdin")
    add.set_defaults(func=cmd_user_add)
    users.add_parser("list", help="every user, role and state").set_defaults(func=cmd_user_list)
    pw = users.add_parser(
        "password", help="set a web sign-in password (stdin); ends sessions and tokens"
    )
    pw.add_argument("name")
    pw.set_defaults(func=cmd_user_password)
    role = users.add_parser("role", help="change a user's role")
    role.add_argument("name")
    role.add_argument("role", choices=roles)
    role.set_defaults(func=cmd_user_role)
    for verb, func, text in (
        ("disable", cmd_user_disable, "end a user's access (sessions, tokens); keep their name"),
        ("enable", cmd_user_enable, "let a disabled user sign in again"),
        ("delete", cmd_user_delete, "remove a user for good (needs --yes)"),
    ):
        q = users.add_parser(verb, help=text)
        q.add_argument("name")
        if verb == "delete":
            q.add_argument("--yes", action="store_true")
        q.set_defaults(func=func)

    t = sub.add_parser("token", help="manage API tokens")
    tokens = t.add_subparsers(dest="token_command", required=True)
    tl = tokens.add_parser("list", help="every token: state, last use, expiry (never the token)")
    tl.add_argument("--user", help="only this user's tokens")
    tl.set_defaults(func=cmd_token_list)
    ta = tokens.add_parser("add", help="a new token for a user, printed once")
    ta.add_argument("name")
    ta.add_argument("--label", help="what the token is for (e.g. 'zendesk')")
    ta.add_argument("--expires-days", type=_positive, help="expire after N days (default never)")
    ta.set_defaults(func=cmd_token_add)
    tr = tokens.add_parser("revoke", help="end a token now")
    tr.add_argument("id", type=_positive)
    tr.set_defaults(func=cmd_token_revoke)
    tt = tokens.add_parser("rotate", help="replace a token: a new one printed, the old revoked")
    tt.add_argument("id", type=_positive)
    tt.add_argument("--expires-days", type=_positive)
    tt.set_defaults(func=cmd_token_rotate)
