"""The policy as the web app edits it: stored in the database, so every server process and
every restart uses the same one, and each change is in the audit log.

Precedence: the policy saved in the web app, else ``CALMLINE_POLICY``, else the packaged
default.

Each save is audited with the keys it changed, their values before and after, so a
supervisor can see who moved a refund limit and from what (the settings page lists them).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from calmline.protocol.policy import (
    Policy,
    PolicyError,
    default_path,
    parse_policy,
)
from calmline.store.models import AppSetting, AuditEntry, User, aware, now
from calmline.store.service import audit

POLICY_KEY = "policy"
SOURCE = "policy"  # how errors name the edited text: "policy: reply_length.chat: …"
MAX_POLICY = 100_000
MAX_CHANGES = 200  # a whole new policy pasted in: the audit keeps the first ones and a count


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


def flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{"a": {"b": 1}}`` as ``{"a.b": 1}``: the keys the loader's errors and the audit
    name. Lists stay whole (``languages.supported``)."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, f"{path}."))
        else:
            out[path] = value
    return out


def _parsed(text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:  # an old stored text is always valid; be safe anyway
        return {}


def policy_diff(before: str, after: str) -> list[dict[str, Any]]:
    """Every key whose value differs (``None``: absent on that side), in key order."""
    old, new = flatten(_parsed(before)), flatten(_parsed(after))
    return [
        {"key": k, "before": old.get(k), "after": new.get(k)}
        for k in sorted(old.keys() | new.keys())
        if k not in old or k not in new or not _same(old[k], new[k])
    ]


def _same(a: Any, b: Any) -> bool:
    """Equal values: ``50`` and ``50.0`` are one amount, but ``true`` is not ``1``."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return bool(a == b)


def save_policy(s: Session, text: str, user: User, path: Path | None = None) -> Policy:
    """Validate and store ``text``; :class:`PolicyError` (nothing stored) when invalid.

    ``path`` is the policy file in use (``CALMLINE_POLICY``), the "before" of the audited
    diff when nothing was saved in the web app yet."""
    if len(text) > MAX_POLICY:
        raise PolicyError(f"{SOURCE}: longer than {MAX_POLICY:,} characters")
    policy = parse_policy(text, SOURCE)
    changes = policy_diff(policy_text(s, path), text)
    row = s.get(AppSetting, POLICY_KEY)
    if row is None:
        s.add(AppSetting(key=POLICY_KEY, value=text, updated_by=user.id))
    else:
        row.value, row.updated_at, row.updated_by = text, now(), user.id
    more = {"more": len(changes) - MAX_CHANGES} if len(changes) > MAX_CHANGES else {}
    audit(
        s,
        "save_policy",
        "setting",
        None,
        user,
        key=POLICY_KEY,
        name=policy.name,
        changes=changes[:MAX_CHANGES],
        **more,
    )
    return policy


@dataclass(frozen=True)
class Change:
    """One changed key of one save, as the settings page lists it."""

    at: datetime
    who: str
    key: str
    before: Any
    after: Any


def recent_changes(s: Session, limit: int = 10) -> list[Change]:
    """The last ``limit`` changed keys, newest save first (saves audited before diffs were
    recorded show no keys)."""
    rows = s.execute(
        select(AuditEntry, User.name)
        .outerjoin(User, User.id == AuditEntry.user_id)
        .where(AuditEntry.action == "save_policy")
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(limit)
    ).all()
    out: list[Change] = []
    for entry, name in rows:
        for c in (entry.detail or {}).get("changes", []):
            out.append(Change(aware(entry.at), name or "?", c["key"], c["before"], c["after"]))
    return out[:limit]
