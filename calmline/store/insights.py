"""What the supervisors' dashboard shows: each agent's hostile contacts (and when to suggest
a break), heat of incoming messages over time, the top complaint causes, and how often the
heat fell after an agent's reply.

Computed on request from the stored analyses — nothing here is a second source of truth.
An agent's reply is attributed through the audit log (who added which message).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from calmline.protocol.causes import causes_of
from calmline.protocol.policy import Policy
from calmline.store.models import AuditEntry, Message, User, aware, now

TENSE_HEAT = 0.8  # a contact this hot (or with a threat or an insult) earns a break
BREAK_WINDOW = timedelta(minutes=60)
HIGH_LOAD = 5  # hostile contacts in the window that call for a supervisor's attention
FELL_BY = 0.05  # heat must drop at least this much to count as "fell"
MAX_ROWS = 20_000


def heat_of(analysis: dict[str, Any] | None) -> float:
    try:
        return float((analysis or {})["heat"]["score"])
    except (KeyError, TypeError, ValueError):
        return 0.0


def hostility(analysis: dict[str, Any] | None) -> tuple[str, ...]:
    """What made a customer message hostile: threat kinds, insults."""
    a = analysis or {}
    kinds = [t.get("kind", "threat") for t in a.get("threats") or []]
    if (a.get("offensive") or {}).get("detected"):
        kinds.append("offensive")
    return tuple(dict.fromkeys(kinds))


def message_causes(m: Message) -> tuple[str, ...]:
    """What a customer message complains about, in the language its analysis found."""
    lang = ((m.analysis or {}).get("language") or {}).get("code")
    return causes_of(m.text, lang)


@dataclass(frozen=True)
class Contact:
    case_id: int
    at: datetime
    heat: float
    kinds: tuple[str, ...]

    @property
    def tense(self) -> bool:
        return self.heat >= TENSE_HEAT or "violence" in self.kinds or "offensive" in self.kinds


@dataclass
class AgentLoad:
    user: User
    contacts: list[Contact] = field(default_factory=list)
    replies: int = 0
    fell: int = 0
    compared: int = 0

    def break_after(self, when: datetime) -> Contact | None:
        """The tense contact of the last hour that calls for a short break, if any."""
        recent = [c for c in self.contacts if c.tense and when - c.at <= BREAK_WINDOW]
        return max(recent, key=lambda c: c.at) if recent else None

    @property
    def high_load(self) -> bool:
        return len(self.contacts) >= HIGH_LOAD


def _reply_authors(s: Session, since: datetime) -> dict[int, int]:
    """message id → the user who added it (agent replies only)."""
    out: dict[int, int] = {}
    rows = s.scalars(
        select(AuditEntry)
        .where(AuditEntry.action == "add_message", AuditEntry.at >= since)
        .limit(MAX_ROWS)
    )
    for e in rows:
        d = e.detail or {}
        if e.user_id is not None and d.get("role") == "agent" and d.get("message_id"):
            out[int(d["message_id"])] = e.user_id
    return out


def window(
    s: Session,
    days: int = 30,
    when: datetime | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[Message]:
    """The messages of the last ``days`` — or from ``since`` to before ``until`` — (the
    newest ``MAX_ROWS``), oldest first: read once for all the dashboard's figures."""
    since = since or (when or now()) - timedelta(days=days)
    q = select(Message).where(Message.at >= since)
    if until is not None:
        q = q.where(Message.at < until)
    rows = s.scalars(q.order_by(Message.at.desc(), Message.id.desc()).limit(MAX_ROWS)).all()
    return list(reversed(rows))


def agent_loads(
    s: Session,
    policy: Policy,
    messages: list[Message],
    hours: int = 4,
    when: datetime | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[AgentLoad]:
    """Per agent: hostile contacts answered in the last ``hours``, and over ``messages`` (a
    :func:`window`) how often the customer's next message was calmer than the one answered.
    With ``since``/``until`` the replies and the comparisons count only inside that range
    (the dashboard's dates); the hostile contacts stay live, the last ``hours``."""
    when = when or now()

    def counted(at: datetime) -> bool:
        return (since is None or at >= since) and (until is None or at < until)

    recent = when - timedelta(hours=hours)
    authors = _reply_authors(s, aware(messages[0].at) if messages else when)
    loads = {u.id: AgentLoad(u) for u in s.scalars(select(User).order_by(User.name))}
    by_case: dict[int, list[Message]] = {}
    for m in messages:
        by_case.setdefault(m.case_id, []).append(m)
    for msgs in by_case.values():
        last_customer: Message | None = None
        pending: list[tuple[AgentLoad, float]] = []  # replies waiting for the next message
        for m in msgs:
            if m.role == "customer":
                for load, before in pending if counted(aware(m.at)) else ():
                    load.compared += 1
                    load.fell += heat_of(m.analysis) < before - FELL_BY
                pending = []
                last_customer = m
                continue
            agent = loads.get(authors.get(m.id, -1))
            if agent is None or last_customer is None:
                continue
            before = heat_of(last_customer.analysis)
            at = aware(m.at)
            if counted(at):
                agent.replies += 1
                pending.append((agent, before))
            kinds = hostility(last_customer.analysis)
            if at >= recent and (before >= policy.heat_threshold or kinds):
                agent.contacts.append(Contact(m.case_id, at, before, kinds))
    return [x for x in loads.values() if x.replies or x.user.role == "agent"]


@dataclass(frozen=True)
class HeatBucket:
    start: datetime
    count: int
    mean: float
    peak: float


def heat_over_time(
    messages: list[Message], hours: int = 24, when: datetime | None = None
) -> list[HeatBucket]:
    """Incoming customer messages per hour: how many, mean and peak heat."""
    when = (when or now()).replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    return heat_between(messages, when - timedelta(hours=hours), when, timedelta(hours=1))


def heat_between(
    messages: list[Message], start: datetime, end: datetime, step: timedelta
) -> list[HeatBucket]:
    """Incoming customer messages per ``step`` from ``start`` to before ``end``: how many,
    mean and peak heat (the dashboard's chart over its date range)."""
    n = max(1, -(-int((end - start).total_seconds()) // int(step.total_seconds())))
    heats: list[list[float]] = [[] for _ in range(n)]
    for m in messages:
        i = int((aware(m.at) - start) // step)
        if m.role == "customer" and 0 <= i < n and aware(m.at) < end:
            heats[i].append(heat_of(m.analysis))
    return [
        HeatBucket(
            start + step * i,
            len(h),
            sum(h) / len(h) if h else 0.0,
            max(h, default=0.0),
        )
        for i, h in enumerate(heats)
    ]


def top_causes(messages: list[Message]) -> list[tuple[str, int]]:
    """Complaint causes in the customer messages, counted once per case, most frequent
    first."""
    per_case: dict[int, set[str]] = {}
    for m in messages:
        if m.role == "customer":
            per_case.setdefault(m.case_id, set()).update(message_causes(m))
    counts = Counter(c for found in per_case.values() for c in found)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
