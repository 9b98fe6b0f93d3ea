"""What happens when a message arrives or a case is resolved, in one transaction.

Adding a customer message analyses it and stores the analysis with it, then re-reads the
case through the protocol guide: the case's heat, current step, language and priority are
updated, and each alert the guide raises (violent threat, supervisor needed, overdue,
insults at the agent) is recorded once per case until someone acknowledges it. Resolving a
case schedules the follow-up task the policy asks for. Every change is written to the audit
log.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, defer

from calmline.protocol.conversation import STATUSES as CONVERSATION_STATUSES
from calmline.protocol.conversation import Conversation, ConversationError, parse_time
from calmline.protocol.conversation import Customer as ConvCustomer
from calmline.protocol.conversation import Message as ConvMessage
from calmline.protocol.guide import Guidance, guide_reading
from calmline.protocol.policy import CHANNELS, Policy
from calmline.protocol.situation import analyses, read
from calmline.store.models import (
    STATUSES,
    Alert,
    AuditEntry,
    Case,
    Customer,
    CustomerIdentity,
    Message,
    Note,
    Task,
    User,
    aware,
    now,
)

MAX_TEXT = 1_000_000
PRIORITY_THREAT = 100.0  # a case with an open violence alert goes before everything else
PRIORITY_HAZARD = 50.0  # then a safety hazard (a burning smell, gas, an injury)
PRIORITY_SUPERVISOR = 10.0


def clean_text(value: str) -> str:
    """PostgreSQL text cannot hold NUL; nothing a person wrote needs it."""
    return value.replace("\x00", "\ufffd")


class StoreError(ValueError):
    """Invalid input for the store: names the field (``text: empty``)."""


class NotAllowed(PermissionError):
    """The user's role may not do this (a 403 in the API and the web app alike)."""


# who may do what, in one place for the API and the web app
ACKNOWLEDGERS = frozenset({"supervisor", "admin"})


def audit(
    s: Session,
    action: str,
    entity: str,
    entity_id: int | None,
    user: User | None = None,
    **detail: Any,
) -> None:
    s.add(
        AuditEntry(
            user_id=user.id if user else None,
            action=action,
            entity=entity,
            entity_id=entity_id,
            detail=detail or None,
        )
    )


def customer_for(
    s: Session, kind: str, value: str | None, name: str | None = None
) -> Customer | None:
    """The customer behind an address (``email``, ``social`` handle, ``phone``), created on
    first sight: one customer, however many ways they reach the organisation."""
    value = (value or "").strip()
    if not value:  # " " and "\t" are no address: they must not join strangers into one
        return None
    value = clean_text(value.lower() if kind == "email" else value)[:320]
    ident = s.scalar(
        select(CustomerIdentity).where(
            CustomerIdentity.kind == kind, CustomerIdentity.value == value
        )
    )
    if ident is not None:
        return ident.customer
    customer = Customer(name=clean_text(name)[:200] if name else None)
    s.add(customer)
    s.flush()
    s.add(CustomerIdentity(customer_id=customer.id, kind=kind, value=value))
    return customer


def open_case(
    s: Session, channel: str = "email", subject: str = "", user: User | None = None
) -> Case:
    if channel not in CHANNELS:
        raise StoreError(f"channel: must be one of {', '.join(CHANNELS)}")
    case = Case(channel=channel, subject=subject[:300])
    s.add(case)
    s.flush()
    audit(s, "open", "case", case.id, user, channel=channel)
    return case


RECENT_MESSAGES = 200  # the guide reads the latest 40 customer messages; this covers them


def recent_messages(s: Session, case: Case, *, text_only: bool = False) -> list[Message]:
    """The case's latest messages, oldest first. ``text_only`` leaves the stored analyses
    unread: re-reading a case needs only who wrote what when, and decoding 200 analyses'
    JSON was half the time a write held the lock."""
    query = select(Message).where(Message.case_id == case.id)
    if text_only:
        query = query.options(
            defer(Message.analysis), defer(Message.raw), defer(Message.attachments)
        )
    rows = s.scalars(query.order_by(Message.id.desc()).limit(RECENT_MESSAGES)).all()
    return list(reversed(rows))


def thread_case(
    s: Session,
    key: str,
    channel: str,
    subject: str,
    email: str | None = None,
    name: str | None = None,
) -> Case:
    """The case of an external thread (``zendesk:5158``, ``email:<id>``), opened — and
    linked to the customer behind ``email`` — on its first message."""
    case = s.scalar(select(Case).where(Case.external_key == key))
    if case is None:
        case = open_case(s, channel if channel in CHANNELS else "email", subject)
        case.external_key = key
        customer = customer_for(s, "email", email, name)
        case.customer_id = customer.id if customer else None
    return case


