"""Page and live-review latency of the web app, one signed-in browser's worth of requests.

    python bench/web.py [--rounds 30]

Starts ``calmline serve --demo`` on a free 127.0.0.1 port with a fresh data directory and
a supervisor with a known password, signs in, then times (sequentially, like one agent):
the inbox, each demo case page, the dashboard, and the composer's live review of a draft
on each case. Prints p50 / p95 / max in milliseconds. Loopback only; bounded in rounds.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from load import _port  # bench/load.py, beside this script

DRAFT = "Dat is niet onze schuld. U had beter moeten opletten, maar ik kijk er morgen naar."


def _timed(fn, rounds: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(rounds):
        t = time.perf_counter()
        r = fn()
        out.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, r.status_code
    return out


def _report(name: str, ms: list[float]) -> None:
    ms = sorted(ms)
    p95 = ms[max(0, round(0.95 * len(ms)) - 1)]
    print(f"{name:<28} n={len(ms):<4} p50 {statistics.median(ms):6.1f} ms  "
          f"p95 {p95:6.1f} ms  max {ms[-1]:6.1f} ms")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=30)
    args = ap.parse_args()
    data = Path(tempfile.mkdtemp(prefix="calmline-webbench-"))
    env = {**os.environ, "CALMLINE_DATA_DIR": str(data), "OMP_NUM_THREADS": "2"}
    cli = [sys.executable, "-m", "calmline.cli"]
    subprocess.run([*cli, "user", "add", "sue", "--role", "supervisor", "--password-stdin"],
                   input="bench-pass\n", text=True, env=env, check=True, capture_output=True)
    port = _port()
    server = subprocess.Popen([*cli, "serve", "--demo", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if httpx.get(f"{base}/login", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        c = httpx.Client(base_url=base, timeout=60)
        form = c.get("/login")
        token = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)  # type: ignore[union-attr]
        r = c.post("/login", data={"csrf": token, "name": "sue", "password": "bench-pass"},
                   headers={"Cookie": f"calmline_login={form.cookies['calmline_login']}"})
        c.headers["Cookie"] = f"calmline_session={r.cookies['calmline_session']}"
        csrf = re.search(r'name="csrf-token" content="([^"]+)"', c.get("/").text).group(1)  # type: ignore[union-attr]
        ids = [int(i) for i in re.findall(r'href="/cases/(\d+)"', c.get("/?status=all").text)]
        _report("GET / (inbox)", _timed(lambda: c.get("/"), args.rounds))
        pages: list[float] = []
        reviews: list[float] = []
        for case_id in ids:
            page, review = f"/cases/{case_id}", f"/app/cases/{case_id}/review"
            pages += _timed(lambda page=page: c.get(page), max(1, args.rounds // 5))
            reviews += _timed(
                lambda review=review: c.post(review, json={"draft": DRAFT},
                                             headers={"X-CSRF-Token": csrf}),
                max(1, args.rounds // 5),
            )
        _report("GET /cases/{id}", pages)
        _report("POST /app/cases/{id}/review", reviews)
        _report("GET /dashboard", _timed(lambda: c.get("/dashboard"), args.rounds))
    finally:
        server.terminate()
        server.wait(timeout=20)
        shutil.rmtree(data, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
