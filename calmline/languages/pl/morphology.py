"""Polish morphology through Morfeusz 2 (its wheel ships the SGJP dictionary; offline).

Polish inflects nouns and names: a customer writes "pralkę", "pani Agnieszce", "kelnerowi";
the situation needs "pralka", "Agnieszka", "kelner" to reason with (and later text needs
them to inflect again). Morfeusz loads in well under a second and is only loaded when a
Polish message needs it. Without the package the words are kept as written.
"""

from __future__ import annotations

import threading
from functools import cache
from typing import Any

_lock = threading.Lock()


@cache
def _analyser() -> Any:
    try:
        import morfeusz2
    except ImportError:  # pragma: no cover - morfeusz2 is a dependency
        return None
    return morfeusz2.Morfeusz()


def _analyses(word: str) -> list[tuple[str, str]]:
    """(lemma, tag) pairs for ``word``; the lemma without Morfeusz's ":Sm1"-style suffix."""
    m = _analyser()
    if m is None:
        return []
    with _lock:  # one Morfeusz object, shared by the API's threads
        found = m.analyse(word)
    return [(a[2][1].split(":")[0], a[2][2]) for a in found]


def noun_lemma(word: str) -> str | None:
    """The dictionary form of a common noun ("pralkę" → "pralka"), if Morfeusz knows one."""
    for lemma, tag in _analyses(word):
        if tag.startswith("subst") and lemma[:1].islower():
            return lemma
    return None


def name_lemma(word: str, gender: str | None = None) -> str | None:
    """The nominative of a first name or surname ("Agnieszce" → "Agnieszka"); ``gender`` is
    ``f`` or ``m`` when a title says so ("pani", "pan")."""
    best = None
    for lemma, tag in _analyses(word):
        if not (tag.startswith("subst") and lemma[:1].isupper()):
            continue
        parts = tag.split(":")
        tag_gender = "f" if "f" in parts else "m" if any(p.startswith("m") for p in parts) else None
        if gender is None or tag_gender == gender:
            return lemma
        best = best or lemma
    return best


def is_adjective(word: str) -> bool:
    """Morfeusz reads ``word`` as an adjective only ("biurkowa", not "brody")."""
    found = _analyses(word)
    return bool(found) and all(tag.startswith("adj") for _, tag in found)


@cache
def _generator() -> Any:
    try:
        import morfeusz2
    except ImportError:  # pragma: no cover - morfeusz2 is a dependency
        return None
    return morfeusz2.Morfeusz(generate=True, analyse=False)


def vocative(name: str) -> str:
    """The vocative of a first name, as a Polish greeting needs it ("Anna" → "Anno",
    "Michał" → "Michale"); the name as written when Morfeusz knows no singular vocative."""
    g = _generator()
    if g is None or not name[:1].isupper():
        return name
    with _lock:
        forms = g.generate(name)
    for form, _lemma, tag, *_ in forms:
        parts = tag.split(":")
        if parts[0] == "subst" and "sg" in parts and "voc" in ".".join(parts).split("."):
            return str(form)
    return name
