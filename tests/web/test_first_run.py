"""A first ``calmline serve`` on an empty store creates an admin and writes the password
once to a file only its owner can read (never to stdout: service logs keep stdout), and that
password signs in; the second start writes none."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.api.conftest import start_server
from tests.web.test_security import sign_in


def test_first_run_prints_an_admin_that_can_sign_in(tmp_path: Path) -> None:
    proc, base = start_server(tmp_path)
    try:
        log = (tmp_path / "server.log").read_text()
        assert "password: " not in log  # not in the service's log
        sign_ins = tmp_path / "first-run-sign-ins.txt"
        assert str(sign_ins.resolve()) in log
        assert stat.S_IMODE(sign_ins.stat().st_mode) == 0o600
        found = re.search(r"admin \(admin\)\s+password: (\S+)", sign_ins.read_text())
        assert found is not None
        client, csrf = sign_in(base, "admin", found.group(1))
        page = client.get("/settings")  # admins reach the supervisor pages
        assert page.status_code == 200 and 'name="response_time.chat"' in page.text
        page = client.get("/settings/toml")  # and the whole policy as TOML
        assert page.status_code == 200 and "[response_time]" in page.text
        assert client.get("/").status_code == 200
        assert "Inbox" in client.get("/").text and csrf
        # the printed password is replaced from the command line; the old one stops working
        env = {**os.environ, "CALMLINE_DATA_DIR": str(tmp_path)}
        cli = [sys.executable, "-m", "calmline.cli", "user", "password"]

        def change(name: str, password: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [*cli, name], input=password + "\n", capture_output=True, text=True, env=env
            )

        short = change("admin", "short")
        assert short.returncode == 2 and "password: at least 12" in short.stderr
        common = change("admin", "Wachtwoord123")
        assert common.returncode == 2 and "too easy to guess" in common.stderr
        assert "Traceback" not in short.stderr and len(short.stderr.strip().splitlines()) == 1
        assert change("nobody", "long-enough-pass-1").returncode == 2
        assert change("admin", "a-new-admin-pass").returncode == 0
        sign_in(base, "admin", "a-new-admin-pass")
        with pytest.raises(AssertionError):
            sign_in(base, "admin", found.group(1))
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    proc, base = start_server(tmp_path)
    try:
        log = (tmp_path / "server.log").read_text()
        assert log.count("first run") == 1  # written once, never again
    finally:
        proc.terminate()
        proc.wait(timeout=20)
