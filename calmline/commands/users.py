"""``calmline user add NAME --role R``: create a user; the API token is printed once.
``calmline user password NAME``: set a web sign-in password (read from stdin)."""

from __future__ import annotations

import argparse
import sys

from calmline.errors import CliError


def cmd_user_add(args: argparse.Namespace) -> int:
    from calmline.store.db import Store
    from calmline.store.service import StoreError
    from calmline.store.users import add_user

    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else None
    store = Store()
    try:
        with store.session() as s:
            user, token = add_user(s, args.name, args.role, password)
            print(f"user {user.name} ({user.role}) created; API token (shown once):")
            print(token)
    except StoreError as exc:
        raise CliError(str(exc)) from None
    finally:
        store.close()
    return 0


def cmd_user_password(args: argparse.Namespace) -> int:
    from calmline.store.db import Store
    from calmline.store.service import StoreError
    from calmline.store.users import set_password

    password = sys.stdin.readline().rstrip("\n")
    store = Store()
    try:
        with store.session() as s:
            user = set_password(s, args.name, password)
            print(f"password of {user.name} ({user.role}) changed")
    except StoreError as exc:
        raise CliError(str(exc)) from None
    finally:
        store.close()
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("user", help="manage users")
    users = p.add_subparsers(dest="user_command", required=True)
    add = users.add_parser("add", help="create a user and print an API token once")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=("agent", "supervisor", "admin"))
    add.add_argument("--password-stdin", action="store_true", help="read a password from stdin")
    add.set_defaults(func=cmd_user_add)
    pw = users.add_parser("password", help="set a user's web sign-in password, read from stdin")
    pw.add_argument("name")
    pw.set_defaults(func=cmd_user_password)
