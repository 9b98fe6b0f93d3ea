"""Cases and their messages, the queue and alerts.

Agents see their own and unassigned cases; supervisors and admins see all. Adding a
customer message analyses it and updates the case in the same transaction (see
``store/service.py``); the response says whether the message was new.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, HTTPException, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field, model_validator
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from calmline.api.deps import PolicyDep, StoreDep, UserDep
from calmline.api.models_out import (
    AlertListOut,
    AlertOut,
    CaseListOut,
    CaseOut,
    CasePage,
    MessagePosted,
    QueueOut,
    SearchOut,
    SituationOut,
)
from calmline.api.schemas import ERRORS, MAX_ID, MAX_TEXT, Id
from calmline.protocol.policy import Policy
from calmline.store import inbox
from calmline.store.db import Store
from calmline.store.inbox import visible
from calmline.store.models import IDENTITY_KINDS, Alert, Case, Message, Task, User
from calmline.store.service import (
    NotAllowed,
    acknowledge,
    add_message,
    audit,
    clean_text,
    conversation_of,
    customer_for,
    open_case,
    recent_messages,
    set_status,
)

router = APIRouter(prefix="/api", tags=["cases"], responses=ERRORS)
Channel = Literal["email", "chat", "social_public", "social_private", "phone"]
Status = Literal["open", "waiting", "resolved", "closed"]


class CaseCustomerIn(BaseModel):
    """The case's customer, found by one address (created on first sight)."""

    model_config = ConfigDict(extra="forbid")
    name: str | None = Field(default=None, max_length=200)
    email: str | None = Field(default=None, max_length=320)
    social: str | None = Field(default=None, max_length=320)
    phone: str | None = Field(default=None, max_length=320)

    @model_validator(mode="after")
    def one_address(self) -> CaseCustomerIn:
        given = [k for k in IDENTITY_KINDS if (getattr(self, k) or "").strip()]
        if len(given) != 1:
            raise ValueError("give exactly one of email, social or phone")
        return self

    def address(self) -> tuple[str, str]:
        kind = next(k for k in IDENTITY_KINDS if (getattr(self, k) or "").strip())
        return kind, getattr(self, kind)


class CaseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    channel: Channel = "email"
    subject: str = Field(default="", max_length=300)
    customer: CaseCustomerIn | None = None


class CasePatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: Status | None = None
    assignee_id: int | None = Field(default=None, ge=1, le=MAX_ID)


class MessageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: Literal["customer", "agent"]
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    at: datetime | None = None
    author: str | None = Field(default=None, max_length=200)
    source: str = Field(default="api", min_length=1, max_length=40)
    external_id: str | None = Field(default=None, min_length=1, max_length=300)


def iso(t: datetime | None) -> str | None:
    if t is None:
        return None
    return (t if t.tzinfo else t.replace(tzinfo=UTC)).isoformat()


def case_json(case: Case, messages: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": case.id,
        "subject": case.subject,
        "channel": case.channel,
        "status": case.status,
        "assignee_id": case.assignee_id,
        "customer_id": case.customer_id,
        "priority": round(case.priority, 3),
        "heat": round(case.heat, 3),
        "step": case.step,
        "language": case.language,
        "created_at": iso(case.created_at),
        "updated_at": iso(case.updated_at),
        "last_customer_at": iso(case.last_customer_at),
    }
    if messages:
        out["messages"] = [message_json(m) for m in case.messages]
    return out


def message_json(m: Message) -> dict[str, Any]:
    return {
        "id": m.id,
        "case_id": m.case_id,
        "role": m.role,
        "text": m.text,
        "at": iso(m.at),
        "author": m.author,
        "source": m.source,
        "external_id": m.external_id,
        "analysis": m.analysis,
    }


def alert_json(a: Alert) -> dict[str, Any]:
    return {
        "id": a.id,
        "case_id": a.case_id,
        "message_id": a.message_id,
        "kind": a.kind,
        "detail": a.detail,
        "created_at": iso(a.created_at),
        "acknowledged_by": a.acknowledged_by,
        "acknowledged_at": iso(a.acknowledged_at),
    }


