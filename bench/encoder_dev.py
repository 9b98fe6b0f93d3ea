"""How the encoder tuning's settings were chosen: a development tenth of the training rows.

Run (needs the ``train`` extra): ``.venv/bin/python bench/encoder_dev.py STEPS sentence|tokens``

Every task's rows whose id (or text) hashes into one tenth are kept out of tuning; the script
prints, per task, the weighted (class-balanced) accuracy of a linear probe on the packaged
encoder and of the tuned encoder's task head on that tenth. Held-out rows are never read:
the tasks are built from ``calmline train``'s training rows only.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from calmline.analyzer import encoder_weights
from calmline.analyzer.model import encoder
from calmline.training import encoder_tune, tasks, token_tune
from calmline.training.data import default_shared_dir
from calmline.training.train import collect


def main() -> int:
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else encoder_tune.STEPS
    token_level = len(sys.argv) > 2 and sys.argv[2] == "tokens"
    rows = collect(default_shared_dir(), Path("data/examples"))
    built = tasks.build(rows, Path("data"), Path("tests/data/replies"))
    start = encoder_weights.packaged()
    if token_level:
        start.update(token_tune.token_weights(encoder()._load()._model))
    began = time.perf_counter()
    _, report = encoder_tune.tune(built, start, steps=steps, dev_mod=10, token_level=token_level)
    report["seconds"] = {"tuning": round(time.perf_counter() - began)}
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
