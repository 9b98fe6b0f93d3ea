"""``calmline train``: reproduce the shipped heads from the public data and our examples.

Only rows whose licence allows shipping derived weights are used for training (see
``data.TRAINABLE_SOURCES`` and docs/data.md), and never a held-out row.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from calmline.analyzer.model import Head, heads_path, save_heads
from calmline.training.data import Row, load_file, own_files, shared_files
from calmline.training.embed import EmbeddingCache
from calmline.training.linear import Array, balanced_weights, make_head
from calmline.training.tune import tune_violence

WANTS = (
    "refund",
    "exchange",
    "repair",
    "compensation",
    "apology",
    "explanation",
    "speak_to_manager",
    "cancel",
    "callback",
)
EMOTION_CLASSES = (
    "anger",
    "frustration",
    "disappointment",
    "worry",
    "sadness",
    "satisfaction",
    "none",
)
HEAT_TARGET = {"calm": 0.12, "irritated": 0.42, "angry": 0.66, "hostile": 0.9}
OWN_WEIGHT = 3.0  # our customer-service examples count more than tweets and subtitles


@dataclass
class Report:
    rows: dict[str, Counter[str]] = field(default_factory=dict)


def _onehot(labels: list[str], classes: tuple[str, ...]) -> Array:
    y = np.zeros((len(labels), len(classes)))
    for i, lab in enumerate(labels):
        y[i, classes.index(lab)] = 1.0
    return y


def collect(shared: Path, examples: Path) -> list[Row]:
    rows: list[Row] = []
    for path in [*shared_files(shared), *own_files(examples)]:
        rows.extend(r for r in load_file(path) if r.split == "train")
    return rows


def _binary(name: str, rows: list[Row], key: str, cache: EmbeddingCache, report: Report) -> Head:
    sel = [r for r in rows if isinstance(r.labels.get(key), bool)]
    labels = ["yes" if r.labels[key] else "no" for r in sel]
    extra = np.array([OWN_WEIGHT if r.source == "calmline_examples" else 1.0 for r in sel])
    x = cache.embed([r.text for r in sel], f"{name}")
    y = np.array([[1.0] if lab == "yes" else [0.0] for lab in labels])
    report.rows[name] = Counter(f"{r.source}:{lab}" for r, lab in zip(sel, labels, strict=True))
    return make_head(name, "sigmoid", ("yes",), x, y, balanced_weights(labels, extra))


def train(shared: Path, examples: Path, out: Path | None = None) -> tuple[Path, Report]:
    rows = collect(shared, examples)
    if not any(r.source == "calmline_examples" for r in rows):
        raise FileNotFoundError(f"no labelled examples found in {examples}")
    cache = EmbeddingCache()
    report = Report()
    heads: dict[str, Head] = {}

    sent = [r for r in rows if r.labels.get("sentiment") in ("negative", "neutral", "positive")]
    classes = ("negative", "neutral", "positive")
    labels = [str(r.labels["sentiment"]) for r in sent]
    extra = np.array([OWN_WEIGHT if r.source == "calmline_examples" else 1.0 for r in sent])
    x = cache.embed([r.text for r in sent], "sentiment")
    heads["sentiment"] = make_head(
        "sentiment",
        "softmax",
        classes,
        x,
        _onehot(labels, classes),
        balanced_weights(labels, extra),
    )
    report.rows["sentiment"] = Counter(
        f"{r.source}:{lab}" for r, lab in zip(sent, labels, strict=True)
    )

    heads["anger"] = _binary("anger", rows, "anger", cache, report)
    heads["offensive"] = _binary("offensive", rows, "offensive", cache, report)
    own = [r for r in rows if r.source == "calmline_examples"]
    heads["violence"] = _binary("violence", own, "violence", cache, report)

    x = cache.embed([r.text for r in own], "own examples")
    emo = [str(r.labels.get("emotion", "none")) for r in own]
    emo = [e if e in EMOTION_CLASSES else "none" for e in emo]
    heads["emotion"] = make_head(
        "emotion",
        "softmax",
        EMOTION_CLASSES,
        x,
        _onehot(emo, EMOTION_CLASSES),
        balanced_weights(emo),
    )
    report.rows["emotion"] = Counter(emo)
    y = np.array([[1.0 if w in r.labels.get("wants", []) else 0.0 for w in WANTS] for r in own])
    heads["wants"] = make_head("wants", "sigmoid", WANTS, x, y)
    report.rows["wants"] = Counter(w for r in own for w in r.labels.get("wants", []))
    y = np.array([[HEAT_TARGET.get(str(r.labels.get("heat")), 0.4)] for r in own])
    heads["heat"] = make_head("heat", "sigmoid", ("score",), x, y, steps=600)
    report.rows["heat"] = Counter(str(r.labels.get("heat")) for r in own)

    policy, why = tune_violence(own, cache)
    print(f"violence fusion: {policy.to_json()} ({why})", file=sys.stderr)
    target = out or heads_path()
    meta = {
        "rows": json.dumps({k: dict(v) for k, v in report.rows.items()}, sort_keys=True),
        "violence_policy": policy.to_json(),
    }
    save_heads(heads, target, meta)
    print(f"wrote {target} ({target.stat().st_size / 1024:.0f} kB)", file=sys.stderr)
    return target, report
