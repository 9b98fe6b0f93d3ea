"""How lexicon evidence, the hazard head and threats combine into a hazard finding."""

from __future__ import annotations

import pytest

from calmline import analyze
from calmline.analyzer import hazards
from calmline.analyzer.doc import Candidate


def _cand(group: str, kind: str, start: int, end: int, score: float) -> Candidate:
    return Candidate(group, kind, start, end, score, "test", f"test/{kind}", 0, 0)


def _probs(**kinds: float) -> dict[str, float]:
    probs = {f"hazard.{k}": 0.0 for k in hazards.HAZARD_KINDS}
    probs.update({f"hazard.{k}": v for k, v in kinds.items()})
    probs["hazard.none"] = max(0.0, 1.0 - sum(kinds.values()))
    return probs


def _sentence(kind: str) -> Candidate:
    return _cand("hazard", kind, 0, 10, hazards.MODEL_ONLY)


def test_the_model_alone_reports_a_hazard_it_is_sure_of() -> None:
    found = hazards.detect([], _probs(child=0.9, electric=0.08), _sentence)
    assert [(c.kind, c.score) for c in found] == [("child", hazards.MODEL_ONLY)]


@pytest.mark.parametrize(
    "probs",
    [
        _probs(child=0.5, electric=0.48),  # sure of a hazard, not of which one
        _probs(food=0.8),  # not sure enough of any hazard
    ],
)
def test_the_model_alone_stays_quiet_when_unsure(probs: dict[str, float]) -> None:
    assert hazards.detect([], probs, _sentence) == []


def test_the_model_alone_says_nothing_in_a_threatening_message() -> None:
    threat = _cand("threat", "violence", 0, 30, 0.9)
    assert hazards.detect([], _probs(fire=0.99), _sentence, [threat]) == []


def test_the_model_alone_says_nothing_when_only_the_violence_model_suspects_a_threat() -> None:
    assert hazards.detect([], _probs(fire=0.99), _sentence, [], threatening=True) == []


def test_a_sentence_only_the_violence_model_suspects_keeps_its_hazard() -> None:
    text = "Wenn ich die Waschmaschine anfasse, kribbelt es in den Fingern."
    assert [h.kind for h in analyze(text, lang="de").hazards] == ["electric"]


def test_a_noun_that_is_also_a_slang_verb_is_not_a_threat() -> None:
    a = analyze("The lamp gives you a little shock when you touch it.", lang="en")
    assert not a.violent
    assert [h.kind for h in a.hazards] == ["electric"]


def test_a_ruled_out_hazard_keeps_the_model_quiet() -> None:
    negated = _cand("hazard", "gas", 3, 8, 0.0)
    negated.negated_weight = 0.9
    assert hazards.detect([negated], _probs(gas=0.99), _sentence) == []


def test_a_hazard_word_inside_a_threat_is_not_a_hazard() -> None:
    fire = _cand("hazard", "fire", 10, 20, 0.9)
    threat = _cand("threat", "violence", 0, 30, 0.9)
    assert hazards.detect([fire], _probs(fire=0.6), _sentence, [threat]) == []
    assert "part of a threat" in fire.reasons[-1]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("I'll be setting your storeroom on fire this weekend. Enjoy the last few days.", "en"),
        ("Als ik hem nog eens zie, steek ik zijn winkel in brand.", "nl"),
    ],
)
def test_arson_threats_are_threats_not_hazards(text: str, lang: str) -> None:
    a = analyze(text, lang=lang)
    assert a.violent
    assert a.hazards == ()
