"""Load test of a running calmline server on loopback.

    python bench/load.py [--seconds 10] [--clients 1 10 50]

Starts ``calmline serve`` on a free 127.0.0.1 port with a fresh data directory, creates an
admin token, then for each client count runs closed-loop clients (each sends the next
request when the previous one is answered) against ``POST /api/analyze`` and
``POST /api/cases/{id}/messages`` for a fixed time, and prints requests/s, p50 and p99.
Only loopback traffic; every loop is bounded in time.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from importlib import resources
from pathlib import Path


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _messages() -> list[str]:
    path = resources.files("calmline.examples").joinpath("messages.jsonl")
    return [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines() if line]


def _post(conn: http.client.HTTPConnection, path: str, body: dict, token: str) -> int:
    data = json.dumps(body).encode()
    conn.request("POST", path, data, {"Content-Type": "application/json",
                                      "Authorization": f"Bearer {token}"})
    resp = conn.getresponse()
    resp.read()
    return resp.status


def run(port: int, token: str, path_of, clients: int, seconds: float) -> dict[str, float]:
    texts = _messages()
    latencies: list[float] = []
    failures = 0
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client(k: int) -> None:
        nonlocal failures
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        i = k
        mine: list[float] = []
        bad = 0
        while time.perf_counter() < stop:
            # a unique text per request, so no analysis is served from the server's cache
            path, body = path_of(f"{texts[i % len(texts)]} (#{i})", k)
            t0 = time.perf_counter()
            try:
                status = _post(conn, path, body, token)
            except OSError:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                status = 599
            mine.append((time.perf_counter() - t0) * 1000)
            bad += status >= 300
            i += clients
        conn.close()
        with lock:
            latencies.extend(mine)
            failures += bad

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    ordered = sorted(latencies)
    return {
        "clients": clients,
        "requests": len(latencies),
        "per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(ordered), 1),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))], 1),
        "non_2xx": failures,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 10, 50])
    args = parser.parse_args()
    data = Path(tempfile.mkdtemp(prefix="calmline-load-"))
    env = {**os.environ, "CALMLINE_DATA_DIR": str(data)}
    out = subprocess.run([sys.executable, "-m", "calmline.cli", "user", "add", "load",
                          "--role", "admin"], capture_output=True, text=True, env=env, check=True)
    token = out.stdout.strip().splitlines()[-1]
    port = _port()
    server = subprocess.Popen([sys.executable, "-m", "calmline.cli", "serve", "--port",
                               str(port)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        cases = []
        for _ in range(max(args.clients)):
            conn.request("POST", "/api/cases", b"{}", {"Content-Type": "application/json",
                                                       "Authorization": f"Bearer {token}"})
            cases.append(json.loads(conn.getresponse().read())["id"])
        for text in _messages()[:20]:  # warm-up: encoder, lexicons, policy
            _post(conn, "/api/analyze", {"text": text}, token)
        conn.close()
        print(f"calmline serve, 1 process, {os.cpu_count()} cores; {args.seconds:.0f} s each")
        for name, path_of in (
            ("POST /api/analyze", lambda t, k: ("/api/analyze", {"text": t})),
            ("POST /api/cases/{id}/messages",
             lambda t, k: (f"/api/cases/{cases[k]}/messages", {"role": "customer", "text": t})),
        ):
            for clients in args.clients:
                r = run(port, token, path_of, clients, args.seconds)
                print(f"{name:<32} {clients:>3} clients: {r['per_s']:>7.1f} req/s  "
                      f"p50 {r['p50_ms']:>6.1f} ms  p99 {r['p99_ms']:>7.1f} ms  "
                      f"({r['requests']} requests, {r['non_2xx']} not 2xx)")
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(data, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
