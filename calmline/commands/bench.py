"""``calmline bench``: latency, throughput, start-up time and memory, measured here.

Figures go to docs/benchmarks.md together with this command; nothing is asserted in
unit tests, because timings belong to a machine, not to the code.
"""

from __future__ import annotations

import json
import platform
import resource
import statistics
import subprocess
import sys
import time
from importlib import resources
from typing import Any

from calmline.analyzer.pipeline import analyze, analyze_many

_STARTUP = "import calmline; calmline.analyze('Waar blijft mijn pakket? Ik wacht al twee weken!')"


def sample_messages(n: int) -> list[str]:
    """Realistic messages of 20–1,000 characters built from the bundled examples."""
    path = resources.files("calmline.examples").joinpath("messages.jsonl")
    base = [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines() if line]
    out = []
    for i in range(n):
        text = base[i % len(base)]
        repeat = 1 + (i % 7 == 0) * 3  # one message in seven is long
        out.append(" ".join([text] * repeat)[:1000])
    return out


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(n: int) -> dict[str, Any]:
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _STARTUP], capture_output=True, check=False)
    startup = time.perf_counter() - started
    messages = sample_messages(n)
    for text in messages[:20]:
        analyze(text)
    latencies = []
    for text in messages:
        t0 = time.perf_counter()
        analyze(text)
        latencies.append((time.perf_counter() - t0) * 1000)
    t0 = time.perf_counter()
    analyze_many(messages)
    batch_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    analyze_many(messages, fast=True)
    fast_s = time.perf_counter() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "machine": f"{platform.machine()} {platform.python_implementation()} "
        f"{platform.python_version()}",
        "messages": n,
        "mean_chars": round(statistics.mean(len(m) for m in messages)),
        "startup_s": round(startup, 3),
        "startup_ok": proc.returncode == 0,
        "latency_ms": {
            "p50": round(_pct(latencies, 0.5), 2),
            "p90": round(_pct(latencies, 0.9), 2),
            "p99": round(_pct(latencies, 0.99), 2),
            "max": round(max(latencies), 2),
        },
        "batch_messages_per_s": round(n / batch_s, 1),
        "fast_messages_per_s": round(n / fast_s, 1),
        "max_rss_mb": round(rss_mb, 1),
    }


ACCURACY_TASKS = ("sentiment", "anger", "offensive", "threat")


def path_accuracy() -> dict[str, Any]:
    """Macro-F1 of the full and the fast path on the held-out rows of our own examples and
    long messages (``data/examples``, ``data/long``), when the checkout has them."""
    from calmline.commands.evaluate import evaluate_rows
    from calmline.training.data import default_examples_dir, load_file, own_files

    examples = default_examples_dir()
    files = own_files(examples) + own_files(examples.parent / "long")
    rows = [r for path in files for r in load_file(path) if r.split == "heldout"]
    if not rows:
        return {}
    out: dict[str, Any] = {"rows": len(rows)}
    for name, fast in (("full", False), ("fast", True)):
        scores = evaluate_rows(rows, f"{name} path", fast=fast)
        out[name] = {t: round(scores[t].macro_f1, 3) for t in ACCURACY_TASKS if t in scores}
    return out


def run_bench(*, as_json: bool, n: int) -> int:
    from calmline.errors import CliError

    if n < 20:
        raise CliError("-n must be at least 20")
    from calmline.commands.bench_protocol import measure as measure_protocol

    result = measure(n)
    result["protocol"] = measure_protocol()
    result["accuracy"] = path_accuracy()
    if as_json:
        print(json.dumps(result, indent=2))
        return 0
    lat = result["latency_ms"]
    print(f"machine          {result['machine']}")
    print(f"start-up         {result['startup_s']:.2f} s (new process to first analysis)")
    print(
        f"single message   p50 {lat['p50']:.2f} ms  p90 {lat['p90']:.2f} ms  "
        f"p99 {lat['p99']:.2f} ms  (n={n}, mean {result['mean_chars']} chars)"
    )
    print(f"batch            {result['batch_messages_per_s']:,.0f} messages/s (full path)")
    print(f"fast path        {result['fast_messages_per_s']:,.0f} messages/s")
    acc = result["accuracy"]
    if acc:
        pairs = "  ".join(f"{t} {acc['full'][t]:.3f}/{acc['fast'][t]:.3f}" for t in acc["full"])
        print(f"accuracy         full/fast macro-F1 on {acc['rows']} held-out rows: {pairs}")
    else:
        print("accuracy         not measured: no data/examples in this checkout")
    print(f"memory           {result['max_rss_mb']:.0f} MB max resident")
    prot = result["protocol"]
    for name in ("situation", "guide", "review"):
        cold, warm = prot[f"{name}_cold"], prot[f"{name}_warm"]
        print(
            f"{name:<16} p50 {warm['p50']:.2f} ms warm, {cold['p50']:.2f} ms cold  "
            f"(p90 {warm['p90']:.2f} / {cold['p90']:.2f}; {prot['conversations']} "
            f"conversations of {prot['messages']} messages)"
        )
    return 0
