"""A server killed hard (SIGKILL) in the middle of a stream of message posts loses none of
the messages whose POST it had answered with 2xx."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import httpx

from tests.api.conftest import start_server


def test_no_acknowledged_message_is_lost_when_the_server_is_killed(tmp_path: Path) -> None:
    env = {**os.environ, "CALMLINE_DATA_DIR": str(tmp_path)}
    add = subprocess.run(
        [sys.executable, "-m", "calmline.cli", "user", "add", "kim", "--role", "admin"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    headers = {"Authorization": f"Bearer {add.stdout.strip().splitlines()[-1]}"}
    proc, base = start_server(tmp_path)
    acknowledged: list[str] = []
    errors: list[str] = []
    with httpx.Client(base_url=base, headers=headers, timeout=30) as c:
        case_id = c.post("/api/cases", json={}).json()["id"]

    def stream() -> None:
        with httpx.Client(base_url=base, headers=headers, timeout=30) as c:
            for i in range(10_000):
                text = f"Message {i}: where is my parcel?"
                try:
                    r = c.post(
                        f"/api/cases/{case_id}/messages", json={"role": "customer", "text": text}
                    )
                except httpx.TransportError as exc:
                    errors.append(type(exc).__name__)
                    return
                if r.status_code in (200, 201):
                    acknowledged.append(text)

    worker = threading.Thread(target=stream)
    worker.start()
    while len(acknowledged) < 40 and worker.is_alive():
        threading.Event().wait(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=20)
    worker.join(timeout=60)
    assert errors, "the stream should have been cut by the kill"
    assert len(acknowledged) >= 40

    proc, base = start_server(tmp_path)
    try:
        with httpx.Client(base_url=base, headers=headers, timeout=30) as c:
            stored = {m["text"] for m in c.get(f"/api/cases/{case_id}").json()["messages"]}
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    missing = [t for t in acknowledged if t not in stored]
    assert not missing, f"{len(missing)} acknowledged messages lost, e.g. {missing[:3]}"
