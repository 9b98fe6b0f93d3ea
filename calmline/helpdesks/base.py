"""Writing back to a team's helpdesk: one registered class per helpdesk, one base.

calmline reads a ticket's messages (webhooks) and writes its reading back to that same
ticket, where the agents already work: an internal note written for a person, tags and a
priority the helpdesk's own views and SLAs can sort by, and an alert for a violent threat.
Every write goes through the outbox (``calmline.helpdesks.outbox``): stored first, delivered
by a worker with retries, so a helpdesk that is down loses nothing and blocks nothing.

A helpdesk class turns one :class:`WriteBack` into that helpdesk's documented REST calls
(``docs/helpdesks.md`` names the endpoints and the documentation followed) and maps its
answers to :class:`DeliveryError` — retryable (429, 5xx, the network) with the server's
``Retry-After``, or not (bad credentials, an unknown ticket). Adding a helpdesk touches one
module: subclass :class:`Helpdesk`, set ``name``, and it is registered.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, ClassVar, Literal

import httpx

Priority = Literal["urgent", "high", "normal", "low"]
Kind = Literal["note", "tags"]
TIMEOUT = 20.0  # seconds for one call; the worker retries later


class DeliveryError(Exception):
    """A write that did not happen. ``retry`` says whether trying again can help;
    ``retry_after`` is the helpdesk's own wait (``Retry-After``), in seconds."""

    def __init__(self, message: str, *, retry: bool, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry, self.retry_after = retry, retry_after


class ConfigError(ValueError):
    """A connection that cannot work as configured: ``helpdesks.zendesk.base_url: …``."""


@dataclass(frozen=True)
class WriteBack:
    """What to write on one ticket. A ``note`` item carries the note (and ``marker``, a
    unique line the note ends with, so a retry can see it was written already); a ``tags``
    item carries tags to add and the priority to set."""

    kind: Kind
    ticket: str
    note: str = ""
    marker: str = ""
    tags: tuple[str, ...] = ()
    priority: Priority | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "ticket": self.ticket,
            "note": self.note,
            "marker": self.marker,
            "tags": list(self.tags),
            "priority": self.priority,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> WriteBack:
        return cls(
            kind=data["kind"],
            ticket=str(data["ticket"]),
            note=data.get("note", ""),
            marker=data.get("marker", ""),
            tags=tuple(data.get("tags") or ()),
            priority=data.get("priority"),
        )


@dataclass(frozen=True)
class TagNames:
    """The tag (label) names calmline sets; configurable so they fit the team's scheme."""

    hot: str = "calmline-hot"
    threat: str = "calmline-threat"
    hazard: str = "calmline-hazard"
    violence: str = "calmline-violence"


@dataclass(frozen=True)
class Connection:
    """One configured helpdesk (policy section ``[helpdesks.<name>]``). Secrets are never
    in the policy — it holds the *names* of environment variables or a secrets file,
    resolved when a write is delivered."""

    name: str  # the helpdesk kind: zendesk, freshdesk, chatwoot, zammad
    base_url: str
    credentials: dict[str, str] = field(default_factory=dict)  # key -> env var name
    secrets_file: str | None = None
    account: str | None = None  # Chatwoot's account id
    write_note: bool = True
    write_tags: bool = True
    write_priority: bool = True
    tags: TagNames = TagNames()
    origin: str | None = None  # the helpdesk's web origin, allowed to frame the sidebar

    def secret(self, key: str) -> str:
        """The credential ``key`` (e.g. ``token``): from the environment variable the policy
        names, else from the secrets file (``KEY=value`` lines, like an env file)."""
        var = self.credentials.get(key)
        if var and os.environ.get(var):
            return os.environ[var]
        if self.secrets_file:
            path = Path(self.secrets_file)
            try:
                lines = path.read_text("utf-8").splitlines()
            except OSError as exc:
                raise ConfigError(f"helpdesks.{self.name}.secrets_file: {exc.strerror}") from None
            for line in lines:
                name, sep, value = line.partition("=")
                if sep and name.strip() in (var, key):
                    return value.strip()
        raise ConfigError(
            f"helpdesks.{self.name}.credentials.{key}: set the environment variable "
            f"{var or '(none named)'}"
        )


def retry_after(response: httpx.Response) -> float | None:
    """``Retry-After`` as seconds: a number, or an HTTP date."""
    value = response.headers.get("retry-after")
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def check(response: httpx.Response, what: str) -> httpx.Response:
    """A helpdesk's answer as success or a :class:`DeliveryError` that says what to do."""
    status = response.status_code
    if status < 300:
        return response
    if status == 429 or status >= 500:
        return _raise(f"{what}: HTTP {status}, will retry", True, retry_after(response))
    if status in (401, 403):
        return _raise(f"{what}: HTTP {status}, the helpdesk refused the credentials", False)
    if status == 404:
        return _raise(f"{what}: HTTP 404, no such ticket or endpoint (base_url?)", False)
    return _raise(f"{what}: HTTP {status}: {response.text[:200]}", False)


def _raise(message: str, retry: bool, after: float | None = None) -> httpx.Response:
    raise DeliveryError(message, retry=retry, retry_after=after)


class Helpdesk(ABC):
    """One helpdesk's REST API. Subclasses set ``name`` and are registered by it."""

    name: ClassVar[str]
    registry: ClassVar[dict[str, type[Helpdesk]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if getattr(cls, "name", None):
            Helpdesk.registry[cls.name] = cls

    def __init__(self, conn: Connection, client: httpx.Client) -> None:
        self.conn, self.client = conn, client

    def call(self, method: str, path: str, what: str, **kwargs: Any) -> httpx.Response:
        """One request to the helpdesk, with its auth; network failures are retryable.

        A credential that cannot be read (its environment variable unset) is a
        :class:`DeliveryError` that is not retried: nothing changes until someone sets it."""
        url = self.conn.base_url.rstrip("/") + path
        try:
            headers = self.auth_headers()
        except ConfigError as exc:
            raise DeliveryError(f"{what}: {exc}", retry=False) from None
        try:
            response = self.client.request(method, url, headers=headers, timeout=TIMEOUT, **kwargs)
        except httpx.HTTPError as exc:
            raise DeliveryError(
                f"{what}: no answer from the helpdesk ({type(exc).__name__}), will retry",
                retry=True,
            ) from None
        return check(response, what)

    def get_json(self, path: str, what: str, **kwargs: Any) -> Any:
        """A ``GET`` whose answer is JSON. Anything else (a login page behind a wrong
        ``base_url``) is not retried: it will not turn into JSON by waiting."""
        response = self.call("GET", path, what, **kwargs)
        try:
            return response.json()
        except ValueError:
            raise DeliveryError(
                f"{what}: the answer is not JSON (is base_url the helpdesk's address?)",
                retry=False,
            ) from None

    def changes(self, item: WriteBack) -> tuple[tuple[str, ...], Priority | None]:
        """The tags and priority of ``item`` this connection still writes: a policy that
        turned ``write_tags`` or ``write_priority`` off since the item was stored wins."""
        tags = tuple(dict.fromkeys(t for t in item.tags if t)) if self.conn.write_tags else ()
        return tags, item.priority if self.conn.write_priority else None

    @abstractmethod
    def auth_headers(self) -> dict[str, str]:
        """The helpdesk's documented authentication, as request headers."""

    @abstractmethod
    def write_note(self, item: WriteBack, retrying: bool) -> None:
        """Write ``item.note`` as an internal (private) note on ``item.ticket``. When
        ``retrying``, first look whether a note ending in ``item.marker`` is there already
        (the earlier try may have been written and only its answer lost)."""

    @abstractmethod
    def write_tags(self, item: WriteBack) -> None:
        """Add ``item.tags`` to the ticket (keeping its other tags) and set the priority."""

    @abstractmethod
    def test(self) -> str:
        """One authenticated read; returns a short description of what was read."""

    def deliver(self, item: WriteBack, retrying: bool = False) -> None:
        if item.kind == "note":
            self.write_note(item, retrying)
        else:
            self.write_tags(item)


def ticket_id(item: WriteBack) -> str:
    """The ticket's id as it goes into a URL path: every supported helpdesk numbers its
    tickets, so anything else (``../``, a query) is refused rather than sent."""
    ticket = item.ticket.strip()
    if not (ticket.isascii() and ticket.isdigit()) or len(ticket) > 20:
        raise DeliveryError(f"ticket {item.ticket[:40]!r}: not a ticket number", retry=False)
    return ticket


def note_text(item: WriteBack) -> str:
    """The note as written: ``item.note`` with ``item.marker`` as its last line (once), so a
    retry can find it on the ticket."""
    note = item.note.rstrip()
    if not item.marker or note.endswith(item.marker):
        return note
    return f"{note}\n{item.marker}" if note else item.marker


def has_marker(texts: Iterable[object], marker: str) -> bool:
    """Whether any of the ticket's note texts (as the helpdesk returns them) holds
    ``marker``; no marker means nothing can be recognised, so the note is written."""
    return bool(marker) and any(isinstance(t, str) and marker in t for t in texts)


def helpdesk_for(conn: Connection, client: httpx.Client) -> Helpdesk:
    from calmline import helpdesks  # noqa: F401  (imports every registered module)

    cls = Helpdesk.registry.get(conn.name)
    if cls is None:
        known = ", ".join(sorted(Helpdesk.registry))
        raise ConfigError(f"helpdesks.{conn.name}: unknown helpdesk; one of {known}")
    return cls(conn, client)
