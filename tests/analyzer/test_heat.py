"""Heat is calibrated: calm questions below 0.35, angry or hostile messages at 0.5 or more."""

from __future__ import annotations

import pytest

import calmline

CALM = [
    ("Hallo, kunnen jullie mij laten weten wanneer mijn bestelling verzonden wordt?", "nl"),
    ("Guten Tag, bis wann haben Sie am Samstag geöffnet?", "de"),
    ("Dzień dobry, czy mogę zmienić termin wizyty na przyszły tydzień?", "pl"),
    ("Hi, could you tell me if the blue jacket comes in size M?", "en"),
]
HOT = [
    ("Dit is de DERDE keer dat ik bel!!! Jullie zijn echt waardeloze oplichters.", "nl"),
    ("Ihr seid doch alle unfähige Idioten, ich will sofort mein Geld zurück!!!", "de"),
    ("Jesteście bandą oszustów, oddawajcie pieniądze natychmiast!!!", "pl"),
    ("You are useless idiots. Refund me NOW or else!!!", "en"),
]


@pytest.mark.parametrize(("text", "lang"), CALM)
def test_calm_questions_stay_below_035(text: str, lang: str) -> None:
    heat = calmline.analyze(text, lang=lang).heat
    assert heat.score < 0.35
    assert heat.level == "calm"


@pytest.mark.parametrize(("text", "lang"), HOT)
def test_angry_and_hostile_messages_reach_05(text: str, lang: str) -> None:
    heat = calmline.analyze(text, lang=lang).heat
    assert heat.score >= 0.5
    assert heat.level in ("angry", "hostile")
    assert heat.reasons


def test_pressure_without_abuse_is_hot_but_not_hostile() -> None:
    text = "If I hear nothing by Friday my lawyer will take this up and I'll post a review."
    a = calmline.analyze(text, lang="en")
    assert {t.kind for t in a.threats} >= {"legal"}
    assert "violence" not in {t.kind for t in a.threats}
    assert 0.5 <= a.heat.score < 0.75


def test_violence_is_hostile() -> None:
    a = calmline.analyze("I will burn your shop to the ground.", lang="en")
    assert a.violent
    assert a.heat.level == "hostile"
