"""Words a regular expression cannot match without: a cheap test before running it.

The token patterns of a lexicon are indexed by their rarest word (:mod:`matcher`), but a
``re:`` pattern used to run over every message. Many are written for constructions
("<subject> threatened to <violent verb>", "if you had read …") whose cost is the engine
trying every word boundary. Their parse tree says which literal text any match must
contain — "threaten", or one of "gelesen|geprüft|…" — so a message without any of those
substrings is skipped, and the answer cannot change: the anchors are derived from the
regex itself, never written by hand.

Only what is certain counts as an anchor: literal runs in the top-level sequence, inside
groups that must match, in repeats of at least one, and alternations whose every branch
has an anchor. Lookarounds, optional parts, classes and anything unusual give none.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

# the standard library's own regex parser (Python 3.11+), untyped in typeshed
_sre: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")

MIN_ANCHOR = 3  # shorter literals are in almost every message and would filter nothing


def anchors(regex: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case strings of which every match contains at least one, or None if unknown."""
    try:
        parsed = _sre.parse(regex.pattern, regex.flags)
    except Exception:  # pragma: no cover - it compiled, so it parses
        return None
    return _best(_sequence(list(parsed)))


def _best(options: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective requirement: the one whose shortest string is longest."""
    usable = [o for o in options if o and min(map(len, o)) >= MIN_ANCHOR]
    if not usable:
        return None
    return max(usable, key=lambda o: (min(map(len, o)), -len(o)))


def _sequence(items: list[tuple[Any, Any]]) -> list[frozenset[str]]:
    """Every requirement that a match of this sequence must satisfy."""
    found: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) >= MIN_ANCHOR:
            found.append(frozenset({"".join(run)}))
        run.clear()

    for op, arg in items:
        if op is _c.LITERAL:
            run.append(chr(arg).lower())
            continue
        flush()
        inner = _requirement(op, arg)
        if inner is not None:
            found.append(inner)
    flush()
    return found


def _requirement(op: Any, arg: Any) -> frozenset[str] | None:
    """What one non-literal item of a sequence requires, if anything."""
    if op is _c.SUBPATTERN:
        return _best(_sequence(list(arg[-1])))
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        low, _high, item = arg
        return _best(_sequence(list(item))) if low >= 1 else None
    if op is _c.BRANCH:
        union: set[str] = set()
        for branch in arg[1]:
            need = _best(_sequence(list(branch)))
            if need is None:
                return None  # one branch can match without any anchor
            union |= need
        return frozenset(union)
    return None


def safe_to_filter(text: str) -> bool:
    """False when case-insensitive matching could see a letter that ``lower()`` hides
    (the long s, dotless i, the Kelvin sign …): then every regex runs, as before."""
    if text.isascii():
        return True
    for ch in set(text):  # on the hot path: each distinct letter once
        if ch.isascii():
            continue
        low = ch.lower()
        if len(low) != 1:
            return False
        up = ch.upper()
        if len(up) == 1 and up.lower() != low:
            return False
    return True
