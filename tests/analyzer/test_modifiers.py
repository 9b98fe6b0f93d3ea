"""Negation, intensifiers, diminishers, capitals, idioms and quotes change findings."""

from __future__ import annotations

import pytest

import calmline
from calmline.analyzer.result import Analysis


def _evidence(a: Analysis, label: str) -> float:
    return max((f.score for e in a.emotions if e.label == label for f in e.evidence), default=0.0)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Ik ben niet boos, ik wil alleen weten wanneer het komt.", "nl"),
        ("Ich bin nicht wütend, ich möchte nur eine Auskunft.", "de"),
        ("I am not angry, I just want to know when it arrives.", "en"),
    ],
)
def test_negated_anger_is_no_anger_evidence(text: str, lang: str) -> None:
    a = calmline.analyze(text, lang=lang)
    assert _evidence(a, "anger") == 0.0


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Das Essen war nicht schlecht.", "de"),
        ("Het eten was niet slecht.", "nl"),
        ("The food was not bad at all.", "en"),
    ],
)
def test_negated_negative_word_is_not_negative(text: str, lang: str) -> None:
    assert calmline.analyze(text, lang=lang).sentiment.label != "negative"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("I am not happy at all with this service.", "en"),
        ("Nie jestem zadowolona z tej usługi.", "pl"),
    ],
)
def test_negated_satisfaction_is_negative(text: str, lang: str) -> None:
    a = calmline.analyze(text, lang=lang)
    assert a.sentiment.label == "negative"
    assert not any(e.label == "satisfaction" and e.detected for e in a.emotions)


def test_intensifier_raises_and_diminisher_lowers() -> None:
    plain = _evidence(calmline.analyze("I am annoyed.", lang="en"), "frustration")
    more = _evidence(calmline.analyze("I am extremely annoyed.", lang="en"), "frustration")
    less = _evidence(calmline.analyze("I am a bit annoyed.", lang="en"), "frustration")
    assert less < plain < more
    strong = calmline.analyze("I am extremely annoyed.", lang="en")
    reasons = [r for e in strong.emotions for f in e.evidence for r in f.explanation.reasons]
    assert any("intensified by 'extremely'" in r for r in reasons)


def test_capitals_raise_offensive_evidence() -> None:
    low = calmline.analyze("you idiots", lang="en").offensive.findings[0].score
    high = calmline.analyze("you IDIOTS", lang="en").offensive.findings[0].score
    assert high > low


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("This heat is killing me, any iced coffee?", "en"),
        ("Ik lach me dood om jullie nieuwe reclame.", "nl"),
        ("Ten serial mnie zabije, tak dobrze się go ogląda.", "pl"),
        ("Die Torte ist zum Sterben schön.", "de"),
    ],
)
def test_violent_idioms_are_not_threats(text: str, lang: str) -> None:
    assert not calmline.analyze(text, lang=lang).violent


def test_a_quoted_threat_is_reported_speech() -> None:
    text = "Your driver shouted 'I will break your legs' at my son. What will you do about it?"
    a = calmline.analyze(text, lang="en")
    assert not a.violent


def test_a_threat_after_a_negated_if_clause_stands() -> None:
    a = calmline.analyze("Wenn das Paket morgen nicht da ist, bringe ich dich um!", lang="de")
    assert a.violent