def conversation_of(case: Case, messages: list[Message] | None = None) -> Conversation:
    """The case's (recent) messages as the protocol reads them (parse failures left out)."""
    rows = case.messages if messages is None else messages
    msgs = tuple(
        ConvMessage(m.role, m.text, aware(m.at), m.author) for m in rows if m.parse_error is None
    )
    customer = case.customer
    return Conversation(
        case.channel,
        ConvCustomer(
            customer.name if customer else None, customer.gender if customer else "unknown"
        ),
        msgs,
        case.status if case.status in CONVERSATION_STATUSES else "open",
    )


def _time(at: datetime | str | None) -> datetime:
    if at is None:
        return now()
    if isinstance(at, datetime):  # stored in UTC on both databases (SQLite keeps no offset)
        return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(UTC)
    try:
        return parse_time(at).astimezone(UTC)
    except (ValueError, OverflowError):
        raise StoreError(f"at: not an ISO-8601 time: {at!r}") from None


def analyse_first(messages: list[tuple[str, datetime | str | None]]) -> None:
    """Analyse customer texts (with the times they will be stored at) before the write
    transaction opens: the analyses land in the shared cache, so the transaction that
    stores them holds SQLite's single write lock for the writing only. A text or time the
    store would refuse is left for :func:`add_message` to refuse with its field."""
    texts: list[str] = []
    times: list[datetime] = []
    for text, at in messages:
        if not isinstance(text, str) or not text.strip() or len(text) > MAX_TEXT:
            continue
        try:
            times.append(_time(at))
        except StoreError:
            continue
        texts.append(clean_text(text))
    if texts:
        analyses(texts, at=times)


def add_message(
    s: Session,
    case: Case,
    role: str,
    text: str,
    policy: Policy,
    *,
    at: datetime | str | None = None,
    author: str | None = None,
    source: str = "api",
    external_id: str | None = None,
    user: User | None = None,
) -> tuple[Message, bool]:
    """Store a message (``False`` when ``source``/``external_id`` was stored before)."""
    if role not in ("customer", "agent"):
        raise StoreError("role: must be customer or agent")
    text = clean_text(text) if isinstance(text, str) else text
    author = clean_text(author) if author else author
    source = clean_text(source)
    external_id = clean_text(external_id) if external_id else external_id
    if not isinstance(text, str) or not text.strip():
        raise StoreError("text: empty")
    if len(text) > MAX_TEXT:
        raise StoreError(f"text: longer than {MAX_TEXT:,} characters")
    if external_id is not None:
        found = s.scalar(
            select(Message).where(Message.source == source, Message.external_id == external_id)
        )
        if found is not None:
            return found, False
    when = _time(at)
    msg = Message(
        case_id=case.id,
        role=role,
        text=text,
        at=when,
        channel=case.channel,
        author=author,
        source=source,
        external_id=external_id,
    )
    if role == "customer":
        msg.analysis = analyses([text], at=[when])[0].to_dict()
        case.last_customer_at = when
        if case.waiting_since is None:
            case.waiting_since = when
        if case.status in ("waiting", "resolved", "closed"):
            case.status = "open"  # the customer wrote again
    else:
        case.waiting_since = None
        if case.status == "open":
            case.status = "waiting"
        if user is not None:  # answered: nobody waits any more
            _close_overdue(s, case, user)
    s.add(msg)
    s.flush()
    case.updated_at = now()
    refresh(s, case, policy)
    audit(s, "add_message", "case", case.id, user, message_id=msg.id, role=role)
    return msg, True


def refresh(
    s: Session, case: Case, policy: Policy, when: datetime | None = None
) -> Guidance | None:
    """Re-read the case through the guide: heat, step, language, priority and alerts. The
    reading is kept in the session (``s.info``) for what else this transaction writes from
    it — the helpdesk write-back reads the same situation, not a second one."""
    rows = recent_messages(s, case, text_only=True)
    try:
        conv = conversation_of(case, rows)
        if not conv.customer_messages:
            return None
        reading = read(conv, policy)
        g = guide_reading(reading, when)
    except ConversationError:
        return None
    s.info[("reading", case.id)] = (reading, g)
    case.heat = g.heat[-1][1] if g.heat else 0.0
    case.step = g.next[0].step if g.next else None
    case.language = g.language
    open_kinds = open_alert_kinds(s, case)
    ids = [m.id for m in rows if m.parse_error is None]  # indexes of the conversation
    for alert in g.alerts:
        if alert.kind in open_kinds:
            continue
        message_id = ids[alert.at] if alert.at is not None and alert.at < len(ids) else None
        s.add(Alert(case_id=case.id, message_id=message_id, kind=alert.kind, detail=alert.message))
        open_kinds.add(alert.kind)
    case.priority = priority(case, open_kinds)
    return g


