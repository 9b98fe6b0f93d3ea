"""The lexicon loader refuses malformed entries with file, line and reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from calmline.languages.loader import (
    COLUMNS,
    LEXICONS,
    SUPPORTED,
    LanguageResources,
    LexiconError,
    load_language,
    parse_lexicon,
)

HEADER = (
    "# lexicon: threats\n# language: nl\n# provenance: test\n# license: Apache-2.0\n"
    "# columns: pattern\tkind\tweight\n"
)


def test_parses_entries_with_rule_ids() -> None:
    lex = parse_lexicon(HEADER + "advocaat\tlegal\t0.7\n", "t.tsv", "threats", "nl")
    (entry,) = lex.entries
    assert entry.kind == "legal"
    assert entry.weight == 0.7
    assert entry.rule == "nl/threats:6"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("advocaat\tlawsuit\t0.7\n", "unknown kind 'lawsuit'"),
        ("advocaat\tlegal\tstrong\n", "is not a number"),
        ("advocaat\tlegal\t1.5\n", "weight must be in (0, 1]"),
        ("advocaat legal 0.7\n", "expected 3 tab-separated columns"),
        ("re:(unclosed\tlegal\t0.7\n", "invalid regular expression"),
        ("re:x*\tlegal\t0.7\n", "matches the empty string"),
        ("* advocaat\tlegal\t0.7\n", "must start with a word"),
        ("advocaat ~2\tlegal\t0.7\n", "cannot end with a gap"),
        ("ad*\tlegal\t0.7\n", "shorter than 3 letters"),
        ("advocaat\tlegal\t0.7\nadvocaat\tlegal\t0.5\n", "duplicate entry"),
    ],
)
def test_rejects_bad_entries(body: str, reason: str) -> None:
    with pytest.raises(LexiconError) as err:
        parse_lexicon(HEADER + body, "nl/threats.tsv", "threats", "nl")
    assert reason in str(err.value)
    assert str(err.value).startswith("nl/threats.tsv:")


def test_rejects_missing_header_and_wrong_language() -> None:
    with pytest.raises(LexiconError, match="header lacks"):
        parse_lexicon("advocaat\tlegal\t0.7\n", "x.tsv", "threats", "nl")
    with pytest.raises(LexiconError, match="header says language 'nl'"):
        parse_lexicon(HEADER + "advocaat\tlegal\t0.7\n", "x.tsv", "threats", "de")


def test_modifier_weights_are_factors() -> None:
    head = HEADER.replace("threats", "modifiers")
    ok = parse_lexicon(head + "heel\tintensifier\t1.4\nniet\tnegation\t1\n", "m", "modifiers", "nl")
    assert [e.kind for e in ok.entries] == ["intensifier", "negation"]
    with pytest.raises(LexiconError, match="intensifier"):
        parse_lexicon(head + "heel\tintensifier\t0.5\n", "m", "modifiers", "nl")


@pytest.mark.parametrize("code", [*SUPPORTED, "common"])
def test_shipped_resources_load(code: str) -> None:
    res = load_language(code)
    assert res.lexicons, f"no lexicons for {code}"
    for name, lex in res.lexicons.items():
        assert name in LEXICONS
        assert lex.entries
        assert lex.provenance


@pytest.mark.parametrize("code", SUPPORTED)
def test_every_language_has_every_lexicon(code: str) -> None:
    assert set(load_language(code).lexicons) == set(LEXICONS)


def test_unknown_language_is_an_error() -> None:
    with pytest.raises(LexiconError, match="no resources"):
        load_language("xx")


def test_a_lexicon_is_read_when_first_needed_and_a_broken_one_names_its_line(
    tmp_path: Path,
) -> None:
    good = "\t".join(COLUMNS)
    head = (
        "# lexicon: wants\n# language: nl\n# provenance: test\n# license: Apache-2.0\n"
        f"# columns: {good}\n"
    )
    (tmp_path / "wants.tsv").write_text(head + "geld ~2 terug\trefund\t0.9\n", encoding="utf-8")
    (tmp_path / "hazards.tsv").write_text(
        head.replace("wants", "hazards") + "rook\tfire\t7\n", encoding="utf-8"
    )
    res = LanguageResources("nl", tmp_path, ("wants", "hazards"))
    assert [e.kind for e in res.entries("wants")] == ["refund"]  # the broken file not yet read
    assert res.entries("threats") == ()
    with pytest.raises(LexiconError, match=r"languages/nl/hazards.tsv:6: weight"):
        res.entries("hazards")
