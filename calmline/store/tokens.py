"""API tokens: created with an optional label and expiry, listed, revoked and rotated.

A token is ``cl_`` and 32 random bytes, shown once; only its SHA-256 is stored, so a leaked
database does not leak working tokens. Looking a token up only reads: the request that
carries it may wait on nothing but its own work, so the time it was last used is written
separately (:func:`touch`), at most once a minute, and skipped when the database is busy.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from calmline.store.models import ApiToken, User, aware, now
from calmline.store.service import StoreError, audit

TOKEN_PREFIX = "cl_"
TOUCH_EVERY = timedelta(minutes=1)
MAX_EXPIRY_DAYS = 3650


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token(
    s: Session,
    user: User,
    *,
    label: str | None = None,
    expires_days: int | None = None,
    by: User | None = None,
) -> str:
    """A new token for ``user`` (returned once). ``expires_days``: ``None`` never expires.
    Audited with who made it: a token made for someone else acts as them."""
    if expires_days is not None and not 0 < expires_days <= MAX_EXPIRY_DAYS:
        raise StoreError(f"expires_days: 1 to {MAX_EXPIRY_DAYS}")
    label = (label or "").strip() or None
    if label is not None and len(label) > 80:
        raise StoreError("label: at most 80 characters")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires = now() + timedelta(days=expires_days) if expires_days else None
    row = ApiToken(user_id=user.id, token_hash=token_hash(token), label=label, expires_at=expires)
    s.add(row)
    s.flush()
    audit(s, "new_token", "user", user.id, by, token=row.id, expires_days=expires_days)
    return token


@dataclass(frozen=True)
class Found:
    """A token that opens the API, its user, and whether its last use should be written."""

    user: User
    token_id: int
    stale: bool


def lookup(s: Session, token: str, when: datetime | None = None) -> Found | None:
    """The user a token stands for, reading only; ``None`` for an unknown, revoked or
    expired token, and for a disabled user."""
    when = when or now()
    row = s.scalar(select(ApiToken).where(ApiToken.token_hash == token_hash(token)))
    if row is None or row.revoked_at is not None:
        return None
    if row.expires_at is not None and aware(row.expires_at) <= when:
        return None
    user = s.get(User, row.user_id)
    if user is None or user.disabled_at is not None:
        return None
    stale = row.last_used_at is None or when - aware(row.last_used_at) >= TOUCH_EVERY
    return Found(user, row.id, stale)


def user_for_token(s: Session, token: str) -> User | None:
    found = lookup(s, token)
    return found.user if found else None


def touch(s: Session, token_id: int, when: datetime | None = None) -> None:
    """Record that a token was used (callers do this only when :func:`lookup` says stale)."""
    s.execute(update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=when or now()))


@dataclass(frozen=True)
class TokenInfo:
    id: int
    user: str
    label: str | None
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None

    @property
    def state(self) -> str:
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and aware(self.expires_at) <= now():
            return "expired"
        return "active"


def list_tokens(s: Session, name: str | None = None) -> list[TokenInfo]:
    """Every token (of ``name``, when given), newest first."""
    query = select(ApiToken, User.name).join(User, User.id == ApiToken.user_id)
    if name is not None:
        query = query.where(User.name == name.strip())
    rows = s.execute(query.order_by(ApiToken.id.desc())).all()
    return [
        TokenInfo(
            t.id,
            user_name,
            t.label,
            aware(t.created_at),
            aware(t.last_used_at) if t.last_used_at else None,
            aware(t.expires_at) if t.expires_at else None,
            aware(t.revoked_at) if t.revoked_at else None,
        )
        for t, user_name in rows
    ]


def _token(s: Session, token_id: int) -> ApiToken:
    row = s.get(ApiToken, token_id)
    if row is None:
        raise StoreError(f"token: no token {token_id}")
    return row


def revoke_token(s: Session, token_id: int, by: User | None = None) -> ApiToken:
    """End one token now (idempotent: a revoked token keeps its first revocation time)."""
    row = _token(s, token_id)
    if row.revoked_at is None:
        row.revoked_at = now()
        audit(s, "revoke_token", "user", row.user_id, by, token=row.id)
    return row


def rotate_token(
    s: Session, token_id: int, by: User | None = None, expires_days: int | None = None
) -> str:
    """A new token with the old one's label for the same user; the old one is revoked.
    Rotating a revoked token is refused: it may have been revoked because it leaked."""
    row = _token(s, token_id)
    if row.revoked_at is not None:
        raise StoreError(f"token: token {token_id} is revoked; create a new one instead")
    user = s.get(User, row.user_id)
    if user is None or user.disabled_at is not None:
        raise StoreError(f"token: the user of token {token_id} is disabled")
    token = new_token(s, user, label=row.label, expires_days=expires_days, by=by)
    row.revoked_at = now()
    audit(s, "rotate_token", "user", user.id, by, token=row.id)
    return token


def revoke_all(s: Session, user: User) -> int:
    """Revoke every active token of ``user``; returns how many."""
    result = s.execute(
        update(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=now())
    )
    return int(getattr(result, "rowcount", 0) or 0)
