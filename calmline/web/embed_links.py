"""Signed, short-lived links that open one case in a helpdesk's ticket sidebar.

Why a link and not the session: inside a helpdesk's page calmline is a third-party frame,
where the ``SameSite=Lax`` session cookie is never sent, and the internal note calmline
writes into a ticket is read by agents who may not be signed in to calmline at all. The link
carries its own proof instead: ``<case>.<user or ->.<expires>.<mac>``, the MAC an
HMAC-SHA256 over those three fields with a server secret. Nothing is stored per link (no
table to fill, nothing to clean up); a link stops working when it expires, or for all links
at once when the secret is replaced.

What a link allows is deliberately small — reading that one case's guidance, reviewing a
draft and drafting a reply for it — and nothing that changes a case (``embed.py``).
With a user id the link also carries that user's access rules (an agent's link does not open
a case assigned to someone else); without one it opens the case it names.

The secret is ``CALMLINE_EMBED_SECRET`` when set (several servers behind one address must
share it), else 32 random bytes generated on first use into ``<data_dir>/embed-secret``
(mode 0600) — never in the database, so a database backup cannot mint links.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from calmline.settings import Settings

SECRET_FILE = "embed-secret"
DOMAIN = b"calmline-embed-v1"  # a MAC made for links here is no MAC for anything else
MAX_TOKEN = 200
MAX_DIGITS = 12


class EmbedTokenError(Exception):
    """A link that opens nothing: ``status`` 401 when it expired (sign in, or ask for a new
    one), 403 when it was never ours (forged, altered, cut short)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Grant:
    """What a valid link allows: case ``case_id``, as ``user_id`` (None: as the link)."""

    case_id: int
    user_id: int | None
    expires: int


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _number(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or len(text) > MAX_DIGITS:
        raise EmbedTokenError("embed link: not a calmline link", 403)
    return int(text)


class Signer:
    """Signs and checks links with one secret."""

    def __init__(self, secret: bytes) -> None:
        if len(secret) < 32:
            raise ValueError("the embed secret needs at least 32 bytes")
        self._secret = secret

    def _mac(self, case_id: int, user: str, expires: int) -> str:
        message = b"|".join((DOMAIN, str(case_id).encode(), user.encode(), str(expires).encode()))
        return _b64(hmac.new(self._secret, message, hashlib.sha256).digest())

    def sign(self, case_id: int, user_id: int | None, ttl: int, now: float | None = None) -> str:
        """A token for ``case_id`` valid ``ttl`` seconds from ``now`` (default: the clock)."""
        expires = int(now if now is not None else time.time()) + int(ttl)
        user = "-" if user_id is None else str(user_id)
        return f"{case_id}.{user}.{expires}.{self._mac(case_id, user, expires)}"

    def verify(self, token: str, now: float | None = None) -> Grant:
        """The grant of ``token``; :class:`EmbedTokenError` when it opens nothing. The MAC is
        checked before the time, so an altered expiry reads as forged, not as expired."""
        parts = token.split(".") if len(token) <= MAX_TOKEN else []
        if len(parts) != 4:
            raise EmbedTokenError("embed link: not a calmline link", 403)
        case_text, user, expires_text, mac = parts
        case_id, expires = _number(case_text), _number(expires_text)
        user_id = None if user == "-" else _number(user)
        if not hmac.compare_digest(mac.encode(), self._mac(case_id, user, expires).encode()):
            raise EmbedTokenError("embed link: the signature does not match", 403)
        if expires < (now if now is not None else time.time()):
            raise EmbedTokenError("embed link: expired; sign in or open a new link", 401)
        return Grant(case_id, user_id, expires)


def load_secret(settings: Settings) -> bytes:
    """``CALMLINE_EMBED_SECRET``, else the data folder's secret file, created if missing.

    Created as a temporary file (0600) that is then hard-linked into place, so two processes
    starting at once agree on one secret and nobody ever reads a half-written file."""
    if settings.embed_secret is not None:
        return settings.embed_secret.get_secret_value().encode()
    folder = Path(settings.data_dir)
    path = folder / SECRET_FILE
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{SECRET_FILE}.{secrets.token_hex(8)}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, secrets.token_hex(32).encode() + b"\n")
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process was first: its secret it is
        finally:
            tmp.unlink()
    secret = path.read_bytes().strip()
    if len(secret) < 32:
        raise ValueError(f"{path}: the embed secret is shorter than 32 characters")
    return secret


def signer(settings: Settings | None = None) -> Signer:
    return Signer(load_secret(settings or Settings()))


def sign(case_id: int, user_id: int | None, ttl: int | None = None) -> str:
    """A token for one case, signed with the configured secret; ``ttl`` seconds (default
    ``CALMLINE_EMBED_MINUTES``)."""
    settings = Settings()
    return signer(settings).sign(case_id, user_id, ttl or settings.embed_minutes * 60)


def verify(token: str) -> Grant:
    return signer().verify(token)


def link(base_url: str, case_id: int, user_id: int | None = None) -> str:
    """The sidebar link for the internal note: ``{base_url}/embed/case/{id}?t=…``."""
    return f"{base_url.rstrip('/')}/embed/case/{case_id}?t={sign(case_id, user_id)}"