def get_case(s: Session, user: User, case_id: int) -> Case:
    case = s.get(Case, case_id)
    if case is None:
        raise HTTPException(404, f"no case {case_id}")
    if user.role == "agent" and case.assignee_id not in (None, user.id):
        raise HTTPException(403, "this case is assigned to someone else")
    return case


OnCase = TypeVar("OnCase", Task, Alert)


def get_on_case(s: Session, user: User, model: type[OnCase], row_id: int) -> OnCase:
    """A task or alert by id, when ``user`` may see its case (404 / 403 otherwise)."""
    row = s.get(model, row_id)
    if row is None:
        raise HTTPException(404, f"no {model.__name__.lower()} {row_id}")
    get_case(s, user, row.case_id)
    return row


@router.post("/cases", operation_id="create_case", status_code=201, response_model=CaseOut)
def create_case(body: CaseIn, store: StoreDep, user: UserDep) -> dict[str, Any]:
    with store.session() as s:
        case = open_case(s, body.channel, body.subject, user)
        if body.customer is not None:
            kind, value = body.customer.address()
            customer = customer_for(s, kind, value, body.customer.name)
            if customer is not None:
                if customer.name is None and body.customer.name:
                    customer.name = clean_text(body.customer.name)[:200]
                case.customer_id = customer.id
                audit(s, "link_customer", "case", case.id, user, customer_id=customer.id)
        return case_json(case)


