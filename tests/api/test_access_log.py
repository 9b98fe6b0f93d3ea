"""Issue 13, privacy: the server's access log recorded search terms and query-string
tokens. It keeps the method, path and status only; no customer text, no token."""

from __future__ import annotations

import time
from pathlib import Path

from tests.api.conftest import as_user


def test_the_access_log_keeps_no_query_string_token_or_text(
    server: str, data_dir: Path, tokens: dict[str, str]
) -> None:
    with as_user(server, tokens["sue"]) as c:
        case = c.post("/api/cases", json={"channel": "email", "subject": "Lekkage"}).json()
        c.post(
            f"/api/cases/{case['id']}/messages",
            json={"role": "customer", "text": "Mijn buurman Zwartewaterkoker belde over lekkage"},
        )
        assert c.get("/api/search", params={"q": "Zwartewaterkoker"}).status_code == 200
        c.get("/api/cases", params={"token": "cl_leaked-in-a-query"})
    log = data_dir / "server.log"
    for _ in range(50):  # the access line is written after the answer
        text = log.read_text("utf-8", errors="replace")
        if "GET /api/search " in text:
            break
        time.sleep(0.1)
    assert "GET /api/search HTTP/1.1" in text and "200" in text
    assert "Zwartewaterkoker" not in text
    assert "cl_leaked" not in text and tokens["sue"] not in text
