"""Webhook payloads from helpdesks: the messages they carry, stored once each.

Signatures, the replay window and the bounded JSON reading are in
:mod:`calmline.ingest.delivery`. Parsing is strict about what it needs (a thread id, a
message id, the text) and names the missing field otherwise.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parseaddr
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from calmline.helpdesks.outbox import enqueue
from calmline.ingest.delivery import LATEST_TIME, WebhookError
from calmline.ingest.mail import readable
from calmline.ingest.tickets import bounded
from calmline.protocol.conversation import parse_time
from calmline.protocol.policy import Policy
from calmline.store.db import Store
from calmline.store.models import Message
from calmline.store.service import add_message, analyse_first, thread_case

SOURCES = ("generic", "zendesk", "chatwoot", "freshdesk", "zammad")


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


MAX_ID = 200  # "{source}:{thread}" fits Case.external_key, a message id Message.external_id


def _id(obj: Any, path: str) -> str:
    """An id: text or a whole number, nothing else (a list or an object is a 422).

    A longer id keeps its start and a digest of the whole (``bounded``): cut to 200
    characters, two threads that differ only after them were one case (one customer's
    message shown in another's) and the second of two such messages was a "duplicate"."""
    value = _need(obj, path)
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise WebhookError(f"{path}: must be text or a whole number")
    return bounded(str(value), MAX_ID)


def _text(obj: Any, path: str, required: bool = False) -> str | None:
    value = _need(obj, path) if required else _get(obj, path)
    if value is None:
        return None
    if not isinstance(value, str):
        raise WebhookError(f"{path}: must be text, not {type(value).__name__}")
    return value


def _time(obj: Any, path: str) -> str | None:
    """An ISO-8601 time, checked here so that a bad one is a 422 naming the field."""
    value = _text(obj, path)
    if value is None:
        return None
    try:
        parse_time(value)
    except ValueError:
        raise WebhookError(f"{path}: not an ISO-8601 time") from None
    return value


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
                thread=_id(payload, "thread"),
                message_id=_id(payload, "message_id"),
                role=role,
                text=_text(payload, "text", required=True) or "",
                at=_time(payload, "at"),
                subject=_text(payload, "subject") or "",
                channel=_text(payload, "channel") or "email",
                email=_text(payload, "customer.email"),
                name=_text(payload, "customer.name"),
            )
        ]
    if source == "zendesk":
        if payload.get("type") != "zen:event-type:ticket.comment_added":
            return []
        comment = _need(payload, "event.comment")
        if isinstance(comment, dict) and comment.get("is_public") is False:
            return []  # an internal note (calmline's own write-back among them): no turn
        author = comment.get("author") if isinstance(comment, dict) else None
        staff = isinstance(author, dict) and bool(author.get("is_staff"))
        return [
            Incoming(
                thread=_id(payload, "detail.id"),
                message_id=_id(payload, "event.comment.id"),
                role="agent" if staff else "customer",
                text=_text(payload, "event.comment.body", required=True) or "",
                at=_time(payload, "time"),
                subject=_text(payload, "detail.subject") or "",
                name=_text(payload, "event.comment.author.name"),
            )
        ]
    if source == "chatwoot":
        if payload.get("event") != "message_created":
            return []
        kind = payload.get("message_type")
        if kind not in ("incoming", "outgoing"):
            return []  # templates and activity notes are not conversation turns
        if payload.get("private") is True:
            return []  # a private note (calmline's own write-back among them): no turn
        channel = _text(payload, "conversation.channel") or ""
        return [
            Incoming(
                thread=_id(payload, "conversation.id"),
                message_id=_id(payload, "id"),
                role="customer" if kind == "incoming" else "agent",
                text=_text(payload, "content", required=True) or "",
                at=_chatwoot_time(_get(payload, "created_at")),
                channel="chat" if "WebWidget" in channel or not channel else "email",
                email=_text(payload, "sender.email"),
                name=_text(payload, "sender.name"),
            )
        ]
    if source == "freshdesk":
        hook = _need(payload, "freshdesk_webhook")
        text = _text(hook, "ticket_latest_public_comment") or _text(
            payload, "freshdesk_webhook.ticket_description", required=True
        )
        ticket = _id(payload, "freshdesk_webhook.ticket_id")
        digest = hashlib.sha1(f"{ticket}|{text}".encode()).hexdigest()
        return [
            Incoming(
                thread=ticket,
                message_id=(
                    _id(hook, "ticket_latest_public_comment_id")
                    if _get(hook, "ticket_latest_public_comment_id") is not None
                    else digest
                ),
                role="customer",
                text=str(text),
                subject=_text(hook, "ticket_subject") or "",
                email=_text(hook, "ticket_contact_email"),
                name=_text(hook, "ticket_contact_name"),
            )
        ]
    if source == "zammad":
        return _zammad(payload)
    raise WebhookError(f"source: must be one of {', '.join(SOURCES)}")


