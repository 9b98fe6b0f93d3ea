"""Per-language value vocabularies: what words *mean* as values.

The lexicons say "this phrase is a fact"; the vocabulary says what it is worth: "drie" is 3,
"weken" is a week unit, "vorige" points back, "gisteren" is one day before the message,
"gemaild" is the e-mail channel, "bezorger" is the courier, "zł" is PLN. Fact normalisation
(:mod:`calmline.analyzer.facts`) is one language-independent engine over these tables, so a
language is added by writing ``languages/<code>/vocab.tsv``, not code.

Each row is ``words · kind · value``: ``words`` lists lower-case forms separated by ``|``
(a form may be several space-separated tokens, e.g. ``on hold``); every row is checked at load
time against its kind, so a typo fails with ``file:line: reason``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property

from calmline.languages.loader import LexiconError, language_dir, tsv_rows

HEADER_KEYS = ("vocab", "language", "provenance", "license", "columns")
COLUMNS = ("words", "kind", "value")
CHANNELS = frozenset({"call", "email", "message", "visit", "letter", "any"})
# the reference numbers a fact can be (what "ref_label" / "ref_prefix" rows may name)
REFERENCE_KINDS = frozenset(
    {
        "order_number",
        "invoice_number",
        "ticket_number",
        "tracking_number",
        "customer_number",
        "contract_number",
    }
)
UNITS = frozenset({"Y", "M", "W", "FN", "D", "WD", "H", "MIN"})  # FN: a fortnight
PERIODS = frozenset({"week", "month", "year", "weekend"})
CURRENCIES = frozenset({"EUR", "PLN", "GBP", "USD", "CHF"})
PERSON_ROLES = frozenset(
    {
        "courier",
        "driver",
        "technician",
        "colleague",
        "manager",
        "hairdresser",
        "waiter",
        "conductor",
    }
)
# cue words: the value column says nothing (``-``); their kind is the meaning
CUES = (
    "rel_last",
    "rel_next",
    "rel_this",
    "ago",
    "ago_before",
    "cue_elapsed",
    "cue_since",
    "cue_said",
    "cue_booking",
    "cue_within",
    "cue_promise",
    "cue_deadline",
    "cue_demand",
    "cue_lost",
    "cue_other",
    "cue_future",
    "times",
    "ref_filler",
    "title",
    "det",
    "quantity_unit",
    "time_word",
    "clause_break",
    "range_to",
    "month_prep",
    "adj_time",
    "and_half",
    "not_product",
)


def _number(v: str) -> bool:
    try:
        return float(v) >= 0
    except ValueError:
        return False


def _int_in(lo: int, hi: int) -> Callable[[str], bool]:
    return lambda v: bool(re.fullmatch(r"-?\d+", v)) and lo <= int(v) <= hi


def _count(v: str) -> bool:
    return v == "many" or (v.isdigit() and int(v) > 0)


VALUE_CHECKS: dict[str, Callable[[str], bool]] = {
    "number": _number,
    "ordinal": _int_in(1, 100),
    "month": _int_in(1, 12),
    "weekday": _int_in(0, 6),
    "day_offset": _int_in(-7, 7),
    "unit": lambda v: v in UNITS,
    "unit1": lambda v: v in UNITS,  # a singular unit that means "one" on its own (tydzień)
    "period": lambda v: v in PERIODS,
    "contact_verb": lambda v: v in CHANNELS,
    "contact_noun": lambda v: v in CHANNELS,
    "contact_done": lambda v: v in CHANNELS,  # a past contact: "gebeld", "dzwoniłam"
    "contact_channel": lambda v: v in CHANNELS,  # how: "per mail", "telefonicznie"
    "count_adverb": _count,
    "vague_count": lambda v: v == "many",
    "person_role": lambda v: v in PERSON_ROLES,
    "ref_label": lambda v: v in REFERENCE_KINDS,
    "ref_prefix": lambda v: v in REFERENCE_KINDS,
    "currency": lambda v: v in CURRENCIES,
    # the end of a compound that names a product; the value is its dictionary form, or "-"
    "product_head": lambda v: v == "-" or (v.islower() and " " not in v),
    **{cue: lambda v: v == "-" for cue in CUES},
}
KINDS = frozenset(VALUE_CHECKS)


@dataclass(frozen=True, slots=True)
class Sense:
    """One meaning of a form: its kind, its value, and the row that says so."""

    kind: str
    value: str
    rule: str  # ``nl/vocab:12``
    size: int  # tokens in the form


@dataclass(frozen=True)
class Vocab:
    language: str
    single: dict[str, tuple[Sense, ...]]  # one-token form → senses
    multi: dict[str, tuple[tuple[tuple[str, ...], Sense], ...]]  # first token → (tokens, sense)

    @cached_property
    def product_heads(self) -> dict[str, Sense]:
        """Compound endings that name a product: "kast" in "boekenkast"."""
        return {w: s for w, ss in self.single.items() for s in ss if s.kind == "product_head"}

    def senses(self, word: str) -> tuple[Sense, ...]:
        return self.single.get(word, ())

    def sense(self, word: str, kind: str) -> Sense | None:
        for s in self.single.get(word, ()):
            if s.kind == kind:
                return s
        return None

    def is_a(self, word: str, *kinds: str) -> bool:
        return any(s.kind in kinds for s in self.single.get(word, ()))

    def phrases_at(self, words: tuple[str, ...], i: int) -> list[tuple[int, Sense]]:
        """Multi-token forms starting at ``words[i]``: (tokens covered, sense)."""
        out = []
        for tokens, sense in self.multi.get(words[i], ()):
            if tuple(words[i : i + len(tokens)]) == tokens:
                out.append((len(tokens), sense))
        return out


def parse_vocab(text: str, path: str, language: str) -> Vocab:
    header, rows = tsv_rows(text, path, HEADER_KEYS, len(COLUMNS))
    if header.get("vocab") != "values":
        raise LexiconError(f"{path}: header must say 'vocab: values'")
    if header.get("language") != language:
        raise LexiconError(f"{path}: header says language {header.get('language')!r}")
    if tuple(c.strip() for c in header.get("columns", "").split("\t")) != COLUMNS:
        raise LexiconError(f"{path}: columns must be {' / '.join(COLUMNS)} (tab-separated)")
    single: dict[str, list[Sense]] = {}
    multi: dict[str, list[tuple[tuple[str, ...], Sense]]] = {}
    seen: set[tuple[str, str]] = set()
    for lineno, (words, kind, value) in rows:
        where = f"{path}:{lineno}"
        check = VALUE_CHECKS.get(kind)
        if check is None:
            raise LexiconError(f"{where}: unknown kind {kind!r}")
        if not check(value):
            raise LexiconError(f"{where}: {value!r} is not a valid value for {kind}")
        for form in words.split("|"):
            form = form.strip()
            if not form or form != form.lower():
                raise LexiconError(f"{where}: forms are lower-case and non-empty: {form!r}")
            if (form, kind) in seen:
                raise LexiconError(f"{where}: duplicate form {form!r} for {kind}")
            seen.add((form, kind))
            tokens = tuple(form.split())
            sense = Sense(kind, value, f"{language}/vocab:{lineno}", len(tokens))
            if len(tokens) == 1:
                single.setdefault(form, []).append(sense)
            else:
                multi.setdefault(tokens[0], []).append((tokens, sense))
    return Vocab(
        language,
        {k: tuple(v) for k, v in single.items()},
        {k: tuple(sorted(v, key=lambda ts: -len(ts[0]))) for k, v in multi.items()},
    )


@cache
def load_vocab(code: str) -> Vocab:
    """The validated vocabulary of ``code`` (an empty one for a language without a file)."""
    path = language_dir(code) / "vocab.tsv"
    if not path.exists():
        return Vocab(code, {}, {})
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LexiconError(f"languages/{code}/vocab.tsv: cannot read ({exc})") from None
    return parse_vocab(text, f"languages/{code}/vocab.tsv", code)
