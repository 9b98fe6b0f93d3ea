"""Detectors: each turns the shared artifacts of a message into candidate findings.

They share one small base class so the pipeline can run rules (lexicons) and, later,
other detectors the same way. Scores here are raw rule strengths; modifiers and fusion
adjust them afterwards and record why.
"""

from __future__ import annotations

import re
import unicodedata
from abc import ABC, abstractmethod
from typing import ClassVar

from calmline.analyzer.doc import Candidate, Doc
from calmline.analyzer.result import Explanation, Finding, Shouting


class Detector(ABC):
    """Base class: a named detector producing candidates from a :class:`Doc`."""

    name: ClassVar[str]

    @abstractmethod
    def detect(self, doc: Doc) -> list[Candidate]: ...


class LexiconDetector(Detector):
    """Every match of one lexicon becomes a candidate of that lexicon's group."""

    name = "lexicon"
    GROUPS: ClassVar[dict[str, str]] = {
        "offensive": "offensive",
        "threats": "threat",
        "idioms": "idiom",
        "wants": "want",
        "emotions": "emotion",
        "modifiers": "modifier",
        "facts": "fact",
        "hazards": "hazard",
        "sarcasm": "tone",
    }

    def detect(self, doc: Doc) -> list[Candidate]:
        out = []
        for m in doc.matches:
            group = self.GROUPS.get(m.entry.lexicon)
            if group is None:
                continue
            first, last = (
                (m.first_token, m.last_token)
                if m.first_token >= 0
                else doc.token_range(m.start, m.end)
            )
            value = m.value
            if group == "fact" and value is None:
                value = doc.view.text[m.start : m.end]
            out.append(
                Candidate(
                    group=group,
                    kind=m.entry.kind,
                    start=m.start,
                    end=m.end,
                    score=m.entry.weight,
                    detector=f"lexicon.{m.entry.lexicon}",
                    rule=m.entry.rule,
                    first_token=first,
                    last_token=last,
                    value=value.strip() if value else value,
                    reasons=[_reason(m.entry.source)],
                )
            )
        return out


def _reason(source: str) -> str:
    if source.startswith("re:"):
        return "matched a regular expression"
    return f"matched {source!r}"


_CAPS_WORD = re.compile(r"\b[^\W\d_]{3,}\b", re.UNICODE)
_REPEATED = re.compile(r"[!?]{2,}|!{2,}|\?{3,}")
_ANGRY_EMOJI = frozenset("😡🤬😠💢👿🖕😤")


def _is_emoji(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x1F300 <= cp <= 0x1FAFF
        or 0x2600 <= cp <= 0x27BF
        or (unicodedata.category(ch) == "So" and cp > 0x2000)
    )


def shouting(doc: Doc) -> tuple[Shouting, int]:
    """Capitals, repeated ``!``/``?`` and emoji: language-independent heat signals.

    Returns the result and the number of angry emoji (used by fusion).
    """
    text = doc.view.text
    word_matches = list(_CAPS_WORD.finditer(text))
    words = [m.group() for m in word_matches]
    letters = sum(len(w) for w in words)
    caps = [w for w in words if w.isupper()]
    caps_letters = sum(len(w) for w in caps)
    ratio = caps_letters / letters if letters else 0.0
    findings: list[Finding] = []
    repeated = list(_REPEATED.finditer(text))
    for m in repeated:
        s, e = doc.view.span(m.start(), m.end())
        findings.append(
            Finding(
                "repeated_punctuation",
                s,
                e,
                doc.original[s:e],
                min(1.0, 0.3 + 0.1 * (e - s)),
                Explanation("shouting", "repeated_punctuation", (f"{e - s} marks in a row",)),
            )
        )
    for m in word_matches:
        if m.group().isupper() and len(m.group()) >= 4:
            s, e = doc.view.span(m.start(), m.end())
            findings.append(
                Finding(
                    "capitals",
                    s,
                    e,
                    doc.original[s:e],
                    0.5,
                    Explanation("shouting", "capitals", ("word written in capitals",)),
                )
            )
    emoji = [ch for ch in text if _is_emoji(ch)]
    angry = sum(1 for ch in emoji if ch in _ANGRY_EMOJI)
    detected = (len(caps) >= 2 and ratio >= 0.3) or (ratio >= 0.6 and letters >= 8) or "!!!" in text
    result = Shouting(
        detected=bool(detected),
        caps_ratio=ratio,
        caps_words=len(caps),
        exclamations=text.count("!"),
        questions=text.count("?"),
        repeated_punctuation=len(repeated),
        emoji=len(emoji),
        findings=tuple(findings[:50]),
    )
    return result, angry
