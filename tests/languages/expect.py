"""Shared checker for the per-language tables in ``tests/languages/<code>/``.

Each table row is ``(text, [expectation, ...])``. An expectation is a tuple:

* ``("lang", "nl")`` – detected language code
* ``("threat", kind, "span")`` – a threat finding of that kind whose span overlaps ``span``
* ``("no_threat", kind)`` – no threat of that kind
* ``("offensive", "span")`` / ``("no_offensive",)``
* ``("want", kind, "span")`` / ``("no_want", kind)``
* ``("fact", kind, "span")`` – a fact of that kind whose span overlaps ``span``
* ``("fact", kind, "span", normalized, role)`` – and with that normalised value and role
* ``("no_fact", kind)`` – no fact of that kind
* ``("sarcasm", "span")`` / ``("no_sarcasm",)``
* ``("hazard", kind, "span")`` / ``("no_hazard",)``
* ``("emotion", label)`` / ``("no_emotion", label)`` – among the detected emotions
* ``("sentiment", label)``
* ``("heat_min", x)`` / ``("heat_max", x)``

Spans are written as the substring of the text (its first occurrence) rather than as
offsets, so a table stays readable; the check converts them to offsets and asserts that
a finding's ``[start, end)`` overlaps them and that ``text[start:end]`` is exact.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import calmline

Expectation = tuple[Any, ...]


def _locate(text: str, span: str) -> tuple[int, int]:
    start = text.find(span)
    assert start >= 0, f"table error: {span!r} is not in {text!r}"
    return start, start + len(span)


def _overlapping(findings: list[dict[str, Any]], text: str, span: str) -> list[dict[str, Any]]:
    lo, hi = _locate(text, span)
    hits = []
    for f in findings:
        assert text[f["start"] : f["end"]] == f["text"], f"offsets do not index the text: {f}"
        if f["start"] < hi and lo < f["end"]:
            hits.append(f)
    return hits


# the day relative dates in the tables resolve against: Tuesday 24 November 2026
AT = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def check(
    text: str, expectations: list[Expectation], lang: str | None = None, at: datetime | None = AT
) -> None:
    result = calmline.analyze(text, lang=lang, at=at).to_dict()
    for exp in expectations:
        what = exp[0]
        ctx = f"{exp!r} on {text!r}\n{result}"
        if what == "lang":
            assert result["language"]["code"] == exp[1], ctx
        elif what == "threat":
            found = [t for t in result["threats"] if t["kind"] == exp[1]]
            assert _overlapping(found, text, exp[2]), ctx
        elif what == "no_threat":
            assert not [t for t in result["threats"] if t["kind"] == exp[1]], ctx
        elif what == "offensive":
            assert result["offensive"]["detected"], ctx
            assert _overlapping(result["offensive"]["findings"], text, exp[1]), ctx
        elif what == "no_offensive":
            assert not result["offensive"]["detected"], ctx
        elif what == "want":
            found = [w for w in result["wants"] if w["kind"] == exp[1]]
            assert _overlapping(found, text, exp[2]), ctx
        elif what == "no_want":
            assert not [w for w in result["wants"] if w["kind"] == exp[1]], ctx
        elif what == "fact":
            found = _overlapping([f for f in result["facts"] if f["kind"] == exp[1]], text, exp[2])
            assert found, ctx
            if len(exp) > 3:
                values = {(f.get("normalized"), f.get("role")) for f in found}
                assert (exp[3], exp[4]) in values, f"{values} ≠ {exp[3:]!r}: {ctx}"
        elif what == "no_fact":
            assert not [f for f in result["facts"] if f["kind"] == exp[1]], ctx
        elif what == "sarcasm":
            assert _overlapping(result["sarcasm"], text, exp[1]), ctx
        elif what == "no_sarcasm":
            assert not result["sarcasm"], ctx
        elif what == "hazard":
            found = [h for h in result["hazards"] if h["kind"] == exp[1]]
            assert _overlapping(found, text, exp[2]), ctx
        elif what == "no_hazard":
            assert not result["hazards"], ctx
        elif what == "emotion":
            assert exp[1] in {e["label"] for e in result["emotions"] if e["detected"]}, ctx
        elif what == "no_emotion":
            assert exp[1] not in {e["label"] for e in result["emotions"] if e["detected"]}, ctx
        elif what == "sentiment":
            assert result["sentiment"]["label"] == exp[1], ctx
        elif what == "heat_min":
            assert result["heat"]["score"] >= exp[1], ctx
        elif what == "heat_max":
            assert result["heat"]["score"] < exp[1], ctx
        else:  # pragma: no cover - a typo in a table must fail loudly
            raise AssertionError(f"unknown expectation {exp!r}")
