"""A real HTTP server: ``calmline serve`` in a subprocess on a free loopback port."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

WEBHOOK_SECRETS = {
    "generic": "g-secret",
    "zendesk": "z-secret",
    "chatwoot": "c-secret",
    "freshdesk": "f-secret",
    "zammad": "zm-secret",
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("api-data")


@pytest.fixture(scope="session")
def tokens(data_dir: Path) -> dict[str, str]:
    """API tokens printed once by ``calmline user add``: two agents, a supervisor and an
    admin."""
    env = {**os.environ, "CALMLINE_DATA_DIR": str(data_dir)}
    out = {}
    users = (("ann", "agent"), ("ben", "agent"), ("sue", "supervisor"), ("ada", "admin"))
    for name, role in users:
        proc = subprocess.run(
            [sys.executable, "-m", "calmline.cli", "user", "add", name, "--role", role],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=True,
        )
        out[name] = proc.stdout.strip().splitlines()[-1]
    return out


def start_server(
    data: Path, port: int | None = None, *args: str
) -> tuple[subprocess.Popen[bytes], str]:
    """``calmline serve [args]`` on ``data``; returns once it answers."""
    port = port or _free_port()
    env = {
        **os.environ,
        "CALMLINE_DATA_DIR": str(data),
        "CALMLINE_BODY_LIMIT": "200000",
        "CALMLINE_WEBHOOK_SECRETS": json.dumps(WEBHOOK_SECRETS),
    }
    log = Path(data) / "server.log"
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "calmline.cli", "serve", "--port", str(port), *args],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(f"{base}/openapi.json", timeout=1).status_code == 200:
                return proc, base
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"server did not start: {log.read_text()}")


@pytest.fixture(scope="session")
def server(data_dir: Path, tokens: dict[str, str]) -> Iterator[str]:
    proc, base = start_server(data_dir)
    try:
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture
def client(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=60) as c:
        yield c


def as_user(server: str, token: str) -> httpx.Client:
    return httpx.Client(base_url=server, timeout=60, headers={"Authorization": f"Bearer {token}"})
