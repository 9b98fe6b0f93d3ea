"""Issue 13, credentials: tokens are listed, revoked, rotated and expire; users are given a
role, disabled, enabled and deleted; whatever takes access away ends the web sessions and
the API tokens at once; the last active admin stays. On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from calmline.store.db import Store
from calmline.store.models import ApiToken, AuditEntry, Case, Note, Task, User, WebSession, now
from calmline.store.service import StoreError, open_case
from calmline.store.tokens import (
    list_tokens,
    lookup,
    new_token,
    revoke_token,
    rotate_token,
    touch,
    user_for_token,
)
from calmline.store.users import (
    add_user,
    delete_user,
    disable_user,
    enable_user,
    set_password,
    set_role,
)


def _session(s: object, user: User) -> None:
    s.add(  # type: ignore[attr-defined]
        WebSession(
            token_hash=f"{user.id:064d}",
            user_id=user.id,
            csrf="c",
            expires_at=now() + timedelta(hours=1),
        )
    )


def test_a_revoked_token_opens_nothing_and_stays_listed(store: Store) -> None:
    with store.session() as s:
        user, first = add_user(s, "kim", "agent")
        second = new_token(s, user, label="zendesk")
    with store.session() as s:
        rows = list_tokens(s, "kim")
        assert [r.label for r in rows] == ["zendesk", None]  # newest first
        revoke_token(s, rows[0].id)
    with store.read() as s:
        assert user_for_token(s, second) is None
        assert user_for_token(s, first) is not None
        states = {r.label: r.state for r in list_tokens(s)}
        made = s.scalars(select(AuditEntry).where(AuditEntry.action == "new_token")).all()
    assert states == {"zendesk": "revoked", None: "active"}
    assert len(made) == 2  # every token made is on the record, the first one too


def test_an_expired_token_opens_nothing(store: Store) -> None:
    with store.session() as s:
        user, _ = add_user(s, "lee", "agent")
        token = new_token(s, user, expires_days=1)
    with store.read() as s:
        assert lookup(s, token) is not None
        assert lookup(s, token, when=now() + timedelta(days=1, seconds=1)) is None
    with store.session() as s, pytest.raises(StoreError, match=r"^expires_days:"):
        new_token(s, user, expires_days=0)


def test_rotation_gives_a_new_token_and_ends_the_old_one(store: Store) -> None:
    with store.session() as s:
        _, old = add_user(s, "max", "agent")
        old_id = list_tokens(s, "max")[0].id
    with store.session() as s:
        new = rotate_token(s, old_id, expires_days=30)
    with store.read() as s:
        assert user_for_token(s, old) is None
        found = lookup(s, new)
        assert found is not None and found.user.name == "max"
    with store.session() as s, pytest.raises(StoreError, match="revoked"):
        rotate_token(s, old_id)  # a revoked (perhaps leaked) token is not renewed
    with store.session() as s, pytest.raises(StoreError, match=r"^token: no token"):
        revoke_token(s, 99999)


def test_last_use_is_written_at_most_once_a_minute(store: Store) -> None:
    with store.session() as s:
        _, token = add_user(s, "ned", "agent")
    with store.read() as s:
        found = lookup(s, token)
    assert found is not None and found.stale  # never used: write it
    with store.session() as s:
        touch(s, found.token_id)
    with store.read() as s:
        again = lookup(s, token)
        later = lookup(s, token, when=now() + timedelta(minutes=2))
    assert again is not None and not again.stale
    assert later is not None and later.stale


def test_a_new_password_or_disabling_ends_sessions_and_tokens(store: Store) -> None:
    with store.session() as s:
        ann, ann_token = add_user(s, "ann", "agent", password="first-long-password")
        bob, bob_token = add_user(s, "bob", "agent")
        _session(s, ann)
        _session(s, bob)
    with store.session() as s:
        _, revoked = set_password(s, "ann", "second-long-password")
        assert revoked == 1
    with store.session() as s:
        user, revoked = disable_user(s, "bob")
        assert revoked == 1 and user.disabled_at is not None
        assert s.scalars(select(WebSession)).all() == []
    with store.read() as s:
        assert user_for_token(s, ann_token) is None
        assert user_for_token(s, bob_token) is None
    with store.session() as s:
        enable_user(s, "bob")
        fresh = new_token(s, s.scalars(select(User).where(User.name == "bob")).one())
    with store.read() as s:
        assert user_for_token(s, bob_token) is None  # old tokens stay revoked
        assert user_for_token(s, fresh) is not None


def test_a_disabled_users_new_token_opens_nothing(store: Store) -> None:
    with store.session() as s:
        add_user(s, "cas", "agent")
        disable_user(s, "cas")
        user = s.scalars(select(User).where(User.name == "cas")).one()
        token = new_token(s, user)  # the CLI refuses this; the lookup refuses it too
    with store.read() as s:
        assert user_for_token(s, token) is None


def test_roles_change_and_the_last_admin_stays(store: Store) -> None:
    with store.session() as s:
        add_user(s, "root", "admin")
        add_user(s, "dee", "agent")
    with store.session() as s:
        assert set_role(s, "dee", "supervisor").role == "supervisor"
        with pytest.raises(StoreError, match="last active admin"):
            set_role(s, "root", "agent")
        with pytest.raises(StoreError, match="last active admin"):
            disable_user(s, "root")
        with pytest.raises(StoreError, match=r"^role:"):
            set_role(s, "dee", "owner")
    with store.session() as s:
        set_role(s, "dee", "admin")
        set_role(s, "root", "agent")  # another admin exists now
    with store.read() as s:
        actions = [a.action for a in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions.count("set_role") == 3


def test_deleting_a_user_unassigns_their_work_and_keeps_the_record(store: Store) -> None:
    with store.session() as s:
        add_user(s, "boss", "admin")
        eve, token = add_user(s, "eve", "agent")
        case = open_case(s, "email", "Kapotte waterkoker", eve)
        case.assignee_id = eve.id
        s.add(Note(case_id=case.id, author_id=eve.id, text="Klant gebeld"))
        s.add(
            Task(case_id=case.id, owner_id=eve.id, kind="follow_up", title="Bellen", due_at=now())
        )
        case_id = case.id
    with store.session() as s:
        boss = s.scalars(select(User).where(User.name == "boss")).one()
        delete_user(s, "eve", by=boss)
        with pytest.raises(StoreError, match="last active admin"):
            delete_user(s, "boss")
        add_user(s, "ops", "admin")
        with pytest.raises(StoreError, match="cannot delete yourself"):
            delete_user(s, "boss", by=boss)
    with store.read() as s:
        assert s.scalars(select(User).where(User.name == "eve")).first() is None
        assert s.get(Case, case_id).assignee_id is None  # type: ignore[union-attr]
        assert s.scalars(select(Note)).one().text == "Klant gebeld"
        assert s.scalars(select(Task)).one().owner_id is None
        assert s.scalars(select(ApiToken)).all() != []  # boss's token remains
        assert user_for_token(s, token) is None
        gone = s.scalars(select(AuditEntry).where(AuditEntry.action == "delete_user")).one()
    assert gone.detail == {"name": "eve", "role": "agent"}
