"""Local stand-ins for Zendesk, Freshdesk, Chatwoot and Zammad: real HTTP servers.

Each :class:`FakeHelpdesk` is a threaded HTTP server on a free loopback port that speaks
the documented paths, methods, authentication and JSON bodies calmline's clients use (see
``calmline/helpdesks/<name>.py``), answers a wrong credential with 401 in that helpdesk's
error shape and an unknown ticket with 404, and keeps what was written:

- ``notes[ticket]``: the internal notes, as text (Freshdesk's HTML body turned back into
  text, as Freshdesk's ``body_text`` does); ``public[ticket]``: anything written that a
  customer would see — calmline must never put anything there;
- ``tags[ticket]`` (a set), ``priority[ticket]`` (the helpdesk's own value: ``"urgent"``,
  ``4``, ``"3 high"``), ``requests`` (every request, in order);
- ``known_tickets``: the tickets that exist.

Controls: ``fail_next(status, retry_after=None)`` queues forced answers (a 429 with
``Retry-After``, then a 500 …), ``delay`` slows every answer, ``stop()`` and ``start()`` take
the helpdesk down and bring it back on the same port. Use it as a context manager::

    with FakeHelpdesk("zendesk", credentials={"email": "bot@example.com", "token": "t"}) as fake:
        fake.url
"""

from __future__ import annotations

import base64
import html
import json
import re
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, urlsplit

KINDS = ("zendesk", "freshdesk", "chatwoot", "zammad")
ERRORS_401 = {
    "zendesk": {"error": "Couldn't authenticate you"},
    "freshdesk": {
        "code": "invalid_credentials",
        "message": "You have to be logged in to perform this action.",
    },
    "chatwoot": {"errors": ["You need to sign in or sign up before continuing."]},
    "zammad": {"error": "Authentication failed", "error_human": "Authentication failed"},
}
ERRORS_404 = {
    "zendesk": {"error": "RecordNotFound", "description": "Not found"},
    "freshdesk": None,  # Freshdesk answers 404 with an empty body
    "chatwoot": {"error": "Resource could not be found"},
    "zammad": {"error": "Couldn't find Ticket", "error_human": "Couldn't find Ticket"},
}
Answer = tuple[int, Any]


