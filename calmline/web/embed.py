"""The sidebar: one case's guidance and a draft box with live review, compact enough for a
helpdesk's ticket sidebar (320–400 px), built from the case page's own templates and script.

Pages: ``/embed/case/{id}`` (calmline's id; the internal note's link adds ``?t=…``),
``/embed/{source}/{thread}`` (the case of a helpdesk thread, ``/embed/zendesk/5158``), and
``/embed/chatwoot``, Chatwoot's Dashboard App, which asks Chatwoot for the open conversation
(``static/chatwoot.js``) and then loads ``/embed/chatwoot/{conversation}``.

Who may look, first match wins:

1. a signed link (``embed_links.py``): ``?t=`` on the page, ``X-Calmline-Embed`` on its
   script requests. A browser never adds that header by itself, so a request carrying it
   was made by a script that holds the link — no CSRF token needed. It opens that one case:
   read, review, draft; nothing here changes a case.
2. a sign-in inside the frame (Chatwoot gives its Dashboard Apps no signed context): a
   session in its own cookie, ``__Host-calmline_embed``, ``SameSite=None`` because a
   third-party frame gets no Lax cookie, and ``Partitioned`` so the browser keeps it per
   top-level site — a session started inside Chatwoot exists only inside Chatwoot, and no
   other site that frames calmline can ride on it. SameSite no longer guards it, so CSRF
   stays on: its forms carry the session's token, its script requests ``X-CSRF-Token``.
3. the web app's own session (a sidebar link opened in a new tab).

Otherwise the page is the sign-in form. Which sites may frame these pages at all is the
policy's ``[helpdesks.*] origin`` (:func:`frame_ancestors`, sent by ``setup.py``).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from calmline.api.deps import PolicyDep, StoreDep
from calmline.api.routers.cases import get_case
from calmline.api.schemas import Id
from calmline.protocol.draft import draft_reading
from calmline.protocol.policy import Policy
from calmline.protocol.situation import Situation
from calmline.store.db import Store
from calmline.store.models import Case, User
from calmline.web.auth import (
    COOKIE,
    CSRF_HEADER,
    WebUser,
    end_session,
    read_form,
    same_token,
    session_user,
    start_session,
)
from calmline.web.casepage import STEP_NAMES, DraftIn, answerable, case_view, review_of
from calmline.web.embed_links import EmbedTokenError, Grant, Signer, signer
from calmline.web.pages import Refused, authenticate, render

router = APIRouter(include_in_schema=False)

EMBED_COOKIE = "__Host-calmline_embed"
EMBED_LOGIN_COOKIE = "__Host-calmline_embed_login"
TOKEN_HEADER = "x-calmline-embed"
# Zendesk serves a sidebar app's own page (assets/iframe.html, which frames calmline) from
# https://<app id>.apps.zdusercontent.com, so that origin is an ancestor of ours too
ZENDESK_APPS = "https://*.apps.zdusercontent.com"
ORIGIN = re.compile(
    r"https?://(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?"
)
THREAD = r"^[A-Za-z0-9][A-Za-z0-9._@+-]{0,199}$"


def frame_ancestors(policy: Policy) -> str:
    """The CSP ``frame-ancestors`` sources for the sidebar: every configured helpdesk's
    origin (``'none'`` when none is). A policy is edited in the web app, so an origin is
    checked again here before it goes into a header: nothing but ``scheme://host[:port]``."""
    sources: dict[str, None] = {}
    for connection in policy.helpdesks:
        if connection.origin and ORIGIN.fullmatch(connection.origin):
            sources[connection.origin] = None
            if connection.name == "zendesk":
                sources[ZENDESK_APPS] = None
    return " ".join(sources) or "'none'"


def chatwoot_origins(policy: Policy) -> list[str]:
    """Where Chatwoot's ``appContext`` messages may come from (chatwoot.js checks)."""
    return [
        c.origin
        for c in policy.helpdesks
        if c.name == "chatwoot" and c.origin and ORIGIN.fullmatch(c.origin)
    ]


@dataclass(frozen=True)
class Viewer:
    """Who is looking: a signed-in person (``me``; ``framed``: with the sidebar's own
    cookie, so the page offers to sign out) or the holder of a signed link (``grant``)."""

    me: WebUser | None = None
    grant: Grant | None = None
    token: str = ""
    framed: bool = False


def cross_site_cookie(response: Response, name: str, value: str, max_age: int) -> None:
    """``Secure; HttpOnly; SameSite=None; Partitioned`` — written by hand, because Python
    before 3.14 (and so Starlette's ``set_cookie``) cannot write ``Partitioned``."""
    response.headers.append(
        "set-cookie",
        f"{name}={value}; Max-Age={max_age}; Path=/; Secure; HttpOnly; SameSite=None; Partitioned",
    )


