"""The phrasebooks load, cover every key in every register, and refuse broken entries."""

from __future__ import annotations

import re

import pytest

from calmline.languages.loader import LexiconError
from calmline.protocol.phrasebook import (
    CODES,
    KEYS,
    REGISTERS,
    parse_feedback,
    parse_phrases,
    phrasebook,
)

HEADER = (
    "# phrasebook: {kind}\n# language: en\n# provenance: test\n# license: Apache-2.0\n"
    "# columns: {columns}\n"
)
PHRASES_HEADER = HEADER.format(kind="phrases", columns="key\tstep\tregister\ttext")
FEEDBACK_HEADER = HEADER.format(kind="feedback", columns="code\tmessage\thint")


def _complete_phrases() -> str:
    return PHRASES_HEADER + "".join(f"{k}\t{s}\tany\tText for {k}.\n" for k, s in KEYS.items())


@pytest.mark.parametrize("lang", list(REGISTERS))
def test_every_key_in_every_register(lang: str) -> None:
    book = phrasebook(lang)
    for key in KEYS:
        for register in REGISTERS[lang]:
            phrase = book.get(key, register)
            assert phrase.step == KEYS[key]
            assert phrase.text.strip()
    assert set(book.feedback) == set(CODES)


@pytest.mark.parametrize("lang", list(REGISTERS))
def test_phrases_are_calm(lang: str) -> None:
    book = phrasebook(lang)
    for phrases in book.phrases.values():
        for p in phrases:
            assert "!" not in p.text, p.rule
            words = re.findall(r"[^\W\d_]{4,}", p.text)
            assert not any(w.isupper() for w in words), p.rule


@pytest.mark.parametrize("lang", list(REGISTERS))
def test_time_frames_use_the_days_slot(lang: str) -> None:
    book = phrasebook(lang)
    for key in ("offer_refund", "offer_exchange", "next_generic", "escalate_supervisor"):
        for register in REGISTERS[lang]:
            assert "{days}" in book.get(key, register).text


def test_polish_neutral_formal_never_guesses_the_gender() -> None:
    book = phrasebook("pl")
    for (key, register), phrases in book.phrases.items():
        if register == "formal_n":
            for p in phrases:
                assert not re.search(r"\bPan(a|u|em|i|ią)?\b", p.text), (key, p.text)


def test_a_complete_file_parses() -> None:
    parsed = parse_phrases(_complete_phrases(), "t.tsv", "en")
    assert parsed[("apology", "any")][0].rule == "en/phrases:" + str(
        6 + list(KEYS).index("apology")
    )


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("bogus_key\topen\tany\tHello.", "unknown key 'bogus_key'"),
        ("apology\tresolve\tany\tSorry.", "belongs to step 'apologize'"),
        ("apology\tapologize\tformal_x\tSorry.", "register must be one of"),
        ("apology\tapologize\tany\tSorry {customer}.", "unknown slot {customer}"),
        ("apology\tapologize\tany", "expected 4 tab-separated columns"),
    ],
)
def test_broken_phrase_lines_name_file_line_and_reason(line: str, reason: str) -> None:
    text = _complete_phrases() + line + "\n"
    with pytest.raises(LexiconError, match=re.escape(reason)) as err:
        parse_phrases(text, "t.tsv", "en")
    assert str(err.value).startswith("t.tsv:")


def test_a_missing_register_is_refused() -> None:
    text = PHRASES_HEADER.replace("language: en", "language: nl") + "".join(
        f"{k}\t{s}\tformal\tTekst.\n" for k, s in KEYS.items()
    )
    with pytest.raises(LexiconError, match="for register 'informal'"):
        parse_phrases(text, "t.tsv", "nl")


def test_feedback_needs_every_code_once() -> None:
    lines = "".join(f"{c}\tMessage for {c}.\tTry:\n" for c in CODES)
    assert len(parse_feedback(FEEDBACK_HEADER + lines, "f.tsv")) == len(CODES)
    with pytest.raises(LexiconError, match="no feedback for ignores_threat"):
        parse_feedback(FEEDBACK_HEADER + lines.replace("ignores_threat\t", "#"), "f.tsv")
    with pytest.raises(LexiconError, match="duplicate code"):
        parse_feedback(FEEDBACK_HEADER + lines + "shouting\tAgain.\tTry:\n", "f.tsv")
    with pytest.raises(LexiconError, match="phrasebook: feedback"):
        parse_feedback(PHRASES_HEADER + lines, "f.tsv")