ZAMMAD_CHANNELS = {"chat": "chat", "phone": "phone"}  # article types; the rest is e-mail


def _zammad(payload: dict[str, Any]) -> list[Incoming]:
    """A Zammad trigger's ``{"ticket": {...}, "article": {...}}``. A trigger fired by a
    change without an article, or by an internal article (a note between agents), carries
    no customer conversation: nothing to store. An HTML body becomes text as an e-mail's
    does (quoted history left out: the earlier articles arrive on their own)."""
    article = payload.get("article")
    if article is None or article == {}:
        return []
    if not isinstance(article, dict):
        raise WebhookError("article: must be an object")
    internal = article.get("internal")
    if not (internal is None or isinstance(internal, bool)):
        raise WebhookError("article.internal: must be true or false")
    if internal:
        return []
    role = "customer" if _text(payload, "article.sender") == "Customer" else "agent"
    body = _text(payload, "article.body", required=True) or ""
    kind = _text(payload, "article.content_type") or "text/plain"
    sender_name, sender_email = parseaddr(_text(payload, "article.from") or "")
    names = [_text(payload, f"ticket.customer.{part}") for part in ("firstname", "lastname")]
    name = " ".join(n.strip() for n in names if n and n.strip()) or None
    email = _text(payload, "ticket.customer.email")
    if role == "customer":  # the sender is the ticket's customer when the ticket lacks one
        email = email or (sender_email if "@" in sender_email else None)
        name = name or sender_name or None
    return [
        Incoming(
            thread=_id(payload, "ticket.id"),
            message_id=_id(payload, "article.id"),
            role=role,
            text=readable(body) if kind.lower().startswith("text/html") else body,
            at=_time(payload, "article.created_at"),
            subject=_text(payload, "ticket.title") or "",
            channel=ZAMMAD_CHANNELS.get(_text(payload, "article.type") or "", "email"),
            email=email,
            name=name,
        )
    ]


def _chatwoot_time(value: Any) -> str | None:
    """Chatwoot sends "2020-03-03 13:05:57 UTC" or a Unix time."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise WebhookError("created_at: must be a time or a Unix time")
    if isinstance(value, int | float):
        if not 0 <= value <= LATEST_TIME:  # also NaN: every comparison is false
            raise WebhookError("created_at: not a Unix time between 1970 and 2100")
        return datetime.fromtimestamp(value, UTC).isoformat()
    text = value.strip()
    if text.endswith(" UTC"):
        text = text[:-4].replace(" ", "T") + "+00:00"
    try:
        parse_time(text)
    except ValueError:
        raise WebhookError("created_at: not a time") from None
    return text


RETRIES = 3  # a concurrent delivery that created the same thread or message first


def _store_one(s: Session, policy: Policy, source: str, item: Incoming) -> tuple[int, bool]:
    """The case the message is in, and whether it was stored now.

    A message stored before is a duplicate wherever this delivery says it belongs: it is
    looked up before the thread's case, so a retry naming another thread opens no empty
    case and answers the case the message is really in."""
    found = s.scalar(
        select(Message).where(Message.source == source, Message.external_id == item.message_id)
    )
    if found is not None:
        return found.case_id, False
    case = thread_case(
        s, f"{source}:{item.thread}", item.channel, item.subject, item.email, item.name
    )
    _, created = add_message(
        s,
        case,
        item.role,
        item.text,
        policy,
        at=item.at,
        author=item.name,
        source=source,
        external_id=item.message_id,
    )
    if created and item.role == "customer":  # the write-back, in the same transaction
        enqueue(s, policy, source, item.thread, case, item.message_id)
    return case.id, created


def store_incoming(
    store: Store, policy: Policy, source: str, items: list[Incoming]
) -> dict[str, Any]:
    """Store the messages of one delivery, each once per source id.

    Each message is written in its own savepoint. When a concurrent delivery created the
    same thread, customer or message between our read and our insert, the unique
    constraint refuses ours; the savepoint is rolled back and the message is read again,
    and the second read finds the other delivery's row. So N concurrent deliveries store
    exactly the distinct messages and all answer 2xx."""
    stored = duplicates = 0
    cases: list[int] = []
    analyse_first([(i.text, i.at) for i in items if i.role == "customer"])
    with store.session() as s:
        for item in items:
            for attempt in range(RETRIES):
                try:
                    with s.begin_nested():
                        case_id, created = _store_one(s, policy, source, item)
                    break
                except IntegrityError:
                    if attempt == RETRIES - 1:
                        raise
            stored += created
            duplicates += not created
            cases.append(case_id)
    return {"stored": stored, "duplicates": duplicates, "cases": cases}
