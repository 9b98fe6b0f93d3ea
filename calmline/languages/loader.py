"""Lazy, validated loading of the per-language lexicons in ``calmline/languages/<code>/``.

Each file is read once per process, the first time it is needed, and every entry is checked
as it is read, so a typo in a TSV file fails loudly with ``file:line: reason`` instead of silently
never matching.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from calmline.languages.patterns import Pattern, PatternError, compile_pattern

SUPPORTED: tuple[str, ...] = ("nl", "de", "pl", "en")
COLUMNS = ("pattern", "kind", "weight")
HEADER_KEYS = ("lexicon", "language", "provenance", "license", "columns")

# what a customer can ask for; the order is the wants head's column order
WANTS: tuple[str, ...] = (
    "refund",
    "exchange",
    "repair",
    "compensation",
    "apology",
    "explanation",
    "speak_to_manager",
    "cancel",
    "callback",
)
# wants the lexicons find beyond the head's columns: to receive what was ordered, an answer,
# a change to an order, address, appointment or plan
EXTRA_WANTS: tuple[str, ...] = ("delivery", "information", "change")
# what an agent can offer, and what an agent can ask for (the "org" lexicon)
OFFERS: tuple[str, ...] = (
    "refund",
    "exchange",
    "repair",
    "compensation",
    "cancel",
    "callback",
    "redelivery",
    "appointment",
)
ASKS: tuple[str, ...] = (
    "order_number",
    "invoice_number",
    "tracking_number",
    "date",
    "product",
    "amount",
    "photo",
    "address",
    "contact",
    "want",
    "confirm",
)
# the flaws the reviewer finds in the wording of an agent's draft (review lexicon, flaw head)
PHRASE_FLAWS: tuple[str, ...] = (
    "defensive",
    "blame_customer",
    "excuse",
    "sarcasm",
    "dismissive",
    "non_apology",
    "answers_insult",
    "policy_hiding",
    "over_promise",
)
KINDS: dict[str, frozenset[str]] = {
    "offensive": frozenset({"insult", "profanity", "slur", "dismissive"}),
    "threats": frozenset({"violence", "legal", "public_exposure", "churn", "chargeback"}),
    "idioms": frozenset({"violence_idiom", "hyperbole"}),
    "wants": frozenset((*WANTS, *EXTRA_WANTS)),
    "emotions": frozenset(
        {"anger", "frustration", "disappointment", "worry", "sadness", "satisfaction"}
    ),
    "modifiers": frozenset({"negation", "intensifier", "diminisher", "reported"}),
    "facts": frozenset(
        {
            "order_number",
            "invoice_number",
            "tracking_number",
            "customer_number",
            "ticket_number",
            "product",
            "contact_attempts",
            "date",
            "duration",
            "person",
            "amount",
            "email",
            "phone",
        }
    ),
    "mail": frozenset({"quote_header", "signature", "forward_header"}),
    # phrases in an *agent's* draft: the flaws the reviewer flags, the protocol steps it
    # recognises, and the markers of formal and informal address
    "review": frozenset(
        {
            *PHRASE_FLAWS,
            "acknowledge",
            "empathy",
            "apology",
            "question",
            "summary",
            "offer",
            "next_step",
            "time_frame",
            "vague_time",
            "escalate",
            "follow_up",
            "safety",
            "hazard_advice",
            "formal",
            "informal",
            "grant_refund",
            "grant_compensation",
            "address_m",  # Polish gendered formal address (Pan / Pani)
            "address_f",
        }
    ),
    # what a customer's message says about the circumstances the policy cares about: a late
    # delivery, a purchase older than the refund window (via month names or "months ago")
    "context": frozenset(
        {
            "delay",
            "old_purchase",
            "purchase",
            "indignation",
            "ask_return_window",
            "ask_refund_time",
            *(f"month_{n}" for n in range(1, 13)),
        }
    ),
    # safety risks in a customer's message; ``not_hazard`` marks figures of speech
    "hazards": frozenset(
        {"fire", "electric", "gas", "injury", "allergy", "food", "child", "animal", "not_hazard"}
    ),
    # praise or thanks that means the opposite, and what marks it
    "sarcasm": frozenset({"sarcasm", "praise", "irony_marker", "sincere"}),
    # what the organisation already said, in an *agent's* message: offers (with what is
    # offered), commitments, refusals (with the reason), questions (with what is asked),
    # escalations, deflections and bare policy quotes
    "org": frozenset(
        {
            *(f"offer_{w}" for w in OFFERS),
            "promise",
            "promise_reply",
            "promise_check",
            "promise_delivery",
            "refusal_refund_window",
            "refusal_of_refund",  # a plain "we cannot refund": what is refused, no reason
            "refusal_authority",
            "refusal_policy",
            "refusal",
            *(f"ask_{w}" for w in ASKS),
            "escalation",
            "deflection",
            "policy_quote",
            "acknowledge",  # steps the situation reads more generously than the reviewer:
            "empathy",  # "balen!", "das tut mir wirklich leid", "to musiało być stresujące"
            "summary",
            "follow_up",
        }
    ),
    # what a customer's complaint is about, for the supervisors' "top causes" chart
    "causes": frozenset(
        {"delivery", "defect", "refund", "billing", "service", "appointment", "account"}
    ),
}
LEXICONS: tuple[str, ...] = tuple(KINDS)


class LexiconError(ValueError):
    """A lexicon file that cannot be used; the message names file, line and reason."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon line: where it came from, what it matches, and what it means."""

    source: str
    kind: str
    weight: float
    pattern: Pattern
    lexicon: str
    line: int
    language: str

    @property
    def rule(self) -> str:
        """A stable rule id for explanations: ``language/lexicon:line``."""
        return f"{self.language}/{self.lexicon}:{self.line}"


