"""The People page: admins add users, change roles, disable, enable and delete them, set
passwords, and create and revoke API tokens — through the same store functions as the
``calmline user`` and ``calmline token`` commands, so both follow one set of rules (the
last admin stays; a new password or disabling ends sessions and tokens)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from calmline.api.deps import StoreDep
from calmline.store.models import ROLES
from calmline.store.service import StoreError
from calmline.store.tokens import list_tokens, new_token, revoke_token
from calmline.store.users import (
    add_user,
    delete_user,
    disable_user,
    enable_user,
    get_user,
    list_users,
    set_password,
    set_role,
)
from calmline.web.auth import CsrfForm, WebUser, WebUserDep
from calmline.web.pages import render

router = APIRouter(include_in_schema=False)
T = TypeVar("T")


def admin(me: WebUserDep) -> WebUser:
    if me.user.role != "admin":
        raise HTTPException(403, "this page is for admins")
    return me


AdminDep = Annotated[WebUser, Depends(admin)]


def _page(
    request: Request, me: WebUser, store: StoreDep, status: int = 200, **shown: str
) -> Response:
    with store.read() as s:
        users = list_users(s)
        tokens = list_tokens(s)
    shown = {"error": "", "done": "", "token": "", "owner": "", **shown}
    return render(
        request, "people.html", status, me=me, users=users, tokens=tokens, roles=ROLES, **shown
    )


@router.get("/people")
def people_page(request: Request, me: AdminDep, store: StoreDep) -> Response:
    done = request.query_params.get("done", "")[:200]
    return _page(request, me, store, done=done)


async def _act(
    request: Request, me: WebUser, store: StoreDep, work: Callable[[Session], T], done: str
) -> Response:
    """Run ``work`` in one transaction; a refusal shows the page again with the field's
    message (422) and nothing changed."""

    def run() -> str:
        try:
            with store.session() as s:
                work(s)
        except StoreError as exc:
            return str(exc)
        return ""

    error = await run_in_threadpool(run)
    if error:
        return _page(request, me, store, 422, error=error)
    return RedirectResponse(f"/people?done={done}", 303)


@router.post("/people")
async def people_action(
    request: Request, me: AdminDep, form: CsrfForm, store: StoreDep
) -> Response:
    """One form endpoint, an ``action`` field: every change is a POST with the CSRF token."""
    action, name = form.get("action", ""), form.get("name", "").strip()
    by = me.user
    if action == "add":
        password = form.get("password") or None
        made: list[str] = []

        def add(s: Session) -> None:
            _, token = add_user(s, name, form.get("role", ""), password, by=by)
            made.append(token)

        response = await _act(request, me, store, add, "added")
        if made:  # the first token is shown once, on this answer only
            return _page(request, me, store, done=f"{name} added", token=made[0], owner=name)
        return response
    if action == "token":
        tokens: list[str] = []

        def create(s: Session) -> None:
            user = get_user(s, name)
            if user.disabled_at is not None:
                raise StoreError(f"name: {user.name} is disabled")
            days = form.get("expires_days", "").strip()
            if days and not days.isdigit():
                raise StoreError("expires_days: a whole number of days")
            tokens.append(
                new_token(
                    s, user, label=form.get("label"), expires_days=int(days) if days else None
                )
            )

        response = await _act(request, me, store, create, "token")
        if tokens:
            return _page(request, me, store, done="token created", token=tokens[0], owner=name)
        return response
    works: dict[str, tuple[Callable[[Session], object], str]] = {
        "role": (lambda s: set_role(s, name, form.get("role", ""), by), "role changed"),
        "disable": (lambda s: disable_user(s, name, by), "disabled"),
        "enable": (lambda s: enable_user(s, name, by), "enabled"),
        "delete": (lambda s: delete_user(s, name, by), "deleted"),
        "password": (lambda s: set_password(s, name, form.get("password", ""), by), "password set"),
        "revoke": (lambda s: revoke_token(s, _token_id(form.get("token", "")), by), "revoked"),
    }
    if action not in works:
        raise HTTPException(422, f"action: must be one of add, token, {', '.join(works)}")
    work, done = works[action]
    return await _act(request, me, store, work, done)


def _token_id(value: str) -> int:
    if not value.isdigit() or not 0 < int(value) < 2**31:
        raise StoreError("token: not a token id")
    return int(value)
