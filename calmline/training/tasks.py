"""The labelled tasks the encoder is tuned on: the training rows of every set ``calmline
train`` reads, one :class:`~calmline.training.encoder_tune.Task` each. Held-out rows of
any set are never included (their split rules live in :mod:`calmline.training.data`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from calmline.analyzer.fusion import EMOTIONS
from calmline.languages.loader import WANTS
from calmline.training import tone_train
from calmline.training.data import Row
from calmline.training.encoder_tune import Task, task_from_labels
from calmline.training.review_train import (
    FLAW_CODES,
    any_label_weights,
    load_sentences,
    reply_sentences,
)

OWN = "calmline_examples"
HEAT_LEVELS = ("calm", "irritated", "angry", "hostile")


def _flag(value: object) -> str | None:
    return ("yes" if value else "no") if isinstance(value, bool) else None


def _multi(name: str, texts: list[str], keys: list[str], y: np.ndarray) -> Task:
    """A sigmoid task; rows with any label weigh as much, together, as rows with none."""
    y = y.astype(float)
    return Task(name, "sigmoid", tuple(texts), tuple(keys), y, any_label_weights(y))


def _own_weight(weight: float) -> Callable[[Row], float]:
    """Our customer-service examples count ``weight`` times a public row."""
    return lambda r: weight if r.source == OWN else 1.0


def _written(rows: list[dict[str, Any]]) -> list[Row]:
    """Rows of our own written sets (``data/<set>/``) as training rows."""
    return [Row(r["id"], OWN, r["lang"], r["text"], "train", r) for r in rows]


def build(rows: list[Row], data: Path, replies: Path) -> list[Task]:
    """Every task with rows; ``rows`` are the training rows of ``calmline train``.

    Not violence: its fusion thresholds are chosen on out-of-fold predictions of its
    training rows, and an encoder tuned on those very labels makes them over-confident.
    Measured: with violence among the tasks, the chosen thresholds were stricter and
    held-out threat recall fell from 0.80 to 0.70 (de) and 0.82 to 0.75 (nl)."""
    own = [r for r in rows if r.source == OWN]
    tasks: list[Task | None] = [
        task_from_labels(
            "sentiment",
            rows,
            ("negative", "neutral", "positive"),
            lambda r: r.labels.get("sentiment"),
            _own_weight(3.0),
        ),
        *(
            task_from_labels(
                name, rows, ("no", "yes"), lambda r, k=name: _flag(r.labels.get(k)), _own_weight(w)
            )
            for name, w in (("anger", 5.0), ("offensive", 3.0))
        ),
        task_from_labels(
            "emotion",
            own,
            (*EMOTIONS, "none"),
            lambda r: r.labels.get("emotion", "none") if r.labels.get("emotion") else "none",
        ),
        task_from_labels("heat", own, HEAT_LEVELS, lambda r: r.labels.get("heat")),
        task_from_labels(
            "politeness",
            rows,
            ("impolite", "polite"),
            lambda r: r.labels.get("politeness"),
        ),
    ]
    wanted = [r for r in own if isinstance(r.labels.get("wants"), list)]
    if wanted:
        y = np.array([[1.0 if w in r.labels["wants"] else 0.0 for w in WANTS] for r in wanted])
        tasks.append(_multi("wants", [r.text for r in wanted], [r.id for r in wanted], y))
    sentences = load_sentences(data / "review") + reply_sentences(replies)
    if sentences:
        y = np.array([[1.0 if c in s.codes else 0.0 for c in FLAW_CODES] for s in sentences])
        keys = [s.id.split("#")[0] for s in sentences]
        tasks.append(_multi("flaws", [s.text for s in sentences], keys, y))
    sarcasm = tone_train.rows(data / "sarcasm")
    tasks.append(
        task_from_labels(
            "sarcasm",
            _written(sarcasm),
            ("no", "yes"),
            lambda r: "yes" if r.labels["label"] == "sarcastic" else "no",
        )
    )
    hazards = tone_train.rows(data / "hazards")
    tasks.append(
        task_from_labels(
            "hazard",
            _written(hazards),
            tone_train.HAZARD_CLASSES,
            lambda r: r.labels["hazard"] or "none",
        )
    )
    return [t for t in tasks if t is not None]
