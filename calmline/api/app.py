"""The app factory. Nothing happens at import: settings and policy are read when the app
is created, and errors are answered in one shape — ``{"detail": [{"field", "message"}]}``
with 422 for invalid input and 413 for a body above the configured limit."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from calmline import __version__
from calmline.api.batcher import Batcher
from calmline.api.docs import mount_docs
from calmline.api.retention import retention_lifespan
from calmline.api.routers import cases, customers, notes, protocol, webhooks
from calmline.protocol.conversation import ConversationError
from calmline.protocol.policy import load_policy
from calmline.protocol.review import ReviewError
from calmline.settings import Settings
from calmline.store.config import effective_policy
from calmline.store.db import Store, StoreBusy, is_busy
from calmline.store.service import NotAllowed, StoreError
from calmline.web.setup import error_page, mount_web, wants_html


def _error(status: int, field: str, message: str) -> JSONResponse:
    return JSONResponse({"detail": [{"field": field, "message": message}]}, status_code=status)


def _field_error(exc: ValueError) -> JSONResponse:
    """``messages[3].role: must be …`` → field ``messages[3].role``."""
    field, sep, message = str(exc).partition(": ")
    return _error(422, field if sep else "body", message if sep else str(exc))


def _busy(request: Request) -> Response:
    """Another writer (an import) held the database for the whole wait: 503, come back."""
    message = "the database is busy; nothing was stored, try again"
    headers = {"Retry-After": str(StoreBusy.retry_after)}
    if wants_html(request):
        response = error_page(request, 503, message)
    else:
        response = _error(503, "database", message)
    response.headers.update(headers)
    return response


class BodyLimit:
    """Refuses a request body above ``limit`` bytes (413) before anything reads it all."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await _error(413, "body", f"larger than {self.limit} bytes")(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise _TooLarge
            return message

        try:
            await self.app(scope, limited, send)
        except _TooLarge:
            await _error(413, "body", f"larger than {self.limit} bytes")(scope, receive, send)


class _TooLarge(Exception):
    pass


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(
        title="calmline",
        version=__version__,
        docs_url=None,  # served from local files below: /docs works offline
        redoc_url=None,
        lifespan=retention_lifespan,
    )
    mount_docs(app)
    app.state.settings = settings
    file_policy = load_policy(settings.policy)  # a broken file fails before the store opens
    app.state.store = Store(settings)
    with app.state.store.session() as s:
        app.state.policy = effective_policy(s, file_policy)  # as edited in the web app
    app.state.batcher = Batcher()

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        detail: list[dict[str, Any]] = []
        for err in exc.errors():
            loc = [str(p) for p in err.get("loc", ()) if p != "body"]
            detail.append({"field": ".".join(loc) or "body", "message": err.get("msg", "")})
        return JSONResponse({"detail": detail}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if wants_html(request):
            return error_page(request, exc.status_code, str(exc.detail))
        if exc.status_code == 400:  # a body that is not JSON at all (bytes, bad encoding)
            return _error(422, "body", "not valid JSON")
        if exc.status_code == 422:
            return _field_error(ValueError(str(exc.detail)))
        response = _error(exc.status_code, "request", str(exc.detail))
        response.headers.update(getattr(exc, "headers", None) or {})
        if exc.status_code == 405:  # every method the path allows, not only the first route's
            path = request.url.path
            allowed = {
                m
                for r in app.routes
                if isinstance(r, APIRoute) and r.path_regex.match(path)
                for m in (r.methods or ())
            }
            response.headers["Allow"] = ", ".join(sorted(allowed))
        return response

    @app.exception_handler(StoreBusy)
    async def busy(request: Request, exc: StoreBusy) -> Response:
        return _busy(request)

    @app.exception_handler(OperationalError)
    async def database_error(request: Request, exc: OperationalError) -> Response:
        if not is_busy(exc):
            raise exc
        return _busy(request)

    @app.exception_handler(NotAllowed)
    async def not_allowed(_: Request, exc: NotAllowed) -> JSONResponse:
        field, sep, message = str(exc).partition(": ")
        return _error(403, field if sep else "user", message if sep else str(exc))

    @app.exception_handler(StoreError)
    async def bad_store_input(_: Request, exc: StoreError) -> JSONResponse:
        return _field_error(exc)

    @app.exception_handler(ConversationError)
    async def bad_conversation(_: Request, exc: ConversationError) -> JSONResponse:
        return _field_error(ConversationError(f"conversation.{exc}"))

    @app.exception_handler(ReviewError)
    async def bad_draft(_: Request, exc: ReviewError) -> JSONResponse:
        return _field_error(exc)

    app.include_router(protocol.router)
    app.include_router(cases.router)
    app.include_router(notes.router)
    app.include_router(customers.router)
    app.include_router(webhooks.router)
    mount_web(app, settings)
    app.add_middleware(BodyLimit, limit=settings.body_limit)
    return app
