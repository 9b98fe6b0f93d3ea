"""Fast matching of many lexicon entries against one message's tokens.

Patterns are indexed by their first slot (exact forms in a dict, prefixes by length), so a
message is scanned once rather than once per entry.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from calmline.analyzer.anchors import anchors, safe_to_filter
from calmline.analyzer.text import Token
from calmline.languages.loader import Entry
from calmline.languages.patterns import Gap, RegexPattern, Slot, TokenPattern


@dataclass(frozen=True, slots=True)
class Match:
    entry: Entry
    start: int  # view offsets
    end: int
    value: str | None
    first_token: int  # index of the first token (-1 for regex matches)
    last_token: int


def _match_from(elements: Sequence[Slot | Gap], tokens: Sequence[Token], i: int) -> int:
    """Index of the last token matched when ``elements`` match starting at token ``i``, else -1."""
    if not elements:
        return i - 1
    head = elements[0]
    if isinstance(head, Gap):
        for skip in range(head.n + 1):
            end = _match_from(elements[1:], tokens, i + skip)
            if end >= 0:
                return end
        return -1
    if i >= len(tokens):
        return -1
    tok = tokens[i]
    if not head.matches(tok.surface, tok.lemma):
        return -1
    return _match_from(elements[1:], tokens, i + 1)


def _key_slot(pattern: TokenPattern) -> Slot:
    """The slot least likely to match by chance: its shortest alternative is the longest.

    Indexing patterns by this slot (not the first one, which is often "I"/"ik"/"ich")
    means a message only wakes the few patterns whose rarest word it contains.
    """
    slots = [e for e in pattern.elements if isinstance(e, Slot) and e.alts]
    return max(slots, key=lambda s: min(len(a.form) for a in s.alts))


class Matcher:
    """All entries of one or more lexicons, ready to scan messages."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self._exact: dict[str, list[Entry]] = defaultdict(list)
        self._prefix: dict[int, dict[str, list[Entry]]] = defaultdict(lambda: defaultdict(list))
        # each regex with the words it cannot match without (None: always run it)
        self._regex: list[tuple[Entry, frozenset[str] | None]] = []
        for entry in entries:
            pattern = entry.pattern
            if isinstance(pattern, RegexPattern):
                self._regex.append((entry, anchors(pattern.regex)))
                continue
            for alt in _key_slot(pattern).alts:
                if alt.prefix:
                    self._prefix[len(alt.form)][alt.form].append(entry)
                else:
                    self._exact[alt.form].append(entry)
        self._lengths = sorted(self._prefix)

    def _candidates(self, tokens: Sequence[Token]) -> list[Entry]:
        found: dict[int, Entry] = {}
        forms = {t.surface for t in tokens} | {t.lemma for t in tokens}
        for form in forms:
            for entry in self._exact.get(form, ()):
                found[id(entry)] = entry
            for n in self._lengths:
                if len(form) >= n:
                    for entry in self._prefix[n].get(form[:n], ()):
                        found[id(entry)] = entry
        return list(found.values())

    def scan(self, text: str, tokens: Sequence[Token]) -> list[Match]:
        matches: list[Match] = []
        positions: dict[str, list[int]] = defaultdict(list)
        for i, tok in enumerate(tokens):
            positions[tok.surface].append(i)
            if tok.lemma != tok.surface:
                positions[tok.lemma].append(i)
        for entry in self._candidates(tokens):
            pattern = entry.pattern
            assert isinstance(pattern, TokenPattern)
            first = pattern.first
            starts: set[int] = set()
            for form in first.exact:
                starts.update(positions.get(form, ()))
            if first.prefixes:
                for form, idx in positions.items():
                    if form.startswith(first.prefixes):
                        starts.update(idx)
            for i in sorted(starts):
                last = _match_from(pattern.elements, tokens, i)
                if last >= 0:
                    matches.append(Match(entry, tokens[i].start, tokens[last].end, None, i, last))
        low = text.lower() if self._regex and safe_to_filter(text) else None
        for entry, need in self._regex:
            if low is not None and need is not None and not any(a in low for a in need):
                continue  # cannot match: it needs one of these words (see anchors.py)
            pattern = entry.pattern
            assert isinstance(pattern, RegexPattern)
            for m in pattern.regex.finditer(text):
                groups = m.groupdict()
                s, e = m.span("span") if groups.get("span") is not None else m.span()
                if e <= s:
                    continue
                value = groups.get("value")
                matches.append(Match(entry, s, e, value, -1, -1))
        # candidates come out of a set; sort so results never depend on the hash seed
        matches.sort(key=lambda m: (m.start, m.end, m.entry.lexicon, m.entry.line))
        return matches
