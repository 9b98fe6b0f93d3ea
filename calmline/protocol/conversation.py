"""Conversations as the guide, the reviewer and the composer receive them.

The JSON shape is the one a helpdesk export or the API sends::

    {"channel": "email", "customer": {"name": "Anna", "gender": "female"}, "status": "open",
     "messages": [{"role": "customer", "text": "…", "at": "2026-03-04T10:15:00Z",
                   "author": "Anna"}]}

Validation is strict about structure and lenient about what is optional (``customer``,
``at``, ``author``); every error names the field, e.g. ``messages[3].role``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from calmline.protocol.policy import CHANNELS

ROLES = ("customer", "agent")
STATUSES = ("open", "waiting", "resolved", "closed")
GENDERS = ("female", "male", "unknown")
MAX_MESSAGES = 20_000  # more is refused; the guide reads only the most recent ones anyway
MAX_TEXT = 1_000_000


class ConversationError(ValueError):
    """An invalid conversation: the message names the field and the reason."""


@dataclass(frozen=True)
class Message:
    role: str
    text: str
    at: datetime | None
    author: str | None
    naive_time: bool = False  # ``at`` had no zone and was read as UTC


@dataclass(frozen=True)
class Customer:
    name: str | None
    gender: str


@dataclass(frozen=True)
class Conversation:
    channel: str
    customer: Customer
    messages: tuple[Message, ...]
    status: str = "open"  # open | waiting | resolved | closed (a helpdesk's case status)

    @property
    def customer_messages(self) -> tuple[Message, ...]:
        return tuple(m for m in self.messages if m.role == "customer")

    @property
    def agent_messages(self) -> tuple[Message, ...]:
        return tuple(m for m in self.messages if m.role == "agent")


def parse_time(value: str) -> datetime:
    """ISO-8601 with a ``Z`` or an offset; a naive time is taken as UTC."""
    parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _message(i: int, raw: Any) -> Message:
    where = f"messages[{i}]"
    if not isinstance(raw, dict):
        raise ConversationError(f"{where}: must be an object")
    role = raw.get("role")
    if role not in ROLES:
        raise ConversationError(f"{where}.role: must be one of {', '.join(ROLES)}, not {role!r}")
    text = raw.get("text")
    if not isinstance(text, str):
        raise ConversationError(f"{where}.text: must be a string")
    if len(text) > MAX_TEXT:
        raise ConversationError(f"{where}.text: longer than {MAX_TEXT:,} characters")
    at: datetime | None = None
    naive = False
    if raw.get("at") is not None:
        if not isinstance(raw["at"], str):
            raise ConversationError(f"{where}.at: must be an ISO-8601 string")
        try:
            at = parse_time(raw["at"])
        except (ValueError, OverflowError):
            raise ConversationError(f"{where}.at: not an ISO-8601 time: {raw['at']!r}") from None
        naive = _naive(raw["at"])
    author = raw.get("author")
    if author is not None and not isinstance(author, str):
        raise ConversationError(f"{where}.author: must be a string")
    return Message(role, text, at, author, naive)


def _naive(value: str) -> bool:
    """An ISO time with a time of day but no zone ("2026-06-01T10:00")."""
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return False
    return parsed.tzinfo is None


def parse_conversation(data: Any) -> Conversation:
    if not isinstance(data, dict):
        raise ConversationError("conversation: must be a JSON object")
    channel = data.get("channel", "email")
    if channel not in CHANNELS:
        raise ConversationError(f"channel: must be one of {', '.join(CHANNELS)}, not {channel!r}")
    cust = data.get("customer") or {}
    if not isinstance(cust, dict):
        raise ConversationError("customer: must be an object")
    gender = cust.get("gender", "unknown") or "unknown"
    if gender not in GENDERS:
        raise ConversationError(f"customer.gender: must be one of {', '.join(GENDERS)}")
    name = cust.get("name")
    if name is not None and not isinstance(name, str):
        raise ConversationError("customer.name: must be a string")
    raw_messages = data.get("messages")
    if not isinstance(raw_messages, list):
        raise ConversationError("messages: must be a list")
    if len(raw_messages) > MAX_MESSAGES:
        raise ConversationError(f"messages: more than {MAX_MESSAGES:,} messages")
    messages = tuple(_message(i, m) for i, m in enumerate(raw_messages))
    if not any(m.role == "customer" and m.text.strip() for m in messages):
        raise ConversationError("messages: no customer message with text")
    status = data.get("status", "open") or "open"
    if status not in STATUSES:
        raise ConversationError(f"status: must be one of {', '.join(STATUSES)}, not {status!r}")
    return Conversation(channel, Customer(name, gender), messages, status)


def load_conversation(path: Path) -> Conversation:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConversationError(f"{path}: cannot read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ConversationError(f"{path}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ConversationError(f"{path}: not JSON ({exc.msg} at line {exc.lineno})") from None
    try:
        return parse_conversation(data)
    except ConversationError as exc:
        raise ConversationError(f"{path}: {exc}") from None
