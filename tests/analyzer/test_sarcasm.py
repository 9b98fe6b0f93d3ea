"""Sarcasm's evidence rules on long messages, with the model's vote set by the test."""

from __future__ import annotations

from calmline.analyzer import sarcasm
from calmline.analyzer.doc import Candidate
from calmline.analyzer.pipeline import prepare

MIXED = (
    "The staff at your Leeds branch were lovely and very patient with my questions. "
    "The fitting room was clean and the music was nice. "
    "I ordered the same coat online on 4 May. "
    "It arrived with a torn lining and a missing button, and I have waited two weeks. "
    "I would like a replacement sent out this week."
)


def _detect(text: str, p_model: float) -> Candidate | None:
    doc, cands, _ = prepare(text, "en")
    return sarcasm.detect(doc, cands, {"sarcasm.yes": p_model})


def test_sincere_praise_far_from_the_complaint_is_not_sarcasm() -> None:
    assert _detect(MIXED, 0.0) is None


def test_a_sure_model_alone_does_not_make_a_long_message_sarcastic() -> None:
    # the head learnt from short messages; on five sentences it is one voice at most
    assert _detect(MIXED, 0.95) is None


def test_a_sure_model_and_a_complaint_make_a_short_message_sarcastic() -> None:
    found = _detect("Lovely service. I have waited two weeks for my coat.", 0.95)
    assert found is not None


def test_praise_next_to_the_complaint_in_a_long_message_is_sarcasm() -> None:
    text = (
        "I ordered a coat on 4 May. You promised delivery within two days. "
        "I have now been waiting three weeks. Stellar service, really. I want my money back."
    )
    found = _detect(text, 0.0)
    assert found is not None
    assert "Stellar" in text[found.start : found.end]
