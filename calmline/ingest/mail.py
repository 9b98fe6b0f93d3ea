"""E-mail files (``.eml``, mbox) as calmline messages.

Threading follows the headers: a message whose ``In-Reply-To`` or ``References`` names a
stored message joins that message's case; otherwise it opens a case keyed by its own
``Message-ID``. HTML bodies become text, quoted history and signatures are left out (the
earlier messages are stored on their own), attachments are recorded by name. A message
without a ``Message-ID`` gets one derived from its content, so re-importing is idempotent.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import mailbox
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path

from calmline.analyzer.cleaning import clean

_IDS = re.compile(r"<[^<>\s]+>")


@dataclass
class MailItem:
    message_id: str
    refs: list[str]
    subject: str
    sender: str
    sender_name: str | None
    at: datetime | None
    text: str
    attachments: list[str] = field(default_factory=list)
    error: str | None = None
    raw: str | None = None


def _body(msg: EmailMessage) -> tuple[str, list[str]]:
    attachments = [
        part.get_filename() or "unnamed"
        for part in msg.walk()
        if part.get_content_disposition() == "attachment"
    ]
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None:
        return "", attachments
    content = part.get_content()
    text = content if isinstance(content, str) else content.decode("utf-8", "replace")
    return text, attachments


def readable(raw: str) -> str:
    """Text a person wrote: HTML turned into text, quoted history and signature left out."""
    view = clean(raw)
    text = "\n".join(line.rstrip() for line in view.text.splitlines())
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def parse_bytes(data: bytes, fallback_id: str) -> MailItem:
    """One message; a message that cannot be parsed comes back with ``error`` and ``raw``."""
    raw_text = data.decode("utf-8", "replace")
    try:
        msg = email.message_from_bytes(data, policy=email.policy.default)
        assert isinstance(msg, EmailMessage)
        if not msg.keys():
            raise ValueError("no e-mail headers")
        body, attachments = _body(msg)
        mid = (_IDS.findall(str(msg.get("Message-ID", ""))) or [fallback_id])[0]
        refs = _IDS.findall(str(msg.get("References", ""))) + _IDS.findall(
            str(msg.get("In-Reply-To", ""))
        )
        name, addr = (getaddresses([str(msg.get("From", ""))]) or [("", "")])[0]
        try:
            at = parsedate_to_datetime(str(msg["Date"])) if msg.get("Date") else None
            if at is not None and at.tzinfo is None:
                at = at.replace(tzinfo=UTC)
        except (TypeError, ValueError):
            at = None
        return MailItem(
            message_id=mid,
            refs=[r for r in refs if r != mid],
            subject=str(msg.get("Subject", ""))[:300],
            sender=addr.lower(),
            sender_name=name or None,
            at=at,
            text=readable(body),
            attachments=attachments,
        )
    except Exception as exc:
        return MailItem(
            fallback_id,
            [],
            "",
            "",
            None,
            None,
            "",
            [],
            f"{type(exc).__name__}: {exc}"[:500],
            raw_text,
        )


def content_id(data: bytes) -> str:
    return f"<sha1-{hashlib.sha1(data).hexdigest()}@calmline.invalid>"


def read_eml(path: Path) -> list[MailItem]:
    data = path.read_bytes()
    return [parse_bytes(data, content_id(data))]


def read_mbox(path: Path) -> list[MailItem]:
    box = mailbox.mbox(str(path), create=False)
    items = []
    try:
        for key in box.iterkeys():
            data = box.get_bytes(key)
            items.append(parse_bytes(data, content_id(data)))
    finally:
        box.close()
    return items
