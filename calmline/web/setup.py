"""Wiring the web app into the API's app factory: routers, static files, the sign-in
redirect, HTML error pages and security headers."""

from __future__ import annotations

from importlib import resources

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from calmline.protocol.policy import Policy
from calmline.settings import Settings
from calmline.web import (
    actions,
    alerts,
    casepage,
    embed,
    outbox,
    pages,
    people,
    settings_form,
    supervisor,
)
from calmline.web.auth import Backoff, LoginRequired, RateLimiter, login_path
from calmline.web.views import templates

# the pages load only our own script and stylesheet; nothing inline, nothing from elsewhere
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "object-src 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
]


def embed_headers(policy: Policy) -> list[tuple[bytes, bytes]]:
    """The sidebar's (``/embed/``): the same, but framed by the policy's helpdesk origins
    (``frame-ancestors``), and no X-Frame-Options, which cannot name origins."""
    csp = CSP.replace("frame-ancestors 'none'", f"frame-ancestors {embed.frame_ancestors(policy)}")
    kept = [h for h in HEADERS if h[0] not in (b"content-security-policy", b"x-frame-options")]
    return [(b"content-security-policy", csp.encode()), *kept]


class SecurityHeaders:
    """Adds the headers above to every response but the API docs (Swagger UI loads its
    script from a CDN); the sidebar's pages get :func:`embed_headers`, read per request
    because the policy can change while the server runs."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if scope["type"] != "http" or path.startswith(("/docs", "/redoc")):
            await self.app(scope, receive, send)
            return

        headers = HEADERS
        if path.startswith("/embed/") or path == "/embed":
            headers = embed_headers(scope["app"].state.policy)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *headers]
            await send(message)

        await self.app(scope, receive, with_headers)


def wants_html(request: Request) -> bool:
    path = request.url.path
    return not path.startswith(("/api/", "/app/")) and "text/html" in request.headers.get(
        "accept", ""
    )


def error_page(request: Request, status: int, message: str) -> Response:
    return pages.render(request, "error.html", status, status=status, message=message)


def mount_web(app: FastAPI, settings: Settings) -> None:
    app.state.templates = templates()
    app.state.login_limiter = RateLimiter(settings.login_attempts, settings.login_window)
    app.state.login_backoff = Backoff(
        settings.login_attempts, settings.login_backoff_cap, settings.login_window
    )
    static = resources.files("calmline.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    routers = (pages, casepage, actions, alerts, supervisor, settings_form, people, outbox, embed)
    for module in routers:
        app.include_router(module.router)

    @app.exception_handler(LoginRequired)
    async def sign_in_first(request: Request, _: LoginRequired) -> Response:
        if request.url.path.startswith("/app/"):
            return Response(
                '{"detail":[{"field":"session","message":"sign in again"}]}',
                401,
                media_type="application/json",
            )
        return RedirectResponse(login_path(request), 303)

    app.add_middleware(SecurityHeaders)
