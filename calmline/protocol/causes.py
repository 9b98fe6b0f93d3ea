"""What a complaint is about — delivery, defect, refund, billing, service, appointment,
account — from each language's ``causes`` lexicon.

Read for the supervisors' "top complaint causes" chart and the case header; the protocol's
decisions do not depend on it. Cached by text: the dashboard re-reads the same messages.
"""

from __future__ import annotations

from functools import cache, lru_cache

from calmline.analyzer.matcher import Matcher
from calmline.languages.loader import KINDS, has_language, load_language
from calmline.protocol.situation import scan

CAUSES: tuple[str, ...] = tuple(sorted(KINDS["causes"]))
MIN_WEIGHT = 0.5


@cache
def causes_matcher(code: str) -> Matcher:
    return Matcher(load_language(code).entries("causes"))


@lru_cache(maxsize=8192)
def causes_of(text: str, language: str | None) -> tuple[str, ...]:
    """The causes a customer message names, in order of first mention (none for a language
    without a causes lexicon)."""
    if not language or not has_language(language) or not text.strip():
        return ()
    found = sorted(
        (m.start, m.entry.kind)
        for m in scan(text, language, causes_matcher(language))
        if m.entry.weight >= MIN_WEIGHT
    )
    return tuple(dict.fromkeys(kind for _, kind in found))
