"""Presentation helpers: highlighted segments, durations and heat classes."""

from __future__ import annotations

import pytest

from calmline import analyze
from calmline.web.views import duration, heat_class, segments


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # (text, [(segment text, group)] for the highlighted segments)
        (
            "Ich schlage Ihren Fahrer zusammen.",
            [("Ich schlage Ihren Fahrer zusammen", "violence")],
        ),
        ("You are a useless idiot.", [("idiot", "offensive")]),
        ("Ik wil mijn geld terug voor bestelling 48213.", None),
        ("Can I change my delivery address?", [("change my delivery", "want")]),
        ("Okay, that was all.", []),
    ],
)
def test_segments_cover_the_text_and_mark_findings(
    text: str, expected: list[tuple[str, str]] | None
) -> None:
    a = analyze(text).to_dict()
    segs = segments(text, a)
    assert "".join(s.text for s in segs) == text  # nothing lost, nothing added
    marked = [(s.text, s.group) for s in segs if s.group]
    if expected is not None:
        for item in expected:
            assert item in marked
        if not expected:
            assert marked == []
    else:
        groups = {g for _, g in marked}
        assert {"want", "fact"} <= groups
    for s in segs:
        if s.group:
            assert s.label in s.explanation and "score" in s.explanation


def test_overlapping_findings_keep_the_strongest() -> None:
    a = {
        "threats": [{"kind": "violence", "start": 0, "end": 10, "score": 0.9, "explanation": {}}],
        "emotions": [{"label": "anger", "evidence": [{"start": 5, "end": 15, "explanation": {}}]}],
        "facts": [{"kind": "date", "start": 20, "end": 25, "explanation": {}}],
    }
    text = "x" * 30
    segs = segments(text, a)
    assert [(s.group, len(s.text)) for s in segs] == [
        ("violence", 10),
        (None, 10),
        ("fact", 5),
        (None, 5),
    ]
    assert segments(text, None)[0].text == text
    broken = {"facts": [{"kind": "date", "start": 25, "end": 99, "explanation": {}}]}
    assert [s.group for s in segments(text, broken)] == [None]  # offsets beyond the text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (None, ""),
        (5, "5 s"),
        (-90, "1 min"),
        (3600, "1 h"),
        (3900, "1 h 5 min"),
        (90000, "1 d 1 h"),
    ],
)
def test_duration(seconds: float | None, text: str) -> None:
    assert duration(seconds) == text


def test_heat_classes() -> None:
    assert [heat_class(h) for h in (0.1, 0.4, 0.6, 0.9)] == [
        "heat-calm",
        "heat-warm",
        "heat-hot",
        "heat-hostile",
    ]
