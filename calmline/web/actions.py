"""What the agent does on a case page — send, note, task, take, escalate, resolve — and
acknowledging alerts. Every form carries the session's CSRF token; each action redirects
back (POST → 303 → GET), so a reload never sends twice."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from fastapi import APIRouter, HTTPException
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from calmline.api.deps import PolicyDep, StoreDep
from calmline.api.routers.cases import get_case, get_on_case
from calmline.api.schemas import MAX_TEXT, Id
from calmline.store import service
from calmline.store.models import Alert, Task, User, now
from calmline.store.service import (
    acknowledge,
    add_message,
    audit,
    set_status,
)
from calmline.web.auth import CsrfForm, SupervisorDep, WebUserDep
from calmline.web.casepage import DOCUMENTS

router = APIRouter(include_in_schema=False)


def back(case_id: int, anchor: str = "") -> Response:
    return RedirectResponse(f"/cases/{case_id}{'#' + anchor if anchor else ''}", 303)


def _text(form: dict[str, str], field: str, limit: int, required: bool = True) -> str:
    value = form.get(field, "")
    if required and not value.strip():
        raise HTTPException(422, f"{field}: empty")
    if len(value) > limit:
        raise HTTPException(422, f"{field}: longer than {limit:,} characters")
    return value


@router.post("/cases/{case_id}/reply")
async def send_reply(
    case_id: Id, form: CsrfForm, me: WebUserDep, store: StoreDep, policy: PolicyDep
) -> Response:
    text = _text(form, "text", MAX_TEXT).strip()

    def send() -> None:
        with store.session() as s:
            case = get_case(s, me.user, case_id)
            if case.assignee_id is None:
                case.assignee_id = me.user.id  # who answers, owns it
            add_message(
                s, case, "agent", text, policy, author=me.user.name, source="web", user=me.user
            )

    await run_in_threadpool(send)
    return back(case_id, "conversation")


@router.post("/cases/{case_id}/notes")
async def add_note(case_id: Id, form: CsrfForm, me: WebUserDep, store: StoreDep) -> Response:
    text = _text(form, "text", 20_000, required=False)
    docs = {d: form.get(f"doc_{d}") == "on" for d in DOCUMENTS}
    if not text.strip() and not any(docs.values()):
        raise HTTPException(422, "text: a note needs text or a checked document")

    def save() -> None:
        with store.session() as s:
            service.add_note(s, get_case(s, me.user, case_id), me.user, text, docs)

    await run_in_threadpool(save)
    return back(case_id, "notes")


def _due(value: str) -> datetime:
    """A date (end of that day, UTC) or a date and time from the form."""
    try:
        if len(value) == 10:
            return datetime.combine(datetime.fromisoformat(value).date(), time(17), UTC)
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise HTTPException(422, f"due: not a date: {value[:40]!r}") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@router.post("/cases/{case_id}/tasks")
async def add_task(case_id: Id, form: CsrfForm, me: WebUserDep, store: StoreDep) -> Response:
    title = _text(form, "title", 300).strip()
    due = _due(form["due"]) if form.get("due") else now() + timedelta(days=1)

    def save() -> None:
        with store.session() as s:
            service.add_task(s, get_case(s, me.user, case_id), me.user, title, due)

    await run_in_threadpool(save)
    return back(case_id, "tasks")


@router.post("/tasks/{task_id}/done")
async def task_done(task_id: Id, form: CsrfForm, me: WebUserDep, store: StoreDep) -> Response:
    def save() -> int:
        with store.session() as s:
            task = get_on_case(s, me.user, Task, task_id)
            task.done_at = None if form.get("undo") else now()
            audit(s, "update_task", "task", task.id, me.user, done=task.done_at is not None)
            return task.case_id

    return back(await run_in_threadpool(save), "tasks")


@router.post("/cases/{case_id}/assign")
async def assign(case_id: Id, form: CsrfForm, me: WebUserDep, store: StoreDep) -> Response:
    raw = form.get("assignee", "")

    def save() -> None:
        with store.session() as s:
            case = get_case(s, me.user, case_id)
            if raw in ("", "none"):
                target = None
            elif raw == "me":
                target = me.user.id
            else:
                if not raw.isdigit() or s.get(User, int(raw)) is None:
                    raise HTTPException(422, "assignee: no such user")
                target = int(raw)
            if not me.is_supervisor and target not in (None, me.user.id):
                raise HTTPException(403, "agents assign cases to themselves only")
            case.assignee_id = target
            audit(s, "assign", "case", case.id, me.user, assignee_id=target)

    await run_in_threadpool(save)
    return back(case_id)


@router.post("/cases/{case_id}/escalate")
async def escalate(case_id: Id, form: CsrfForm, me: WebUserDep, store: StoreDep) -> Response:
    reason = _text(form, "reason", 2000, required=False).strip()

    def save() -> None:
        with store.session() as s:
            case = get_case(s, me.user, case_id)
            service.escalate(s, case, me.user, reason)

    await run_in_threadpool(save)
    return back(case_id)


@router.post("/cases/{case_id}/status")
async def change_status(
    case_id: Id, form: CsrfForm, me: WebUserDep, store: StoreDep, policy: PolicyDep
) -> Response:
    status = form.get("status", "")
    if status not in ("resolved", "open", "closed"):
        raise HTTPException(422, "status: must be resolved, open or closed")

    def save() -> None:
        with store.session() as s:
            set_status(s, get_case(s, me.user, case_id), status, policy, me.user)

    await run_in_threadpool(save)
    return back(case_id, "tasks" if status == "resolved" else "")


@router.post("/alerts/{alert_id}/ack")
async def ack(alert_id: Id, form: CsrfForm, me: SupervisorDep, store: StoreDep) -> Response:
    """Supervisors acknowledge alerts: an incident is seen by someone who can act on it."""

    def save() -> int:
        with store.session() as s:
            alert = get_on_case(s, me.user, Alert, alert_id)
            acknowledge(s, alert, me.user)
            return alert.case_id

    case_id = await run_in_threadpool(save)
    target = form.get("back", "")
    return RedirectResponse("/dashboard" if target == "dashboard" else f"/cases/{case_id}", 303)
