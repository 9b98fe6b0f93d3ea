"""Per-message analysis time in one warm process, best of several rounds.

``calmline bench`` starts fresh processes and reports one pass, which on a busy 2-core
machine spreads by a millisecond or more; comparing two versions of the code needs a
steadier figure. This script analyses the bench's messages for ``--rounds`` rounds and
prints the best round's p50 wall time, and the best round's CPU time per message with the
sentence encoder's output replayed from memory (what the rules, heads and fusion cost).

    OMP_NUM_THREADS=2 python bench/inprocess.py             # this checkout
    PYTHONPATH=/path/to/other/checkout python bench/inprocess.py   # another version
"""

from __future__ import annotations

import argparse
import statistics
import time

from calmline.analyzer import pipeline
from calmline.analyzer.model import encoder
from calmline.commands.bench import sample_messages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=400, help="messages per round")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    msgs = sample_messages(args.n)
    for m in msgs[:20]:
        pipeline.analyze(m)
    p50s = []
    for _ in range(args.rounds):
        times = []
        for m in msgs:
            t = time.perf_counter()
            pipeline.analyze(m)
            times.append((time.perf_counter() - t) * 1000)
        p50s.append(statistics.median(times))
    enc = encoder()
    vectors = {m: enc.encode([m]) for m in msgs}
    real = enc.encode
    enc.encode = lambda texts: (  # type: ignore[method-assign]
        vectors[texts[0]] if len(texts) == 1 and texts[0] in vectors else real(texts)
    )
    cpu = []
    for _ in range(args.rounds):
        t = time.process_time()
        for m in msgs:
            pipeline.analyze(m)
        cpu.append((time.process_time() - t) * 1000 / len(msgs))
    enc.encode = real  # type: ignore[method-assign]
    print(f"analyze p50       {min(p50s):.2f} ms (best of {args.rounds} rounds of {len(msgs)})")
    print(f"outside encoder   {min(cpu):.2f} ms CPU per message (best of {args.rounds})")


if __name__ == "__main__":
    main()
