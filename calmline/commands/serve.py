"""``calmline serve``: the web app and the API on the embedded default (or PostgreSQL).

On a first run with no users it creates an ``admin`` and writes the password once to a
file only its owner can read (``<data dir>/first-run-sign-ins.txt``), never to stdout; with
``--demo`` an empty store gets the demo cases and their users (``make run`` passes it).
"""

from __future__ import annotations

import copy
import logging
import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Any

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


SIGN_INS = "first-run-sign-ins.txt"


def write_sign_ins(data_dir: Path, lines: list[str]) -> Path:
    """The first run's passwords, in a file only its owner can read — never on stdout,
    where a service manager would keep them in its logs."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / SIGN_INS
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write("calmline: first sign-ins (change these passwords, then delete this file)\n")
        f.write("\n".join(lines) + "\n")
    os.chmod(path, 0o600)  # also when the file existed with other rights
    return path.resolve()


def log_config() -> dict[str, Any]:
    """Uvicorn's logging, plus calmline's own loggers (the daily retention's counts, refused
    webhooks) through the same handler: without it their INFO lines would go nowhere."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["calmline"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    config.setdefault("filters", {})["no_query"] = {"()": NoQueryStrings}
    config["handlers"]["access"]["filters"] = ["no_query"]
    return config


class NoQueryStrings(logging.Filter):
    """The access log keeps the method, path and status, never the query string: a search
    term is customer text, and a client may put a token there. (Headers, bodies and
    customer texts are never logged at all.)"""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5 and isinstance(args[2], str):
            record.args = (args[0], args[1], args[2].split("?", 1)[0], args[3], args[4])
        return True


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
        path = write_sign_ins(app.state.store.settings.data_dir, created)
        print(
            f"calmline: first run — the sign-ins are in {path} (readable only by you;"
            " delete it once the passwords are changed)",
            flush=True,
        )
    print(f"calmline: open http://{host}:{port}/ (API docs at /docs)", flush=True)
    # X-Forwarded-For is believed only from the proxies an administrator names: uvicorn's
    # default trusts loopback, which lets any local client pose as another address and
    # dodge the per-address sign-in limit
    proxies = app.state.settings.trusted_proxies
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="info",
        log_config=log_config(),
        proxy_headers=bool(proxies),
        forwarded_allow_ips=",".join(proxies) if proxies else "",
    )
    return 0
