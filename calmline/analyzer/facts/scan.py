"""A message's tokens read against the language's value vocabulary, once.

Every fact extractor (times, contact attempts, references, people) asks the same questions —
"what does the word at position i mean?", "is there a number here?", "which clause is this
token in?" — so the answers are computed here once per message.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from calmline.analyzer.text import Token
from calmline.languages.vocab import Sense, Vocab

# punctuation that ends a clause; cue words do not reach across it
_BREAK = re.compile(r"[!?;,:()\n\[\]–—…]|\s-\s|\.\.")
_PERIOD = re.compile(r"\.")
_RANGE = re.compile(r"^(\d{1,3})[-–](\d{1,3})$")
_DIGITS = re.compile(r"^\d{1,4}$")


@dataclass(frozen=True, slots=True)
class Hit:
    """A vocabulary sense found at tokens ``[i, j)``."""

    i: int
    j: int
    kind: str
    value: str
    rule: str


@dataclass(frozen=True, slots=True)
class Number:
    value: float
    i: int
    j: int  # exclusive
    ranged: bool = False  # "2-3": the upper bound was taken


class Reader:
    """Tokens, their senses and their clauses for one message."""

    def __init__(self, text: str, tokens: Sequence[Token], vocab: Vocab) -> None:
        self.text = text
        self.tokens = tokens
        self.vocab = vocab
        self.words = tuple(t.surface for t in tokens)
        self.starts = [t.start for t in tokens]
        self.ends = [t.end for t in tokens]
        self.hits: list[list[Hit]] = [[] for _ in tokens]
        for i, word in enumerate(self.words):
            for size, sense in vocab.phrases_at(self.words, i):
                self.hits[i].append(_hit(i, i + size, sense))
            for sense in vocab.senses(word):
                self.hits[i].append(_hit(i, i + 1, sense))
        clause = 0
        self.clause: list[int] = []
        for i, tok in enumerate(tokens):
            if i and (
                _BREAK.search(text, tokens[i - 1].end, tok.start)
                or (
                    _PERIOD.search(text, tokens[i - 1].end, tok.start)
                    and not (tok.surface[0].isdigit() or text[tok.start].islower())
                )
                or any(h.kind == "clause_break" and h.j == i + 1 for h in self.hits[i])
            ):
                clause += 1
            self.clause.append(clause)

    def __len__(self) -> int:
        return len(self.tokens)

    def hit(self, i: int, *kinds: str) -> Hit | None:
        """The longest sense of one of ``kinds`` starting at token ``i``."""
        if not 0 <= i < len(self.tokens):
            return None
        best = None
        for h in self.hits[i]:
            if h.kind in kinds and (best is None or h.j > best.j):
                best = h
        return best

    def ending_at(self, j: int, *kinds: str) -> Hit | None:
        """A sense of one of ``kinds`` whose last token is ``j - 1`` (the longest)."""
        best = None
        for i in range(max(0, j - 4), j):
            for h in self.hits[i]:
                if h.j == j and h.kind in kinds and (best is None or h.i < best.i):
                    best = h
        return best

    def gap(self, a: int, b: int) -> str:
        """The text between token ``a`` and token ``b`` (``a < b``)."""
        return self.text[self.tokens[a].end : self.tokens[b].start]

    def number(self, i: int) -> Number | None:
        """A number starting at token ``i``: digits ("10", "1,5", "2-3") or words."""
        if not 0 <= i < len(self.tokens):
            return None
        word = self.words[i]
        m = _RANGE.match(word)
        if m:
            return Number(float(m.group(2)), i, i + 1, ranged=True)
        if _DIGITS.match(word):
            value = float(word)
            if (
                i + 1 < len(self.tokens)
                and self.gap(i, i + 1) in (",", ".")
                and (_DIGITS.match(self.words[i + 1]) and len(self.words[i + 1]) == 1)
            ):
                return Number(value + int(self.words[i + 1]) / 10, i, i + 2)
            return Number(value, i, i + 1)
        h = self.hit(i, "number")
        if h is not None:
            return Number(float(h.value), i, h.j)
        return None

    def clause_cues(self, i: int, j: int, kinds: tuple[str, ...]) -> list[tuple[int, Hit]]:
        """Cues of ``kinds`` in the clause of tokens ``[i, j)``, with their distance."""
        if not self.tokens:
            return []
        lo, hi = self.clause[i], self.clause[j - 1]
        out = []
        for k in range(len(self.tokens)):
            if not lo <= self.clause[k] <= hi or i <= k < j:
                continue
            for h in self.hits[k]:
                if h.kind in kinds and not (h.i < j and i < h.j):
                    dist = i - h.j if h.j <= i else h.i - j
                    out.append((dist, h))
        return sorted(out, key=lambda dh: dh[0])

    def span(self, i: int, j: int) -> tuple[int, int]:
        return self.tokens[i].start, self.tokens[j - 1].end


def _hit(i: int, j: int, sense: Sense) -> Hit:
    return Hit(i, j, sense.kind, sense.value, sense.rule)
