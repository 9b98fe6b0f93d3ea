"""Privacy: everything the store holds about one customer, its erasure, and retention.

A customer may ask for a copy of what is held about them (export) or for it to be removed
(erasure), and the organisation's policy may say how long finished cases are kept
(retention). All three walk the same graph: a customer has identities and cases; a case has
messages, notes, tasks and alerts; audit entries point at any of these by entity and id.
How rows are removed (and the audit log scrubbed) is in ``store/removal.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, and_, delete, false, or_, select
from sqlalchemy.orm import Session

from calmline.protocol.policy import Policy
from calmline.store.models import (
    Alert,
    AuditEntry,
    Case,
    Customer,
    Message,
    Note,
    Task,
    User,
    WebSession,
    aware,
    now,
)
from calmline.store.removal import (
    Counts,
    about,
    checkpoint,
    count,
    delete_cases,
    delete_customers,
    preview,
    rowcount,
    secure_delete,
)
from calmline.store.service import NotAllowed, StoreError, audit

if TYPE_CHECKING:
    from calmline.store.db import Store

EXPORT_FORMAT = "calmline-customer-export"
EXPORT_VERSION = 1
RETENTION_BATCH = 500  # cases per transaction: a run never holds SQLite's write lock long

# who may read or remove everything about a customer: decided here, for the API and any
# other caller that acts for a user
PRIVACY_ROLES = frozenset({"admin"})


class UnknownCustomer(StoreError):
    """No customer with that id (the API answers 404, the CLI one line)."""


def check_allowed(user: User | None) -> None:
    """Only admins act on a customer's data as a whole; ``None`` is the operator at the
    command line, who already holds the database."""
    if user is not None and user.role not in PRIVACY_ROLES:
        raise NotAllowed("user: only admins export or erase a customer's data")


def _customer(s: Session, customer_id: int, lock: bool = False) -> Customer:
    # FOR UPDATE on PostgreSQL: a delivery linking a new case to this customer waits for
    # the erasure and then fails, instead of leaving a case behind (SQLite's writer is
    # alone anyway)
    customer = s.get(Customer, customer_id, with_for_update=lock)
    if customer is None:
        raise UnknownCustomer(f"customer: no customer {customer_id}")
    return customer


def _iso(t: datetime | None) -> str | None:
    return aware(t).astimezone(UTC).isoformat() if t is not None else None


# ---------------------------------------------------------------------------- export


def _message(m: Message) -> dict[str, Any]:
    return {
        "id": m.id,
        "role": m.role,
        "text": m.text,
        "at": _iso(m.at),
        "author": m.author,
        "channel": m.channel,
        "source": m.source,
        "external_id": m.external_id,
        "analysis": m.analysis,
        "attachments": m.attachments,
        "raw": m.raw,
        "parse_error": m.parse_error,
    }


def _note(n: Note) -> dict[str, Any]:
    return {
        "id": n.id,
        "author_id": n.author_id,
        "text": n.text,
        "documents_checked": n.documents_checked,
        "created_at": _iso(n.created_at),
    }


def _task(t: Task) -> dict[str, Any]:
    return {
        "id": t.id,
        "owner_id": t.owner_id,
        "kind": t.kind,
        "title": t.title,
        "due_at": _iso(t.due_at),
        "done_at": _iso(t.done_at),
        "created_at": _iso(t.created_at),
    }


def _alert(a: Alert) -> dict[str, Any]:
    return {
        "id": a.id,
        "message_id": a.message_id,
        "kind": a.kind,
        "detail": a.detail,
        "created_at": _iso(a.created_at),
        "acknowledged_by": a.acknowledged_by,
        "acknowledged_at": _iso(a.acknowledged_at),
    }


def _audit_entry(e: AuditEntry) -> dict[str, Any]:
    return {
        "id": e.id,
        "at": _iso(e.at),
        "user_id": e.user_id,
        "action": e.action,
        "entity": e.entity,
        "entity_id": e.entity_id,
        "detail": e.detail,
    }


def _group(rows: Iterable[tuple[int, dict[str, Any]]]) -> dict[int, list[dict[str, Any]]]:
    grouped: dict[int, list[dict[str, Any]]] = {}
    for case_id, row in rows:
        grouped.setdefault(case_id, []).append(row)
    return grouped


def export_customer(s: Session, customer_id: int, user: User | None = None) -> dict[str, Any]:
    """Everything held about the customer, as JSON-ready data in a fixed key order: the
    answer to a subject-access request. The export itself is audited (without detail)."""
    check_allowed(user)
    customer = _customer(s, customer_id)
    cases = select(Case.id).where(Case.customer_id == customer_id)
    on_cases = {
        "messages": _group(
            (m.case_id, _message(m))
            for m in s.scalars(
                select(Message).where(Message.case_id.in_(cases)).order_by(Message.id)
            )
        ),
        "notes": _group(
            (n.case_id, _note(n))
            for n in s.scalars(select(Note).where(Note.case_id.in_(cases)).order_by(Note.id))
        ),
        "tasks": _group(
            (t.case_id, _task(t))
            for t in s.scalars(select(Task).where(Task.case_id.in_(cases)).order_by(Task.id))
        ),
        "alerts": _group(
            (a.case_id, _alert(a))
            for a in s.scalars(select(Alert).where(Alert.case_id.in_(cases)).order_by(Alert.id))
        ),
    }
    case_rows = s.scalars(select(Case).where(Case.customer_id == customer_id).order_by(Case.id))
    entries = s.scalars(
        select(AuditEntry).where(about(cases, [customer_id])).order_by(AuditEntry.id)
    )
    out = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": _iso(now()),
        "customer": {
            "id": customer.id,
            "name": customer.name,
            "gender": customer.gender,
            "created_at": _iso(customer.created_at),
            "identities": [
                {"kind": i.kind, "value": i.value}
                for i in sorted(customer.identities, key=lambda i: i.id)
            ],
        },
        "cases": [
            {
                "id": c.id,
                "subject": c.subject,
                "channel": c.channel,
                "status": c.status,
                "language": c.language,
                "external_key": c.external_key,
                "assignee_id": c.assignee_id,
                "created_at": _iso(c.created_at),
                "updated_at": _iso(c.updated_at),
                "resolved_at": _iso(c.resolved_at),
                **{key: grouped.get(c.id, []) for key, grouped in on_cases.items()},
            }
            for c in case_rows
        ],
        "audit": [_audit_entry(e) for e in entries],
    }
    audit(s, "export_customer", "customer", customer_id, user)
    return out


def customer_counts(s: Session, customer_id: int) -> Counts:
    """What erasing the customer would remove (the CLI asks for ``--yes`` with these)."""
    _customer(s, customer_id)
    return preview(s, select(Case.id).where(Case.customer_id == customer_id), [customer_id])


def erase_customer(s: Session, customer_id: int, user: User | None = None) -> Counts:
    """Remove the customer, their identities and cases (messages, notes, tasks, alerts),
    scrub the audit entries about them, and audit the erasure with counts only — the
    record that it happened must not bring back what it removed."""
    check_allowed(user)
    _customer(s, customer_id, lock=True)
    secure_delete(s)
    counts = delete_cases(s, select(Case.id).where(Case.customer_id == customer_id))
    counts += delete_customers(s, [customer_id])
    detail = {k: n for k, n in counts.as_dict().items() if k != "sessions"}
    audit(s, "erase_customer", "customer", customer_id, user, **detail)
    return counts


# --------------------------------------------------------------------------- retention


def _expired(policy: Policy, when: datetime) -> ColumnElement[bool]:
    """Cases finished longer ago than the policy keeps them (by their last change)."""
    conditions = []
    for status, days in (
        ("closed", policy.retention.closed_case_days),
        ("resolved", policy.retention.resolved_case_days),
    ):
        if days > 0:
            cutoff = when - timedelta(days=days)
            last = or_(Case.resolved_at.is_(None), Case.resolved_at < cutoff)
            conditions.append(and_(Case.status == status, Case.updated_at < cutoff, last))
    return or_(false(), *conditions)


def retention_preview(s: Session, policy: Policy, when: datetime | None = None) -> Counts:
    """What :func:`apply_retention` would remove now (``calmline retention run --dry-run``)."""
    when = aware(when or now()).astimezone(UTC)
    cases = select(Case.id).where(_expired(policy, when))
    customers = select(Case.customer_id).where(_expired(policy, when))
    counts = preview(s, cases, customers)
    counts.sessions = count(s, WebSession, WebSession.expires_at < when)
    return counts


def apply_retention(
    s: Session,
    policy: Policy,
    when: datetime | None = None,
    limit: int | None = None,
    user: User | None = None,
) -> Counts:
    """Remove the cases the policy no longer keeps (at most ``limit``, oldest ids first),
    customers left with no case, and expired web sessions; one ``retention`` audit entry
    with the counts when anything went. Ids are bound in chunks of
    :data:`RETENTION_BATCH`: a statement names each several times, and SQLite allows a
    few tens of thousands of parameters."""
    when = aware(when or now()).astimezone(UTC)  # SQLite compares the stored UTC text
    query = select(Case.id, Case.customer_id).where(_expired(policy, when)).order_by(Case.id)
    counts = Counts()
    left = limit
    while left is None or left > 0:
        size = RETENTION_BATCH if left is None else min(left, RETENTION_BATCH)
        rows = s.execute(query.limit(size)).all()
        if not rows:
            break
        secure_delete(s)
        counts += delete_cases(s, [r[0] for r in rows])
        counts += delete_customers(s, sorted({r[1] for r in rows if r[1] is not None}))
        left = None if left is None else left - len(rows)
        if len(rows) < size:
            break
    counts.sessions = rowcount(s, delete(WebSession).where(WebSession.expires_at < when))
    if counts.total():
        audit(s, "retention", "store", None, user, **counts.as_dict())
    return counts


def run_retention(
    store: Store,
    policy_for: Callable[[Session], Policy],
    when: datetime | None = None,
    batch: int = RETENTION_BATCH,
    stop: Callable[[], bool] = lambda: False,
) -> Counts:
    """:func:`apply_retention` in transactions of ``batch`` cases until nothing is left
    (or ``stop()``), so other writers get the database between batches. The policy is read
    in each transaction: the one saved in the web app by any server process applies."""
    total = Counts()
    while not stop():
        with store.session() as s:
            counts = apply_retention(s, policy_for(s), when, limit=batch)
        total += counts
        if counts.cases < batch:
            break
    if total.cases:
        checkpoint(store.engine)
    return total