@router.get("/cases", operation_id="list_cases", response_model=CaseListOut)
def list_cases(
    store: StoreDep,
    user: UserDep,
    status: Status | None = None,
    assignee_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> dict[str, Any]:
    with store.read() as s:
        q = visible(select(Case), user)
        if status is not None:
            q = q.where(Case.status == status)
        if assignee_id is not None:
            q = q.where(Case.assignee_id == assignee_id)
        rows = s.scalars(q.order_by(Case.id.desc()).limit(limit).offset(offset)).all()
        return {"items": [case_json(c) for c in rows], "limit": limit, "offset": offset}


@router.get("/cases/{case_id}", operation_id="read_case", response_model=CasePage)
def read_case(
    case_id: Id,
    store: StoreDep,
    user: UserDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    before: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
) -> dict[str, Any]:
    """The case with a page of its messages: the newest ``limit`` (before message id
    ``before``), oldest first. ``more`` says whether older ones exist; pass the first
    message's id as ``before`` to read them. A case of 10,000 messages is no 11 MB answer."""
    with store.read() as s:
        case = get_case(s, user, case_id)
        query = select(Message).where(Message.case_id == case.id)
        if before is not None:
            query = query.where(Message.id < before)
        page = list(s.scalars(query.order_by(Message.id.desc()).limit(limit + 1)))
        more = len(page) > limit
        page = page[:limit][::-1]
        out = case_json(case)
        out["messages"] = [message_json(m) for m in page]
        out["more"] = more
        out["next_before"] = page[0].id if more and page else None
        return out


@router.get(
    "/cases/{case_id}/situation", operation_id="read_case_situation", response_model=SituationOut
)
def read_case_situation(
    case_id: Id, store: StoreDep, user: UserDep, policy: PolicyDep
) -> dict[str, Any]:
    """The situation of a stored case (see ``POST /api/situation``), from its recent messages."""
    from calmline.protocol.situation import read

    with store.read() as s:
        case = get_case(s, user, case_id)
        conv = conversation_of(case, recent_messages(s, case, text_only=True))
        if not any(m.role == "customer" and m.text.strip() for m in conv.messages):
            raise HTTPException(404, f"case {case_id} has no customer message yet")
        return read(conv, policy).to_dict()


@router.patch("/cases/{case_id}", operation_id="update_case", response_model=CaseOut)
def update_case(
    case_id: Id, body: CasePatch, store: StoreDep, user: UserDep, policy: PolicyDep
) -> dict[str, Any]:
    with store.session() as s:
        case = get_case(s, user, case_id)
        if "assignee_id" in body.model_fields_set:
            if body.assignee_id is not None and s.get(User, body.assignee_id) is None:
                raise HTTPException(422, "assignee_id: no such user")
            if user.role == "agent" and body.assignee_id not in (None, user.id):
                raise HTTPException(403, "agents assign cases to themselves only")
            if case.assignee_id != body.assignee_id:
                audit(s, "assign", "case", case.id, user, assignee_id=body.assignee_id)
            case.assignee_id = body.assignee_id
        if body.status is not None:
            set_status(s, case, body.status, policy, user)
        return case_json(case)


@router.post(
    "/cases/{case_id}/messages",
    operation_id="add_message",
    status_code=201,
    response_model=MessagePosted,
    responses={
        200: {
            "model": MessagePosted,
            "description": "already stored: the same source and external_id",
        }
    },
)
async def post_message(
    case_id: Id,
    body: MessageIn,
    store: StoreDep,
    user: UserDep,
    policy: PolicyDep,
    response: Response,
    request: Request,
) -> dict[str, Any]:
    if body.role == "customer" and body.text.strip() and "\x00" not in body.text:
        # analysed with concurrent requests, outside the write lock; add_message finds it
        await asyncio.wrap_future(request.app.state.batcher.submit(body.text))
    return await run_in_threadpool(_post_message, case_id, body, store, user, policy, response)


def _post_message(
    case_id: int,
    body: MessageIn,
    store: Store,
    user: User,
    policy: Policy,
    response: Response,
) -> dict[str, Any]:
    if body.role == "agent" and body.author not in (None, "", user.name):
        raise NotAllowed("author: an agent message is signed by the signed-in user")
    with store.session() as s:
        case = get_case(s, user, case_id)
        msg, created = add_message(
            s,
            case,
            body.role,
            body.text,
            policy,
            at=body.at,
            author=user.name if body.role == "agent" else body.author,
            source=body.source,
            external_id=body.external_id,
            user=user,
        )
        if not created:
            response.status_code = 200
        return {"message": message_json(msg), "created": created, "case": case_json(case)}


@router.get("/queue", operation_id="queue", response_model=QueueOut)
def queue(
    store: StoreDep,
    user: UserDep,
    policy: PolicyDep,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> dict[str, Any]:
    """Open cases: a violent threat first, then a safety hazard, then overdue, then heat,
    then waiting time."""
    with store.read() as s:
        items = inbox.queue(s, user, policy, limit=limit)
        return {
            "items": [
                {
                    **case_json(i.case),
                    "alerts": sorted(i.alerts),
                    "waiting_seconds": None if i.waiting_s is None else round(i.waiting_s),
                    "overdue": i.overdue,
                }
                for i in items
            ]
        }


@router.get("/alerts", operation_id="list_alerts", response_model=AlertListOut)
def list_alerts(store: StoreDep, user: UserDep, open_only: bool = True) -> dict[str, Any]:
    with store.read() as s:
        q = visible(select(Alert).join(Case, Case.id == Alert.case_id), user)
        if open_only:
            q = q.where(Alert.acknowledged_at.is_(None))
        return {"items": [alert_json(a) for a in s.scalars(q.order_by(Alert.id))]}


@router.post("/alerts/{alert_id}/ack", operation_id="acknowledge_alert", response_model=AlertOut)
def ack_alert(alert_id: Id, store: StoreDep, user: UserDep) -> dict[str, Any]:
    with store.session() as s:
        alert = get_on_case(s, user, Alert, alert_id)
        acknowledge(s, alert, user)
        return alert_json(alert)


@router.get("/search", operation_id="search_messages", response_model=SearchOut)
def search(
    store: StoreDep,
    user: UserDep,
    q: Annotated[str, Query(min_length=2, max_length=200)],
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> dict[str, Any]:
    """Messages containing ``q`` (case-insensitive), newest first."""
    q = q.replace("\x00", "")  # PostgreSQL refuses NUL even in a search term
    with store.read() as s:
        pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = visible(
            select(Message)
            .join(Case, Case.id == Message.case_id)
            .where(Message.text.ilike(pattern, escape="\\")),
            user,
        )
        rows = s.scalars(query.order_by(Message.id.desc()).limit(limit)).all()
        return {"items": [message_json(m) for m in rows]}
