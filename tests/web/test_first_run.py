"""A first ``calmline serve`` on an empty store creates an admin, prints the password once,
and that password signs in; the second start prints none."""

from __future__ import annotations

import re
from pathlib import Path

from tests.api.conftest import start_server
from tests.web.test_security import sign_in


def test_first_run_prints_an_admin_that_can_sign_in(tmp_path: Path) -> None:
    proc, base = start_server(tmp_path)
    try:
        log = (tmp_path / "server.log").read_text()
        found = re.search(r"admin \(admin\)\s+password: (\S+)", log)
        assert found is not None, log
        client, csrf = sign_in(base, "admin", found.group(1))
        page = client.get("/settings")  # admins reach the supervisor pages
        assert page.status_code == 200 and "[response_time]" in page.text
        assert client.get("/").status_code == 200
        assert "Inbox" in client.get("/").text and csrf
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    proc, base = start_server(tmp_path)
    try:
        log = (tmp_path / "server.log").read_text()
        assert len(re.findall(r"password: ", log)) == 1  # shown once, never again
    finally:
        proc.terminate()
        proc.wait(timeout=20)
