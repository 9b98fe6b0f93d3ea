"""The org lexicon of every language against its table of agent sentences.

``tests/languages/<code>/org_cases.py``: every listed act must be found on a span that
overlaps the listed text, and no offer or refusal that is not listed may be found — a
negated or conditional phrase ("we can't refund", "if it isn't fixed we'll call") must not
become an offer in the situation the guide and the reviewer read.
"""

from __future__ import annotations

import importlib

import pytest

from calmline.analyzer.text import tokenize
from calmline.protocol.situation.scan import org_matcher

LANGS = ("nl", "de", "pl", "en")


def _cases(lang: str) -> list[tuple[str, list[tuple[str, str]]]]:
    module = importlib.import_module(f"tests.languages.{lang}.org_cases")
    cases: list[tuple[str, list[tuple[str, str]]]] = module.CASES
    return cases


CASES = [(lang, text, exp) for lang in LANGS for text, exp in _cases(lang)]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_org_lexicon_finds_the_act_and_nothing_unlisted(
    lang: str, text: str, expected: list[tuple[str, str]]
) -> None:
    found = [m for m in org_matcher(lang).scan(text, tokenize(text, lang)) if m.entry.weight >= 0.5]
    for kind, span in expected:
        start = text.find(span)
        assert start >= 0, f"table error: {span!r} not in {text!r}"
        end = start + len(span)
        assert any(m.entry.kind == kind and m.start < end and start < m.end for m in found), (
            f"{kind} on {span!r} not found in {text!r}: "
            f"{[(m.entry.kind, text[m.start : m.end]) for m in found]}"
        )
    listed = {kind for kind, _ in expected}
    if any(k.startswith("refusal") for k in listed):  # it says *what* a refusal refuses
        listed.add("refusal_of_refund")
    unlisted = [
        (m.entry.kind, text[m.start : m.end], m.entry.rule)
        for m in found
        if m.entry.kind.startswith(("offer_", "refusal")) and m.entry.kind not in listed
    ]
    assert not unlisted, f"unlisted offers or refusals in {text!r}: {unlisted}"


def test_every_language_has_near_misses() -> None:
    for lang in LANGS:
        assert sum(1 for _, exp in _cases(lang) if not exp) >= 15, lang
