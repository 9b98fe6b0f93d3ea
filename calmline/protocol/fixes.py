"""One-click fixes that fit the agent's reply.

A finding's suggestion is a sentence in the customer's language; pasting it over a
two-word span, or appending it after the sign-off, breaks the reply. A :class:`Fix` says
exactly what changes: a misspelled word is replaced by the word, a flawed phrase by a whole
sentence in place of the sentence it sits in (and the label says so), a missing step is
inserted where it belongs — safety advice, acknowledgement and apology right after the
greeting, next steps and time frames before the sign-off — and a reply that is too long is
shortened to the agent's *own* most important sentences, never swapped for a canned draft.
The web app shows the result before it is applied, and can undo it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from calmline.analyzer.violence import sentence_spans
from calmline.protocol.situation import review_matcher, scan

# absence findings whose sentence opens the body (after the greeting); the rest go last
OPENING_CODES = frozenset(
    {"ignores_hazard", "ignores_threat", "no_acknowledgment", "no_apology", "dismissive"}
)
WHOLE_CODES = frozenset({"wrong_language", "repeated_reply"})
# what a shortened reply keeps first: the sentences that do a protocol step that matters
KEEP_KINDS = (
    "safety",
    "hazard_advice",
    "apology",
    "offer",
    "escalate",
    "time_frame",
    "next_step",
    "acknowledge",
)
_GREETING_WORDS = 8


@dataclass(frozen=True, slots=True)
class Fix:
    """Replace ``draft[start:end]`` with ``text``; ``action`` names what that does:
    ``replace`` (the flagged words), ``replace_sentence``, ``insert``, ``shorten`` (the
    agent's own sentences, fewer) or ``replace_all`` (a drafted reply)."""

    action: str
    start: int
    end: int
    text: str

    def apply(self, draft: str) -> str:
        return draft[: self.start] + self.text + draft[self.end :]

    def to_dict(self) -> dict[str, Any]:
        return {"action": self.action, "start": self.start, "end": self.end, "text": self.text}


def body_bounds(draft: str) -> tuple[int, int]:
    """Where the body starts (after a greeting line) and ends (before the sign-off block)."""
    start = 0
    first_break = draft.find("\n")
    if first_break > 0:
        first = draft[:first_break].strip()
        if first and len(first.split()) <= _GREETING_WORDS and first[-1] in ",!:":
            start = first_break
            while start < len(draft) and draft[start] in "\r\n \t":
                start += 1
    end = len(draft.rstrip())
    lines = draft[:end].split("\n")
    if len(lines) > 2:
        pos = end
        for line in reversed(lines[1:]):
            if len(line.split()) > 4 or (not line.strip() and pos == end):
                break
            pos -= len(line) + 1
        if pos < end:
            while pos > start and draft[pos - 1] in "\r\n \t":
                pos -= 1
            end = max(pos, start)
    return start, end


def _sentence(draft: str, start: int, end: int) -> tuple[int, int]:
    for s, e in sentence_spans(draft):
        if s <= start < e or (start == end == s):
            return s, max(e, end)
    return start, end


def insertion(draft: str, code: str, sentence: str) -> Fix:
    """Insert ``sentence`` after the greeting (opening steps) or before the sign-off."""
    b_start, b_end = body_bounds(draft)
    if code in OPENING_CODES:
        rest = draft[b_start:]
        sep = " " if rest and not rest[0].isspace() else ""
        return Fix("insert", b_start, b_start, sentence + sep)
    before = draft[:b_end]
    sep = " " if before and not before[-1].isspace() else ""
    return Fix("insert", b_end, b_end, sep + sentence)


def shorten(draft: str, limit: int, language: str) -> Fix | None:
    """The agent's own reply within ``limit`` characters: greeting and sign-off kept, the
    body's sentences dropped from the least to the most important (the last ones first
    among equals) until it fits. None when even the most important ones do not fit."""
    b_start, b_end = body_bounds(draft)
    spans = [(s, e) for s, e in sentence_spans(draft) if b_start <= s and e <= b_end]
    if not spans:
        return None
    matcher = review_matcher(language)

    def weight(span: tuple[int, int]) -> int:
        kinds = {m.entry.kind for m in scan(draft[span[0] : span[1]], language, matcher)}
        return max(
            (len(KEEP_KINDS) - KEEP_KINDS.index(k) for k in kinds if k in KEEP_KINDS), default=0
        )

    ranked = sorted(range(len(spans)), key=lambda i: (weight(spans[i]), -i))
    kept = set(range(len(spans)))
    frame = len(draft) - (b_end - b_start)

    def body() -> str:
        return " ".join(draft[spans[i][0] : spans[i][1]].strip() for i in sorted(kept))

    for i in ranked:
        if frame + len(body()) <= limit or len(kept) == 1:
            break
        kept.discard(i)
    text = re.sub(r"[ \t]+", " ", body())
    if frame + len(text) > limit:
        return None
    return Fix("shorten", b_start, b_end, text)


def plan(
    draft: str, code: str, start: int, end: int, suggestion: str, language: str, limit: int
) -> Fix | None:
    """The fix for one finding (see module doc); None when there is nothing to apply."""
    if code == "too_long":
        return shorten(draft, limit, language)
    if not suggestion:
        return None
    if code == "spelling":
        return Fix("replace", start, end, suggestion)
    if code in WHOLE_CODES:
        return Fix("replace_all", 0, len(draft), suggestion)
    if end > start:
        if end - start >= len(draft.strip()):
            return Fix("replace_all", 0, len(draft), suggestion)
        s, e = _sentence(draft, start, end)
        return Fix("replace_sentence", s, e, suggestion)
    return insertion(draft, code, suggestion)
