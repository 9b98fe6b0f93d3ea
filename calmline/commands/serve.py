"""``calmline serve``: the web app and the API on the embedded default (or PostgreSQL).

On a first run with no users it creates an ``admin`` and prints the password once; with
``--demo`` an empty store gets the demo cases and their users (``make run`` passes it).
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from calmline.errors import CliError

if TYPE_CHECKING:
    from calmline.protocol.policy import Policy
    from calmline.store.db import Store


def _sign_in_line(name: str, role: str, password: str) -> str:
    return f"  {f'{name} ({role})':<20}password: {password}"


def first_run(store: Store, policy: Policy, demo: bool) -> list[str]:
    """Create the first admin and, with ``demo``, the demo cases in the app's own store;
    returns the sign-ins to print."""
    from sqlalchemy import func, select

    from calmline.store.demo import load_demo
    from calmline.store.models import Case, User
    from calmline.store.users import add_user

    lines: list[str] = []
    with store.session() as s:
        if not s.scalar(select(func.count()).select_from(User)):
            password = secrets.token_urlsafe(12)
            add_user(s, "admin", "admin", password)
            lines.append(_sign_in_line("admin", "admin", password))
    if demo:
        with store.session() as s:
            if not s.scalar(select(func.count()).select_from(Case)):
                lines += [_sign_in_line(*created) for created in load_demo(s, policy)]
    return lines


def run_serve(host: str, port: int, demo: bool = False) -> int:
    import uvicorn

    from calmline.api.app import create_app
    from calmline.protocol.policy import PolicyError

    try:
        app = create_app()
    except PolicyError as exc:
        raise CliError(str(exc)) from None
    created = first_run(app.state.store, app.state.policy, demo)
    if created:
        print("calmline: first run — sign in with (shown once, keep them safe):", flush=True)
        for line in created:
            print(line, flush=True)
    print(f"calmline: open http://{host}:{port}/ (API docs at /docs)", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="info")
    return 0