def _signer(request: Request) -> Signer:
    """The link signer, its secret read (or created) once per process."""
    found: Signer | None = getattr(request.app.state, "embed_signer", None)
    if found is None:
        found = request.app.state.embed_signer = signer(request.app.state.settings)
    return found


def _session(request: Request, store: Store) -> Viewer | None:
    framed = session_user(store, request.cookies.get(EMBED_COOKIE))
    if framed is not None:
        return Viewer(me=framed, framed=True)
    me = session_user(store, request.cookies.get(COOKIE))
    return Viewer(me=me) if me is not None else None


def _safe_next(target: str | None) -> str:
    """After signing in inside the frame: only back to a sidebar page of this site."""
    if target and target.startswith("/embed/") and not re.search(r"[\\\s]|//", target):
        return target
    return "/embed/chatwoot"


def _allow(s: Session, viewer: Viewer, case: Case) -> None:
    """403 unless ``viewer`` may see ``case``: a link only its own case, with its user's
    access rules when it names one; a person by the usual rules (``get_case``)."""
    if viewer.grant is not None:
        if viewer.grant.case_id != case.id:
            raise HTTPException(403, "embed link: made for another case")
        if viewer.grant.user_id is None:
            return
        user = s.get(User, viewer.grant.user_id)
        if user is None or user.disabled_at is not None:
            raise HTTPException(403, "embed link: its user can no longer sign in")
    else:
        assert viewer.me is not None
        user = viewer.me.user
    get_case(s, user, case.id)


def _render(request: Request, viewer: Viewer, status: int, **context: Any) -> Response:
    policy: Policy = request.app.state.policy
    page = {
        "me": viewer.me,
        "embed_token": viewer.token,
        "framed": viewer.framed,
        "case": None,
        "chatwoot": request.url.path.startswith("/embed/chatwoot"),
        "chatwoot_origins": " ".join(chatwoot_origins(policy)),
        "mode": "message",
        "title": "",
        "message": "",
        "error": "",
    }
    response = render(request, "embed.html", status, **{**page, **context})
    response.headers["Cache-Control"] = "no-store"  # a page may hold a link's token
    return response


def _sign_in(
    request: Request, status: int = 401, notice: str = "", error: str = "", **form: str
) -> Response:
    """The sign-in form inside the frame, with its own double-submit cookie (the web
    app's is SameSite=Strict, which a third-party frame never sends)."""
    token = secrets.token_urlsafe(32)
    target = form.get("next") or request.url.path
    response = _render(
        request,
        Viewer(),
        status,
        mode="login",
        login_action="/embed/login",
        csrf=token,
        notice=notice,
        error=error,
        name=form.get("name", ""),
        next=_safe_next(target),
    )
    cross_site_cookie(response, EMBED_LOGIN_COOKIE, token, 3600)
    return response


def _case_page(
    request: Request,
    store: Store,
    policy: Policy,
    lookup: Callable[[Session], Case | None],
    missing: str,
) -> Response:
    token = request.query_params.get("t", "")
    viewer: Viewer | None
    if token:
        try:
            viewer = Viewer(grant=_signer(request).verify(token), token=token)
        except EmbedTokenError as exc:
            return _sign_in(request, exc.status, notice=str(exc))
    else:
        viewer = _session(request, store)
        if viewer is None:
            return _sign_in(request)
    with store.read() as s:
        case = lookup(s)
        if case is None:
            return _render(request, viewer, 404, title="Not in calmline yet", error=missing)
        try:
            _allow(s, viewer, case)
        except HTTPException as exc:
            return _render(
                request, viewer, exc.status_code, title="Not allowed", error=str(exc.detail)
            )
        view = case_view(s, case, policy)
    base = f"/embed/case/{case.id}"
    return _render(
        request,
        viewer,
        200,
        mode="case",
        case=case,
        view=view,
        g=view.guidance,
        step_names=STEP_NAMES,
        review_url=f"{base}/review",
        draft_url=f"{base}/draft",
    )


@router.get("/embed/chatwoot")
def chatwoot_app(request: Request, store: StoreDep, policy: PolicyDep) -> Response:
    """Chatwoot's Dashboard App URL: holds nothing itself; chatwoot.js asks Chatwoot for
    the conversation and loads its sidebar."""
    viewer = _session(request, store) or Viewer()
    if not chatwoot_origins(policy):
        return _render(
            request,
            viewer,
            200,
            title="Chatwoot is not configured",
            error='Add origin = "https://your-chatwoot.example" to [helpdesks.chatwoot] '
            "in the policy, so calmline knows whose messages to trust.",
        )
    return _render(
        request,
        viewer,
        200,
        title="Waiting for Chatwoot",
        message="Waiting for Chatwoot to name the open conversation…",
    )


