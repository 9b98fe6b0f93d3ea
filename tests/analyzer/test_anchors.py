"""The regex prefilter never changes an answer: every match contains one of its anchors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calmline.analyzer.anchors import anchors, safe_to_filter
from calmline.languages.loader import SUPPORTED, load_language
from calmline.languages.patterns import RegexPattern

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\b(?!never\b)[\w'-]+\s+threaten(?:s|ed)?\s+to\s+kill", {"threaten"}),
        (r"\bwenn\s+Sie\s+(?:gelesen|geprüft)\s+hätten\b", {"hätten"}),  # "ge" is shared
        (r"\bwenn\s+(?:gelesen|nachgesehen)\b", {"gelesen", "nachgesehen"}),
        (r"abc?d", None),  # "ab" and "d" are too short to be worth it
        (r"(?:foo|ba)rbaz", {"rbaz"}),  # one branch has no anchor: the literal after it
        (r"(?:xyz)?qq", None),  # optional group, short literal
        (r"(?:Straße){1,2}", {"straße"}),
        (r"(?=abcd)x", None),  # lookarounds are not relied on
    ],
)
def test_anchors_are_what_every_match_needs(pattern: str, expected: set[str] | None) -> None:
    found = anchors(re.compile(pattern, re.IGNORECASE))
    assert (None if found is None else set(found)) == expected


def _texts(lang: str) -> list[str]:
    out = []
    for folder in ("examples", "threats", "review", "sarcasm", "hazards"):
        path = ROOT / "data" / folder / f"{lang}.jsonl"
        if path.exists():
            out += [json.loads(x)["text"] for x in path.read_text(encoding="utf-8").splitlines()]
    for path in sorted((ROOT / "tests" / "data" / "replies").glob(f"{lang}*.jsonl")):
        out += [json.loads(x)["draft"] for x in path.read_text(encoding="utf-8").splitlines()]
    return out


@pytest.mark.parametrize("lang", SUPPORTED)
def test_no_lexicon_regex_match_lacks_its_anchor(lang: str) -> None:
    """Over every labelled text of the language, each match of each ``re:`` entry of every
    lexicon contains one of the anchors the prefilter would look for."""
    res = load_language(lang)
    regexes = [
        e.pattern.regex
        for name in res.names
        for e in res.lexicon(name).entries
        if isinstance(e.pattern, RegexPattern)
    ]
    texts = [t for t in _texts(lang) if safe_to_filter(t)]
    assert len(regexes) > 20 and len(texts) > 500
    checked = 0
    for regex in regexes:
        need = anchors(regex)
        if need is None:
            continue
        for text in texts:
            m = regex.search(text)
            if m:
                checked += 1
                assert any(a in text.lower() for a in need), (regex.pattern, text)
    assert checked > 50


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdeghrstu ßſıİK", max_size=30))
def test_filter_is_exact_on_random_text(text: str) -> None:
    regex = re.compile(r"(?:hat|ist)\s+ge(?:rade|stern)s?", re.IGNORECASE)
    need = anchors(regex)
    assert need is not None
    if regex.search(text) and safe_to_filter(text):
        assert any(a in text.lower() for a in need)


def test_letters_that_lower_hides_turn_the_filter_off() -> None:
    assert safe_to_filter("Straße, Łódź, Ærø, ümlaut")
    assert not safe_to_filter("long ſ")  # matches "s" case-insensitively
    assert not safe_to_filter("İstanbul")  # lower() gives two code points
