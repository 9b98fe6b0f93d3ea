"""The per-message artifacts computed once: view, language, tokens and lexicon matches."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cache, cached_property

from calmline.analyzer.cleaning import View
from calmline.analyzer.matcher import Match, Matcher
from calmline.analyzer.result import Explanation, Finding, Language
from calmline.analyzer.text import Token
from calmline.analyzer.violence import sentence_spans
from calmline.languages.loader import LEXICONS, Entry, load_language


@cache
def matcher_for(code: str) -> Matcher:
    """One matcher over the language's lexicons plus the language-independent ones."""
    codes = ("common",) if code == "common" else (code, "common")
    entries: list[Entry] = []
    for c in codes:
        res = load_language(c)
        for name in LEXICONS:
            if name not in (
                "mail",
                "review",
                "context",
                "causes",
                "org",
            ):  # read by the protocol, not here
                entries.extend(res.entries(name))
    return Matcher(entries)


@dataclass
class Candidate:
    """A finding under construction: detectors create it, modifiers adjust it."""

    group: str  # offensive | threat | want | fact | emotion | idiom | modifier
    kind: str
    start: int  # view offsets
    end: int
    score: float
    detector: str
    rule: str
    first_token: int
    last_token: int
    value: str | None = None
    reasons: list[str] = field(default_factory=list)
    normalized: str | None = None
    role: str | None = None
    suppressed: bool = False
    negated_weight: float = 0.0  # the strength a negation took away ("not happy": 0.8)

    def scale(self, factor: float, reason: str) -> None:
        self.score = max(0.0, min(1.0, self.score * factor))
        self.reasons.append(reason)


@dataclass
class Doc:
    original: str
    view: View
    language: Language
    tokens: tuple[Token, ...]
    matches: list[Match]
    token_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.token_starts = [t.start for t in self.tokens]

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans of the view, computed once: the model stage, sarcasm, violence and
        hazards all read by sentence."""
        return sentence_spans(self.view.text)

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Indices of the first and last token inside the view span (or nearest)."""
        first = bisect.bisect_left(self.token_starts, start)
        last = bisect.bisect_left(self.token_starts, end) - 1
        return first, max(first, last)

    def finding(self, c: Candidate) -> Finding:
        start, end = self.view.span(c.start, c.end)
        return Finding(
            kind=c.kind,
            start=start,
            end=end,
            text=self.original[start:end],
            score=c.score,
            explanation=Explanation(c.detector, c.rule, tuple(c.reasons)),
            value=c.value,
            normalized=c.normalized,
            role=c.role,
        )
