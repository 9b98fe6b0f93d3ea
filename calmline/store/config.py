"""The policy as the web app edits it: stored in the database, so every server process and
every restart uses the same one, and each change is in the audit log.

Precedence: the policy saved in the web app, else ``CALMLINE_POLICY``, else the packaged
default.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from calmline.protocol.policy import (
    Policy,
    PolicyError,
    default_path,
    parse_policy,
)
from calmline.store.models import AppSetting, User, now
from calmline.store.service import audit

POLICY_KEY = "policy"
SOURCE = "policy"  # how errors name the edited text: "policy: reply_length.chat: …"
MAX_POLICY = 100_000


def _stored(s: Session) -> str | None:
    row = s.get(AppSetting, POLICY_KEY)
    return row.value if row is not None else None


def effective_policy(s: Session, fallback: Policy) -> Policy:
    """The policy saved in the web app, else ``fallback`` (the file's, already read)."""
    text = _stored(s)
    return parse_policy(text, SOURCE) if text is not None else fallback


def policy_text(s: Session, path: Path | None) -> str:
    """The TOML the settings page shows: the saved policy, else the file's."""
    text = _stored(s)
    return text if text is not None else (path or default_path()).read_text(encoding="utf-8")


def save_policy(s: Session, text: str, user: User) -> Policy:
    """Validate and store ``text``; :class:`PolicyError` (nothing stored) when invalid."""
    if len(text) > MAX_POLICY:
        raise PolicyError(f"{SOURCE}: longer than {MAX_POLICY:,} characters")
    policy = parse_policy(text, SOURCE)
    row = s.get(AppSetting, POLICY_KEY)
    if row is None:
        s.add(AppSetting(key=POLICY_KEY, value=text, updated_by=user.id))
    else:
        row.value, row.updated_at, row.updated_by = text, now(), user.id
    audit(s, "save_policy", "setting", None, user, key=POLICY_KEY, name=policy.name)
    return policy