@dataclass(frozen=True)
class Seen:
    """One request as the fake received it (headers lower-cased, body parsed)."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: Any


def text_of(body: str) -> str:
    """An HTML note body as text: ``<br>`` a line break, other tags dropped, unescaped."""
    return html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<br\s*/?>", "\n", body)))


class FakeHelpdesk:
    def __init__(
        self,
        kind: str,
        credentials: dict[str, str],
        known_tickets: tuple[str, ...] = ("101", "102"),
        account: str = "1",
    ) -> None:
        if kind not in KINDS:
            raise ValueError(f"kind: one of {', '.join(KINDS)}")
        self.kind, self.credentials, self.account = kind, dict(credentials), account
        self.known_tickets: set[str] = set(known_tickets)
        self.notes: defaultdict[str, list[str]] = defaultdict(list)
        self.public: defaultdict[str, list[str]] = defaultdict(list)
        self.tags: defaultdict[str, set[str]] = defaultdict(set)
        self.priority: dict[str, Any] = {}
        self.requests: list[Seen] = []
        self.delay = 0.0
        self.port = 0
        self._forced: deque[tuple[int, float | None]] = deque()
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- controls ---------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def fail_next(self, status: int, retry_after: float | None = None) -> None:
        """Answer the next request (after those already queued) with ``status``."""
        self._forced.append((status, retry_after))

    def writes(self) -> list[Seen]:
        return [r for r in self.requests if r.method != "GET"]

    def start(self) -> None:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _any(self) -> None:
                fake._handle(self)

            do_GET = do_POST = do_PUT = do_DELETE = _any

            def log_message(self, format: str, *args: Any) -> None:
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # a client that gave up (a timeout test) closed the socket

        self._server = Server(("127.0.0.1", self.port), Handler)
        self.port = self._server.server_address[1]
        server = self._server  # a short poll: stop() returns at once, not in half a second
        self._thread = threading.Thread(
            target=lambda: server.serve_forever(poll_interval=0.02), daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Down: nothing listens on the port until :meth:`start`."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FakeHelpdesk:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # --- one request --------------------------------------------------------------------

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(h.path)
        raw = h.rfile.read(int(h.headers.get("content-length") or 0))
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = ...
        seen = Seen(
            h.command,
            parts.path,
            dict(parse_qsl(parts.query)),
            {k.lower(): v for k, v in h.headers.items()},
            body,
        )
        with self._lock:
            self.requests.append(seen)
            forced = self._forced.popleft() if self._forced else None
        if self.delay:
            time.sleep(self.delay)
        headers: dict[str, str] = {}
        if forced is not None:
            status, after = forced
            if after is not None:
                headers["Retry-After"] = str(int(after))
            answer: Answer = (status, {"error": f"forced {status}"})
        elif body is ...:
            answer = (400, {"error": "body: not JSON"})
        elif not self._authorized(seen.headers):
            answer = (401, ERRORS_401[self.kind])
        else:
            with self._lock:
                answer = getattr(self, f"_{self.kind}")(seen)
        status, payload = answer
        data = b"" if payload is None else json.dumps(payload).encode()
        h.send_response(status)
        for name, value in headers.items():
            h.send_header(name, value)
        h.send_header("Content-Type", "application/json; charset=utf-8")
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        h.wfile.write(data)

    def _authorized(self, headers: dict[str, str]) -> bool:
        c = self.credentials
        auth = headers.get("authorization", "")
        if self.kind == "chatwoot":
            return headers.get("api_access_token") == c["token"]
        if self.kind == "zammad":
            return auth == f"Token token={c['token']}"
        if not auth.startswith("Basic "):
            return False
        try:
            user, _, password = base64.b64decode(auth[6:]).decode().partition(":")
        except ValueError:
            return False
        if self.kind == "zendesk":
            return (user, password) == (f"{c['email']}/token", c["token"])
        return user == c["api_key"]  # Freshdesk: the API key, any password

    def _missing(self) -> Answer:
        return 404, ERRORS_404[self.kind]

    def _ticket(self, pattern: str, path: str) -> str | None:
        """The ticket id ``pattern`` finds in ``path``, when that ticket exists."""
        found = re.fullmatch(pattern, path)
        if found is None or found.group(1) not in self.known_tickets:
            return None
        return found.group(1)

    # --- the four APIs ------------------------------------------------------------------

    def _zendesk(self, r: Seen) -> Answer:
        if (r.method, r.path) == ("GET", "/api/v2/users/me.json"):
            email = self.credentials["email"]
            return 200, {"user": {"id": 7, "name": "calmline", "email": email, "role": "agent"}}
        if r.method == "GET" and (
            t := self._ticket(r"/api/v2/tickets/(\d+)/comments\.json", r.path)
        ):
            rows = [{"body": n, "plain_body": n, "public": False} for n in self.notes[t]]
            rows += [{"body": n, "plain_body": n, "public": True} for n in self.public[t]]
            if r.query.get("sort_order") == "desc":
                rows.reverse()
            return 200, {"comments": rows, "next_page": None, "count": len(rows)}
        if r.method == "PUT" and (t := self._ticket(r"/api/v2/tickets/(\d+)/tags\.json", r.path)):
            self.tags[t] |= set(r.body["tags"])
            return 200, {"tags": sorted(self.tags[t])}
        if r.method == "PUT" and (t := self._ticket(r"/api/v2/tickets/(\d+)\.json", r.path)):
            ticket = r.body["ticket"]
            if "priority" in ticket:
                if ticket["priority"] not in ("urgent", "high", "normal", "low"):
                    return 422, {"error": "RecordInvalid", "description": "priority"}
                self.priority[t] = ticket["priority"]
            if "comment" in ticket:
                comment = ticket["comment"]
                public = comment.get("public", True)  # Zendesk's default: a public reply
                (self.public if public else self.notes)[t].append(comment["body"])
            return 200, {"ticket": {"id": int(t), "priority": self.priority.get(t)}}
        return self._missing()

    def _freshdesk(self, r: Seen) -> Answer:
        if (r.method, r.path) == ("GET", "/api/v2/agents/me"):
            contact = {"name": "calmline", "email": "bot@example.com"}
            return 200, {"id": 7, "contact": contact}
        if r.method == "POST" and (t := self._ticket(r"/api/v2/tickets/(\d+)/notes", r.path)):
            private = r.body.get("private", True)  # Freshdesk's default: private
            (self.notes if private else self.public)[t].append(text_of(r.body["body"]))
            return 201, {"id": len(self.requests), "body": r.body["body"], "private": private}
        if r.method == "GET" and (
            t := self._ticket(r"/api/v2/tickets/(\d+)/conversations", r.path)
        ):
            rows = [(n, True) for n in self.notes[t]] + [(n, False) for n in self.public[t]]
            page, per = int(r.query.get("page", 1)), int(r.query.get("per_page", 30))
            chunk = rows[(page - 1) * per : page * per]
            return 200, [
                {"body": html.escape(n).replace("\n", "<br>"), "body_text": n, "private": p}
                for n, p in chunk
            ]
        if (t := self._ticket(r"/api/v2/tickets/(\d+)", r.path)) is None:
            return self._missing()
        if r.method == "PUT":
            if "priority" in r.body:
                if r.body["priority"] not in (1, 2, 3, 4):
                    return 400, {"description": "Validation failed", "errors": []}
                self.priority[t] = r.body["priority"]
            if "tags" in r.body:
                self.tags[t] = set(r.body["tags"])  # Freshdesk replaces the list
        return 200, {"id": int(t), "tags": sorted(self.tags[t]), "priority": self.priority.get(t)}

    def _chatwoot(self, r: Seen) -> Answer:
        if (r.method, r.path) == ("GET", "/api/v1/profile"):
            account = {"id": int(self.account), "name": "Example Shop", "role": "agent"}
            return 200, {
                "id": 3,
                "name": "calmline",
                "email": "bot@example.com",
                "accounts": [account],
            }
        base = rf"/api/v1/accounts/{self.account}/conversations/(\d+)"
        if t := self._ticket(base + "/messages", r.path):
            if r.method == "GET":
                rows = [{"content": n, "private": True} for n in self.notes[t]]
                rows += [{"content": n, "private": False} for n in self.public[t]]
                return 200, {"meta": {}, "payload": rows[-20:]}
            if r.body.get("message_type") != "outgoing":
                return 422, {"error": "message_type"}
            (self.notes if r.body.get("private") else self.public)[t].append(r.body["content"])
            return 200, {"id": len(self.requests), "content": r.body["content"]}
        if t := self._ticket(base + "/labels", r.path):
            if r.method == "POST":
                self.tags[t] = set(r.body["labels"])  # Chatwoot overwrites the list
            return 200, {"payload": sorted(self.tags[t])}
        if r.method == "POST" and (t := self._ticket(base + "/toggle_priority", r.path)):
            if r.body.get("priority") not in ("urgent", "high", "medium", "low", "none"):
                return 422, {"error": "priority"}
            self.priority[t] = r.body["priority"]
            return 200, {}
        return self._missing()

    def _zammad(self, r: Seen) -> Answer:
        if (r.method, r.path) == ("GET", "/api/v1/users/me"):
            return 200, {
                "id": 5,
                "firstname": "calm",
                "lastname": "line",
                "email": "bot@example.com",
            }
        if (r.method, r.path) == ("POST", "/api/v1/ticket_articles"):
            ticket = str(r.body.get("ticket_id"))
            if ticket not in self.known_tickets:
                return self._missing()
            internal = r.body.get("internal") is True and r.body.get("type") == "note"
            (self.notes if internal else self.public)[ticket].append(r.body["body"])
            return 201, {"id": len(self.requests), "ticket_id": int(ticket), "body": r.body["body"]}
        if r.method == "GET" and (
            t := self._ticket(r"/api/v1/ticket_articles/by_ticket/(\d+)", r.path)
        ):
            rows = [{"body": n, "internal": True} for n in self.notes[t]]
            rows += [{"body": n, "internal": False} for n in self.public[t]]
            return 200, rows
        if (r.method, r.path) == ("POST", "/api/v1/tags/add"):
            ticket = str(r.body.get("o_id"))
            if r.body.get("object") != "Ticket" or ticket not in self.known_tickets:
                return self._missing()
            self.tags[ticket].add(r.body["item"])
            return 201, True
        if r.method == "PUT" and (t := self._ticket(r"/api/v1/tickets/(\d+)", r.path)):
            if r.body.get("priority") not in ("1 low", "2 normal", "3 high"):
                return 422, {"error": "No lookup value found for 'priority'"}
            self.priority[t] = r.body["priority"]
            return 200, {"id": int(t)}
        return self._missing()