@router.get("/embed/case/{case_id}")
def case_by_id(case_id: Id, request: Request, store: StoreDep, policy: PolicyDep) -> Response:
    return _case_page(
        request, store, policy, lambda s: s.get(Case, case_id), f"calmline has no case {case_id}."
    )


@router.get("/embed/{source}/{thread}")
def case_by_thread(
    source: Annotated[str, Path(pattern=r"^[a-z][a-z0-9_-]{0,31}$")],
    thread: Annotated[str, Path(pattern=THREAD)],
    request: Request,
    store: StoreDep,
    policy: PolicyDep,
) -> Response:
    """The case whose ``external_key`` is ``{source}:{thread}`` — the key webhooks give it."""
    key = f"{source}:{thread}"
    what = "conversation" if source == "chatwoot" else "ticket"
    missing = (
        f"calmline has no case for {source} {what} {thread} yet. It appears when the "
        f"{what}'s first message reaches calmline (the helpdesk's webhook); then reload."
    )
    return _case_page(
        request,
        store,
        policy,
        lambda s: s.scalar(select(Case).where(Case.external_key == key)),
        missing,
    )


@router.post("/embed/login")
async def embed_login(request: Request, store: StoreDep) -> Response:
    form = await read_form(request)
    target = _safe_next(form.get("next"))
    name = form.get("name", "").strip()[:120]
    if not same_token(form.get("csrf"), request.cookies.get(EMBED_LOGIN_COOKIE, "")):
        expired = "The sign-in form expired; please try again."
        return _sign_in(request, 403, error=expired, name=name, next=target)
    user = await authenticate(request, store, form)
    if isinstance(user, Refused):
        response = _sign_in(request, user.status, error=user.message, name=name, next=target)
        if user.wait > 0:
            response.headers["Retry-After"] = str(max(1, round(user.wait)))
        return response
    token = await run_in_threadpool(start_session, request, user)
    response = RedirectResponse(target, 303)
    hours: int = request.app.state.settings.session_hours
    cross_site_cookie(response, EMBED_COOKIE, token, hours * 3600)
    cross_site_cookie(response, EMBED_LOGIN_COOKIE, "", 0)
    return response


@router.post("/embed/logout")
async def embed_logout(request: Request, store: StoreDep) -> Response:
    form = await read_form(request)
    me = await run_in_threadpool(session_user, store, request.cookies.get(EMBED_COOKIE))
    if me is None or not same_token(form.get("csrf"), me.csrf):
        raise HTTPException(403, "csrf: the form's security token is missing or out of date")
    await run_in_threadpool(end_session, request, EMBED_COOKIE)
    response = RedirectResponse(_safe_next(form.get("next")), 303)
    cross_site_cookie(response, EMBED_COOKIE, "", 0)
    return response


def script_viewer(request: Request, store: StoreDep) -> Viewer:
    """The sidebar script's caller: a link's token in ``X-Calmline-Embed``, or a session
    (the frame's, else the web app's) with its CSRF token in ``X-CSRF-Token``."""
    token = request.headers.get(TOKEN_HEADER)
    if token:
        try:
            return Viewer(grant=_signer(request).verify(token), token=token)
        except EmbedTokenError as exc:
            raise HTTPException(exc.status, str(exc)) from None
    viewer = _session(request, store)
    if viewer is None or viewer.me is None:
        raise HTTPException(401, "session: sign in again")
    if not same_token(request.headers.get(CSRF_HEADER), viewer.me.csrf):
        raise HTTPException(403, "csrf: X-CSRF-Token header missing or wrong")
    return viewer


ScriptViewerDep = Annotated[Viewer, Depends(script_viewer)]


def _answerable(s: Session, viewer: Viewer, case_id: int, policy: Policy) -> Situation:
    if viewer.grant is not None and viewer.grant.case_id != case_id:
        raise HTTPException(403, "embed link: made for another case")
    case = s.get(Case, case_id)
    if case is None:
        raise HTTPException(404, f"no case {case_id}")
    _allow(s, viewer, case)
    return answerable(s, case, policy)


@router.post("/embed/case/{case_id}/review")
def embed_review(
    case_id: Id, body: DraftIn, viewer: ScriptViewerDep, store: StoreDep, policy: PolicyDep
) -> dict[str, Any]:
    with store.read() as s:
        reading = _answerable(s, viewer, case_id, policy)
    return review_of(reading, body.draft)


@router.post("/embed/case/{case_id}/draft")
def embed_draft(
    case_id: Id, viewer: ScriptViewerDep, store: StoreDep, policy: PolicyDep
) -> dict[str, Any]:
    with store.read() as s:
        reading = _answerable(s, viewer, case_id, policy)
    return draft_reading(reading).to_dict()
