"""The priority queue agents work from, shared by ``GET /api/queue`` and the web inbox.

Order: an open violent-threat alert first, then an open safety hazard (a burning smell, a
gas leak, an injury), then cases past the channel's response target, then heat, then the
longest wait. "Overdue" is computed now, from the policy's targets, not
from an alert raised when the message arrived — a case becomes overdue by waiting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from calmline.protocol.policy import Policy
from calmline.store.models import Alert, Case, Message, User, aware, now

FILTER_STATUSES = ("open", "waiting", "resolved", "closed", "all")


@dataclass(frozen=True)
class QueueItem:
    case: Case
    alerts: frozenset[str]
    waiting_s: float | None  # the customer has waited this long for an answer (open cases)
    due_in_s: float | None  # until the channel's response target; negative: overdue

    @property
    def overdue(self) -> bool:
        return self.due_in_s is not None and self.due_in_s < 0


@dataclass(frozen=True)
class Filters:
    status: str = "open"
    mine: bool = False
    unassigned: bool = False
    channel: str | None = None
    language: str | None = None
    alert: str | None = None  # cases with an open alert of this kind


Row = TypeVar("Row")


def visible(query: Select[Row], user: User) -> Select[Row]:
    """Agents see their own and unassigned cases (``query`` selects or joins ``cases``);
    supervisors and admins see all."""
    if user.role == "agent":
        return query.where(or_(Case.assignee_id == user.id, Case.assignee_id.is_(None)))
    return query


def queue(
    s: Session,
    user: User,
    policy: Policy,
    filters: Filters | None = None,
    limit: int = 200,
    when: datetime | None = None,
) -> list[QueueItem]:
    f = filters or Filters()
    when = when or now()
    q = visible(select(Case), user)
    if f.status != "all":
        q = q.where(Case.status == f.status)
    if f.mine:
        q = q.where(Case.assignee_id == user.id)
    if f.unassigned:
        q = q.where(Case.assignee_id.is_(None))
    if f.channel:
        q = q.where(Case.channel == f.channel)
    if f.language:
        q = q.where(Case.language == f.language)
    if f.alert:
        q = q.where(
            Case.id.in_(
                select(Alert.case_id).where(Alert.kind == f.alert, Alert.acknowledged_at.is_(None))
            )
        )
    # the inbox shows each case's customer: load them in one query, not one per case
    q = q.options(selectinload(Case.customer))
    cases = s.scalars(q.order_by(Case.id.desc()).limit(5000)).all()
    ids = [c.id for c in cases]
    kinds: dict[int, set[str]] = {}
    if ids:
        for a in s.scalars(
            select(Alert).where(Alert.acknowledged_at.is_(None), Alert.case_id.in_(ids))
        ):
            kinds.setdefault(a.case_id, set()).add(a.kind)
    items = []
    for c in cases:
        waiting = due = None
        if c.status == "open":
            since = aware(c.waiting_since or c.last_customer_at or c.created_at)
            waiting = (when - since).total_seconds()
            target = policy.response_time.get(c.channel)
            if target is not None:
                due = target * 60 - waiting
        items.append(QueueItem(c, frozenset(kinds.get(c.id, ())), waiting, due))

    def key(i: QueueItem) -> tuple[int, int, int, float, float]:
        return (
            0 if "violence_threat" in i.alerts else 1,
            0 if "hazard" in i.alerts else 1,
            0 if i.overdue else 1,
            -i.case.heat,
            -(i.waiting_s or 0.0),
        )

    return sorted(items, key=key)[:limit]


PRESSURE = ("legal", "public_exposure", "churn", "chargeback")


def warnings(s: Session, case_ids: list[int]) -> dict[int, tuple[str, ...]]:
    """case id → the pressure threats (legal, public exposure, churn, chargeback) and the
    hazards (``hazard:gas``…) of its latest customer message, from the analysis stored with
    it: one query for the whole page, and the case's latest reading without re-reading the
    conversation. Older threats show as the case's open alerts and on its page."""
    if not case_ids:
        return {}
    latest = (
        select(func.max(Message.id))
        .where(Message.case_id.in_(case_ids), Message.role == "customer")
        .group_by(Message.case_id)
    )
    out: dict[int, tuple[str, ...]] = {}
    for case_id, analysis in s.execute(
        select(Message.case_id, Message.analysis).where(Message.id.in_(latest))
    ):
        a = analysis or {}
        kinds = [t.get("kind") for t in a.get("threats") or []]
        found = [k for k in PRESSURE if k in kinds]
        found += [f"hazard:{h.get('kind', '?')}" for h in a.get("hazards") or []]
        if found:
            out[case_id] = tuple(dict.fromkeys(found))
    return out
