"""Reference numbers — order, invoice, ticket, tracking, customer, contract — as shops write them.

"Bestellung 5521-10", "FV/118/2026", "#UK-77120", "NL-440921", "zamówienia nr 48213-A": an
identifier is a run of digits and letters joined by hyphens or slashes. What kind it is comes
from the label word before it (``ref_label`` in the vocabulary, with fillers such as "nr",
"No.", "is" in between), else from its letter prefix (``ref_prefix``: INV-, FV/, RMA-), else —
for an upper-case prefixed or ``#`` identifier with no hint at all — it is taken for an order.
Phone numbers, postcodes, IBANs, dates, times and amounts are recognised first and never
become references.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from calmline.analyzer.facts.scan import Reader

_ID = re.compile(
    r"(?<![\w/.,#+-])(?P<hash>#\s?)?"
    r"(?P<id>(?:[A-Za-z]{1,6}[-/]?)?\d[0-9A-Za-z]*(?:[-/][0-9A-Za-z]+)*)"
    r"(?![\w/]|-\w|[.,]\d)"
)
_S10 = re.compile(r"^[A-Z]{2}\d{9}[A-Z]{2}$")  # the postal services' tracking format (UPU S10)
_GROUPS = re.compile(r"(?: \d{2,6})+(?![\w/.,-]?\d)")
_UNLABELLED = re.compile(r"^[A-Z]{2,6}[-/]\d{3}")
_GUARDS = (
    ("IBAN", re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b")),
    ("phone", re.compile(r"(?:\+|\b00)\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,4}\b")),
    ("phone", re.compile(r"\(\d{2,4}\)\s?\d{3,4}[\s-]?\d{3,4}\b")),
    ("phone", re.compile(r"(?<![\w/-])0\d{1,4}[\s/-]?\d{3,8}(?:[\s-]\d{2,4}){0,3}\b")),
    ("phone", re.compile(r"(?<![\w/-])[5-8]\d{2}[ -]\d{3}[ -]\d{3}\b")),
    ("postcode", re.compile(r"\b\d{4}\s?[A-Z]{2}\b")),
    ("postcode", re.compile(r"(?<![\w/-])\d{2}-\d{3}(?![\w/-])")),
    ("postcode", re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b")),
    ("postcode", re.compile(r"(?<![\w/-])\d{4,5}\s+[A-ZÄÖÜŁŚŻ][a-zäöüßłśżźćńóąę]{2,}")),
    ("time", re.compile(r"(?<![\w.:])\d{1,2}[:.]\d{2}(?![\d.:])")),
    ("numeric date", re.compile(r"(?<![\w/.-])\d{1,2}([./-])\d{1,2}\1(?:19|20)?\d{2}(?![\w/-])")),
    ("numeric date", re.compile(r"(?<![\w/.-])(?:19|20)\d{2}-\d{1,2}-\d{1,2}(?![\w/-])")),
    ("numeric date", re.compile(r"(?<![\w/.-])\d{1,2}\.\d{1,2}\.(?!\d)")),
)
_STRONG = frozenset({"IBAN", "time", "numeric date"})
_PHONE_WORDS = frozenset(
    {
        "tel",
        "telefoon",
        "telefoonnummer",
        "mobiel",
        "telefon",
        "telefonnummer",
        "handy",
        "handynummer",
        "komórka",
        "komórki",
        "numer telefonu",
        "phone",
        "mobile",
        "tel.",
        "fax",
        "iban",
        "rekening",
        "rekeningnummer",
        "konto",
        "kontonummer",
        "konta",
        "postcode",
        "plz",
        "postleitzahl",
        "kod",
        "pocztowy",
        "sort",
        "nip",
        "pesel",
        "regon",
        "kvk",
        "btw",
        "ust-idnr",
        "vat",
        "postbus",
        "huisnummer",
        "hausnummer",
        "straat",
        "straße",
        "strasse",
        "ul",
        "ulica",
        "street",
        "road",
        "flat",
        "apartment",
        "room",
        "kamer",
        "zimmer",
        "pokój",
        "seat",
        "plaats",
        "platz",
        "miejsce",
        "gate",
        "tafel",
        "tisch",
        "stolik",
        "table",
        "bus",
        "lijn",
        "linie",
        "linia",
        "line",
        "trein",
        "zug",
        "pociąg",
        "train",
        "spoor",
        "gleis",
        "peron",
        "platform",
        "model",
        "modell",
        "typ",
        "type",
        "version",
        "versie",
    }
)


@dataclass(frozen=True, slots=True)
class Reference:
    kind: str
    start: int
    end: int
    normalized: str
    reason: str
    rule: str


def guarded(text: str) -> list[tuple[int, int, str]]:
    """Spans that are phone numbers, postcodes, IBANs, times or dates: never references."""
    return [
        (m.start(), m.end(), name)
        for name, rx in _GUARDS
        for m in rx.finditer(text)
        if name != "IBAN" or len(m.group().replace(" ", "")) >= 15  # IBANs have 15-34
    ]


def _label(r: Reader, start: int) -> tuple[str | None, str, bool]:
    """(kind, rule, phone-like) from the words before the identifier starting at ``start``.

    A generic label ("ref", "number", "Referenz") that is also a filler gives way to a
    specific one before it: "booking ref BAL-0328" is a booking."""
    k = bisect.bisect_right(r.ends, start) - 1  # the last token ending before the id
    if k < 0:
        return None, "", False
    first = k
    steps = 0
    found: tuple[str, str] | None = None
    while k >= 0 and steps < 5:
        word = r.words[k]
        if word in _PHONE_WORDS:
            return (found[0], found[1], False) if found else (None, "", True)
        label = r.ending_at(k + 1, "ref_label")
        if label is not None:
            if not r.vocab.is_a(word, "ref_filler") or label.j - label.i > 1:
                return label.value, label.rule, False
            found = found or (label.value, label.rule)
        elif not r.vocab.is_a(word, "ref_filler") or r.clause[k] != r.clause[first]:
            break
        k -= 1
        steps += 1
    return (found[0], found[1], False) if found else (None, "", False)


def find_references(r: Reader, taken: list[tuple[int, int]]) -> list[Reference]:
    text = r.text
    guards = guarded(text)
    strong = [*taken, *((s, e) for s, e, name in guards if name in _STRONG)]
    weak = [(s, e) for s, e, name in guards if name not in _STRONG]
    out: list[Reference] = []
    for m in _ID.finditer(text):
        ident = m.group("id")
        s, e = m.span("id")
        if any(a < e and s < b for a, b in strong):
            continue
        digits = sum(ch.isdigit() for ch in ident)
        if digits < 3:
            continue
        letters = re.match(r"[A-Za-z]+", ident)
        if not letters and re.fullmatch(r"(?:19|20)\d{2}", ident) and not m.group("hash"):
            continue  # a year
        kind, rule, phone = _label(r, m.start())
        if phone or (kind is None and any(a < e and s < b for a, b in weak)):
            continue  # a labelled id may look like a phone number or postcode; a bare one not
        reason = "the label before it"
        if kind is None and letters is not None:
            prefix = r.vocab.sense(letters.group().lower(), "ref_prefix")
            if prefix is not None and re.match(r"[A-Za-z]+[-/]?\d", ident):
                kind, rule, reason = prefix.value, prefix.rule, f"prefix {letters.group()}"
        if kind is None and _S10.match(ident):
            kind, rule, reason = "tracking_number", "common/refs:s10", "a postal tracking number"
        if kind is None:
            if m.group("hash"):
                kind, rule, reason = "order_number", "common/refs:hash", "'#' and no label"
            elif _UNLABELLED.match(ident):
                kind, rule, reason = "order_number", "common/refs:prefixed", "a prefixed id"
            else:
                continue
        if _followed_by_unit(r, e):
            continue
        if kind is not None and reason == "the label before it" and ident.isdigit():
            grouped = _GROUPS.match(text, e)  # "4400 1823 77": one number, spaced
            if grouped:
                e = grouped.end()
                ident = ident + grouped.group().replace(" ", "")
        start = m.start() if m.group("hash") else s
        normalized = ident.upper().replace(" ", "")
        out.append(Reference(kind, start, e, normalized, reason, rule or "common/refs"))
    return out


def _followed_by_unit(r: Reader, end: int) -> bool:
    """ "3 stuks", "12 kg", "500 GB": a quantity, not an identifier."""
    k = bisect.bisect_left(r.starts, end)
    if k >= len(r):
        return False
    gap = r.text[end : r.tokens[k].start]
    return not gap.strip() and r.vocab.is_a(r.words[k], "quantity_unit", "unit", "currency")
