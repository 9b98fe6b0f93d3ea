"""The labelled tasks the encoder is tuned on: the training rows of every set ``calmline
train`` reads, one :class:`~calmline.training.encoder_tune.Task` each. Held-out rows of
any set are never included (their split rules live in :mod:`calmline.training.data`)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from calmline.analyzer.fusion import EMOTIONS
from calmline.languages.loader import WANTS
from calmline.training import tone_train
from calmline.training.data import Row
from calmline.training.encoder_tune import Task, task_from_labels
from calmline.training.review_train import FLAW_CODES, load_sentences, reply_sentences

OWN = "calmline_examples"
HEAT_LEVELS = ("calm", "irritated", "angry", "hostile")


def _flag(value: object) -> str | None:
    return ("yes" if value else "no") if isinstance(value, bool) else None


def _multi(name: str, texts: list[str], keys: list[str], y: np.ndarray) -> Task:
    """A sigmoid task; rows with any label weigh as much, together, as rows with none."""
    flagged = y.max(axis=1) > 0
    n_f, n_c = max(1, int(flagged.sum())), max(1, int((~flagged).sum()))
    w = np.where(flagged, len(y) / (2 * n_f), len(y) / (2 * n_c))
    return Task(name, "sigmoid", tuple(texts), tuple(keys), y.astype(float), w)


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
            lambda r: 3.0 if r.source == OWN else 1.0,
        ),
        task_from_labels(
            "anger",
            rows,
            ("no", "yes"),
            lambda r: _flag(r.labels.get("anger")),
            lambda r: 5.0 if r.source == OWN else 1.0,
        ),
        task_from_labels(
            "offensive",
            rows,
            ("no", "yes"),
            lambda r: _flag(r.labels.get("offensive")),
            lambda r: 3.0 if r.source == OWN else 1.0,
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
            [Row(r["id"], OWN, r["lang"], r["text"], "train", r) for r in sarcasm],
            ("no", "yes"),
            lambda r: "yes" if r.labels["label"] == "sarcastic" else "no",
        )
    )
    hazards = tone_train.rows(data / "hazards")
    tasks.append(
        task_from_labels(
            "hazard",
            [Row(r["id"], OWN, r["lang"], r["text"], "train", r) for r in hazards],
            tone_train.HAZARD_CLASSES,
            lambda r: r.labels["hazard"] or "none",
        )
    )
    return [t for t in tasks if t is not None]