def priority(case: Case, open_kinds: set[str]) -> float:
    """An open violence alert first, a hazard next, a supervisor-needed one next, then heat."""
    return (
        (PRIORITY_THREAT if "violence_threat" in open_kinds else 0.0)
        + (PRIORITY_HAZARD if "hazard" in open_kinds else 0.0)
        + (PRIORITY_SUPERVISOR if "supervisor_needed" in open_kinds else 0.0)
        + case.heat
    )


def open_alert_kinds(s: Session, case: Case) -> set[str]:
    return {
        a.kind
        for a in s.scalars(
            select(Alert).where(Alert.case_id == case.id, Alert.acknowledged_at.is_(None))
        )
    }


def escalate(s: Session, case: Case, user: User, reason: str = "") -> Alert:
    """An agent asks a supervisor in: a supervisor-needed alert with the reason."""
    detail = f"Escalated by {user.name}" + (f": {reason}" if reason else ".")
    alert = Alert(case_id=case.id, kind="supervisor_needed", detail=detail)
    s.add(alert)
    case.priority = priority(case, open_alert_kinds(s, case) | {"supervisor_needed"})
    audit(s, "escalate", "case", case.id, user, reason=reason)
    return alert


def add_note(
    s: Session, case: Case, user: User, text: str, documents_checked: dict[str, bool] | None
) -> Note:
    note = Note(case_id=case.id, author_id=user.id, text=text, documents_checked=documents_checked)
    s.add(note)
    s.flush()
    audit(s, "add_note", "case", case.id, user, note_id=note.id)
    return note


def add_task(
    s: Session,
    case: Case,
    user: User,
    title: str,
    due_at: datetime,
    kind: str = "own_it",
    owner_id: int | None = None,
) -> Task:
    """A task on the case, owned by ``owner_id`` or by the user who adds it; an agent
    gives tasks to themselves only (as they assign cases)."""
    if owner_id is not None and owner_id != user.id and user.role == "agent":
        raise NotAllowed("agents give tasks to themselves only")
    task = Task(
        case_id=case.id,
        owner_id=owner_id if owner_id is not None else user.id,
        kind=kind,
        title=title,
        due_at=due_at,
    )
    s.add(task)
    s.flush()
    audit(s, "add_task", "case", case.id, user, task_id=task.id)
    return task


def set_status(
    s: Session,
    case: Case,
    status: str,
    policy: Policy,
    user: User | None = None,
    at: datetime | None = None,
) -> None:
    """Change the status; resolving schedules the follow-up from the policy's delay."""
    if status not in STATUSES:
        raise StoreError(f"status: must be one of {', '.join(STATUSES)}")
    old, case.status = case.status, status
    case.updated_at = at or now()
    if status == "resolved" and old != "resolved":
        case.resolved_at = at or now()
        s.add(
            Task(
                case_id=case.id,
                owner_id=case.assignee_id,
                kind="follow_up",
                title="Check with the customer that the fix worked",
                due_at=case.resolved_at + timedelta(days=policy.follow_up_days),
            )
        )
    if status in ("resolved", "closed") and user is not None:
        _close_overdue(s, case, user)  # nobody is waiting for an answer any more
    audit(s, "set_status", "case", case.id, user, old=old, new=status)


def _close_overdue(s: Session, case: Case, user: User) -> None:
    for alert in s.scalars(
        select(Alert).where(
            Alert.case_id == case.id,
            Alert.kind == "response_overdue",
            Alert.acknowledged_at.is_(None),
        )
    ):
        _acknowledge(s, alert, user)  # closing the case answers it: no supervisor needed


def acknowledge(s: Session, alert: Alert, user: User) -> None:
    """A supervisor or admin has seen the alert: an incident is acknowledged by someone who
    can act on it, whether through the web app or the API."""
    if user.role not in ACKNOWLEDGERS:
        raise NotAllowed("only supervisors and admins acknowledge alerts")
    _acknowledge(s, alert, user)


def _acknowledge(s: Session, alert: Alert, user: User) -> None:
    if alert.acknowledged_at is None:
        alert.acknowledged_at = now()
        alert.acknowledged_by = user.id
        audit(s, "acknowledge", "alert", alert.id, user, kind=alert.kind)
