"""Train the reviewer's sentence-level flaw head: which sentences of a draft are defensive,
blaming, excusing, sarcastic, dismissive, a non-apology, an answer to an insult, hiding
behind policy, or over-promising.

The lexicons catch the stock phrases; this head, on multilingual sentence embeddings,
catches the paraphrases. It learns from ``data/review/<code>.jsonl`` (labelled agent
sentences written for calmline) and from the sentences of the *train* split of
``tests/data/replies`` (a sentence carries the codes whose labelled spans it overlaps).
The held-out replies are never read here. Thresholds are chosen per code on out-of-fold
predictions (5 folds by hash of the id) for a precision of at least ``TARGET_PRECISION``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from calmline.analyzer.model import Head
from calmline.analyzer.violence import sentence_spans
from calmline.languages.loader import PHRASE_FLAWS
from calmline.training.data import bucket
from calmline.training.embed import EmbeddingCache
from calmline.training.linear import Array, fit, make_head

FLAW_CODES = PHRASE_FLAWS
FOLDS = 5
TARGET_PRECISION = 0.9
L2, STEPS = 1e-3, 600
LANGS = ("nl", "de", "pl", "en")
HELDOUT_MOD = 3  # the replies' split; must equal calmline.protocol.evaluate.HELDOUT_MOD


@dataclass(frozen=True)
class Sentence:
    id: str
    text: str
    codes: frozenset[str]


def _rows(folder: Path) -> Iterator[dict[str, Any]]:
    """The rows of ``<code>.jsonl`` for each language (never the held-out ``-b`` files)."""
    for lang in LANGS:
        path = folder / f"{lang}.jsonl"
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    yield json.loads(line)


def load_sentences(folder: Path) -> list[Sentence]:
    return [
        Sentence(row["id"], row["text"], frozenset(c for c in row["codes"] if c in FLAW_CODES))
        for row in _rows(folder)
    ]


def reply_sentences(folder: Path) -> list[Sentence]:
    """Sentences of the train-split drafts; a sentence carries the codes it overlaps."""
    out = []
    for row in _rows(folder):
        if bucket(row["id"], HELDOUT_MOD) == 0:
            continue  # held out: never trained or tuned on
        draft = row["draft"]
        spans = []
        for lab in row["labels"]:
            if lab["code"] in FLAW_CODES and lab["span"]:
                i = draft.find(lab["span"])
                if i >= 0:
                    spans.append((lab["code"], i, i + len(lab["span"])))
        for k, (s, e) in enumerate(sentence_spans(draft)):
            codes = frozenset(c for c, a, b in spans if a < e and s < b)
            out.append(Sentence(f"{row['id']}#{k}", draft[s:e], codes))
    return out


def _targets(rows: list[Sentence]) -> Array:
    return np.array([[1.0 if c in r.codes else 0.0 for c in FLAW_CODES] for r in rows])


def any_label_weights(y: Array) -> Array:
    """Rows with any flaw weigh as much, together, as the clean ones."""
    flawed = y.max(axis=1) > 0
    n_flawed = max(1, int(flawed.sum()))
    n_clean = max(1, len(y) - n_flawed)
    return np.where(flawed, len(y) / (2 * n_flawed), len(y) / (2 * n_clean))


def _threshold(p: Array, gold: Array) -> float:
    """The lowest threshold whose out-of-fold precision reaches the target (else 0.99)."""
    positive = gold > 0
    for t in np.arange(0.3, 0.99, 0.01):
        pred = p >= t
        if pred.sum() >= 3 and (pred & positive).sum() / pred.sum() >= TARGET_PRECISION:
            return round(float(t), 2)
    return 0.99


def train_flaw_head(
    sentences_dir: Path, replies_dir: Path, cache: EmbeddingCache
) -> tuple[Head | None, dict[str, float], dict[str, int]]:
    rows = load_sentences(sentences_dir) + reply_sentences(replies_dir)
    if not rows:
        return None, {}, {}
    x = cache.embed([r.text for r in rows], "review sentences")
    y = _targets(rows)
    w = any_label_weights(y)
    fold = np.array([bucket(r.id.split("#")[0], FOLDS) for r in rows])
    oof = np.zeros_like(y)
    for k in range(FOLDS):
        tr = fold != k
        wk, bk = fit(x[tr], y[tr], kind="sigmoid", sample_weight=w[tr], l2=L2, steps=STEPS)
        oof[~tr] = 1.0 / (1.0 + np.exp(-(x[~tr] @ wk + bk)))
    thresholds = {code: _threshold(oof[:, j], y[:, j]) for j, code in enumerate(FLAW_CODES)}
    head = make_head("flaws", "sigmoid", FLAW_CODES, x, y, w, l2=L2, steps=STEPS)
    counts = {code: int(y[:, j].sum()) for j, code in enumerate(FLAW_CODES)}
    counts["clean"] = int((y.max(axis=1) == 0).sum())
    return head, thresholds, counts
