"""Webhook payloads from helpdesks: signature checks and the messages they carry.

Each source has its own signature scheme, checked in constant time against the shared
secret configured for it (``CALMLINE_WEBHOOK_SECRETS='{"zendesk": "…"}'``):

- ``generic``: ``X-Calmline-Signature: sha256=<hex HMAC-SHA256(secret, body)>``;
- ``zendesk``: ``X-Zendesk-Webhook-Signature`` = base64 HMAC-SHA256 of the
  ``X-Zendesk-Webhook-Signature-Timestamp`` header followed by the body (Zendesk's scheme);
- ``chatwoot``: ``X-Chatwoot-Signature: sha256=<hex HMAC-SHA256 of "{timestamp}.{body}">``
  with ``X-Chatwoot-Timestamp``;
- ``freshdesk``: Freshdesk's automation webhooks cannot compute a signature; they can send
  a fixed header, so ``X-Calmline-Signature`` carries the shared secret itself (or a
  ``sha256=`` HMAC when a proxy in front can compute one).

Parsing is strict about what it needs (a thread id, a message id, the text) and names the
missing field otherwise.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from typing import Any

SOURCES = ("generic", "zendesk", "chatwoot", "freshdesk")


class WebhookError(ValueError):
    """A payload without what calmline needs: ``field: reason``."""


@dataclass(frozen=True)
class Incoming:
    thread: str
    message_id: str
    role: str
    text: str
    at: str | None = None
    subject: str = ""
    channel: str = "email"
    email: str | None = None
    name: str | None = None


def _hex(secret: str, data: bytes) -> str:
    return hmac.new(secret.encode(), data, hashlib.sha256).hexdigest()


def verify(source: str, headers: dict[str, str], body: bytes, secret: str) -> bool:
    """Whether the request carries a valid signature for ``source`` (headers lower-case)."""
    if source == "zendesk":
        stamp = headers.get("x-zendesk-webhook-signature-timestamp", "")
        given = headers.get("x-zendesk-webhook-signature", "")
        digest = hmac.new(secret.encode(), stamp.encode() + body, hashlib.sha256).digest()
        return bool(stamp) and hmac.compare_digest(given, base64.b64encode(digest).decode())
    if source == "chatwoot":
        stamp = headers.get("x-chatwoot-timestamp", "")
        given = headers.get("x-chatwoot-signature", "")
        expected = "sha256=" + _hex(secret, stamp.encode() + b"." + body)
        return bool(stamp) and hmac.compare_digest(given, expected)
    given = headers.get("x-calmline-signature", "")
    if hmac.compare_digest(given, "sha256=" + _hex(secret, body)):
        return True
    return source == "freshdesk" and hmac.compare_digest(given, secret)


def _need(obj: Any, path: str) -> Any:
    node = obj
    for part in path.split("."):
        if not isinstance(node, dict) or node.get(part) in (None, ""):
            raise WebhookError(f"{path}: missing")
        node = node[part]
    return node


def _get(obj: Any, path: str) -> Any:
    try:
        return _need(obj, path)
    except WebhookError:
        return None


def parse(source: str, payload: Any) -> list[Incoming]:
    """The messages in a payload; events without a message (status changes …) give []."""
    if not isinstance(payload, dict):
        raise WebhookError("body: must be a JSON object")
    if source == "generic":
        role = payload.get("role", "customer")
        if role not in ("customer", "agent"):
            raise WebhookError("role: must be customer or agent")
        return [
            Incoming(
                thread=str(_need(payload, "thread")),
                message_id=str(_need(payload, "message_id")),
                role=role,
                text=str(_need(payload, "text")),
                at=_get(payload, "at"),
                subject=str(payload.get("subject") or ""),
                channel=str(payload.get("channel") or "email"),
                email=_get(payload, "customer.email"),
                name=_get(payload, "customer.name"),
            )
        ]
    if source == "zendesk":
        if payload.get("type") != "zen:event-type:ticket.comment_added":
            return []
        comment = _need(payload, "event.comment")
        author = comment.get("author") if isinstance(comment, dict) else None
        staff = isinstance(author, dict) and bool(author.get("is_staff"))
        return [
            Incoming(
                thread=str(_need(payload, "detail.id")),
                message_id=str(_need(payload, "event.comment.id")),
                role="agent" if staff else "customer",
                text=str(_need(payload, "event.comment.body")),
                at=_get(payload, "time"),
                subject=str(_get(payload, "detail.subject") or ""),
                name=author.get("name") if isinstance(author, dict) else None,
            )
        ]
    if source == "chatwoot":
        if payload.get("event") != "message_created":
            return []
        kind = payload.get("message_type")
        if kind not in ("incoming", "outgoing"):
            return []  # templates and activity notes are not conversation turns
        channel = str(_get(payload, "conversation.channel") or "")
        return [
            Incoming(
                thread=str(_need(payload, "conversation.id")),
                message_id=str(_need(payload, "id")),
                role="customer" if kind == "incoming" else "agent",
                text=str(_need(payload, "content")),
                at=_chatwoot_time(_get(payload, "created_at")),
                channel="chat" if "WebWidget" in channel or not channel else "email",
                email=_get(payload, "sender.email"),
                name=_get(payload, "sender.name"),
            )
        ]
    if source == "freshdesk":
        hook = _need(payload, "freshdesk_webhook")
        text = _get(hook, "ticket_latest_public_comment") or _need(
            payload, "freshdesk_webhook.ticket_description"
        )
        ticket = str(_need(payload, "freshdesk_webhook.ticket_id"))
        digest = hashlib.sha1(f"{ticket}|{text}".encode()).hexdigest()
        return [
            Incoming(
                thread=ticket,
                message_id=str(_get(hook, "ticket_latest_public_comment_id") or digest),
                role="customer",
                text=str(text),
                subject=str(_get(hook, "ticket_subject") or ""),
                email=_get(hook, "ticket_contact_email"),
                name=_get(hook, "ticket_contact_name"),
            )
        ]
    raise WebhookError(f"source: must be one of {', '.join(SOURCES)}")


def _chatwoot_time(value: Any) -> str | None:
    """Chatwoot sends "2020-03-03 13:05:57 UTC" or a Unix time."""
    if value is None:
        return None
    if isinstance(value, int | float):
        from datetime import UTC, datetime

        return datetime.fromtimestamp(value, UTC).isoformat()
    text = str(value).strip()
    if text.endswith(" UTC"):
        text = text[:-4].replace(" ", "T") + "+00:00"
    return text