@dataclass(frozen=True)
class Lexicon:
    name: str
    language: str
    provenance: str
    entries: tuple[Entry, ...]


class LanguageResources:
    """The lexicons of one language, each read and validated the first time it is asked for.

    The analyzer needs a handful of them; the protocol's (``org``, ``review``) hold hundreds of
    regular expressions, and every message reads the ``mail`` rules of all four languages —
    compiling everything up front cost a second and a half of start-up. A broken file still
    fails with ``file:line: reason`` (and the test suite loads every one of them)."""

    def __init__(self, code: str, folder: Path, names: tuple[str, ...]) -> None:
        self.code = code
        self._folder = folder
        self.names = names  # the lexicon files this language has, in LEXICONS order
        self._loaded: dict[str, Lexicon] = {}
        self._lock = threading.Lock()

    def lexicon(self, name: str) -> Lexicon | None:
        if name not in self.names:
            return None
        lex = self._loaded.get(name)
        if lex is None:
            with self._lock:
                lex = self._loaded.get(name)
                if lex is None:
                    path = self._folder / f"{name}.tsv"
                    text = path.read_text(encoding="utf-8")
                    where = f"languages/{self.code}/{name}.tsv"
                    lex = self._loaded[name] = parse_lexicon(text, where, name, self.code)
        return lex

    def entries(self, name: str) -> tuple[Entry, ...]:
        lex = self.lexicon(name)
        return lex.entries if lex else ()

    @property
    def lexicons(self) -> dict[str, Lexicon]:
        """Every lexicon, all loaded (validation tools and tests)."""
        out = {}
        for name in self.names:
            lex = self.lexicon(name)
            if lex is not None:
                out[name] = lex
        return out


def _check_weight(kind: str, lexicon: str, weight: float) -> str | None:
    if not math.isfinite(weight):
        return "weight is not a finite number"
    if lexicon == "modifiers":
        if kind == "intensifier" and not 1.0 < weight <= 3.0:
            return "an intensifier's weight is a factor in (1, 3]"
        if kind == "diminisher" and not 0.0 < weight < 1.0:
            return "a diminisher's weight is a factor in (0, 1)"
        if kind in ("negation", "reported") and weight != 1.0:
            return f"a {kind} marker's weight is 1.0"
        return None
    if not 0.0 < weight <= 1.0:
        return "weight must be in (0, 1]"
    return None


