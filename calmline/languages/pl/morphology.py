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


def genitive(phrase: str) -> str | None:
    """``phrase`` (a product as the customer wrote it: "pralkę", "ekspres do kawy", "buty
    Nike") with its first word, a common noun, in the genitive of the same number ("pralki",
    "ekspresu do kawy", "butów Nike"); None when the first word is not a noun Morfeusz knows
    (an adjective in front would need agreeing too: the caller quotes the phrase instead)."""
    words = phrase.split()
    if not words:
        return None
    head = words[0]
    if not head.islower():
        return None  # "iPhone", "Dyson": a name is cited, never inflected or lower-cased
    found = [(lemma, tag) for lemma, tag in _analyses(head) if tag.startswith("subst")]
    found = [(lemma, tag) for lemma, tag in found if lemma[:1].islower()]
    if not found or any(t.startswith("adj") for _, t in _analyses(head)):
        return None
    for word in words[1:]:  # "sofę narożną": the adjective would have to agree as well
        if word[:1].islower() and any(t.startswith("adj") for _, t in _analyses(word)):
            return None
    # a thing, not a person ("ekspres" m3, not the m1 courier)
    found.sort(key=lambda lt: ":m1" in lt[1])
    lemma, tag = found[0]
    number = "pl" if ":pl:" in f"{tag}:" else "sg"
    gender = next((p for p in tag.split(":") if p in ("f", "n", "m1", "m2", "m3")), None)
    g = _generator()
    if g is None:
        return None
    with _lock:
        forms = g.generate(lemma)
    for form, _lemma, ftag, *_ in forms:
        parts = ftag.split(":")
        if parts[0] != "subst" or number not in parts[1].split("."):
            continue
        cases = parts[2].split(".") if len(parts) > 2 else []
        if "gen" in cases and (gender is None or gender in parts):
            return " ".join([str(form), *words[1:]])
    return None
