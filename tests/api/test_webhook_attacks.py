"""Issue 13's webhook attacks as regression tests: each is a 401 or a 422 naming the field,
never a 500, and a storable message is kept."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.api.conftest import WEBHOOK_SECRETS, as_user
from tests.api.test_webhooks import _signed

SOURCES = ["generic", "zendesk", "chatwoot", "freshdesk"]


def _post(
    client: httpx.Client, source: str, body: bytes, headers: dict[str, str]
) -> httpx.Response:
    return client.post(
        f"/api/webhooks/{source}",
        content=body,
        headers={"Content-Type": "application/json", **headers},
    )


@pytest.mark.parametrize("source", SOURCES)
def test_a_non_ascii_signature_is_401_not_500(client: httpx.Client, source: str) -> None:
    body = b'{"thread": "t", "message_id": "m", "text": "hi"}'
    for header in (
        "x-calmline-signature",
        "x-zendesk-webhook-signature",
        "x-chatwoot-signature",
    ):
        r = client.post(
            f"/api/webhooks/{source}",
            content=body,
            headers=[
                (b"content-type", b"application/json"),
                (header.encode(), "sha256=é".encode("latin-1")),
                (b"x-zendesk-webhook-signature-timestamp", b"2026-01-01T00:00:00Z"),
                (b"x-chatwoot-timestamp", "é".encode("latin-1")),
            ],
        )
        assert r.status_code == 401, r.text


@pytest.mark.parametrize("source", ["zendesk", "chatwoot"])
def test_a_replayed_delivery_is_refused(client: httpx.Client, source: str) -> None:
    body = json.dumps({"event": "message_created", "type": "x"}).encode()
    old = _signed(source, body, age=25 * 365 * 86400)  # signed in 2001
    r = _post(client, source, body, old)
    assert r.status_code == 401 and "replay" in r.text
    assert _post(client, source, body, _signed(source, body, age=30)).status_code == 200


# validly signed, generic source: (body, the field the 422 names)
BAD_GENERIC = [
    (
        {"thread": "t1", "message_id": "m1", "text": "hi", "customer": {"email": 5}},
        "customer.email",
    ),
    ({"thread": "t1", "message_id": "m1", "text": "hi", "at": 1717236000}, "at"),
    ({"thread": "t1", "message_id": "m1", "text": "hi", "at": "yesterday"}, "at"),
    ({"thread": ["t"], "message_id": "m1", "text": "hi"}, "thread"),
    ({"thread": "t1", "message_id": "m1", "text": 42}, "text"),
]


@pytest.mark.parametrize(("payload", "field"), BAD_GENERIC)
def test_wrong_types_are_422_naming_the_field(
    client: httpx.Client, payload: dict[str, object], field: str
) -> None:
    body = json.dumps(payload).encode()
    r = _post(client, "generic", body, _signed("generic", body))
    assert r.status_code == 422, r.text
    assert field in [d["field"] for d in r.json()["detail"]]


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 5000 + b"]" * 5000,
        b'{"thread": "t", "message_id": ' + b"9" * 5000 + b', "text": "x"}',
        b'{"thread": "t", "message_id": "m", "text": "x", "n": NaN}',
    ],
)
def test_depth_and_number_size_are_bounded(client: httpx.Client, body: bytes) -> None:
    r = _post(client, "generic", body, _signed("generic", body))
    assert r.status_code == 422, r.text
    assert "body" in [d["field"] for d in r.json()["detail"]]


@pytest.mark.parametrize("created_at", [1e20, "Infinity", -5, "not a time"])
def test_chatwoot_times_out_of_range_are_422(client: httpx.Client, created_at: object) -> None:
    payload = {
        "event": "message_created",
        "message_type": "incoming",
        "id": 7001,
        "content": "Hallo?",
        "conversation": {"id": 7001},
        "created_at": created_at,
    }
    text = (
        json.dumps(payload).replace('"Infinity"', "Infinity")
        if created_at == "Infinity"
        else json.dumps(payload)
    )
    body = text.encode()
    r = _post(client, "chatwoot", body, _signed("chatwoot", body))
    assert r.status_code == 422, r.text


def test_a_lone_surrogate_and_nul_are_cleaned_and_the_message_kept(
    client: httpx.Client, server: str, tokens: dict[str, str]
) -> None:
    body = (
        b'{"thread": "sur-1", "message_id": "sur-1", '
        b'"text": "Waar blijft \\ud800 mijn pakket\\u0000 Qwfpgj?"}'
    )
    r = _post(client, "generic", body, _signed("generic", body))
    assert r.status_code == 200 and r.json()["stored"] == 1, r.text
    with as_user(server, tokens["sue"]) as sue:
        case = sue.get(f"/api/cases/{r.json()['cases'][0]}").json()
    text = case["messages"][0]["text"]
    assert "Qwfpgj" in text and "\x00" not in text


def test_an_offset_time_is_stored_in_utc(
    client: httpx.Client, server: str, tokens: dict[str, str]
) -> None:
    payload = {
        "thread": "tz-1",
        "message_id": "tz-1",
        "text": "Hallo",
        "at": "2025-06-01T10:00:00+02:00",
    }
    body = json.dumps(payload).encode()
    r = _post(client, "generic", body, _signed("generic", body))
    assert r.status_code == 200, r.text
    with as_user(server, tokens["sue"]) as sue:
        case = sue.get(f"/api/cases/{r.json()['cases'][0]}").json()
    assert case["messages"][0]["at"].startswith("2025-06-01T08:00:00")


def test_the_shared_secret_header_is_still_compared_in_constant_time() -> None:
    from calmline.ingest.delivery import verify

    secret = WEBHOOK_SECRETS["freshdesk"]
    assert verify("freshdesk", {"x-calmline-signature": secret}, b"{}", secret)
    assert not verify("freshdesk", {"x-calmline-signature": "é" + secret}, b"{}", secret)
