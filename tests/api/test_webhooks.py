"""Helpdesk webhooks over real HTTP, with payloads in each helpdesk's format: signatures
checked on the raw body, nothing stored on a bad one, retries stored once."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.api.conftest import WEBHOOK_SECRETS, as_user

HOOKS = Path(__file__).resolve().parents[1] / "data" / "webhooks"


def _unique(source: str) -> bytes:
    """The fixture with new ids and a marker in the text, so storing it would show."""
    data = json.loads((HOOKS / f"{source}.json").read_text(encoding="utf-8"))
    if source == "generic":
        data.update(thread="t-x", message_id="m-x", text=data["text"] + " Xyzzy")
    elif source == "zendesk":
        data["detail"]["id"] = "9999"
        data["event"]["comment"].update(id="1", body=data["event"]["comment"]["body"] + " Xyzzy")
    elif source == "chatwoot":
        data.update(id="9999", content=data["content"] + " Xyzzy")
    elif source == "zammad":
        data["ticket"]["id"] = 9999
        data["article"].update(id=1, body=data["article"]["body"] + " Xyzzy")
    else:
        hook = data["freshdesk_webhook"]
        hook.update(ticket_id="9999", ticket_latest_public_comment="Xyzzy " + hook["ticket_id"])
    return json.dumps(data).encode()


def _signed(
    source: str, body: bytes, secret: str | None = None, age: float = 0.0
) -> dict[str, str]:
    """Headers signing ``body`` as the source does, stamped ``age`` seconds ago."""
    key = (secret or WEBHOOK_SECRETS[source]).encode()
    when = datetime.now(UTC) - timedelta(seconds=age)
    if source == "zendesk":
        stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
        mac = base64.b64encode(hmac.new(key, stamp.encode() + body, hashlib.sha256).digest())
        return {
            "X-Zendesk-Webhook-Signature": mac.decode(),
            "X-Zendesk-Webhook-Signature-Timestamp": stamp,
        }
    if source == "chatwoot":
        stamp = str(int(when.timestamp()))
        mac = hmac.new(key, stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
        return {"X-Chatwoot-Signature": f"sha256={mac}", "X-Chatwoot-Timestamp": stamp}
    if source == "zammad":
        return {"X-Hub-Signature": "sha1=" + hmac.new(key, body, hashlib.sha1).hexdigest()}
    return {"X-Calmline-Signature": "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest()}


@pytest.mark.parametrize(
    ("source", "language", "role"),
    [
        ("generic", "nl", "customer"),
        ("zendesk", "en", "customer"),
        ("chatwoot", "de", "customer"),
        ("freshdesk", "pl", "customer"),
        ("zammad", "de", "customer"),
    ],
)
def test_signed_payload_is_stored_once(
    client: httpx.Client, server: str, tokens: dict[str, str], source: str, language: str, role: str
) -> None:
    body = (HOOKS / f"{source}.json").read_bytes()
    headers = {"Content-Type": "application/json", **_signed(source, body)}
    r = client.post(f"/api/webhooks/{source}", content=body, headers=headers)
    assert r.status_code == 200, r.text
    assert r.json()["stored"] == 1
    again = client.post(f"/api/webhooks/{source}", content=body, headers=headers)
    assert again.json() == {**again.json(), "stored": 0, "duplicates": 1}
    case_id = r.json()["cases"][0]
    with as_user(server, tokens["sue"]) as sue:
        case = sue.get(f"/api/cases/{case_id}").json()
    assert len(case["messages"]) == 1
    msg = case["messages"][0]
    assert msg["role"] == role and msg["source"] == source
    assert msg["analysis"]["language"]["code"] == language


@pytest.mark.parametrize("source", ["generic", "zendesk", "chatwoot", "freshdesk", "zammad"])
def test_a_bad_signature_is_401_and_stores_nothing(
    client: httpx.Client, server: str, tokens: dict[str, str], source: str
) -> None:
    body = _unique(source)
    tampered = body.replace(b"Xyzzy", b"Xyzzz")
    for headers in (
        _signed(source, body, secret="wrong-secret"),
        _signed(source, body),  # signed, then the body changes in transit
        {},
    ):
        r = client.post(
            f"/api/webhooks/{source}",
            content=tampered if headers else body,
            headers={"Content-Type": "application/json", **headers},
        )
        assert r.status_code == 401, (headers, r.text)
    with as_user(server, tokens["sue"]) as sue:
        hits = sue.get("/api/search", params={"q": "Xyzz"}).json()["items"]
    assert hits == []  # neither the signed-with-a-wrong-secret nor the tampered one


def test_freshdesk_may_send_the_shared_secret_itself(client: httpx.Client) -> None:
    body = json.dumps(
        {"freshdesk_webhook": {"ticket_id": "905", "ticket_description": "Gdzie jest paczka?"}}
    ).encode()
    r = client.post(
        "/api/webhooks/freshdesk",
        content=body,
        headers={
            "Content-Type": "application/json",
            "X-Calmline-Signature": WEBHOOK_SECRETS["freshdesk"],
        },
    )
    assert r.status_code == 200 and r.json()["stored"] == 1


def test_signed_but_unusable_payloads_are_422_with_the_field(client: httpx.Client) -> None:
    for body, field in (
        (b'{"thread": "x", "text": "hi"}', "message_id"),
        (b"[1, 2]", "body"),
        (b"{not json", "body"),
    ):
        r = client.post(
            "/api/webhooks/generic",
            content=body,
            headers={"Content-Type": "application/json", **_signed("generic", body)},
        )
        assert r.status_code == 422, r.text
        assert field in [d["field"] for d in r.json()["detail"]]


def test_events_without_a_message_are_accepted_and_ignored(client: httpx.Client) -> None:
    body = b'{"event": "conversation_status_changed", "id": "1"}'
    r = client.post(
        "/api/webhooks/chatwoot",
        content=body,
        headers={"Content-Type": "application/json", **_signed("chatwoot", body)},
    )
    assert r.status_code == 200 and r.json()["stored"] == 0


def test_unknown_source_is_422_and_unconfigured_is_404(client: httpx.Client) -> None:
    assert client.post("/api/webhooks/intercom", content=b"{}").status_code == 422


def _zammad(**article: object) -> Any:
    """The Zammad fixture with a fresh article id and ``article`` fields replaced."""
    data = json.loads((HOOKS / "zammad.json").read_text(encoding="utf-8"))
    data["article"].update(article)
    return data


def _post_zammad(client: httpx.Client, data: object) -> httpx.Response:
    body = json.dumps(data).encode()
    return client.post(
        "/api/webhooks/zammad",
        content=body,
        headers={"Content-Type": "application/json", **_signed("zammad", body)},
    )


def test_zammad_html_becomes_text_and_an_agent_article_is_the_agent(
    client: httpx.Client, server: str, tokens: dict[str, str]
) -> None:
    html = "<p>Wo bleibt mein Paket?<br>Bestellung <b>4711</b> &amp; 4712</p>"
    r = _post_zammad(client, _zammad(id=201, body=html))
    assert r.status_code == 200 and r.json()["stored"] == 1, r.text
    reply = _zammad(id=202, sender="Agent", body="Wir kümmern uns darum.")
    reply["article"]["content_type"] = "text/plain"
    r2 = _post_zammad(client, reply)
    assert r2.json()["stored"] == 1 and r2.json()["cases"] == r.json()["cases"]
    with as_user(server, tokens["sue"]) as sue:
        case = sue.get(f"/api/cases/{r.json()['cases'][0]}").json()
    texts = {m["text"]: m["role"] for m in case["messages"]}
    assert texts["Wo bleibt mein Paket?\nBestellung 4711 & 4712"] == "customer"
    assert texts["Wir kümmern uns darum."] == "agent"


@pytest.mark.parametrize(
    "data",
    [
        _zammad(id=301, internal=True, body="Interne Notiz: Kunde ist VIP."),
        {"ticket": {"id": 81, "title": "Statuswechsel"}},  # a trigger without an article
        {"ticket": {"id": 81}, "article": None},
    ],
    ids=["internal-note", "no-article", "null-article"],
)
def test_zammad_internal_notes_and_ticket_changes_store_nothing(
    client: httpx.Client, data: object
) -> None:
    r = _post_zammad(client, data)
    assert r.status_code == 200, r.text
    assert r.json() == {"stored": 0, "duplicates": 0, "cases": []}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"internal": "no"}, "article.internal"),
        ({"internal": 1}, "article.internal"),
        ({"body": ["Hallo"]}, "article.body"),
        ({"body": ""}, "article.body"),
        ({"id": {"x": 1}}, "article.id"),
        ({"created_at": "gestern"}, "article.created_at"),
        ({"sender": 2}, "article.sender"),
    ],
)
def test_zammad_typed_fields_are_422_naming_the_field(
    client: httpx.Client, change: dict[str, object], field: str
) -> None:
    r = _post_zammad(client, _zammad(**{"id": 401, **change}))
    assert r.status_code == 422, r.text
    assert field in [d["field"] for d in r.json()["detail"]]


def test_zammad_signature_is_sha1_of_the_body(client: httpx.Client) -> None:
    body = json.dumps(_zammad(id=501)).encode()
    key = WEBHOOK_SECRETS["zammad"].encode()
    for header in (
        "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest(),  # another scheme
        hmac.new(key, body, hashlib.sha1).hexdigest(),  # without the "sha1=" prefix
    ):
        r = client.post(
            "/api/webhooks/zammad",
            content=body,
            headers={"Content-Type": "application/json", "X-Hub-Signature": header},
        )
        assert r.status_code == 401, header


@pytest.mark.parametrize(
    ("source", "change"),
    [
        ("zendesk", lambda d: d["event"]["comment"].update(is_public=False)),
        ("chatwoot", lambda d: d.update(private=True)),
    ],
)
def test_an_internal_note_is_no_conversation_turn(server: str, source: str, change: Any) -> None:
    """calmline's own write-back comes back through the helpdesk's webhook as an internal
    note: it must not become an agent message in its own case (issue 14)."""
    data = json.loads((HOOKS / f"{source}.json").read_text("utf-8"))
    change(data)
    body = json.dumps(data).encode()
    r = httpx.post(f"{server}/api/webhooks/{source}", content=body, headers=_signed(source, body))
    assert r.status_code == 200 and r.json()["stored"] == 0, r.text
