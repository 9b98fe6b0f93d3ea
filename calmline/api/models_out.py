"""Response bodies of the API, so the OpenAPI document describes every answer.

The routers still build plain dicts (``case_json`` …); these models describe them, and
FastAPI checks each answer against its model. Times are ISO-8601 strings in UTC, as the
CLI writes them. The protocol's answers (analyze, guide, review, situation, draft) are
large nested documents: their models name the top-level fields and allow the rest
(``extra="allow"``), so a new field in the protocol never breaks the API.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Channel = Literal["email", "chat", "social_public", "social_private", "phone"]
Status = Literal["open", "waiting", "resolved", "closed"]
Gender = Literal["female", "male", "unknown"]
IdentityKind = Literal["email", "social", "phone"]
Time = Annotated[
    str, Field(description="ISO-8601 time, UTC", examples=["2025-03-01T09:30:00+00:00"])
]


class CaseOut(BaseModel):
    """A case: one conversation with a customer, its status and what calmline made of it."""

    id: int
    subject: str
    channel: Channel
    status: Status
    assignee_id: int | None
    customer_id: int | None = Field(description="see GET /api/customers/{id}")
    priority: float = Field(description="the queue's order: threat 100+, hazard 50+, heat")
    heat: float = Field(description="how heated the latest customer messages are, 0..1")
    step: str | None = Field(description="the de-escalation step the case is at")
    language: str | None
    created_at: Time
    updated_at: Time
    last_customer_at: Time | None


class MessageOut(BaseModel):
    id: int
    case_id: int
    role: str = Field(description="customer or agent")
    text: str
    at: Time
    author: str | None
    source: str = Field(description="where it came from: api, a webhook source, an import")
    external_id: str | None = Field(description="the source's own id; unique per source")
    analysis: dict[str, Any] | None = Field(description="a customer message's analysis")


class CaseListOut(BaseModel):
    items: list[CaseOut]
    limit: int
    offset: int


class CasePage(CaseOut):
    """The case with a page of its messages, oldest first."""

    messages: list[MessageOut]
    more: bool = Field(description="older messages exist")
    next_before: int | None = Field(description="pass as ``before`` to read the older ones")


class MessagePosted(BaseModel):
    message: MessageOut
    created: bool = Field(description="false: already stored (same source and external_id)")
    case: CaseOut


class QueueItemOut(CaseOut):
    alerts: list[str] = Field(description="kinds of the case's open alerts")
    waiting_seconds: int | None = Field(description="how long the customer has waited")
    overdue: bool = Field(description="past the channel's response target")


class QueueOut(BaseModel):
    items: list[QueueItemOut]


class AlertOut(BaseModel):
    id: int
    case_id: int
    message_id: int | None
    kind: str = Field(
        description="violence_threat, supervisor_needed, response_overdue or agent_targeted"
    )
    detail: str
    created_at: Time
    acknowledged_by: int | None
    acknowledged_at: Time | None


class AlertListOut(BaseModel):
    items: list[AlertOut]


class SearchOut(BaseModel):
    items: list[MessageOut]


class NoteOut(BaseModel):
    id: int
    case_id: int
    author_id: int | None
    text: str
    documents_checked: dict[str, bool] | None = Field(
        description="receipt, agreement, invoice, photos: checked or not"
    )
    created_at: Time


class NoteListOut(BaseModel):
    items: list[NoteOut]


class TaskOut(BaseModel):
    id: int
    case_id: int
    owner_id: int | None
    kind: str = Field(description="own_it or follow_up")
    title: str
    due_at: Time
    done_at: Time | None


class TaskListOut(BaseModel):
    items: list[TaskOut]


class WebhookResultOut(BaseModel):
    stored: int = Field(description="messages stored by this delivery")
    duplicates: int = Field(description="messages already stored (a retried delivery)")
    cases: list[int] = Field(description="the case of each message, in order")


class IdentityOut(BaseModel):
    kind: IdentityKind
    value: str


class CustomerOut(BaseModel):
    id: int
    name: str | None
    gender: Gender
    identities: list[IdentityOut]
    case_ids: list[int] = Field(description="the customer's cases the user may see")


class ExportOut(BaseModel):
    """A subject-access export (``format``, ``version``, ``customer``, ``cases`` with every
    message, note, task and alert, ``audit``)."""

    model_config = ConfigDict(extra="allow")
    format: str
    version: int
    exported_at: Time
    customer: dict[str, Any]
    cases: list[dict[str, Any]]
    audit: list[dict[str, Any]]


class Open(BaseModel):
    """A protocol answer: the named fields, and more."""

    model_config = ConfigDict(extra="allow")


class AnalysisOut(Open):
    """One message analysed: language, sentiment, heat, emotions, threats, wants, facts …"""

    language: dict[str, Any]
    sentiment: dict[str, Any]
    heat: dict[str, Any]
    emotions: list[Any]
    offensive: dict[str, Any]
    threats: list[Any]
    wants: list[Any]
    facts: list[Any]
    sarcasm: list[Any]
    hazards: list[Any]
    length: int


class GuideOut(Open):
    """What the agent should do next: the steps done, heat, the next steps with sentences."""

    language: str | None
    register_: str | None = Field(alias="register")  # BaseModel has .register
    steps_done: list[dict[str, Any]]
    heat: dict[str, Any]
    next: list[dict[str, Any]]
    missing_facts: list[dict[str, Any]]
    alerts: list[dict[str, Any]]
    wants: list[Any]
    facts: dict[str, Any]
    customer_messages_considered: int


class ReviewOut(Open):
    """A draft reviewed: a score, whether it is ready, and findings with suggested fixes."""

    score: int | float
    ready: bool
    language: str | None
    steps_present: list[str]
    findings: list[dict[str, Any]]
    politeness: float


class SituationOut(Open):
    """What calmline reads in a conversation, each item with its evidence."""

    language: str | None
    register_: str | None = Field(alias="register")  # BaseModel has .register
    status: str | None
    customer: dict[str, Any]
    heat: dict[str, Any]
    wants: dict[str, Any]
    facts: list[Any]
    hazards: list[Any]
    steps_done: list[Any]
    missing_facts: list[Any]
    verdict: dict[str, Any] | None = Field(description="null when there is none")
    customer_messages_considered: int


class DraftOut(Open):
    """A drafted reply in the customer's language and the policy's register."""

    text: str
    language: str | None
    register_: str | None = Field(alias="register")  # BaseModel has .register
    channel: str | None
    steps: list[str]
    sentences: list[dict[str, Any]]
    placeholders: list[Any]
    safety: bool
