"""Concurrency and crash bench of the case store (issue 13), against real servers.

    python bench/concurrency.py [--seconds 25] [--clients 20] [--import-rows 3000]
                                [--only sqlite|postgresql]

1. SQLite: ``calmline import`` of a JSONL export runs in its own process while 20 clients
   post customer messages to one case through the API; then the same again with the
   server killed (SIGKILL) half-way and restarted. Reported: requests, p50/p99, 5xx, and
   acknowledged (201) messages missing from the database afterwards.
2. PostgreSQL (Debian's binaries, a throw-away cluster): 50 concurrent webhook deliveries
   to one new thread and 20 concurrent duplicates of one delivery — every answer 2xx and
   exactly the distinct messages stored; then 50 deliveries with the server killed
   half-way, the unanswered ones delivered again after the restart (as a helpdesk retries).

Only loopback traffic and temporary directories; every loop is bounded in time.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import http.client
import json
import os
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from pathlib import Path
from typing import Any

SECRET = "bench-secret"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _texts() -> list[str]:
    path = resources.files("calmline.examples").joinpath("messages.jsonl")
    return [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines() if line]


def _cli(env: dict[str, str], *args: str) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "calmline.cli", *args],
        capture_output=True, text=True, env=env, check=True, timeout=300,
    )
    return out.stdout


class Server:
    """``calmline serve`` in a subprocess; ``kill()`` is SIGKILL, ``start()`` again after."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env, self.port = env, _port()
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "calmline.cli", "serve", "--port", str(self.port)],
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        for _ in range(600):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/openapi.json")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("server did not start")

    def kill(self) -> None:
        if self.proc is not None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)


def _request(port: int, method: str, path: str, body: bytes, headers: dict[str, str]) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body, {"Content-Type": "application/json", **headers})
        resp = conn.getresponse()
        resp.read()
        return resp.status
    except OSError:
        return 599  # no answer: the server was killed (not acknowledged)
    finally:
        conn.close()


def _summary(latencies: list[float], statuses: list[int]) -> dict[str, Any]:
    ordered = sorted(latencies) or [0.0]
    return {
        "requests": len(statuses),
        "p50_ms": round(statistics.median(ordered), 1),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))], 1),
        "5xx": sum(500 <= s < 599 for s in statuses),
        "no_answer": statuses.count(599),
        "acknowledged": statuses.count(201),
    }


def _import_file(path: Path, rows: int) -> None:
    texts = _texts()
    with path.open("w", encoding="utf-8") as f:
        for i in range(rows):
            f.write(json.dumps({
                "ticket": f"IMP-{i // 5}", "message_id": f"imp-{i}", "role": "customer",
                "text": f"{texts[i % len(texts)]} (import {i})", "email": f"c{i // 5}@example.org",
            }) + "\n")


