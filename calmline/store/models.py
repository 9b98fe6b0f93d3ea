"""The case store's tables (SQLAlchemy 2, typed declarative mapping).

One schema for SQLite and PostgreSQL: JSON columns for the stored analysis and details,
timezone-aware timestamps, and string enums checked in Python (``ROLES``, ``STATUSES`` …)
so a migration never has to alter a database enum type.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import DateTime

ROLES = ("agent", "supervisor", "admin")
STATUSES = ("open", "waiting", "resolved", "closed")
IDENTITY_KINDS = ("email", "social", "phone")
TASK_KINDS = ("own_it", "follow_up")
ALERT_KINDS = ("violence_threat", "supervisor_needed", "response_overdue", "agent_targeted")


def now() -> datetime:
    return datetime.now(UTC)


def aware(t: datetime) -> datetime:
    """SQLite hands back naive UTC times, PostgreSQL aware ones: make them comparable."""
    return t if t.tzinfo else t.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: DateTime(timezone=True),
        dict[str, Any]: JSON,
    }


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=now)
    # a disabled user keeps their name on notes and audit entries but cannot sign in or
    # use a token; deleting would break those references
    disabled_at: Mapped[datetime | None]


class ApiToken(Base):
    """Only a hash of the token is stored; the token itself is shown once. A revoked or
    expired token stays listed (who had it, when it was last used) but opens nothing."""

    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str | None] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(default=now)
    last_used_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]


class Customer(Base):
    __tablename__ = "customers"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str | None] = mapped_column(String(200))
    gender: Mapped[str] = mapped_column(String(10), default="unknown")
    created_at: Mapped[datetime] = mapped_column(default=now)
    identities: Mapped[list[CustomerIdentity]] = relationship(back_populates="customer")


class CustomerIdentity(Base):
    """One customer, many addresses: an e-mail address, a social handle, a phone number."""

    __tablename__ = "customer_identities"
    __table_args__ = (UniqueConstraint("kind", "value"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10))
    value: Mapped[str] = mapped_column(String(320))
    customer: Mapped[Customer] = relationship(back_populates="identities")


class Case(Base):
    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_queue", "status", "priority"),
        UniqueConstraint("external_key", name="uq_cases_external_key"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(300), default="")
    channel: Mapped[str] = mapped_column(String(20), default="email")
    status: Mapped[str] = mapped_column(String(10), default="open")
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    priority: Mapped[float] = mapped_column(default=0.0)
    heat: Mapped[float] = mapped_column(default=0.0)
    step: Mapped[str | None] = mapped_column(String(30))
    language: Mapped[str | None] = mapped_column(String(10))
    # the thread's key where it came from ("csv:T-1001", "email:<root message-id>")
    external_key: Mapped[str | None] = mapped_column(String(400))
    created_at: Mapped[datetime] = mapped_column(default=now)
    updated_at: Mapped[datetime] = mapped_column(default=now)
    last_customer_at: Mapped[datetime | None]
    # the first customer message nobody has answered yet: what response targets count from
    waiting_since: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    messages: Mapped[list[Message]] = relationship(
        back_populates="case", order_by="Message.id", cascade="all, delete-orphan"
    )
    customer: Mapped[Customer | None] = relationship()


class Message(Base):
    __tablename__ = "messages"
    __table_args__ = (
        UniqueConstraint("source", "external_id"),
        Index("ix_messages_at", "at"),  # the dashboard reads recent messages
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(default=now)
    channel: Mapped[str] = mapped_column(String(20), default="email")
    author: Mapped[str | None] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(40), default="api")
    external_id: Mapped[str | None] = mapped_column(String(300))
    analysis: Mapped[dict[str, Any] | None]
    raw: Mapped[str | None] = mapped_column(Text)  # kept when parsing failed
    attachments: Mapped[dict[str, Any] | None]  # {"names": ["invoice.pdf", …]}
    parse_error: Mapped[str | None] = mapped_column(String(500))
    case: Mapped[Case] = relationship(back_populates="messages")


class Note(Base):
    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    text: Mapped[str] = mapped_column(Text, default="")
    documents_checked: Mapped[dict[str, Any] | None]  # {"receipt": true, "agreement": false}
    created_at: Mapped[datetime] = mapped_column(default=now)


class Task(Base):
    __tablename__ = "tasks"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(300))
    due_at: Mapped[datetime]
    done_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=now)


class Alert(Base):
    __tablename__ = "alerts"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"))
    kind: Mapped[str] = mapped_column(String(20))
    detail: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=now)
    acknowledged_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    acknowledged_at: Mapped[datetime | None]


class AuditEntry(Base):
    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=now, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[int | None]
    detail: Mapped[dict[str, Any] | None]


class WebSession(Base):
    """A signed-in browser. The cookie holds a random token; only its hash is stored, with
    the session's CSRF token, so signing out (or a leaked database) ends it for good."""

    __tablename__ = "web_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=now)
    expires_at: Mapped[datetime]


class AppSetting(Base):
    """Settings edited in the web app (the policy's TOML), shared by every server process."""

    __tablename__ = "app_settings"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=now)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


OUTBOX_STATUSES = ("pending", "delivered", "failed")


class OutboxItem(Base):
    """One write to a helpdesk (a note, or tags and a priority), stored in the transaction
    that stored the message it is about, then delivered by the worker. ``key`` makes it
    idempotent: a retried webhook finds its item and writes no second note."""

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("key", name="uq_outbox_key"),
        Index("ix_outbox_due", "status", "next_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(400))
    helpdesk: Mapped[str] = mapped_column(String(20))
    ticket: Mapped[str] = mapped_column(String(300), index=True)
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10))
    payload: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_at: Mapped[datetime] = mapped_column(default=now)
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=now)
    delivered_at: Mapped[datetime | None]
