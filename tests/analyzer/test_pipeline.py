"""End-to-end behaviour of ``calmline.analyze`` on awkward inputs."""

from __future__ import annotations

import json

import pytest

import calmline
from tests.spans import assert_spans

REQUIRED = {
    "language",
    "sentiment",
    "heat",
    "emotions",
    "offensive",
    "threats",
    "wants",
    "facts",
    "shouting",
    "truncated",
}


def test_result_is_immutable_and_json_serialisable() -> None:
    a = calmline.analyze("Where is my parcel? I ordered it on 3 March.")
    data = json.loads(a.to_json())
    assert set(data) >= REQUIRED
    assert data["language"]["code"] == "en"
    assert set(data["sentiment"]["scores"]) == {"negative", "neutral", "positive"}
    assert data["heat"]["level"] in {"calm", "irritated", "angry", "hostile"}
    assert {e["label"] for e in data["emotions"]} == {
        "anger",
        "frustration",
        "disappointment",
        "worry",
        "sadness",
        "satisfaction",
    }
    with pytest.raises(AttributeError):
        a.truncated = True  # type: ignore[misc]


@pytest.mark.parametrize("text", ["", "   ", "\n\t\n", "\x00\x01\x02", "😡😡😡", "12345"])
def test_degenerate_inputs_give_a_calm_result(text: str) -> None:
    data = calmline.analyze(text).to_dict()
    assert data["language"]["code"] == "und"
    assert data["threats"] == []
    assert data["heat"]["score"] < 0.5
    assert_spans(text, data)


def test_huge_message_is_truncated_not_refused() -> None:
    text = "Waar blijft mijn bestelling 4471902? " * 150_000  # ~5.5 MB
    a = calmline.analyze(text)
    assert a.truncated
    assert a.length == len(text)
    assert a.language.code == "nl"


def test_other_language_keeps_language_independent_signals() -> None:
    text = "Ma commande #FR-20931 de 89,90 € n'est TOUJOURS PAS ARRIVÉE !!! 😡"
    data = calmline.analyze(text).to_dict()
    assert data["language"]["code"] not in {"nl", "de", "pl", "en"}
    assert data["language"]["supported"] is False
    kinds = {f["kind"] for f in data["facts"]}
    assert {"order_number", "amount"} <= kinds
    assert data["shouting"]["detected"]
    assert data["shouting"]["emoji"] == 1
    assert_spans(text, data)


def test_mixed_language_message_is_analysed() -> None:
    text = "Hallo, ik wil mijn geld terug. Also I am really angry about order #55123!"
    data = calmline.analyze(text).to_dict()
    assert data["language"]["code"] in {"nl", "en"}
    assert any(f["kind"] == "order_number" for f in data["facts"])
    assert_spans(text, data)


def test_explicit_language_overrides_detection() -> None:
    a = calmline.analyze("ok", lang="DE")
    assert a.language.code == "de"
    assert a.language.confidence == 1.0


def test_non_string_input_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="takes a str"):
        calmline.analyze(b"bytes")  # type: ignore[arg-type]
