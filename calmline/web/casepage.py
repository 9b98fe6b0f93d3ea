"""The case page: the conversation with the analyzer's findings, the guidance panel, the
composer with live review, notes, tasks and alerts — and the two script endpoints the
composer calls (review as the agent types, "draft for me")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from calmline.api.deps import PolicyDep, StoreDep
from calmline.api.routers.cases import get_case
from calmline.api.schemas import MAX_ID, MAX_TEXT, Id
from calmline.protocol.conversation import ConversationError
from calmline.protocol.draft import draft_reading
from calmline.protocol.guide import Guidance, guide_reading
from calmline.protocol.policy import Policy
from calmline.protocol.review import ReviewError, review_reading
from calmline.protocol.situation import Situation, read
from calmline.store.insights import message_causes
from calmline.store.models import Alert, Case, Message, Note, Task, User, aware, now
from calmline.store.service import conversation_of, recent_messages
from calmline.web.auth import ScriptUserDep, WebUserDep
from calmline.web.pages import render

router = APIRouter(include_in_schema=False)

# the protocol's conversation steps as the progress bar shows them (PROTOCOL.md)
STAGES = (
    ("name_emotion", "Name the emotion"),
    ("explore", "Ask for facts"),
    ("summarize", "Summarize"),
    ("empathize", "Show empathy"),
    ("apologize", "Apologize"),
    ("resolve", "Offer or decide"),
    ("set_expectations", "Set expectations"),
    ("follow_up", "Follow up"),
)
STEP_NAMES = {
    **dict(STAGES),
    "threat": "Answer the threat",
    "notify_supervisor": "Involve a supervisor",
    "let_vent": "Let the customer vent",
    "own_it": "Own the fix",
    "hazard": "Safety first",
}
DOCUMENTS = ("receipt", "invoice", "agreement", "photos")


@dataclass(frozen=True)
class CaseView:
    case: Case
    messages: list[Message]
    reading: Situation | None
    guidance: Guidance | None
    causes: tuple[str, ...]


def reading_of(case: Case, rows: list[Message], policy: Policy) -> Situation | None:
    """The protocol's reading of the case (None before the first customer message)."""
    try:
        conv = conversation_of(case, rows)
        return read(conv, policy) if conv.customer_messages else None
    except ConversationError:
        return None


def case_view(s: Session, case: Case, policy: Policy) -> CaseView:
    rows = recent_messages(s, case)
    reading = reading_of(case, rows, policy)
    guidance = guide_reading(reading) if reading is not None else None
    causes: dict[str, None] = {}
    for m in rows:
        if m.role == "customer":
            causes.update(dict.fromkeys(message_causes(m)))
    return CaseView(case, rows, reading, guidance, tuple(causes))


def progress(g: Guidance | None) -> list[tuple[str, str, bool, bool]]:
    """The progress bar: each protocol step, whether it is done, whether it is next."""
    done = {e.step for e in g.steps_done} if g else set()
    current = g.next[0].step if g and g.next else None
    return [(step, name, step in done, step == current) for step, name in STAGES]


@router.get("/cases/{case_id}")
def case_page(
    case_id: Id, request: Request, me: WebUserDep, store: StoreDep, policy: PolicyDep
) -> Response:
    with store.read() as s:
        case = get_case(s, me.user, case_id)
        view = case_view(s, case, policy)
        older = _older(s, case.id, view.messages[0].id) if view.messages else 0
        notes = s.scalars(select(Note).where(Note.case_id == case.id).order_by(Note.id)).all()
        tasks = s.scalars(select(Task).where(Task.case_id == case.id).order_by(Task.due_at)).all()
        alerts = s.scalars(select(Alert).where(Alert.case_id == case.id).order_by(Alert.id)).all()
        users = {u.id: u for u in s.scalars(select(User).order_by(User.name))}
        customer = case.customer
        identities = [(i.kind, i.value) for i in customer.identities] if customer else []
    g = view.guidance
    return render(
        request,
        "case.html",
        me=me,
        case=case,
        customer=customer,
        identities=identities,
        view=view,
        g=g,
        stages=progress(g),
        step_names=STEP_NAMES,
        notes=notes,
        tasks=tasks,
        alerts=alerts,
        users=users,
        documents=DOCUMENTS,
        when=now(),
        aware=aware,
        older=older,
    )


def _older(s: Session, case_id: int, before: int) -> int:
    return int(
        s.scalar(
            select(func.count(Message.id)).where(Message.case_id == case_id, Message.id < before)
        )
        or 0
    )


EARLIER_PAGE = 200


@router.get("/cases/{case_id}/earlier")
def earlier_messages(
    case_id: Id,
    request: Request,
    me: WebUserDep,
    store: StoreDep,
    before: Annotated[int, Query(ge=1, le=MAX_ID)],
) -> Response:
    """The case page shows the latest messages; a long case's earlier ones are read here,
    a page at a time, newest page first, each page oldest first."""
    with store.read() as s:
        case = get_case(s, me.user, case_id)
        page = list(
            s.scalars(
                select(Message)
                .where(Message.case_id == case.id, Message.id < before)
                .order_by(Message.id.desc())
                .limit(EARLIER_PAGE)
            )
        )[::-1]
        older = _older(s, case.id, page[0].id) if page else 0
    return render(
        request, "earlier.html", me=me, case=case, messages=page, older=older, aware=aware
    )


class DraftIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    draft: str = Field(max_length=MAX_TEXT)


def answerable(s: Session, case: Case, policy: Policy) -> Situation:
    """The reading a review or a draft answers (422 before the first customer message)."""
    reading = reading_of(case, recent_messages(s, case, text_only=True), policy)
    if reading is None:
        raise HTTPException(422, "case: no customer message to answer yet")
    return reading


def _reading(s: Session, user: User, case_id: int, policy: Policy) -> Situation:
    return answerable(s, get_case(s, user, case_id), policy)


def review_of(reading: Situation, draft: str) -> dict[str, Any]:
    """The composer's live review (here and in the sidebar): messages in English,
    suggestions in the customer's language; an empty draft has no findings yet."""
    if not draft.strip():
        return {"findings": [], "score": None, "ready": False, "language": reading.language}
    try:
        return review_reading(reading, draft, "en").to_dict()
    except ReviewError as exc:
        raise HTTPException(422, str(exc)) from None


@router.post("/app/cases/{case_id}/review")
def review_draft(
    case_id: Id, body: DraftIn, me: ScriptUserDep, store: StoreDep, policy: PolicyDep
) -> dict[str, Any]:
    with store.read() as s:
        reading = _reading(s, me.user, case_id, policy)
    return review_of(reading, body.draft)


@router.post("/app/cases/{case_id}/draft")
def draft_reply(
    case_id: Id, me: ScriptUserDep, store: StoreDep, policy: PolicyDep
) -> dict[str, Any]:
    with store.read() as s:
        reading = _reading(s, me.user, case_id, policy)
    return draft_reading(reading).to_dict()
