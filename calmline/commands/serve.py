"""``calmline serve``: the web app and the API on the embedded default (or PostgreSQL).

On a first run with no users it creates an ``admin`` and prints the password once; with
``--demo`` an empty store gets the demo cases and their users (``make run`` passes it).
"""

from __future__ import annotations

import secrets

from calmline.errors import CliError


def first_run(demo: bool) -> list[str]:
    """Create the first admin and, with ``demo``, the demo cases; returns what to print."""
    from sqlalchemy import func, select

    from calmline.protocol.policy import load_policy
    from calmline.settings import Settings
    from calmline.store.config import effective_policy
    from calmline.store.db import Store
    from calmline.store.demo import load_demo
    from calmline.store.models import Case, User
    from calmline.store.users import add_user

    settings = Settings()
    load_policy(settings.policy)
    store = Store(settings)
    lines: list[str] = []
    try:
        with store.session() as s:
            if not s.scalar(select(func.count()).select_from(User)):
                password = secrets.token_urlsafe(12)
                add_user(s, "admin", "admin", password)
                lines.append(f"  {'admin (admin)':<20}password: {password}")
        if demo:
            with store.session() as s:
                empty = not s.scalar(select(func.count()).select_from(Case))
                if empty:
                    policy, _ = effective_policy(s, settings.policy)
                    for name, role, password in load_demo(s, policy):
                        lines.append(
                            f"  {name} ({role}){' ' * (12 - len(name + role))}password: {password}"
                        )
    finally:
        store.close()
    return lines


def run_serve(host: str, port: int, demo: bool = False) -> int:
    import uvicorn

    from calmline.api.app import create_app
    from calmline.protocol.policy import PolicyError

    try:
        created = first_run(demo)
        app = create_app()
    except PolicyError as exc:
        raise CliError(str(exc)) from None
    if created:
        print("calmline: first run — sign in with (shown once, keep them safe):", flush=True)
        for line in created:
            print(line, flush=True)
    print(f"calmline: open http://{host}:{port}/ (API docs at /docs)", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="info")
    return 0