def sqlite_round(
    seconds: float, clients: int, rows: int, kill: bool, nice: int = 0
) -> dict[str, Any]:
    data = Path(tempfile.mkdtemp(prefix="calmline-conc-"))
    env = {**os.environ, "CALMLINE_DATA_DIR": str(data), "OMP_NUM_THREADS": "2"}
    token = _cli(env, "user", "add", "bench", "--role", "admin").strip().splitlines()[-1]
    auth = {"Authorization": f"Bearer {token}"}
    server = Server(env)
    server.start()
    try:
        status = 0
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        conn.request("POST", "/api/cases", b'{"subject": "bench"}',
                     {"Content-Type": "application/json", **auth})
        case_id = json.loads(conn.getresponse().read())["id"]
        conn.close()
        for text in _texts()[:10]:  # warm-up: encoder, lexicons, policy
            _request(server.port, "POST", "/api/analyze", json.dumps({"text": text}).encode(), auth)
        export = data / "export.jsonl"
        _import_file(export, rows)
        importer = subprocess.Popen(
            [sys.executable, "-m", "calmline.cli", "import", str(export)]
            + (["--nice", str(nice)] if nice >= 0 else []),  # -1: a calmline without --nice
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        texts = _texts()
        lock = threading.Lock()
        latencies: list[float] = []
        statuses: list[int] = []
        acknowledged: list[str] = []
        stop = time.perf_counter() + seconds

        def client(k: int) -> None:
            i = k
            while time.perf_counter() < stop:
                text = f"{texts[i % len(texts)]} (client {k}, #{i})"
                t0 = time.perf_counter()
                status = _request(server.port, "POST", f"/api/cases/{case_id}/messages",
                                  json.dumps({"role": "customer", "text": text}).encode(), auth)
                took = (time.perf_counter() - t0) * 1000
                with lock:
                    statuses.append(status)
                    if status != 599:
                        latencies.append(took)
                    if status == 201:
                        acknowledged.append(text)
                if status == 599:
                    time.sleep(0.2)  # the server is restarting
                i += clients

        threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
        for t in threads:
            t.start()
        if kill:
            time.sleep(seconds / 2)
            server.kill()
            server.start()
        for t in threads:
            t.join()
        import_running_at_end = importer.poll() is None
        out, err = importer.communicate(timeout=600)
        server.stop()
        db = sqlite3.connect(data / "calmline.db")
        stored = {r[0] for r in db.execute("SELECT text FROM messages WHERE case_id=?", (case_id,))}
        imported = db.execute("SELECT count(*) FROM messages WHERE source LIKE 'jsonl:%'").fetchone()[0]
        db.close()
        return {
            "scenario": f"sqlite, {clients} clients on one case + import of {rows} rows"
            + (f" (nice {nice})" if nice > 0 else "")
            + (", server SIGKILLed half-way" if kill else ""),
            **_summary(latencies, statuses),
            "lost": len(set(acknowledged) - stored),
            "import_exit": importer.returncode,
            "import_error": next(
                (line for line in reversed(err.splitlines()) if "Error" in line), ""
            )[:300],
            "imported": f"{imported}/{rows}",
            "import_outlasted_clients": import_running_at_end,
        }
    finally:
        server.stop()


def _signed(body: dict[str, Any]) -> tuple[bytes, dict[str, str]]:
    raw = json.dumps(body).encode()
    mac = hmac.new(SECRET.encode(), raw, hashlib.sha256).hexdigest()
    return raw, {"X-Calmline-Signature": f"sha256={mac}"}


def _delivery(thread: str, i: int) -> dict[str, Any]:
    return {
        "thread": thread, "message_id": f"{thread}-m{i}", "role": "customer",
        "text": f"Bestelling {thread} is nog steeds niet binnen (bericht {i}).",
        "channel": "email", "subject": "Levering",
        "customer": {"name": "Bench", "email": f"{thread}@example.nl"},
    }


def _deliver_all(port: int, bodies: list[dict[str, Any]]) -> list[int]:
    def one(body: dict[str, Any]) -> int:
        raw, headers = _signed(body)
        return _request(port, "POST", "/api/webhooks/generic", raw, headers)

    with ThreadPoolExecutor(max_workers=len(bodies)) as pool:
        return list(pool.map(one, bodies))


def postgresql_round(deliveries: int, duplicates: int) -> list[dict[str, Any]]:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from sqlalchemy import create_engine, text

    from tests.store.postgres import TempPostgres, available

    reason = available()
    if reason is not None:
        return [{"scenario": "postgresql", "skipped": reason}]
    root = Path(tempfile.mkdtemp(prefix="calmline-pg-bench-"))
    root.chmod(0o755)
    pg = TempPostgres(root)
    url = pg.start()
    results: list[dict[str, Any]] = []
    try:
        data = Path(tempfile.mkdtemp(prefix="calmline-conc-pg-"))
        env = {
            **os.environ, "CALMLINE_DATA_DIR": str(data), "CALMLINE_DATABASE_URL": url,
            "CALMLINE_WEBHOOK_SECRETS": json.dumps({"generic": SECRET}), "OMP_NUM_THREADS": "2",
        }
        _cli(env, "user", "add", "bench", "--role", "admin")
        server = Server(env)
        server.start()
        engine = create_engine(url)

        def count(thread: str) -> int:
            with engine.connect() as conn:
                return int(conn.execute(text(
                    "SELECT count(*) FROM messages WHERE external_id LIKE :p"), {"p": f"{thread}-%"}
                ).scalar_one())

        try:
            _deliver_all(server.port, [_delivery("warm", 0)])
            t0 = time.perf_counter()
            codes = _deliver_all(server.port, [_delivery("new1", i) for i in range(deliveries)])
            results.append({
                "scenario": f"postgresql, {deliveries} concurrent deliveries to one new thread",
                "all_2xx": all(200 <= c < 300 for c in codes), "codes": sorted(set(codes)),
                "stored": count("new1"), "expected": deliveries,
                "seconds": round(time.perf_counter() - t0, 2),
            })
            codes = _deliver_all(server.port, [_delivery("dup1", 0)] * duplicates)
            results.append({
                "scenario": f"postgresql, {duplicates} concurrent duplicates of one delivery",
                "all_2xx": all(200 <= c < 300 for c in codes), "codes": sorted(set(codes)),
                "stored": count("dup1"), "expected": 1,
            })
            bodies = [_delivery("kill1", i) for i in range(deliveries)]
            killer = threading.Timer(0.5, server.kill)
            killer.start()
            codes = _deliver_all(server.port, bodies)
            killer.join()
            acked = [b for b, c in zip(bodies, codes, strict=True) if 200 <= c < 300]
            server.start()
            stored_after_crash = count("kill1")
            retry = [b for b, c in zip(bodies, codes, strict=True) if not 200 <= c < 300]
            again = _deliver_all(server.port, retry) if retry else []
            results.append({
                "scenario": f"postgresql, {deliveries} deliveries, server SIGKILLed during them",
                "acknowledged_before_kill": len(acked),
                "stored_after_restart": stored_after_crash,
                "lost": max(0, len(acked) - stored_after_crash),
                "redelivered": len(retry),
                "redelivery_all_2xx": all(200 <= c < 300 for c in again),
                "stored": count("kill1"), "expected": deliveries,
            })
        finally:
            server.stop()
            engine.dispose()
    finally:
        pg.stop()
    return results


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=25.0)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--import-rows", type=int, default=3000)
    parser.add_argument("--deliveries", type=int, default=50)
    parser.add_argument("--duplicates", type=int, default=20)
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    parser.add_argument("--nice", type=int, default=10, help="calmline import --nice N")
    parser.add_argument("--no-kill", action="store_true", help="skip the SIGKILL rounds")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; one server process", flush=True)
    rounds: list[Callable[[], list[dict[str, Any]]]] = []
    if args.only in (None, "sqlite"):
        for kill in (False,) if args.no_kill else (False, True):
            rounds.append(lambda kill=kill: [sqlite_round(
                args.seconds, args.clients, args.import_rows, kill, args.nice)])
    if args.only in (None, "postgresql"):
        rounds.append(lambda: postgresql_round(args.deliveries, args.duplicates))
    for run in rounds:
        for result in run():
            print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
