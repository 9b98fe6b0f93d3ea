"""Compiled lexicon patterns: token sequences over lemmas, or regular expressions.

Token patterns are what most entries use, because writing a lemma once covers every
inflected form (Polish and German especially). The syntax is documented in
``docs/lexicons.md``; this module turns one pattern string into a matcher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_GAP = re.compile(r"^~([1-6])$")
_WORD = re.compile(r"^[\w'’-]+\*?$")


class PatternError(ValueError):
    """A pattern string that does not follow the documented syntax."""


@dataclass(frozen=True, slots=True)
class Alt:
    """One alternative at a token position: an exact form or a prefix."""

    form: str
    prefix: bool

    def matches(self, surface: str, lemma: str) -> bool:
        if self.prefix:
            return surface.startswith(self.form) or lemma.startswith(self.form)
        return surface == self.form or lemma == self.form


@dataclass(frozen=True, slots=True)
class Slot:
    """A token position: a set of alternatives, or ``*`` for any token."""

    alts: tuple[Alt, ...]  # empty tuple means "any token"
    exact: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()

    @classmethod
    def of(cls, alts: tuple[Alt, ...]) -> Slot:
        exact = frozenset(a.form for a in alts if not a.prefix)
        return cls(alts, exact, tuple(a.form for a in alts if a.prefix))

    def matches(self, surface: str, lemma: str) -> bool:
        if not self.alts or surface in self.exact or lemma in self.exact:
            return True
        return any(surface.startswith(p) or lemma.startswith(p) for p in self.prefixes)


@dataclass(frozen=True, slots=True)
class Gap:
    """Up to ``n`` arbitrary tokens between two slots."""

    n: int


Element = Slot | Gap


@dataclass(frozen=True, slots=True)
class TokenPattern:
    elements: tuple[Element, ...]

    @property
    def first(self) -> Slot:
        first = self.elements[0]
        assert isinstance(first, Slot)
        return first


@dataclass(frozen=True, slots=True)
class RegexPattern:
    regex: re.Pattern[str]


Pattern = TokenPattern | RegexPattern


def _slot(token: str) -> Slot:
    if token == "*":
        return Slot.of(())
    alts = []
    for part in token.split("|"):
        if not part or not _WORD.match(part) or part == "*":
            raise PatternError(f"bad token {part!r} in {token!r}")
        prefix = part.endswith("*")
        form = part[:-1] if prefix else part
        if prefix and len(form) < 3:
            raise PatternError(f"prefix {part!r} is shorter than 3 letters")
        alts.append(Alt(form.lower().replace("’", "'"), prefix))
    return Slot.of(tuple(alts))


def compile_pattern(source: str) -> Pattern:
    """Compile one pattern string, raising :class:`PatternError` with the reason."""
    if source.startswith("re:"):
        expr = source[3:]
        try:
            regex = re.compile(expr, re.IGNORECASE)
        except re.error as exc:
            raise PatternError(f"invalid regular expression: {exc}") from None
        if regex.fullmatch(""):
            raise PatternError("regular expression matches the empty string")
        return RegexPattern(regex)
    parts = source.strip().split(" ")
    if not parts or any(p == "" for p in parts):
        raise PatternError("empty token (double space?)")
    elements: list[Element] = []
    for part in parts:
        gap = _GAP.match(part)
        if gap:
            if not elements or isinstance(elements[-1], Gap):
                raise PatternError("a gap must stand between two tokens")
            elements.append(Gap(int(gap.group(1))))
        else:
            elements.append(_slot(part))
    if isinstance(elements[-1], Gap):
        raise PatternError("a pattern cannot end with a gap")
    first = elements[0]
    if not isinstance(first, Slot) or not first.alts:
        raise PatternError("a pattern must start with a word, not '*'")
    return TokenPattern(tuple(elements))
