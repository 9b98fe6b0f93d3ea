"""Users: created, given a role, a password, disabled, enabled and deleted.

Passwords (for the web app's sign-in) are hashed with Argon2. Whatever takes a user's
access away — a new password, disabling — ends their web sessions and revokes their API
tokens in the same transaction, so nothing opened before keeps working after. The last
active admin cannot be demoted, disabled or deleted: someone must be able to administer.
"""

from __future__ import annotations

import secrets
from functools import cache
from importlib import resources

from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from calmline.store.models import (
    ROLES,
    Alert,
    AppSetting,
    AuditEntry,
    Case,
    Note,
    Task,
    User,
    WebSession,
    now,
)
from calmline.store.service import StoreError, audit
from calmline.store.tokens import new_token, revoke_all


def add_user(
    s: Session, name: str, role: str, password: str | None = None, by: User | None = None
) -> tuple[User, str]:
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
    audit(s, "add_user", "user", user.id, by, role=role)
    token = new_token(s, user, by=by)
    return user, token


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


def get_user(s: Session, name: str) -> User:
    user = s.scalar(select(User).where(User.name == name.strip()))
    if user is None:
        raise StoreError(f"name: no user {name!r}")
    return user


def end_access(s: Session, user: User) -> int:
    """End every web session and revoke every API token of ``user``; returns the number of
    tokens revoked."""
    s.execute(delete(WebSession).where(WebSession.user_id == user.id))
    return revoke_all(s, user)


def set_password(s: Session, name: str, password: str, by: User | None = None) -> tuple[User, int]:
    """Give ``name`` a new password (the first-run one is meant to be replaced). Every open
    web session and API token of that user ends, so what was stolen with the old password
    dies with it. Returns the user and how many tokens were revoked."""
    user = get_user(s, name)
    check_new_password(password)
    user.password_hash = PasswordHasher().hash(password)
    revoked = end_access(s, user)
    audit(s, "set_password", "user", user.id, by, tokens_revoked=revoked)
    return user, revoked


def _other_active_admins(s: Session, user: User) -> int:
    return int(
        s.scalar(
            select(func.count(User.id)).where(
                User.role == "admin", User.disabled_at.is_(None), User.id != user.id
            )
        )
        or 0
    )


def _keep_an_admin(s: Session, user: User, doing: str) -> None:
    if user.role == "admin" and user.disabled_at is None and not _other_active_admins(s, user):
        raise StoreError(f"name: {user.name} is the last active admin; cannot {doing}")


def set_role(s: Session, name: str, role: str, by: User | None = None) -> User:
    if role not in ROLES:
        raise StoreError(f"role: must be one of {', '.join(ROLES)}")
    user = get_user(s, name)
    if role != "admin":
        _keep_an_admin(s, user, f"make them {role}")
    if user.role != role:
        audit(s, "set_role", "user", user.id, by, before=user.role, after=role)
        user.role = role
    return user


def disable_user(s: Session, name: str, by: User | None = None) -> tuple[User, int]:
    """Take a user's access away now (sessions end, tokens are revoked) while their name
    stays on the notes, tasks and audit entries they wrote."""
    user = get_user(s, name)
    _keep_an_admin(s, user, "disable them")
    revoked = end_access(s, user)
    if user.disabled_at is None:
        user.disabled_at = now()
        audit(s, "disable_user", "user", user.id, by, tokens_revoked=revoked)
    return user, revoked


def enable_user(s: Session, name: str, by: User | None = None) -> User:
    """Let a disabled user sign in again; their old tokens stay revoked."""
    user = get_user(s, name)
    if user.disabled_at is not None:
        user.disabled_at = None
        audit(s, "enable_user", "user", user.id, by)
    return user


def delete_user(s: Session, name: str, by: User | None = None) -> None:
    """Remove a user for good: their cases and tasks become unassigned, their notes and
    audit entries lose the link (the audit entry of the deletion keeps the name)."""
    user = get_user(s, name)
    if by is not None and by.id == user.id:
        raise StoreError("name: you cannot delete yourself")
    _keep_an_admin(s, user, "delete them")
    uid = user.id
    s.execute(update(Case).where(Case.assignee_id == uid).values(assignee_id=None))
    s.execute(update(Task).where(Task.owner_id == uid).values(owner_id=None))
    s.execute(update(Note).where(Note.author_id == uid).values(author_id=None))
    s.execute(update(Alert).where(Alert.acknowledged_by == uid).values(acknowledged_by=None))
    s.execute(update(AuditEntry).where(AuditEntry.user_id == uid).values(user_id=None))
    s.execute(update(AppSetting).where(AppSetting.updated_by == uid).values(updated_by=None))
    end_access(s, user)
    audit(s, "delete_user", "user", uid, by, name=user.name, role=user.role)
    s.delete(user)


def list_users(s: Session) -> list[User]:
    return list(s.scalars(select(User).order_by(User.name)))
