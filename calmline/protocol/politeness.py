"""How polite a draft reads, 0–1: the politeness head, adjusted by what the reviewer saw.

The head is trained on the Stanford Politeness Corpus (English Wikipedia requests; the
multilingual encoder carries it to the other languages); courtesy steps in the draft
(naming the emotion, apologising, empathising) raise the score and tone flaws (defensive,
sarcastic, dismissive, shouting …) lower it. Without the model weights the rules alone
decide, starting from a neutral 0.55.
"""

from __future__ import annotations

from collections.abc import Iterable

from calmline.analyzer.model import encoder, load_heads
from calmline.languages.loader import SUPPORTED
from calmline.protocol.situation import STEP_OF_KIND, review_matcher, scan

TONE_FLAWS = frozenset(
    {"defensive", "blame_customer", "sarcasm", "dismissive", "answers_insult", "shouting"}
)
SOFT_FLAWS = frozenset({"excuse", "non_apology", "policy_hiding"})
COURTESY = frozenset({"name_emotion", "apologize", "empathize"})
NEUTRAL = 0.55


def model_scores(texts: list[str]) -> list[float] | None:
    head = load_heads().get("politeness")
    if head is None or not texts:
        return None
    probs = head.predict(encoder().encode(texts))
    return [float(p[0]) for p in probs]


def adjust(base: float, steps: Iterable[str], codes: Iterable[str]) -> float:
    steps, codes = set(steps), list(codes)
    score = base + 0.05 * len(COURTESY & steps)
    score -= 0.2 * sum(1 for c in codes if c in TONE_FLAWS)
    score -= 0.05 * sum(1 for c in codes if c in SOFT_FLAWS)
    return max(0.0, min(1.0, score))


def politeness(model: float | None, steps: Iterable[str], codes: Iterable[str]) -> float:
    """``model``: the politeness head's probability for the draft (None: rules only)."""
    return adjust(NEUTRAL if model is None else model, steps, codes)


def standalone(texts: list[str], lang: str) -> list[float]:
    """Politeness of texts outside a conversation (``calmline eval`` on politeness sets)."""
    code = lang if lang in SUPPORTED else "en"
    base = model_scores(texts) or [NEUTRAL] * len(texts)
    out = []
    for text, b in zip(texts, base, strict=True):
        kinds = {m.entry.kind for m in scan(text, code, review_matcher(code))}
        steps = {STEP_OF_KIND[k] for k in kinds if k in STEP_OF_KIND}
        out.append(adjust(b, steps, kinds & (TONE_FLAWS | SOFT_FLAWS)))
    return out
