"""Signing in to the web app: sessions, CSRF tokens and the sign-in rate limit.

The session cookie holds 32 random bytes (``__Host-``: Secure, whole site, no Domain, so no
sibling sub-domain can set or shadow it; HttpOnly; SameSite=Lax); the database holds their
SHA-256 and the session's CSRF token, which every form carries in a hidden field and every
script request in ``X-CSRF-Token``. The sign-in form, before there is a session, uses a
double-submit cookie. Failed sign-ins slow down per name (a back-off that doubles, with a
ceiling, so nobody can lock another person out for long) and are limited per address.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated, Literal
from urllib.parse import parse_qsl, quote

from fastapi import Depends, HTTPException, Request, Response
from sqlalchemy import delete, select

from calmline.api.deps import StoreDep
from calmline.store.db import Store
from calmline.store.models import User, WebSession, aware, now
from calmline.store.tokens import token_hash

COOKIE = "__Host-calmline_session"
LOGIN_COOKIE = "__Host-calmline_login"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
MAX_FORM = 200_000
MAX_KEYS = 10_000  # sign-in counters kept before the stale ones are dropped


class LoginRequired(Exception):
    """No valid session: pages redirect to the sign-in form, scripts get 401."""


@dataclass(frozen=True)
class WebUser:
    user: User
    csrf: str

    @property
    def is_supervisor(self) -> bool:
        return self.user.role in ("supervisor", "admin")


def set_cookie(
    response: Response,
    name: str,
    value: str,
    max_age: int | None = None,
    samesite: Literal["lax", "strict"] = "lax",
) -> None:
    """Every cookie of ours: Secure, HttpOnly, SameSite, whole site."""
    response.set_cookie(
        name, value, max_age, path="/", secure=True, httponly=True, samesite=samesite
    )


def start_session(request: Request, user: User) -> str:
    """A new session for ``user``; returns the cookie value."""
    hours: int = request.app.state.settings.session_hours
    token = secrets.token_urlsafe(32)
    with request.app.state.store.session() as s:
        s.execute(delete(WebSession).where(WebSession.expires_at < now()))
        s.add(
            WebSession(
                token_hash=token_hash(token),
                user_id=user.id,
                csrf=secrets.token_urlsafe(32),
                expires_at=now() + timedelta(hours=hours),
            )
        )
    return token


def end_session(request: Request, cookie: str = COOKIE) -> None:
    token = request.cookies.get(cookie)
    if token:
        with request.app.state.store.session() as s:
            s.execute(delete(WebSession).where(WebSession.token_hash == token_hash(token)))


def session_user(store: Store, token: str | None) -> WebUser | None:
    """The person behind a session cookie's value; None for no, an expired or a disabled
    user's session. Shared by the web app's cookie and the sidebar's (``embed.py``)."""
    if not token:
        return None
    with store.read() as s:
        row = s.scalar(select(WebSession).where(WebSession.token_hash == token_hash(token)))
        if row is None or aware(row.expires_at) < now():
            return None
        user = s.get(User, row.user_id)
        if user is None or user.disabled_at is not None:
            return None
        return WebUser(user, row.csrf)


def web_user(request: Request, store: StoreDep) -> WebUser:
    me = session_user(store, request.cookies.get(COOKIE))
    if me is None:
        raise LoginRequired
    return me


WebUserDep = Annotated[WebUser, Depends(web_user)]


def supervisor(me: WebUserDep) -> WebUser:
    if not me.is_supervisor:
        raise HTTPException(403, "this page is for supervisors and admins")
    return me


SupervisorDep = Annotated[WebUser, Depends(supervisor)]


async def read_form(request: Request) -> dict[str, str]:
    """An ``application/x-www-form-urlencoded`` body (the only kind our forms send)."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    if not body and not ctype:
        return {}
    if ctype != "application/x-www-form-urlencoded":
        raise HTTPException(415, "forms are sent as application/x-www-form-urlencoded")
    if len(body) > MAX_FORM:
        raise HTTPException(413, f"form larger than {MAX_FORM} bytes")
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=200)
    except (UnicodeDecodeError, ValueError):
        raise HTTPException(422, "form: not valid form data") from None
    form: dict[str, str] = {}
    for key, value in pairs:
        form.setdefault(key, value.replace("\x00", "\ufffd"))
    return form


def same_token(given: str | None, expected: str) -> bool:
    return bool(given) and hmac.compare_digest(str(given).encode(), expected.encode())


async def csrf_form(request: Request, me: WebUserDep) -> dict[str, str]:
    """The form, once its CSRF token matches the session's."""
    form = await read_form(request)
    if not same_token(form.get(CSRF_FIELD), me.csrf):
        raise HTTPException(403, "csrf: the form's security token is missing or out of date")
    return form


CsrfForm = Annotated[dict[str, str], Depends(csrf_form)]


def csrf_header(request: Request, me: WebUserDep) -> WebUser:
    """For the page's script requests (live review, draft): the token in a header."""
    if not same_token(request.headers.get(CSRF_HEADER), me.csrf):
        raise HTTPException(403, "csrf: X-CSRF-Token header missing or wrong")
    return me


ScriptUserDep = Annotated[WebUser, Depends(csrf_header)]


def login_path(request: Request) -> str:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return "/login" + ("" if target == "/" else f"?next={quote(target, safe='')}")


class RateLimiter:
    """Failed attempts per key in a sliding window; thread-safe, in memory (one process)."""

    def __init__(self, attempts: int, window: float) -> None:
        self.attempts, self.window = attempts, window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, t: float) -> deque[float]:
        q = self._failures.setdefault(key, deque())
        while q and t - q[0] > self.window:
            q.popleft()
        return q

    def wait(self, key: str, limit: int | None = None) -> float:
        """Seconds until ``key`` may try again (0: now)."""
        t = time.monotonic()
        with self._lock:
            q = self._recent(key, t)
            if len(q) < (limit or self.attempts):
                return 0.0
            return max(0.0, self.window - (t - q[0]))

    def fail(self, key: str) -> None:
        t = time.monotonic()
        with self._lock:
            self._recent(key, t).append(t)
            if len(self._failures) > MAX_KEYS:  # many addresses tried: forget the stale ones
                for stale in [k for k, q in self._failures.items() if t - q[-1] > self.window]:
                    del self._failures[stale]

    def clear(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)


class Backoff:
    """Failed attempts per key: the first ``free`` cost nothing, then each next attempt
    waits ``2 ** n`` seconds after the last failure (n = failures beyond ``free``), at most
    ``cap``; a key forgets its failures ``window`` seconds after the last one. Unlike a
    lock-out, whoever fails on purpose can delay a name by ``cap`` seconds at most, while
    guessing stays at one try per ``cap`` once the back-off is full."""

    def __init__(self, free: int, cap: float, window: float) -> None:
        self.free, self.cap, self.window = free, cap, window
        self._failures: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()

    def wait(self, key: str) -> float:
        t = time.monotonic()
        with self._lock:
            count, last = self._failures.get(key, (0, t))
            if t - last > self.window:
                self._failures.pop(key, None)
                return 0.0
            beyond = count - self.free
            if beyond < 0:
                return 0.0
            return max(0.0, last + min(self.cap, 2.0**beyond) - t)

    def fail(self, key: str) -> None:
        t = time.monotonic()
        with self._lock:
            count, last = self._failures.get(key, (0, t))
            self._failures[key] = (0 if t - last > self.window else count) + 1, t
            if len(self._failures) > MAX_KEYS:  # many names tried: forget the stale ones
                self._failures = {
                    k: v for k, v in self._failures.items() if t - v[1] <= self.window
                }

    def clear(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)
