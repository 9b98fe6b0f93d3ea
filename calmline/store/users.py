"""Users and their API tokens.

A token is 32 random bytes shown once; only its SHA-256 is stored, so a leaked database
does not leak working tokens. Passwords (for the web app's sign-in) are hashed with argon2.
"""

from __future__ import annotations

import hashlib
import secrets
from functools import cache
from importlib import resources

from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from calmline.store.models import ROLES, ApiToken, User, WebSession, now
from calmline.store.service import StoreError, audit

TOKEN_PREFIX = "cl_"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def add_user(s: Session, name: str, role: str, password: str | None = None) -> tuple[User, str]:
    """Create a user and a first API token; returns the token (shown once)."""
    name = name.strip()
    if not name or len(name) > 120:
        raise StoreError("name: 1 to 120 characters")
    if role not in ROLES:
        raise StoreError(f"role: must be one of {', '.join(ROLES)}")
    if s.scalar(select(User).where(User.name == name)) is not None:
        raise StoreError(f"name: a user {name!r} exists already")
    if password is not None:
        check_new_password(password)
    user = User(
        name=name, role=role, password_hash=PasswordHasher().hash(password) if password else None
    )
    s.add(user)
    s.flush()
    token = new_token(s, user)
    audit(s, "add_user", "user", user.id, None, role=role)
    return user, token


def new_token(s: Session, user: User) -> str:
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    s.add(ApiToken(user_id=user.id, token_hash=token_hash(token)))
    return token


def user_for_token(s: Session, token: str) -> User | None:
    row = s.scalar(select(ApiToken).where(ApiToken.token_hash == token_hash(token)))
    if row is None:
        return None
    row.last_used_at = now()
    return s.get(User, row.user_id)


@cache
def _decoy_hash() -> str:
    return PasswordHasher().hash(secrets.token_urlsafe(16))


def check_password(user: User | None, password: str) -> bool:
    """Whether ``password`` is ``user``'s. An unknown name (``None``) or a user without a
    password costs the same Argon2 verification as a real one, so the time a sign-in takes
    does not tell which names exist."""
    stored = user.password_hash if user is not None and user.password_hash else None
    try:
        ok = PasswordHasher().verify(stored or _decoy_hash(), password)
    except VerificationError:
        return False
    return ok and stored is not None


MIN_PASSWORD = 12


@cache
def _common() -> frozenset[str]:
    text = resources.files("calmline.store").joinpath("common_passwords.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


def check_new_password(password: str) -> None:
    """One password policy everywhere (first run, ``user add``, ``user password``, the web
    app): at least 12 characters, not one of the passwords people choose first, not one
    character repeated. Raises :class:`StoreError` naming ``password``."""
    if len(password) < MIN_PASSWORD:
        raise StoreError(f"password: at least {MIN_PASSWORD} characters")
    plain = "".join(password.split()).lower()
    if plain in _common() or len(set(plain)) < 4:
        raise StoreError("password: too easy to guess; choose a longer, less common one")


def set_password(s: Session, name: str, password: str) -> User:
    """Give ``name`` a new password (the first-run one is meant to be replaced); every open
    web session of that user ends, so a stolen session dies with the old password."""
    user = s.scalar(select(User).where(User.name == name.strip()))
    if user is None:
        raise StoreError(f"name: no user {name!r}")
    check_new_password(password)
    user.password_hash = PasswordHasher().hash(password)
    s.execute(delete(WebSession).where(WebSession.user_id == user.id))
    audit(s, "set_password", "user", user.id, None)
    return user
