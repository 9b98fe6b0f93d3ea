"""Shared assertion: every span in an analysis indexes the text it was computed from."""

from __future__ import annotations

from typing import Any


def assert_spans(text: str, data: dict[str, Any]) -> None:
    groups = [data["threats"], data["wants"], data["facts"], data["offensive"]["findings"]]
    groups.append(data["shouting"]["findings"])
    groups.extend(e["evidence"] for e in data["emotions"])
    for group in groups:
        for f in group:
            assert 0 <= f["start"] <= f["end"] <= len(text)
            assert text[f["start"] : f["end"]] == f["text"]
            assert f["explanation"]["detector"]
            assert f["explanation"]["rule"]
    for x in data["excluded"]:
        assert 0 <= x["start"] <= x["end"] <= len(text)
