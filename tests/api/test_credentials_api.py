"""Issue 13 over real HTTP: a token revoked, rotated or whose user is disabled by the
CLI stops working at the server's next request; a database locked by another process
(an import) answers writes with 503 and Retry-After while reads go on."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.api.conftest import as_user, start_server


def cli(data: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "calmline.cli", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env={**os.environ, "CALMLINE_DATA_DIR": str(data)},
        timeout=120,
    )


@pytest.fixture
def own_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, str]]:
    monkeypatch.setenv("CALMLINE_BUSY_SECONDS", "1")
    data = tmp_path / "data"
    assert cli(data, "user", "add", "root", "--role", "admin").returncode == 0
    proc, base = start_server(data)
    try:
        yield data, base
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _token(data: Path, *args: str) -> str:
    out = cli(data, *args)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip().splitlines()[-1]


def _status(base: str, token: str) -> int:
    with as_user(base, token) as c:
        return c.get("/api/cases").status_code


def test_revoke_rotate_and_disable_take_effect_at_once(own_server: tuple[Path, str]) -> None:
    data, base = own_server
    kim = _token(data, "user", "add", "kim", "--role", "agent")
    extra = _token(data, "token", "add", "kim", "--label", "zendesk", "--expires-days", "30")
    assert _status(base, kim) == _status(base, extra) == 200
    listing = cli(data, "token", "list", "--user", "kim").stdout
    assert "zendesk" in listing and kim not in listing and extra not in listing
    extra_id = next(line.split("\t")[0] for line in listing.splitlines() if "zendesk" in line)

    rotated = _token(data, "token", "rotate", extra_id)
    assert _status(base, extra) == 401 and _status(base, rotated) == 200
    with as_user(base, extra) as c:
        r = c.get("/api/cases")
    assert r.json()["detail"][0] == {
        "field": "request",
        "message": "unknown, expired or revoked token",
    }

    out = cli(data, "user", "disable", "kim")
    assert out.returncode == 0 and "2 API token(s) revoked" in out.stdout
    assert _status(base, kim) == _status(base, rotated) == 401
    assert cli(data, "user", "enable", "kim").returncode == 0
    assert _status(base, kim) == 401  # enabling brings no old token back
    assert _status(base, _token(data, "token", "add", "kim")) == 200


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("user", "delete", "kim"), "add --yes"),
        (("user", "disable", "root"), "last active admin"),
        (("user", "role", "nobody", "agent"), "name: no user"),
        (("token", "revoke", "999"), "token: no token 999"),
        (("token", "add", "kim", "--expires-days", "0"), "must be 1 or more"),
        (("user", "password", "kim"), "password: at least 12"),
    ],
)
def test_credential_commands_refuse_clearly(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    data = tmp_path / "data"
    cli(data, "user", "add", "root", "--role", "admin")
    cli(data, "user", "add", "kim", "--role", "agent")
    out = cli(data, *args, stdin="short\n")
    assert out.returncode == 2, out
    assert message in out.stderr and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_a_locked_database_is_a_503_for_writes_and_no_wait_for_reads(
    own_server: tuple[Path, str],
) -> None:
    data, base = own_server
    token = _token(data, "user", "add", "lou", "--role", "supervisor")
    with as_user(base, token) as c:
        case = c.post("/api/cases", json={"channel": "email", "subject": "Lekkage"}).json()
        other = sqlite3.connect(data / "calmline.db", isolation_level=None, timeout=5)
        other.execute("BEGIN IMMEDIATE")  # another process (an import) holds the write lock
        try:
            r = c.post(
                f"/api/cases/{case['id']}/messages",
                json={"role": "customer", "text": "Er lekt water uit de vaatwasser!"},
            )
            assert r.status_code == 503, r.text
            assert r.headers["retry-after"] == "2"
            assert r.json()["detail"][0]["field"] == "database"
            assert c.get(f"/api/cases/{case['id']}").status_code == 200  # reads go on
        finally:
            other.execute("ROLLBACK")
            other.close()
        r = c.post(
            f"/api/cases/{case['id']}/messages",
            json={"role": "customer", "text": "Er lekt water uit de vaatwasser!"},
        )
        assert r.status_code == 201
        assert len(c.get(f"/api/cases/{case['id']}").json()["messages"]) == 1


def test_a_token_lookup_writes_nothing_while_another_process_writes(
    own_server: tuple[Path, str],
) -> None:
    """The lookup used to write the token's last use in the request's transaction, so an
    import made every request wait and then fail with "database is locked"."""
    data, base = own_server
    token = _token(data, "user", "add", "max", "--role", "agent")
    assert _status(base, token) == 200  # the first use is recorded now
    other = sqlite3.connect(data / "calmline.db", isolation_level=None, timeout=5)
    other.execute("BEGIN IMMEDIATE")
    try:
        with httpx.Client(base_url=base, timeout=5) as c:
            r = c.get("/api/cases", headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 200
    finally:
        other.execute("ROLLBACK")
        other.close()
