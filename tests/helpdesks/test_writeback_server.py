"""Issue 14 end to end: a signed Chatwoot webhook reaches a real ``calmline serve``; the
server's own outbox worker writes the private note to a local server
that speaks Chatwoot's API — once, even when the webhook is delivered again; the outbox is
visible to ``calmline outbox list``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from calmline.protocol.policy import default_path
from tests.api.conftest import start_server
from tests.api.test_webhooks import _signed
from tests.helpdesks.fakes import FakeHelpdesk


def test_a_webhook_is_written_back_by_the_server_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with FakeHelpdesk("chatwoot", {"token": "cw-token"}, known_tickets=("318",)) as fake:
        policy = tmp_path / "calmline.toml"
        policy.write_text(
            default_path().read_text("utf-8")
            + f'\n[helpdesks.chatwoot]\nbase_url = "{fake.url}"\naccount = "1"\n'
            'credentials = { token = "CALMLINE_TEST_CHATWOOT_TOKEN" }\n',
            "utf-8",
        )
        monkeypatch.setenv("CALMLINE_POLICY", str(policy))
        monkeypatch.setenv("CALMLINE_TEST_CHATWOOT_TOKEN", "cw-token")
        monkeypatch.setenv("CALMLINE_OUTBOX_POLL", "0.2")
        data = tmp_path / "data"
        data.mkdir()
        proc, base = start_server(data)
        try:
            sample = Path(__file__).parent.parent / "data" / "webhooks" / "chatwoot.json"
            body = sample.read_bytes()
            for _ in range(2):  # Chatwoot retries: the second delivery is a duplicate
                r = httpx.post(
                    f"{base}/api/webhooks/chatwoot", content=body, headers=_signed("chatwoot", body)
                )
                assert r.status_code == 200, r.text
            for _ in range(100):
                if fake.notes["318"]:
                    break
                time.sleep(0.1)
            time.sleep(1.0)  # a second note would have come by now
            assert len(fake.notes["318"]) == 1
            assert fake.notes["318"][0].startswith("calmline — heat")
            assert fake.public["318"] == []
            out = subprocess.run(
                [sys.executable, "-m", "calmline.cli", "outbox", "list", "--json"],
                capture_output=True,
                text=True,
                env={**os.environ, "CALMLINE_DATA_DIR": str(data)},
                timeout=60,
                check=True,
            )
            listed = json.loads(out.stdout)
            assert {i["status"] for i in listed["items"]} == {"delivered"}
            assert listed["counts"]["delivered"] == len(listed["items"])
        finally:
            proc.terminate()
            proc.wait(timeout=20)
