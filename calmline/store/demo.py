"""The demo store ``calmline serve --demo`` loads into an empty store: a dozen cases in four
languages (calmline/examples/demo_cases.json) with times relative to now, so the inbox shows
real waiting times, an overdue case, a violent threat and a follow-up that is due."""

from __future__ import annotations

import json
import secrets
from datetime import datetime, timedelta
from importlib import resources
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from calmline.protocol.policy import Policy
from calmline.store.models import Case, User, now
from calmline.store.service import add_message, customer_for, set_status, thread_case
from calmline.store.users import add_user

DEMO_USERS = (("ann", "agent"), ("sue", "supervisor"))
KEY_PREFIX = "demo:"


def demo_cases() -> list[dict[str, Any]]:
    path = resources.files("calmline.examples").joinpath("demo_cases.json")
    cases: list[dict[str, Any]] = json.loads(path.read_text("utf-8"))
    return cases


def has_demo(s: Session) -> bool:
    found = s.scalar(select(Case.id).where(Case.external_key.like(f"{KEY_PREFIX}%")).limit(1))
    return found is not None


def load_demo(
    s: Session, policy: Policy, when: datetime | None = None
) -> list[tuple[str, str, str]]:
    """Load the demo cases once; returns the demo users created here as (name, role, password)
    — users that exist already keep their password."""
    if has_demo(s):
        return []
    when = when or now()
    created: list[tuple[str, str, str]] = []
    users: dict[str, User] = {}
    for name, role in DEMO_USERS:
        user = s.scalar(select(User).where(User.name == name))
        if user is None:
            password = secrets.token_urlsafe(12)
            user, _ = add_user(s, name, role, password)
            created.append((name, role, password))
        users[name] = user
    for spec in demo_cases():
        _load_case(s, spec, policy, when, users)
    return created


def _load_case(
    s: Session, spec: dict[str, Any], policy: Policy, when: datetime, users: dict[str, User]
) -> None:
    who = spec["customer"]
    case = thread_case(
        s,
        KEY_PREFIX + spec["key"],
        spec["channel"],
        spec["subject"],
        who.get("email"),
        who.get("name"),
    )
    case.created_at = when - timedelta(minutes=spec["messages"][0]["minutes_ago"])
    if case.customer is None and who.get("handle"):
        case.customer = customer_for(s, "social", who["handle"], who.get("name"))
    if case.customer is not None:
        case.customer.gender = who.get("gender") or "unknown"
    agent = users.get(spec.get("assignee") or "") or users["ann"]
    if spec.get("assignee"):
        case.assignee_id = agent.id
    last = when
    for i, m in enumerate(spec["messages"]):
        last = when - timedelta(minutes=m["minutes_ago"])
        add_message(
            s,
            case,
            m["role"],
            m["text"],
            policy,
            at=last,
            author=m.get("author") or (agent.name if m["role"] == "agent" else who.get("name")),
            source="demo",
            external_id=f"{spec['key']}:{i}",
            user=agent if m["role"] == "agent" else None,
        )
    if spec.get("status") == "resolved":
        set_status(s, case, "resolved", policy, agent, at=last + timedelta(minutes=5))
