"""Immutable, JSON-serialisable analysis results.

Every finding carries evidence in the manner of Presidio's ``RecognizerResult``: character
offsets into the original text, a score, and an explanation naming the detector, the rule
and what raised or lowered the score.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


def _r(x: float) -> float:
    return round(float(x), 4)


@dataclass(frozen=True, slots=True)
class Explanation:
    detector: str
    rule: str
    reasons: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"detector": self.detector, "rule": self.rule, "reasons": list(self.reasons)}


@dataclass(frozen=True, slots=True)
class Finding:
    """A piece of evidence: ``text == original[start:end]``."""

    kind: str
    start: int
    end: int
    text: str
    score: float
    explanation: Explanation
    value: str | None = None
    normalized: str | None = None  # a fact's canonical value: "79.95 EUR", "2026-11-03", "P3W"
    role: str | None = None  # a time's role: elapsed, promised, deadline, lost, event, other

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        if self.value is not None:
            out["value"] = self.value
        if self.normalized is not None:
            out["normalized"] = self.normalized
        if self.role is not None:
            out["role"] = self.role
        out.update(
            start=self.start,
            end=self.end,
            text=self.text,
            score=_r(self.score),
            explanation=self.explanation.to_dict(),
        )
        return out


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    confidence: float
    supported: bool


@dataclass(frozen=True, slots=True)
class Sentiment:
    label: str
    scores: tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True)
class Heat:
    score: float
    level: str
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Emotion:
    label: str
    score: float
    detected: bool
    evidence: tuple[Finding, ...] = ()


@dataclass(frozen=True, slots=True)
class Shouting:
    detected: bool
    caps_ratio: float
    caps_words: int
    exclamations: int
    questions: int
    repeated_punctuation: int
    emoji: int
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True, slots=True)
class Offensive:
    detected: bool
    score: float
    findings: tuple[Finding, ...]
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Excluded:
    """A region left out of scoring (quoted history, signature), in original offsets."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Analysis:
    language: Language
    sentiment: Sentiment
    heat: Heat
    emotions: tuple[Emotion, ...]
    offensive: Offensive
    threats: tuple[Finding, ...]
    wants: tuple[Finding, ...]
    facts: tuple[Finding, ...]
    shouting: Shouting
    truncated: bool
    length: int
    excluded: tuple[Excluded, ...] = ()
    html: bool = False
    model: dict[str, float] = field(default_factory=dict)
    sarcasm: tuple[Finding, ...] = ()  # praise or thanks that means the opposite
    hazards: tuple[Finding, ...] = ()  # safety risks: fire, electric, gas, injury, …

    @property
    def sarcastic(self) -> bool:
        return bool(self.sarcasm)

    @property
    def violent(self) -> bool:
        return any(t.kind == "violence" for t in self.threats)

    def to_dict(self) -> dict[str, Any]:
        return {
            "language": {
                "code": self.language.code,
                "confidence": _r(self.language.confidence),
                "supported": self.language.supported,
            },
            "sentiment": {
                "label": self.sentiment.label,
                "scores": {k: _r(v) for k, v in self.sentiment.scores},
            },
            "heat": {
                "score": _r(self.heat.score),
                "level": self.heat.level,
                "reasons": list(self.heat.reasons),
            },
            "emotions": [
                {
                    "label": e.label,
                    "score": _r(e.score),
                    "detected": e.detected,
                    "evidence": [f.to_dict() for f in e.evidence],
                }
                for e in self.emotions
            ],
            "offensive": {
                "detected": self.offensive.detected,
                "score": _r(self.offensive.score),
                "findings": [f.to_dict() for f in self.offensive.findings],
                "reasons": list(self.offensive.reasons),
            },
            "threats": [f.to_dict() for f in self.threats],
            "wants": [f.to_dict() for f in self.wants],
            "facts": [f.to_dict() for f in self.facts],
            "sarcasm": [f.to_dict() for f in self.sarcasm],
            "hazards": [f.to_dict() for f in self.hazards],
            "shouting": {
                "detected": self.shouting.detected,
                "caps_ratio": _r(self.shouting.caps_ratio),
                "caps_words": self.shouting.caps_words,
                "exclamations": self.shouting.exclamations,
                "questions": self.shouting.questions,
                "repeated_punctuation": self.shouting.repeated_punctuation,
                "emoji": self.shouting.emoji,
                "findings": [f.to_dict() for f in self.shouting.findings],
            },
            "excluded": [{"kind": x.kind, "start": x.start, "end": x.end} for x in self.excluded],
            "html": self.html,
            "model": {k: _r(v) for k, v in self.model.items()},
            "truncated": self.truncated,
            "length": self.length,
        }

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)
