"""Products and people: a display form as written and a normalised form to reason with.

A product keeps the customer's words ("pralkę", "meiner Waschmaschine") for display and
gets its dictionary form ("pralka", "waschmaschine") from the lemma tables, so later text can
inflect it. A person is a name ("Herr Yilmaz" → ``Yilmaz``) or, unnamed, a role word from
the vocabulary ("de bezorger" → ``courier``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from calmline.analyzer.facts.scan import Reader

# vocabulary kinds whose words are no names ("Montag", "Herr", "Mails"); product endings and
# the like are: "Herr Spiegel", "Frau Hahn"
_NOT_NAME_KINDS = frozenset(
    {
        "weekday",
        "month",
        "title",
        "number",
        "ordinal",
        "unit",
        "unit1",
        "day_offset",
        "contact_noun",
        "contact_verb",
        "person_role",
        "ref_label",
        "period",
        "currency",
    }
)
_ATTRIBUTIVE = re.compile(r"(?:e|en|er|es|em)$")  # Dutch and German attributive adjectives
_NAME = re.compile(r"[A-ZÀ-ÖØ-ÞŁŚŻŹĆŃÓĄĘ][\w'’-]+")
_PARTICLES = frozenset({"van", "de", "der", "den", "ter", "ten", "von", "zu", "du", "da", "di"})
_NOT_NAMES = frozenset(
    {
        "ik",
        "ich",
        "i",
        "je",
        "jij",
        "u",
        "wij",
        "we",
        "sie",
        "ihr",
        "er",
        "es",
        "pan",
        "pani",
        "en",
        "und",
        "and",
        "maar",
        "aber",
        "but",
        "ale",
        "die",
        "der",
        "das",
        "de",
        "het",
        "the",
        "dat",
        "is",
        "ist",
        "was",
        "hat",
        "heeft",
        "has",
        "had",
        "zei",
        "sagte",
        "said",
        "powiedział",
        "powiedziała",
        "kam",
        "kwam",
        "came",
        "przyszedł",
        "niet",
        "nicht",
        "not",
        "nie",
        "ook",
        "auch",
        "also",
        "też",
        "hier",
        "da",
        "there",
        "tam",
        "vandaag",
        "heute",
        "today",
        "dziś",
        "gisteren",
        "gestern",
        "yesterday",
        "wczoraj",
    }
)


@dataclass(frozen=True, slots=True)
class Person:
    start: int
    end: int
    normalized: str
    reason: str
    rule: str


def _singular(r: Reader, word: str, lemma: str) -> str:
    """The dictionary form of one word: the lemma table's, else a compound ending's."""
    if lemma != word:
        return lemma
    heads = r.vocab.product_heads
    for size in range(min(len(word), 16), 2, -1):
        sense = heads.get(word[-size:])
        if sense is not None and sense.value != "-":
            return word[: len(word) - size] + sense.value
    return word


def product_form(r: Reader, i: int, j: int) -> str:
    """The dictionary form of the product named by tokens ``[i, j)``, lower case.

    Only the head noun is reduced: "slimme meter" stays "slimme meter", "charging cable" does
    not become "charge cable". The head is the last word, except in Polish, where it comes
    first ("ekspresu do kawy" → "ekspres do kawy", "lampki biurkowej" keeps its adjective).
    """
    toks = [t for t in r.tokens[i:j] if not r.vocab.is_a(t.surface, "det")] or [r.tokens[j - 1]]
    lang = r.vocab.language
    if lang in ("nl", "de") and len(toks) > 1:  # "elektrische kachel" → "kachel"
        toks = [t for t in toks[:-1] if not _ATTRIBUTIVE.search(t.surface)] + [toks[-1]]
    words = [t.surface for t in toks]
    if lang == "pl":
        from calmline.languages.pl.morphology import is_adjective, noun_lemma

        head = toks[0]
        lemma = head.lemma
        if lemma == head.surface:
            lemma = noun_lemma(head.surface) or lemma
        rest = [w for w in words[1:] if not is_adjective(w)]  # "lampki biurkowej" → "lampka"
        words = [lemma, *rest]
    else:
        head = toks[-1]
        # a word the product lexicon lists as it is stays as it is: "bett" is no "beten"
        lemma = head.surface if head.surface in product_words(lang) else head.lemma
        words[-1] = _singular(r, head.surface, lemma)
    return " ".join(words)


@cache
def product_words(lang: str) -> frozenset[str]:
    """Every exact word the language's product lexicon names."""
    from calmline.languages.loader import load_language
    from calmline.languages.patterns import Slot, TokenPattern

    out: set[str] = set()
    for entry in load_language(lang).entries("facts"):
        if entry.kind == "product" and isinstance(entry.pattern, TokenPattern):
            for el in entry.pattern.elements:
                if isinstance(el, Slot):
                    out.update(a.form for a in el.alts if not a.prefix)
    return frozenset(out)


