"""The per-language phrasebook: reply sentences per protocol step and review feedback.

``languages/<code>/phrases.tsv`` holds the sentences the composer and the guide use, one
row per ``key · step · register · text``; ``feedback.tsv`` holds what the reviewer tells the
agent per flaw code. Both are data written per language, read once and validated at load
time: a missing key, an unknown slot or a register a language needs but lacks fails loudly
with ``file:line: reason`` instead of producing a broken reply in front of a customer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from calmline.languages.loader import SUPPORTED, LexiconError, language_dir, tsv_rows

HEADER_KEYS = ("phrasebook", "language", "provenance", "license", "columns")
SLOT = re.compile(r"\{([a-z_]+)\}")
SLOTS = frozenset({"name", "org", "topic", "facts", "days", "n", "value"})
FEEDBACK_SLOTS = frozenset({"word", "limit", "expected"})

# the registers a language must cover (``any`` covers all of them)
REGISTERS: dict[str, tuple[str, ...]] = {
    "nl": ("formal", "informal"),
    "de": ("formal", "informal"),
    "pl": ("formal_f", "formal_m", "formal_n", "informal"),
    "en": ("any",),
}
EMOTION_KEYS = ("anger", "frustration", "disappointment", "worry", "sadness", "generic")
FACT_KEYS = (
    "order_number",
    "invoice_number",
    "tracking_number",
    "product",
    "date",
    "amount",
    "duration",
)
TOPIC_KEYS = (
    "order",
    "invoice",
    "tracking",
    "product",
    "refund",
    "exchange",
    "repair",
    "compensation",
    "cancel",
    "callback",
    "explanation",
    "manager",
    "delivery",
    "generic",
)
OFFER_KEYS = (
    "refund",
    "exchange",
    "repair",
    "compensation",
    "cancel",
    "callback",
    "explanation",
    "apology",
)
ASK_KEYS = ("order_number", "invoice_number", "tracking_number", "product", "date", "amount")

# key → protocol step id; the loader refuses a row whose step disagrees
KEYS: dict[str, str] = {
    "greet_name": "open",
    "greet_noname": "open",
    "closing": "close",
    "list_and": "close",
    # a product the language cannot inflect into the sentence's case, cited as written
    "product_uninflected": "summarize",
    "days_one": "set_expectations",
    "days_few": "set_expectations",
    "days_many": "set_expectations",
    **{f"topic_{k}": "summarize" for k in TOPIC_KEYS},
    **{f"fact_{k}": "summarize" for k in FACT_KEYS},
    **{f"ack_{k}": "name_emotion" for k in EMOTION_KEYS},
    "thanks_contact": "respond_fast",
    "invite_more": "explore",
    "to_private": "explore",  # a public post: details and the fix go to a private channel
    **{f"ask_{k}": "explore" for k in ASK_KEYS},
    "ask_want": "explore",
    "summary": "summarize",
    "summary_stated": "summarize",  # the facts are complete: restated, not asked about
    "empathy": "empathize",
    "apology": "apologize",
    **{f"offer_{k}": "resolve" for k in OFFER_KEYS},
    "no_refund_late": "resolve",
    "no_compensation_delay": "resolve",
    "no_generic": "resolve",
    "alternative_generic": "resolve",
    "check_amount": "resolve",
    # a calm question the policy itself answers (context lexicon kinds ask_*)
    "answer_return_window": "resolve",
    "answer_refund_time": "resolve",  # a money want whose amount is not known: no commitment yet
    "escalate_supervisor": "notify_supervisor",
    "escalate_manager": "notify_supervisor",
    "next_generic": "set_expectations",
    "own_it": "own_it",
    "follow_up": "follow_up",
    "safety": "threat",
    **{f"hazard_{k}": "hazard" for k in ("device", "gas", "health", "child", "animal")},
    "placeholder_order": "summarize",  # what the agent fills in from the order system
}
CODES = (
    "defensive",
    "blame_customer",
    "excuse",
    "sarcasm",
    "dismissive",
    "premature_empathy",
    "no_acknowledgment",
    "no_apology",
    "non_apology",
    "no_next_step",
    "no_time_frame",
    "over_promise",
    "gives_in",
    "answers_insult",
    "shouting",
    "register_mismatch",
    "wrong_language",
    "too_long",
    "policy_hiding",
    "repeated_reply",
    "ignores_threat",
    "ignores_hazard",
    "wrong_fact",
    "public_exposure",
    "spelling",
    "contradiction",
)


@dataclass(frozen=True, slots=True)
class Phrase:
    key: str
    step: str
    register: str
    text: str
    rule: str  # ``nl/phrases:42``


@dataclass(frozen=True, slots=True)
class Feedback:
    code: str
    message: str
    hint: str


@dataclass(frozen=True)
class Phrasebook:
    language: str
    phrases: dict[tuple[str, str], tuple[Phrase, ...]]
    feedback: dict[str, Feedback]

    def variants(self, key: str, register: str) -> tuple[Phrase, ...]:
        """All sentences for ``key`` in ``register`` (falling back to ``any``)."""
        return self.phrases.get((key, register)) or self.phrases.get((key, "any"), ())

    def get(self, key: str, register: str) -> Phrase:
        found = self.variants(key, register)
        if not found:  # the loader guarantees coverage; this guards a caller's typo
            raise KeyError(f"{self.language}: no phrase {key!r} for register {register!r}")
        return found[0]


def _rows(text: str, path: str, kind: str, columns: tuple[str, ...]) -> list[tuple[int, list[str]]]:
    header, rows = tsv_rows(text, path, HEADER_KEYS, len(columns))
    for lineno, cols in rows:
        if any(not c for c in cols):
            raise LexiconError(f"{path}:{lineno}: empty column")
    if header.get("phrasebook") != kind:
        raise LexiconError(f"{path}: header must say 'phrasebook: {kind}'")
    if tuple(c.strip() for c in header.get("columns", "").split("\t")) != columns:
        raise LexiconError(f"{path}: columns must be {' / '.join(columns)} (tab-separated)")
    return rows


def _check_slots(text: str, allowed: frozenset[str], where: str) -> None:
    for slot in SLOT.findall(text):
        if slot not in allowed:
            raise LexiconError(f"{where}: unknown slot {{{slot}}}")
    if text.count("{") != text.count("}"):
        raise LexiconError(f"{where}: unbalanced braces")


def parse_phrases(text: str, path: str, language: str) -> dict[tuple[str, str], tuple[Phrase, ...]]:
    registers = REGISTERS[language]
    found: dict[tuple[str, str], list[Phrase]] = {}
    for lineno, (key, step, register, sentence) in _rows(
        text, path, "phrases", ("key", "step", "register", "text")
    ):
        where = f"{path}:{lineno}"
        if key not in KEYS:
            raise LexiconError(f"{where}: unknown key {key!r}")
        if step != KEYS[key]:
            raise LexiconError(f"{where}: key {key!r} belongs to step {KEYS[key]!r}, not {step!r}")
        if register not in (*registers, "any"):
            raise LexiconError(f"{where}: register must be one of {', '.join(registers)}, any")
        _check_slots(sentence, SLOTS, where)
        rule = f"{language}/phrases:{lineno}"
        found.setdefault((key, register), []).append(Phrase(key, step, register, sentence, rule))
    for key in KEYS:
        for register in registers:
            if (key, register) not in found and (key, "any") not in found:
                raise LexiconError(f"{path}: no phrase {key!r} for register {register!r}")
    return {k: tuple(v) for k, v in found.items()}


def parse_feedback(text: str, path: str) -> dict[str, Feedback]:
    out: dict[str, Feedback] = {}
    for lineno, (code, message, hint) in _rows(text, path, "feedback", ("code", "message", "hint")):
        where = f"{path}:{lineno}"
        if code not in CODES:
            raise LexiconError(f"{where}: unknown review code {code!r}")
        if code in out:
            raise LexiconError(f"{where}: duplicate code {code!r}")
        _check_slots(message, FEEDBACK_SLOTS, where)
        _check_slots(hint, frozenset(), where)
        out[code] = Feedback(code, message, hint)
    missing = [c for c in CODES if c not in out]
    if missing:
        raise LexiconError(f"{path}: no feedback for {', '.join(missing)}")
    return out


@cache
def phrasebook(language: str) -> Phrasebook:
    """The validated phrasebook of a supported language (read once per process)."""
    if language not in SUPPORTED:
        raise LexiconError(f"no phrasebook for language {language!r}")
    folder = language_dir(language)
    base = f"languages/{language}"
    try:
        phrases_text = (folder / "phrases.tsv").read_text(encoding="utf-8")
        feedback_text = (folder / "feedback.tsv").read_text(encoding="utf-8")
    except OSError as exc:
        raise LexiconError(f"{base}: cannot read phrasebook ({exc})") from None
    return Phrasebook(
        language,
        parse_phrases(phrases_text, f"{base}/phrases.tsv", language),
        parse_feedback(feedback_text, f"{base}/feedback.tsv"),
    )
