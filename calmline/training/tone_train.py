"""The sarcasm and hazard heads, from calmline's own written examples.

``data/sarcasm/<code>.jsonl`` (sarcastic / sincere praise / plain complaint / neutral) and
``data/hazards/<code>.jsonl`` (a hazard kind or none, with hard negatives such as "my blood
is boiling") are original texts written for calmline (docs/data.md). A quarter of each is
held out by hash of the id, as for our other examples, and never trained on.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from calmline.analyzer.hazards import HAZARD_KINDS
from calmline.analyzer.model import Head
from calmline.training.data import own_split
from calmline.training.embed import EmbeddingCache
from calmline.training.linear import balanced_weights, make_head

HAZARD_CLASSES = ("none", *HAZARD_KINDS)
L2 = 1e-4  # written examples are few and clean: a light penalty separates them best


def rows(folder: Path, split: str = "train") -> list[dict[str, Any]]:
    """The rows of every ``<code>.jsonl`` in ``folder`` in ``split`` (train | heldout | all)."""
    out = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if split == "all" or own_split(row["id"]) == split:
                    out.append(row)
    return out


def train_tone_heads(data: Path, cache: EmbeddingCache) -> tuple[dict[str, Head], Counter[str]]:
    heads: dict[str, Head] = {}
    counts: Counter[str] = Counter()
    sarcasm = rows(data / "sarcasm")
    if sarcasm:
        labels = ["yes" if r["label"] == "sarcastic" else "no" for r in sarcasm]
        x = cache.embed([r["text"] for r in sarcasm], "sarcasm")
        y = np.array([[1.0] if lab == "yes" else [0.0] for lab in labels])
        heads["sarcasm"] = make_head(
            "sarcasm", "sigmoid", ("yes",), x, y, balanced_weights(labels), l2=L2
        )
        counts.update(f"sarcasm:{r['label']}" for r in sarcasm)
    hazards = rows(data / "hazards")
    if hazards:
        kinds = [r["hazard"] or "none" for r in hazards]
        x = cache.embed([r["text"] for r in hazards], "hazards")
        y = np.zeros((len(kinds), len(HAZARD_CLASSES)))
        for i, kind in enumerate(kinds):
            y[i, HAZARD_CLASSES.index(kind)] = 1.0
        heads["hazard"] = make_head(
            "hazard", "softmax", HAZARD_CLASSES, x, y, balanced_weights(kinds), l2=L2, steps=600
        )
        counts.update(f"hazard:{k}" for k in kinds)
    return heads, counts