def compound_products(r: Reader, taken: set[int]) -> list[tuple[int, str, str]]:
    """Compound nouns ending in a product head ("boekenkast", "Schnellladegerät"): (token,
    dictionary form, rule). The head's lemma gives the compound's: "Wanderschuhe" →
    "wanderschuh"."""
    heads = r.vocab.product_heads
    if not heads:
        return []
    blocked = {
        k
        for j in range(len(r))
        for h in r.hits[j]
        if h.kind == "not_product"
        for k in range(h.i, h.j)
    }
    out = []
    for k, tok in enumerate(r.tokens):
        if k in taken or k in blocked:
            continue
        word = tok.surface
        for size in range(min(len(word) - 3, 16), 2, -1):
            sense = heads.get(word[-size:])
            if sense is not None:
                stem = word[: len(word) - size].rstrip("-")
                lemma = sense.value if sense.value != "-" else word[-size:]
                if len(stem) >= 3:
                    out.append(
                        (
                            k,
                            f"{stem}{'-' if tok.surface[len(stem)] == '-' else ''}{lemma}",
                            sense.rule,
                        )
                    )
                break
    return out


def _name_after(r: Reader, k: int) -> tuple[str, int] | None:
    """A capitalised name starting at token ``k`` (with Dutch/German particles), and its end."""
    parts: list[str] = []
    end = k
    while end < len(r) and len(parts) < 3:
        original = r.text[r.tokens[end].start : r.tokens[end].end]
        if r.words[end] in _PARTICLES and parts:
            nxt = end + 1
            if nxt < len(r) and _NAME.fullmatch(r.text[r.tokens[nxt].start : r.tokens[nxt].end]):
                parts.append(original)
                end += 1
                continue
            break
        known = any(h.kind in _NOT_NAME_KINDS for h in r.hits[end])
        if not _NAME.fullmatch(original) or r.words[end] in _NOT_NAMES or known:
            break  # a word the vocabulary knows (Montag, Herr, mails) is no name
        if end > k and r.gap(end - 1, end).strip():
            break
        parts.append(original)
        end += 1
    return (" ".join(parts), end) if parts else None


_FEMALE_TITLES = frozenset({"pani", "panią", "frau", "mevrouw", "mevr", "mw", "mrs", "ms", "miss"})


def _normal_name(r: Reader, name: str, title: str | None) -> str:
    """The name in its dictionary form: Polish names are inflected ("pani Agnieszce")."""
    if r.vocab.language != "pl":
        return name
    from calmline.languages.pl.morphology import name_lemma

    gender = None if title is None else ("f" if title in _FEMALE_TITLES else "m")
    return " ".join(name_lemma(part, gender) or part for part in name.split())


def _titled(r: Reader, k: int) -> tuple[str, int] | None:
    """ "Herr Krause", "de heer Visser", "pani Ania" at token ``k``: (name, end)."""
    title = r.hit(k, "title")
    if title is None or title.j >= len(r):
        return None
    if r.gap(title.j - 1, title.j).strip(". "):
        return None
    named = _name_after(r, title.j)
    if named is None:
        return None
    name, end = named
    return _normal_name(r, name, r.words[title.i]), end


_WITH = frozenset({"with", "bij", "bei", "u", "met", "by"})
_SERVICE_VERBS = frozenset(
    {"had", "did", "done", "gedaan", "gehad", "gemacht", "hatte", "robiła", "zrobiła", "robił"}
)


def _booked_with(r: Reader, k: int) -> tuple[str, int] | None:
    """ "afspraak … bij Esther", "booked with Rob", "Termin … bei Jasmin": a named person the
    customer was booked with (a name alone is too often a brand to take without the booking)."""
    if r.words[k] not in _WITH or k + 1 >= len(r) or r.gap(k, k + 1).strip(" ("):
        return None
    named = _name_after(r, k + 1)
    if named is None:
        return None
    lo = max(0, k - 8)
    context = any(
        r.clause[j] == r.clause[k]
        and (any(h.kind == "cue_booking" for h in r.hits[j]) or r.words[j] in _SERVICE_VERBS)
        for j in range(lo, k)
    )
    return named if context else None


def find_people(r: Reader) -> list[Person]:
    """People the customer mentions: named (with a title, or right after their role) or by
    their role alone ("de bezorger" → ``courier``)."""
    out: list[Person] = []
    k = 0
    while k < len(r):
        titled = _titled(r, k)
        if titled is not None:
            name, end = titled
            s, e = r.span(k, end)
            out.append(Person(s, e, name, "a title and a name", "common/people:title"))
            k = end
            continue
        booked = _booked_with(r, k)
        if booked is not None:
            name, end = booked
            s, e = r.span(k + 1, end)
            out.append(
                Person(s, e, _normal_name(r, name, None), "booked with", "common/people:with")
            )
            k = end
            continue
        role = r.hit(k, "person_role")
        if role is None:
            k += 1
            continue
        end = role.j
        person = None
        if end < len(r) and not r.gap(end - 1, end).strip(" ,"):
            # "Ihr Techniker, Herr Krause", "your technician, Dave", "monteur Kees"
            after = _titled(r, end) or _name_after(r, end)
            if after is not None:
                name, end = after
                s, e = r.span(k, end)
                person = Person(s, e, _normal_name(r, name, None), f"{role.value} named", role.rule)
        if person is None:
            s, e = r.span(k, role.j)
            person = Person(s, e, role.value, "a role word", role.rule)
        out.append(person)
        k = end
    return out
