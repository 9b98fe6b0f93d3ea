"""The stateless endpoints over real HTTP: the CLI's JSON, and clear 4xx for bad input."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.protocol.scenarios import conversation


def test_openapi_has_stable_operation_ids(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    ids = {op["operationId"] for path in spec["paths"].values() for op in path.values()}
    assert {"analyze", "guide", "review", "draft", "situation", "read_case_situation"} <= ids
    assert client.get("/docs").status_code == 200


def test_analyze(client: httpx.Client) -> None:
    r = client.post("/api/analyze", json={"text": "Ik wil mijn geld terug voor bestelling 48213!"})
    assert r.status_code == 200
    body = r.json()
    assert body["language"]["code"] == "nl"
    assert any(f["kind"] == "order_number" for f in body["facts"])


def test_guide_review_draft(client: httpx.Client) -> None:
    conv = conversation("threat", "de")
    g = client.post("/api/guide", json={"conversation": conv}).json()
    assert g["alerts"][0]["kind"] == "violence_threat"
    d = client.post("/api/draft", json={"conversation": conv}).json()
    assert d["safety"] is True and d["language"] == "de"
    r = client.post("/api/review", json={"conversation": conv, "draft": d["text"]}).json()
    assert r["ready"] is True
    bad = client.post(
        "/api/review", json={"conversation": conv, "draft": "Beruhigen Sie sich bitte."}
    ).json()
    assert bad["ready"] is False and "ignores_threat" in {f["code"] for f in bad["findings"]}


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/api/analyze", {}, "text"),
        ("/api/analyze", {"text": ""}, "text"),
        ("/api/analyze", {"text": 5}, "text"),
        ("/api/guide", {"conversation": {"messages": []}}, "conversation.messages"),
        (
            "/api/guide",
            {"conversation": {"messages": [{"role": "robot", "text": "hi"}]}},
            "conversation.messages.0.role",
        ),
        (
            "/api/draft",
            {"conversation": {"messages": [{"role": "customer", "text": "hi", "at": "soon"}]}},
            "conversation.messages[0].at",
        ),
        (
            "/api/guide",
            {"conversation": {"messages": [{"role": "agent", "text": "hello"}]}},
            "conversation.messages",
        ),
        (
            "/api/review",
            {"conversation": conversation("refund", "en"), "draft": "   "},
            "draft",
        ),
    ],
)
def test_invalid_input_is_422_with_the_field(
    client: httpx.Client, path: str, body: dict[str, Any], field: str
) -> None:
    r = client.post(path, json=body)
    assert r.status_code == 422, r.text
    fields = [d["field"] for d in r.json()["detail"]]
    assert field in fields, fields


def test_malformed_json_and_wrong_content(client: httpx.Client) -> None:
    r = client.post(
        "/api/analyze", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert r.status_code == 422
    r = client.post(
        "/api/analyze", content=b"\xff\xfe\x00", headers={"content-type": "application/json"}
    )
    assert r.status_code == 422


def test_body_above_the_limit_is_413(client: httpx.Client) -> None:
    r = client.post("/api/analyze", json={"text": "x" * 300_000})
    assert r.status_code == 413
    assert r.json()["detail"][0]["field"] == "body"
    # still serving afterwards
    assert client.post("/api/analyze", json={"text": "Where is my parcel?"}).status_code == 200


def test_situation(client: httpx.Client) -> None:
    conv = {
        "channel": "chat",
        "status": "open",
        "messages": [
            {
                "role": "customer",
                "text": "Order #UK-77120: ordered three weeks ago, promised within 4 working days. "
                "Oh brilliant. Truly outstanding service.",
                "at": "2026-11-24T09:00:00Z",
            },
            {
                "role": "agent",
                "text": "I'm sorry. I have arranged a refund of £24.99; you will receive it within "
                "5 working days.",
                "at": "2026-11-24T09:10:00Z",
            },
        ],
    }
    r = client.post("/api/situation", json={"conversation": conv})
    assert r.status_code == 200
    body = r.json()
    facts = {(f["kind"], f["normalized"], f["role"]) for f in body["facts"]}
    assert ("order_number", "UK-77120", None) in facts
    assert ("duration", "P3W", "elapsed") in facts and ("duration", "P4D", "promised") in facts
    assert body["sarcasm"] and body["sarcasm"][0]["evidence"]["message_index"] == 0
    offers = [a for a in body["organisation"] if a["kind"] == "offer"]
    assert offers and offers[0]["what"] == "refund"
    assert (
        client.post(
            "/api/situation", json={"conversation": {**conv, "status": "archived"}}
        ).status_code
        == 422
    )
