"""Token patterns match lemmas, prefixes, alternatives and gaps."""

from __future__ import annotations

import pytest

from calmline.analyzer.matcher import Matcher
from calmline.analyzer.text import tokenize
from calmline.languages.loader import Entry
from calmline.languages.patterns import compile_pattern


def _entry(source: str, kind: str = "violence") -> Entry:
    return Entry(source, kind, 0.9, compile_pattern(source), "threats", 1, "pl")


@pytest.mark.parametrize(
    ("pattern", "lang", "text", "span"),
    [
        ("zabić ~2 ty", "pl", "Zabiję cię, zobaczysz", "Zabiję cię"),
        ("spalić ~3 sklep", "pl", "spalę wam ten sklep", "spalę wam ten sklep"),
        ("anwalt", "de", "Ich schalte meine Anwälte ein", "Anwälte"),
        ("geld ~2 terug", "nl", "ik wil mijn geld nu terug", "geld nu terug"),
        ("idiot*", "en", "you IDIOTS", "IDIOTS"),
        ("manager|supervisor", "en", "get me a supervisor", "supervisor"),
        ("break * legs", "en", "I will break your legs", "break your legs"),
    ],
)
def test_matches(pattern: str, lang: str, text: str, span: str) -> None:
    matcher = Matcher([_entry(pattern)])
    matches = matcher.scan(text, tokenize(text, lang))
    assert [text[m.start : m.end] for m in matches] == [span]


@pytest.mark.parametrize(
    ("pattern", "lang", "text"),
    [
        ("geld ~1 terug", "nl", "geld wil ik echt niet terug"),
        ("break * legs", "en", "break legs"),
        ("idiot*", "en", "idiom"),
    ],
)
def test_does_not_match(pattern: str, lang: str, text: str) -> None:
    assert Matcher([_entry(pattern)]).scan(text, tokenize(text, lang)) == []


def test_regex_value_and_span_groups() -> None:
    entry = Entry(
        r"re:order\s*(?P<span>#?(?P<value>\d{5,}))",
        "order_number",
        0.9,
        compile_pattern(r"re:order\s*(?P<span>#?(?P<value>\d{5,}))"),
        "facts",
        1,
        "en",
    )
    text = "About order #123456 please"
    (m,) = Matcher([entry]).scan(text, tokenize(text, "en"))
    assert text[m.start : m.end] == "#123456"
    assert m.value == "123456"