def tsv_rows(
    text: str, path: str, header_keys: tuple[str, ...], width: int
) -> tuple[dict[str, str], list[tuple[int, list[str]]]]:
    """The ``# key: value`` header and the data rows (line number, stripped columns) of a
    TSV resource; a row before a complete header or of the wrong width is refused."""
    header: dict[str, str] = {}
    rows: list[tuple[int, list[str]]] = []
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        if line.startswith("#"):
            key, sep, value = line[1:].partition(":")
            if sep and not rows and key.strip() in header_keys:
                header[key.strip()] = value.strip()
            continue
        missing = [k for k in header_keys if k not in header]
        if missing:
            raise LexiconError(f"{path}:{lineno}: header lacks {', '.join(missing)}")
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) != width:
            raise LexiconError(f"{path}:{lineno}: expected {width} tab-separated columns")
        rows.append((lineno, cols))
    return header, rows


def parse_lexicon(text: str, path: str, expected_name: str, language: str) -> Lexicon:
    """Parse and validate one TSV lexicon; raise :class:`LexiconError` on the first problem."""
    entries: list[Entry] = []
    seen: set[tuple[str, str]] = set()
    header, rows = tsv_rows(text, path, HEADER_KEYS, len(COLUMNS))
    for lineno, (source, kind, weight_s) in rows:
        where = f"{path}:{lineno}"
        if kind not in KINDS[expected_name]:
            raise LexiconError(f"{where}: unknown kind {kind!r} for {expected_name}")
        try:
            weight = float(weight_s)
        except ValueError:
            raise LexiconError(f"{where}: weight {weight_s!r} is not a number") from None
        problem = _check_weight(kind, expected_name, weight)
        if problem:
            raise LexiconError(f"{where}: {problem}")
        try:
            pattern = compile_pattern(source)
        except PatternError as exc:
            raise LexiconError(f"{where}: {exc}") from None
        if (source, kind) in seen:
            raise LexiconError(f"{where}: duplicate entry {source!r}")
        seen.add((source, kind))
        entries.append(Entry(source, kind, weight, pattern, expected_name, lineno, language))
    missing = [k for k in HEADER_KEYS if k not in header]
    if missing:
        raise LexiconError(f"{path}: header lacks {', '.join(missing)}")
    if header["lexicon"] != expected_name:
        raise LexiconError(f"{path}: header says lexicon {header['lexicon']!r}")
    if header["language"] != language:
        raise LexiconError(f"{path}: header says language {header['language']!r}")
    if tuple(c.strip() for c in header["columns"].split("\t")) != COLUMNS:
        raise LexiconError(f"{path}: columns must be {' / '.join(COLUMNS)} (tab-separated)")
    return Lexicon(expected_name, language, header["provenance"], tuple(entries))


def language_dir(code: str) -> Path:
    return Path(str(resources.files("calmline.languages").joinpath(code)))


@cache
def load_language(code: str) -> LanguageResources:
    """All lexicons of one language (``common`` holds the language-independent ones)."""
    folder = language_dir(code)
    if not folder.is_dir():
        raise LexiconError(f"no resources for language {code!r}")
    # vocab: languages/vocab.py; spelling: languages/spelling.py
    known = {*LEXICONS, "lemmas", "vocab", "phrases", "feedback", "spelling"}
    unknown = sorted(p.name for p in folder.glob("*.tsv") if p.stem not in known)
    if unknown:
        raise LexiconError(
            f"languages/{code}: unknown lexicon file(s) {', '.join(unknown)} "
            f"(known: {', '.join(LEXICONS)})"
        )
    names = tuple(name for name in LEXICONS if (folder / f"{name}.tsv").exists())
    return LanguageResources(code, folder, names)


def has_language(code: str) -> bool:
    return code in SUPPORTED
