"""Fusion: combine rule evidence and model probabilities into the final analysis.

Rules give spans and precision; the model gives recall on wording no lexicon lists. Every
combination step appends a reason, so a supervisor can see why a message was rated hot.
All thresholds live here, in one place, and are measured by ``calmline eval``.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from calmline.analyzer.doc import Candidate, Doc
from calmline.analyzer.result import (
    Emotion,
    Finding,
    Heat,
    Offensive,
    Sentiment,
    Shouting,
)
from calmline.analyzer.violence import ViolencePolicy, decide, needs_sentences

EMOTIONS = ("anger", "frustration", "disappointment", "worry", "sadness", "satisfaction")
NEGATIVE_EMOTIONS = frozenset(EMOTIONS[:5])
OFFENSIVE_THRESHOLD = 0.5
EMOTION_THRESHOLD = 0.5
VIOLENCE_THRESHOLD = 0.5
PRESSURE_THRESHOLD = 0.4
WANT_THRESHOLD = 0.35
HOSTILE = 0.75
HEAT_LEVELS = ((0.35, "calm"), (0.5, "irritated"), (HOSTILE, "angry"), (1.01, "hostile"))


def noisy_or(scores: list[float]) -> float:
    p = 1.0
    for s in scores:
        p *= 1.0 - max(0.0, min(1.0, s))
    return 1.0 - p


def _live(cands: list[Candidate], group: str, kind: str | None = None) -> list[Candidate]:
    return [c for c in cands if c.group == group and not c.suppressed and kind in (None, c.kind)]


def offensive(
    doc: Doc, cands: list[Candidate], probs: dict[str, float]
) -> tuple[Offensive, list[Candidate]]:
    found = _live(cands, "offensive")
    rule = noisy_or([c.score for c in found])
    reasons = [f"lexicon evidence {rule:.2f}"] if found else []
    p = probs.get("offensive.yes")
    score = rule
    if p is not None:
        if found:
            score = max(rule, p) if p >= 0.5 else rule * (0.75 + 0.5 * p)
            reasons.append(f"model {p:.2f} {'agrees' if p >= 0.5 else 'doubts'}")
        else:
            score = p * 0.9
            reasons.append(f"model only {p:.2f}")
    return Offensive(score >= OFFENSIVE_THRESHOLD, score, tuple(), tuple(reasons)), found


def violence(
    cands: list[Candidate],
    probs: dict[str, float],
    sentence_scorer: Callable[[], tuple[float, Candidate | None]],
    policy: ViolencePolicy,
) -> list[Candidate]:
    """Lexicon matches confirmed (or overruled) by the model, or a model-only sentence."""
    live = _live(cands, "threat", "violence")
    rule = max((c.score for c in live), default=0.0)
    p_message = probs.get("violence.yes")
    if p_message is None:  # no model: rules alone decide
        return [c for c in live if c.score >= VIOLENCE_THRESHOLD]
    p_sentence, best = p_message, None
    if needs_sentences(rule, p_message, policy):
        p_sentence, best = sentence_scorer()
    violent, why = decide(rule, p_message, p_sentence, policy, has_idiom(cands))
    if not violent:
        for c in live:
            c.suppressed = True
            c.reasons.append(why)
        return []
    if live:
        p = max(p_message, p_sentence)
        for c in live:
            c.score = noisy_or([c.score, p])
            c.reasons.append(why)
        return live
    if best is None:
        return []
    best.reasons.append(why)
    return [best]


def has_idiom(cands: list[Candidate]) -> bool:
    """Something already explains violent-sounding wording: an idiom, reported speech, a
    dismissed violence phrase, or non-violent pressure ("ich bestelle nie wieder")."""
    return any(
        c.group == "idiom"
        or c.kind == "reported"
        or (c.group == "threat" and c.kind == "violence" and c.suppressed)
        or (c.group == "threat" and c.kind != "violence" and not c.suppressed)
        for c in cands
    )


def pressure(cands: list[Candidate]) -> list[Candidate]:
    return [
        c for c in _live(cands, "threat") if c.kind != "violence" and c.score >= PRESSURE_THRESHOLD
    ]


def wants(cands: list[Candidate], probs: dict[str, float]) -> list[Candidate]:
    out = []
    for c in _live(cands, "want"):
        p = probs.get(f"wants.{c.kind}")
        if p is not None and p >= 0.5:
            c.score = noisy_or([c.score, 0.5 * p])
            c.reasons.append(f"model agrees ({p:.2f})")
        if c.score >= WANT_THRESHOLD:
            out.append(c)
    return out


def emotions(
    doc: Doc, cands: list[Candidate], probs: dict[str, float], hostile: float
) -> list[Emotion]:
    out = []
    for label in EMOTIONS:
        ev = _live(cands, "emotion", label)
        rule = noisy_or([c.score for c in ev])
        model = probs.get("anger.yes") if label == "anger" else probs.get(f"emotion.{label}")
        negated = any(c.group == "emotion" and c.kind == label and c.suppressed for c in cands)
        if model is None:
            score = rule
        elif ev:
            score = noisy_or([rule, model])
        elif negated:  # "niet boos", "nicht wütend": the writer says so, believe them
            score = min(model, 0.3) * 0.9
        else:
            score = model * 0.9
        if label == "anger":
            score = max(score, hostile)
        findings = tuple(doc.finding(c) for c in ev)
        out.append(Emotion(label, score, score >= EMOTION_THRESHOLD, findings))
    return sorted(out, key=lambda e: -e.score)


def sentiment(
    cands: list[Candidate], probs: dict[str, float], negative_evidence: float
) -> Sentiment:
    labels = ("negative", "neutral", "positive")
    base = [probs.get(f"sentiment.{lab}", 1 / 3) for lab in labels]
    # a negated feeling points the other way: "nicht schlecht" leans positive,
    # "not happy at all" negative
    flipped_pos = [
        c.negated_weight
        for c in cands
        if c.group == "emotion" and c.kind in NEGATIVE_EMOTIONS and c.negated_weight
    ]
    flipped_neg = [
        0.8 * c.negated_weight for c in cands if c.kind == "satisfaction" and c.negated_weight
    ]
    negative_evidence = noisy_or([negative_evidence, *flipped_neg])
    live_pos = [c.score for c in _live(cands, "emotion", "satisfaction")]
    positive_evidence = noisy_or(live_pos + flipped_pos)
    logits = [math.log(max(b, 1e-6)) for b in base]
    logits[0] += 2.5 * negative_evidence - 3.0 * noisy_or(flipped_pos)
    logits[2] += 2.0 * positive_evidence
    if negative_evidence < 0.2 and positive_evidence < 0.2 and not probs:
        logits[1] += 0.5
    m = max(logits)
    exps = [math.exp(v - m) for v in logits]
    total = sum(exps)
    scores = tuple((lab, e / total) for lab, e in zip(labels, exps, strict=True))
    label = max(scores, key=lambda kv: kv[1])[0]
    return Sentiment(label, scores)


def heat(
    probs: dict[str, float],
    sent: Sentiment,
    off: Offensive,
    emos: list[Emotion],
    violent: bool,
    pressure_kinds: list[str],
    shout: Shouting,
    angry_emoji: int,
    intensified: int,
) -> Heat:
    scores = dict(sent.scores)
    emo = {e.label: e.score for e in emos}
    reasons: list[str] = []
    base = probs.get("heat.score")
    if base is None:
        base = 0.1 + 0.45 * scores["negative"]
    reasons.append(f"tone {base:.2f}")
    value = base + 0.25 * max(0.0, emo["anger"] - 0.4) + 0.1 * max(0.0, emo["frustration"] - 0.5)
    # heat is about anger, not about feeling: thanks, worry and sadness cool the tone
    cooling = 0.3 * scores["positive"] + 0.15 * max(emo["worry"], emo["sadness"])
    if cooling >= 0.05:
        value -= cooling
        reasons.append(f"cooled by positive or worried tone (-{cooling:.2f})")
    if off.detected:
        value = max(value, 0.55 + 0.3 * off.score)
        reasons.append("offensive language")
    if violent:
        value = max(value, 0.9)
        reasons.append("violent threat")
    if pressure_kinds:
        value += 0.06 * len(set(pressure_kinds))
        value = max(value, 0.5)
        reasons.append("pressure: " + ", ".join(sorted(set(pressure_kinds))))
    if shout.detected:
        value += 0.1
        reasons.append("shouting")
    if angry_emoji:
        value += min(0.1, 0.04 * angry_emoji)
        reasons.append("angry emoji")
    if intensified:
        value += min(0.06, 0.03 * intensified)
    if emo["anger"] >= EMOTION_THRESHOLD:
        value = max(value, 0.5)
    if not off.detected and not violent and value >= HOSTILE:
        # pressure, capitals and fury raise priority, but "hostile" is kept for abuse
        # and violence: those are what a supervisor must see first
        value = HOSTILE - 0.01
        reasons.append("no abuse or violence: at most 'angry'")
    value = max(0.0, min(1.0, value))
    level = next(name for bound, name in HEAT_LEVELS if value < bound)
    return Heat(value, level, tuple(reasons))


SARCASTIC_HEAT = 0.42  # a sarcastic complaint is at least irritated


def sarcastic_heat(heat: Heat) -> Heat:
    """Sarcasm hides irritation behind praise: at least 'irritated'."""
    if heat.score >= SARCASTIC_HEAT:
        return Heat(heat.score, heat.level, (*heat.reasons, "sarcasm"))
    level = next(name for bound, name in HEAT_LEVELS if bound > SARCASTIC_HEAT)
    return Heat(SARCASTIC_HEAT, level, (*heat.reasons, "sarcasm: praise that means the opposite"))


def sarcastic_emotions(emos: list[Emotion]) -> list[Emotion]:
    """No satisfaction behind sarcasm; frustration at least as likely as not."""
    out = []
    for e in emos:
        if e.label == "satisfaction":
            out.append(Emotion(e.label, min(e.score, 0.1), False, ()))
        elif e.label == "frustration" and e.score < EMOTION_THRESHOLD:
            out.append(Emotion(e.label, EMOTION_THRESHOLD, True, e.evidence))
        else:
            out.append(e)
    return sorted(out, key=lambda e: -e.score)


def findings(doc: Doc, cands: list[Candidate]) -> tuple[Finding, ...]:
    return tuple(doc.finding(c) for c in sorted(cands, key=lambda c: (c.start, c.end)))
