"""The model's view of a draft: its politeness and, per sentence, the flaw probabilities.

One encoder call embeds the whole draft and each of its sentences; the politeness head
reads the first vector, the flaw head the others. Each flaw code has its own threshold,
chosen in training for out-of-fold precision (see ``training/review_train.py``). Without
the weights file both are absent and the reviewer runs on its lexicons alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from calmline.analyzer.model import encoder, load_heads, load_meta
from calmline.analyzer.violence import sentence_spans

MAX_SENTENCES = 40  # a very long draft: the first 40 sentences are read by the model


@dataclass(frozen=True)
class DraftScores:
    politeness: float | None
    # (start, end, code, probability) for every sentence flaw at or above its threshold
    flaws: tuple[tuple[int, int, str, float], ...]


@cache
def flaw_thresholds() -> dict[str, float]:
    raw = load_meta().get("flaw_thresholds")
    return {k: float(v) for k, v in json.loads(raw).items()} if raw else {}


def score_draft(text: str) -> DraftScores:
    heads = load_heads()
    polite_head, flaw_head = heads.get("politeness"), heads.get("flaws")
    if polite_head is None and flaw_head is None:
        return DraftScores(None, ())
    spans = sentence_spans(text)[:MAX_SENTENCES] if flaw_head is not None else []
    vecs = encoder().encode([text, *(text[s:e] for s, e in spans)])
    politeness = float(polite_head.predict(vecs[:1])[0, 0]) if polite_head else None
    found: list[tuple[int, int, str, float]] = []
    if flaw_head is not None and spans:
        limits = flaw_thresholds()
        probs = flaw_head.predict(vecs[1:])
        for (s, e), row in zip(spans, probs, strict=True):
            for code, p in zip(flaw_head.classes, row, strict=True):
                if p >= limits.get(code, 1.0):
                    found.append((s, e, code, float(p)))
    return DraftScores(politeness, tuple(found))
