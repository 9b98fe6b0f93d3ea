"""Case notes (incl. which documents were checked) and tasks (own-it actions, follow-ups)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from calmline.api.deps import StoreDep, UserDep
from calmline.api.models_out import NoteListOut, NoteOut, TaskListOut, TaskOut
from calmline.api.routers.cases import get_case, get_on_case, iso
from calmline.api.schemas import ERRORS, MAX_ID, Id
from calmline.store import service
from calmline.store.models import Note, Task, User, now
from calmline.store.service import audit

router = APIRouter(prefix="/api", tags=["notes and tasks"], responses=ERRORS)


class NoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(default="", max_length=20_000)
    documents_checked: dict[Literal["receipt", "agreement", "invoice", "photos"], bool] | None = (
        None
    )


class TaskIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1, max_length=300)
    due_at: datetime
    kind: Literal["own_it", "follow_up"] = "own_it"
    owner_id: int | None = Field(default=None, ge=1, le=MAX_ID)


class TaskPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    done: bool


def note_json(n: Note) -> dict[str, Any]:
    return {
        "id": n.id,
        "case_id": n.case_id,
        "author_id": n.author_id,
        "text": n.text,
        "documents_checked": n.documents_checked,
        "created_at": iso(n.created_at),
    }


def task_json(t: Task) -> dict[str, Any]:
    return {
        "id": t.id,
        "case_id": t.case_id,
        "owner_id": t.owner_id,
        "kind": t.kind,
        "title": t.title,
        "due_at": iso(t.due_at),
        "done_at": iso(t.done_at),
    }


@router.post(
    "/cases/{case_id}/notes", operation_id="add_note", status_code=201, response_model=NoteOut
)
def add_note(case_id: Id, body: NoteIn, store: StoreDep, user: UserDep) -> dict[str, Any]:
    with store.session() as s:
        case = get_case(s, user, case_id)
        if not body.text.strip() and not body.documents_checked:
            raise HTTPException(422, "text: a note needs text or documents_checked")
        checked = body.documents_checked
        docs = {str(k): v for k, v in checked.items()} if checked else None
        return note_json(service.add_note(s, case, user, body.text, docs))


@router.get("/cases/{case_id}/notes", operation_id="list_notes", response_model=NoteListOut)
def list_notes(case_id: Id, store: StoreDep, user: UserDep) -> dict[str, Any]:
    with store.read() as s:
        case = get_case(s, user, case_id)
        notes = s.scalars(select(Note).where(Note.case_id == case.id).order_by(Note.id))
        return {"items": [note_json(n) for n in notes]}


@router.post(
    "/cases/{case_id}/tasks", operation_id="add_task", status_code=201, response_model=TaskOut
)
def add_task(case_id: Id, body: TaskIn, store: StoreDep, user: UserDep) -> dict[str, Any]:
    with store.session() as s:
        case = get_case(s, user, case_id)
        owner = body.owner_id if body.owner_id is not None else user.id
        if s.get(User, owner) is None:
            raise HTTPException(422, "owner_id: no such user")
        task = service.add_task(s, case, user, body.title, body.due_at, body.kind, owner)
        return task_json(task)


@router.get("/cases/{case_id}/tasks", operation_id="list_tasks", response_model=TaskListOut)
def list_tasks(case_id: Id, store: StoreDep, user: UserDep) -> dict[str, Any]:
    with store.read() as s:
        case = get_case(s, user, case_id)
        tasks = s.scalars(select(Task).where(Task.case_id == case.id).order_by(Task.due_at))
        return {"items": [task_json(t) for t in tasks]}


@router.patch("/tasks/{task_id}", operation_id="update_task", response_model=TaskOut)
def update_task(task_id: Id, body: TaskPatch, store: StoreDep, user: UserDep) -> dict[str, Any]:
    with store.session() as s:
        task = get_on_case(s, user, Task, task_id)
        task.done_at = now() if body.done else None
        audit(s, "update_task", "task", task.id, user, done=body.done)
        return task_json(task)
