"""Sign-in, sign-out and the inbox (the priority queue)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from calmline.api.deps import PolicyDep, StoreDep
from calmline.store import inbox
from calmline.store.models import User
from calmline.store.users import check_password
from calmline.web.alerts import ALERT_NAMES, alert_kind
from calmline.web.auth import (
    COOKIE,
    LOGIN_COOKIE,
    Backoff,
    CsrfForm,
    LoginRequired,
    RateLimiter,
    WebUserDep,
    end_session,
    read_form,
    same_token,
    set_cookie,
    start_session,
    web_user,
)
from calmline.web.views import CHANNELS, LANGUAGES

router = APIRouter(include_in_schema=False)


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> Response:
    response: Response = request.app.state.templates.TemplateResponse(
        request, template, context, status_code=status_code
    )
    return response


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never ``//evil.example`` or ``https://…``."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"


def _login_page(request: Request, error: str = "", status: int = 200, name: str = "") -> Response:
    token = secrets.token_urlsafe(32)
    response = render(
        request,
        "login.html",
        status,
        csrf=token,
        error=error,
        name=name,
        next=_safe_next(request.query_params.get("next")),
    )
    set_cookie(response, LOGIN_COOKIE, token, samesite="strict")
    return response


@router.get("/login")
def login_form(request: Request, store: StoreDep) -> Response:
    try:
        web_user(request, store)
        return RedirectResponse("/", 303)
    except LoginRequired:
        return _login_page(request)


@dataclass(frozen=True)
class Refused:
    """A sign-in that did not happen: the message for the form, its status, and the
    seconds to wait (``Retry-After``) when the rate limit said no."""

    message: str
    status: int
    wait: float = 0.0


async def authenticate(request: Request, store: StoreDep, form: dict[str, str]) -> User | Refused:
    """The user of a sign-in form's name and password, under the per-name back-off and the
    per-address limit — one check for the web app's sign-in and the sidebar's."""
    name = form.get("name", "").strip()[:120]
    password = form.get("password", "")
    limiter: RateLimiter = request.app.state.login_limiter
    backoff: Backoff = request.app.state.login_backoff
    ip = f"ip:{request.client.host if request.client else '?'}"
    user_key = f"user:{name.lower()}"
    wait = max(backoff.wait(user_key), limiter.wait(ip, limiter.attempts * 4))
    if wait > 0:
        return Refused(f"Too many failed sign-ins. Try again in {_in_words(wait)}.", 429, wait)
    if not name or not password:
        return Refused("Enter your name and password.", 422)

    def check() -> User | None:
        with store.read() as s:
            user = s.scalar(select(User).where(User.name == name))
            ok = check_password(user, password)  # constant time, known name or not
            return user if ok and user is not None and user.disabled_at is None else None

    user = await run_in_threadpool(check)
    if user is None:
        backoff.fail(user_key)
        limiter.fail(ip)
        return Refused("Wrong name or password.", 401)
    backoff.clear(user_key)
    return user


@router.post("/login")
async def login(request: Request, store: StoreDep) -> Response:
    form = await read_form(request)
    if not same_token(form.get("csrf"), request.cookies.get(LOGIN_COOKIE, "")):
        return _login_page(request, "The sign-in form expired; please try again.", 403)
    user = await authenticate(request, store, form)
    if isinstance(user, Refused):
        name = form.get("name", "").strip()[:120]
        response = _login_page(request, user.message, user.status, name)
        if user.wait > 0:
            response.headers["Retry-After"] = str(max(1, round(user.wait)))
        return response
    token = await run_in_threadpool(start_session, request, user)
    response = RedirectResponse(_safe_next(form.get("next")), 303)
    hours: int = request.app.state.settings.session_hours
    set_cookie(response, COOKIE, token, int(timedelta(hours=hours).total_seconds()))
    response.delete_cookie(LOGIN_COOKIE, path="/")
    return response


@router.post("/logout")
def logout(request: Request, _form: CsrfForm) -> Response:
    end_session(request)
    response = RedirectResponse("/login", 303)
    response.delete_cookie(COOKIE, path="/", secure=True, httponly=True)
    return response


def _in_words(seconds: float) -> str:
    if seconds < 90:
        n = max(1, round(seconds))
        return f"{n} second{'s' * (n > 1)}"
    n = round(seconds / 60)
    return f"{n} minutes"


def _choice(request: Request, field: str, allowed: dict[str, str] | tuple[str, ...]) -> str | None:
    value = request.query_params.get(field) or None
    if value is not None and value not in allowed:
        raise HTTPException(400, f"{field}: unknown value {value[:40]!r}")
    return value


@router.get("/")
def inbox_page(request: Request, me: WebUserDep, store: StoreDep, policy: PolicyDep) -> Response:
    status = _choice(request, "status", inbox.FILTER_STATUSES) or "open"
    who = _choice(request, "who", ("mine", "unassigned", "everyone")) or "everyone"
    filters = inbox.Filters(
        status=status,
        mine=who == "mine",
        unassigned=who == "unassigned",
        channel=_choice(request, "channel", CHANNELS),
        language=_choice(request, "language", LANGUAGES),
        alert=alert_kind(request),
    )
    with store.read() as s:
        items = inbox.queue(s, me.user, policy, filters)
        names = {u.id: u.name for u in s.scalars(select(User))}
        customers = {i.case.id: (i.case.customer.name if i.case.customer else None) for i in items}
        warnings = inbox.warnings(s, [i.case.id for i in items])
    return render(
        request,
        "inbox.html",
        me=me,
        items=items,
        names=names,
        customers=customers,
        warnings=warnings,
        alert_names=ALERT_NAMES,
        filters=filters,
        who=who,
        statuses=inbox.FILTER_STATUSES,
    )
