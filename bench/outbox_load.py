"""Load of the write-back path (issue 14): webhooks in, notes out, through the outbox.

    python bench/outbox_load.py [--rate 100] [--seconds 60] [--tickets 200]
                                [--delay 0.2] [--only sqlite|postgresql]

Starts ``calmline serve`` with a policy that connects Zendesk, and a local server that
speaks Zendesk's API and answers every call after ``--delay`` seconds (a slow helpdesk).
Sends signed Zendesk webhooks at ``--rate`` per second (open loop, each on its own thread
from a pool) for ``--seconds``, spread over ``--tickets`` tickets, then waits until the
outbox is empty. Reports what the server accepted, how fast, how long the outbox took to
drain, whether every acknowledged message is stored, and whether each ticket's notes
arrived in the order of its messages (the marker names the message).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import json
import os
import re
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.helpdesks.fakes import FakeHelpdesk  # noqa: E402

SECRET = "bench-zendesk"
TEXTS = [
    "Dit is de derde keer dat ik schrijf, bestelling {n} is nog steeds niet geleverd!",
    "Ich warte seit zwei Wochen auf meine Erstattung für Bestellung {n}. Unmöglich!",
    "Zamówienie {n} wciąż nie dotarło, jestem bardzo zdenerwowany.",
    "My order {n} arrived broken and nobody answers my emails. I want a refund now!",
]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _payload(i: int, ticket: int) -> bytes:
    return json.dumps({
        "type": "zen:event-type:ticket.comment_added",
        "detail": {"id": str(ticket), "subject": f"Ticket {ticket}", "status": "OPEN"},
        "event": {"comment": {
            "id": f"c{i:07d}", "body": TEXTS[i % len(TEXTS)].format(n=50000 + ticket),
            "is_public": True, "author": {"id": "9", "is_staff": False, "name": "Bench"},
        }},
        "time": datetime.now(UTC).isoformat(),
    }).encode()


def _signed(body: bytes) -> dict[str, str]:
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    mac = base64.b64encode(hmac.new(SECRET.encode(), stamp.encode() + body, hashlib.sha256).digest())
    return {
        "X-Zendesk-Webhook-Signature": mac.decode(),
        "X-Zendesk-Webhook-Signature-Timestamp": stamp,
        "Content-Type": "application/json",
    }


def run(db: str, rate: float, seconds: float, tickets: int, delay: float) -> dict[str, Any]:
    data = Path(tempfile.mkdtemp(prefix="calmline-outbox-"))
    env = {**os.environ, "CALMLINE_DATA_DIR": str(data), "OMP_NUM_THREADS": "2",
           "CALMLINE_WEBHOOK_SECRETS": json.dumps({"zendesk": SECRET}),
           "CALMLINE_OUTBOX_POLL": "0.2", "CALMLINE_OUTBOX_PARALLEL": "16",
           "CALMLINE_BENCH_ZD_EMAIL": "bot@example.com", "CALMLINE_BENCH_ZD_TOKEN": "t"}
    pg = None
    if db == "postgresql":
        from tests.store.postgres import TempPostgres, available

        reason = available()
        if reason:
            return {"db": db, "skipped": reason}
        root = Path(tempfile.mkdtemp(prefix="calmline-pg-outbox-"))
        root.chmod(0o755)
        pg = TempPostgres(root)
        env["CALMLINE_DATABASE_URL"] = pg.start()
    fake = FakeHelpdesk("zendesk", {"email": "bot@example.com", "token": "t"},
                        known_tickets=tuple(str(t) for t in range(1, tickets + 1)))
    fake.start()
    fake.delay = delay
    policy = data / "calmline.toml"
    default = ROOT / "calmline" / "protocol" / "default_policy.toml"
    policy.write_text(default.read_text("utf-8") + (
        f'\n[helpdesks.zendesk]\nbase_url = "{fake.url}"\n'
        'credentials = { email = "CALMLINE_BENCH_ZD_EMAIL", token = "CALMLINE_BENCH_ZD_TOKEN" }\n'
    ), "utf-8")
    env["CALMLINE_POLICY"] = str(policy)
    port = _port()
    import subprocess

    server = subprocess.Popen([sys.executable, "-m", "calmline.cli", "serve", "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if httpx.get(f"{base}/openapi.json", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        client = httpx.Client(timeout=120, limits=httpx.Limits(max_connections=256))
        results: list[tuple[int, int, float]] = []  # (message number, status, seconds)
        lock = threading.Lock()

        def send(i: int) -> None:
            body = _payload(i, 1 + i % tickets)
            t0 = time.perf_counter()
            try:
                status = client.post(f"{base}/api/webhooks/zendesk", content=body,
                                     headers=_signed(body)).status_code
            except httpx.HTTPError:
                status = 599
            with lock:
                results.append((i, status, time.perf_counter() - t0))

        total = int(rate * seconds)
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=256) as pool:
            for i in range(total):
                target = started + i / rate
                pause = target - time.perf_counter()
                if pause > 0:
                    time.sleep(pause)
                pool.submit(send, i)
        sent_for = time.perf_counter() - started
        answered = time.perf_counter()
        acked = sorted(i for i, status, _ in results if 200 <= status < 300)
        drained = None
        for _ in range(3000):  # at most 10 min
            time.sleep(0.2)
            with fake._lock:
                notes = sum(len(v) for v in fake.notes.values())
            if notes >= len(acked):
                drained = time.perf_counter() - answered
                break
        order_ok = True
        for ticket, notes in fake.notes.items():
            ids = [int(m.group(1)) for n in notes if (m := re.search(r":c(\d{7})\]", n))]
            if ids != sorted(ids):
                order_ok = False
        latencies = sorted(s for _, status, s in results if status < 599)
        with fake._lock:
            note_count = sum(len(v) for v in fake.notes.values())
            distinct = {m.group(1) for v in fake.notes.values() for n in v
                        if (m := re.search(r":c(\d{7})\]", n))}
        return {
            "db": db, "offered_per_s": rate, "seconds": seconds, "sent": total,
            "sending_took_s": round(sent_for, 1),
            "acknowledged": len(acked),
            "5xx": sum(500 <= s < 599 for _, s, _ in results),
            "no_answer": sum(s == 599 for _, s, _ in results),
            "accepted_per_s": round(len(acked) / max(answered - started, 1e-9), 1),
            "p50_ms": round(1000 * statistics.median(latencies), 1) if latencies else None,
            "p99_ms": round(1000 * latencies[int(0.99 * (len(latencies) - 1))], 1)
            if latencies else None,
            "notes_written": note_count, "distinct_notes": len(distinct),
            "lost": len(acked) - len(distinct & {f"{i:07d}" for i in acked}),
            "drained_after_s": None if drained is None else round(drained, 1),
            "notes_in_order_per_ticket": order_ok,
        }
    finally:
        server.terminate()
        server.wait(timeout=60)
        fake.stop()
        if pg is not None:
            pg.stop()
        shutil.rmtree(data, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--tickets", type=int, default=200)
    parser.add_argument("--delay", type=float, default=0.2)
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; one server process; helpdesk answers after {args.delay} s",
          flush=True)
    for db in ("sqlite", "postgresql"):
        if args.only in (None, db):
            print(json.dumps(run(db, args.rate, args.seconds, args.tickets, args.delay)),
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
