"""Property tests: ``analyze`` never raises, and every span indexes the original text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import calmline
from tests.spans import assert_spans

PIECES = st.sampled_from(
    [
        "ik wil mijn geld terug",
        "ich bringe dich um",
        "zabiję cię",
        "I will burn your shop down",
        "€ 49,95",
        "order #55123",
        "<b>bold</b>",
        "&amp;",
        "> quoted line\n",
        "On Mon, 3 Mar 2026, Jan wrote:\n",
        "!!!",
        "😡",
        "IDIOTS",
        "-- \n",
        "\x00",
        "\u202e",
        "ß",
        "İ",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(PIECES, st.text(max_size=20)), max_size=12).map(" ".join),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_analyze_never_raises_and_spans_index_the_original(text: str) -> None:
    data = calmline.analyze(text).to_dict()
    assert_spans(text, data)
    assert 0.0 <= data["heat"]["score"] <= 1.0
    assert abs(sum(data["sentiment"]["scores"].values()) - 1.0) < 1e-3


@settings(max_examples=60, deadline=None)
@given(TEXTS, st.sampled_from(["nl", "de", "pl", "en", "fr", "und"]))
def test_any_language_hint_is_accepted(text: str, lang: str) -> None:
    assert_spans(text, calmline.analyze(text, lang=lang).to_dict())
