"""Removing a set of cases with everything that hangs off them, in foreign-key order.

Shared by erasure and retention (``store/privacy.py``). Rows go with bulk ``DELETE``
statements whose filters are subqueries, so nothing is loaded into memory and no
statement binds more parameters than SQLite allows; alerts go before the messages they
point at, cases before their customer. The audit log keeps what happened and when, but an
entry about a removed row loses its detail (a reason typed into an escalation, an old
status), which may hold personal data.

On SQLite, the removed rows are overwritten in the file (``secure_delete``) instead of
lingering in free space, and :func:`checkpoint` empties the write-ahead log. Copies that
earlier page splits left behind are zeroed only where SQLite always runs with
``secure_delete`` (Debian builds it so); elsewhere ``VACUUM`` rewrites the file.
PostgreSQL keeps dead rows until its next ``VACUUM``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    CursorResult,
    Engine,
    Select,
    and_,
    delete,
    exists,
    false,
    func,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session

from calmline.store.models import (
    Alert,
    AuditEntry,
    Case,
    Customer,
    CustomerIdentity,
    Message,
    Note,
    Task,
)

ERASED = {"erased": True}  # what an audit entry about a removed row keeps as its detail
CaseIds = Sequence[int] | Select[Any]  # ids, or a subquery that yields them


@dataclass
class Counts:
    """What an erasure or a retention run removed (or, previewed, would remove)."""

    customers: int = 0
    identities: int = 0
    cases: int = 0
    messages: int = 0
    notes: int = 0
    tasks: int = 0
    alerts: int = 0
    audit_scrubbed: int = 0
    sessions: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self

    def as_dict(self) -> dict[str, int]:
        return asdict(self)

    def total(self) -> int:
        return sum(self.as_dict().values())

    def summary(self, without: tuple[str, ...] = ()) -> str:
        """``2 cases, 5 messages, 1 note, …`` — every kind but ``without``, zeros included."""
        return ", ".join(
            f"{n} {_WORDS[k][0] if n == 1 else _WORDS[k][1]}"
            for k, n in self.as_dict().items()
            if k not in without
        )


_WORDS = {
    "customers": ("customer", "customers"),
    "identities": ("identity", "identities"),
    "cases": ("case", "cases"),
    "messages": ("message", "messages"),
    "notes": ("note", "notes"),
    "tasks": ("task", "tasks"),
    "alerts": ("alert", "alerts"),
    "audit_scrubbed": ("audit entry scrubbed", "audit entries scrubbed"),
    "sessions": ("expired session", "expired sessions"),
}


def rowcount(s: Session, stmt: Any) -> int:
    result = cast(
        CursorResult[Any], s.execute(stmt, execution_options={"synchronize_session": False})
    )
    return max(result.rowcount, 0)


def _children(model: type[Message | Note | Task | Alert], cases: CaseIds) -> Select[Any]:
    return select(model.id).where(model.case_id.in_(cases))


def about(cases: CaseIds, customer_ids: CaseIds = ()) -> ColumnElement[bool]:
    """Audit entries about the cases, their messages, notes, tasks and alerts, and the
    customers — as the store writes them (``entity`` and ``entity_id``)."""
    targets: list[tuple[str, CaseIds]] = [
        ("case", cases),
        ("message", _children(Message, cases)),
        ("note", _children(Note, cases)),
        ("task", _children(Task, cases)),
        ("alert", _children(Alert, cases)),
        ("customer", customer_ids),
    ]
    return or_(
        false(),
        *(
            and_(AuditEntry.entity == entity, AuditEntry.entity_id.in_(ids))
            for entity, ids in targets
            if not isinstance(ids, Sequence) or ids
        ),
    )


def secure_delete(s: Session) -> None:
    """SQLite overwrites what is deleted from now on in this connection (it stays on:
    later deletes through the pooled connection are only slower)."""
    if s.get_bind().dialect.name == "sqlite":
        s.execute(text("PRAGMA secure_delete=ON"))


def delete_cases(s: Session, cases: CaseIds) -> Counts:
    """Remove the cases with what hangs off them, and scrub the audit entries about them.
    Every statement's filter reads ``cases`` afresh (when it is a subquery), so the case
    rows go last."""
    counts = Counts()
    counts.audit_scrubbed = rowcount(
        s, update(AuditEntry).where(about(cases)).values(detail=ERASED)
    )
    messages = _children(Message, cases)
    # an alert points at a message of its own case; one elsewhere would block the delete
    rowcount(
        s,
        update(Alert)
        .where(Alert.message_id.in_(messages), Alert.case_id.not_in(cases))
        .values(message_id=None),
    )
    counts.alerts = rowcount(s, delete(Alert).where(Alert.case_id.in_(cases)))
    counts.notes = rowcount(s, delete(Note).where(Note.case_id.in_(cases)))
    counts.tasks = rowcount(s, delete(Task).where(Task.case_id.in_(cases)))
    counts.messages = rowcount(s, delete(Message).where(Message.case_id.in_(cases)))
    counts.cases = rowcount(s, delete(Case).where(Case.id.in_(cases)))
    return counts


def delete_customers(s: Session, customer_ids: CaseIds) -> Counts:
    """Remove customers (and their identities) that no case refers to any more, and scrub
    the audit entries about them."""
    caseless = ~exists().where(Case.customer_id == Customer.id)
    gone = select(Customer.id).where(Customer.id.in_(customer_ids), caseless)
    ids = list(s.scalars(gone))
    counts = Counts()
    if ids:
        counts.audit_scrubbed = rowcount(
            s,
            update(AuditEntry)
            .where(AuditEntry.entity == "customer", AuditEntry.entity_id.in_(ids))
            .values(detail=ERASED),
        )
        counts.identities = rowcount(
            s, delete(CustomerIdentity).where(CustomerIdentity.customer_id.in_(ids))
        )
        counts.customers = rowcount(s, delete(Customer).where(Customer.id.in_(ids)))
    return counts


def count(s: Session, model: Any, where: ColumnElement[bool]) -> int:
    return int(s.scalar(select(func.count()).select_from(model).where(where)) or 0)


def preview(s: Session, cases: CaseIds, customer_ids: CaseIds) -> Counts:
    """What :func:`delete_cases` and :func:`delete_customers` would remove."""
    remaining = exists().where(Case.customer_id == Customer.id, Case.id.not_in(cases))
    leaving = and_(Customer.id.in_(customer_ids), ~remaining)
    return Counts(
        customers=count(s, Customer, leaving),
        identities=count(
            s,
            CustomerIdentity,
            CustomerIdentity.customer_id.in_(select(Customer.id).where(leaving)),
        ),
        cases=count(s, Case, Case.id.in_(cases)),
        messages=count(s, Message, Message.case_id.in_(cases)),
        notes=count(s, Note, Note.case_id.in_(cases)),
        tasks=count(s, Task, Task.case_id.in_(cases)),
        alerts=count(s, Alert, Alert.case_id.in_(cases)),
        audit_scrubbed=count(s, AuditEntry, about(cases, select(Customer.id).where(leaving))),
    )


def checkpoint(engine: Engine) -> bool:
    """SQLite: move the write-ahead log into the database file and empty it, so the
    pages an erasure overwrote (``secure_delete``) replace the old ones and no copy of the
    removed rows stays in the log. Best effort, outside any transaction: a reader still
    on an old snapshot makes it partial (``False``); the next checkpoint completes it."""
    if engine.dialect.name != "sqlite":
        return True
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        row = cursor.fetchone()
        cursor.close()
    except sqlite3.OperationalError:
        return False
    finally:
        raw.close()
    return row is not None and bool(row[0] == 0)
