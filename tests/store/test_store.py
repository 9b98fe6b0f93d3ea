"""The case store on SQLite: migrations, what adding a message does, idempotency, and
resolving."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select, text

from calmline.protocol.policy import load_policy
from calmline.settings import Settings
from calmline.store.db import Store, upgrade
from calmline.store.models import Alert, AuditEntry, Base, Case, Message, Task, User
from calmline.store.service import (
    StoreError,
    acknowledge,
    add_message,
    open_case,
    set_status,
)

POLICY = load_policy()
THREAT = "If my money is not here tomorrow I will come to your shop and beat up that salesman."


def test_migration_matches_the_models(store: Store) -> None:
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    tables = set(inspect(store.engine).get_table_names())
    assert {"cases", "messages", "alerts", "tasks", "notes", "users", "audit_log"} <= tables
    upgrade(store.engine)  # a second upgrade is a no-op


def test_the_database_is_set_up_for_durability_and_integrity(store: Store) -> None:
    with store.engine.connect() as conn:
        if store.engine.dialect.name == "sqlite":
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        else:
            assert store.engine.dialect.name == "postgresql"
            assert conn.execute(text("SHOW server_encoding")).scalar() == "UTF8"


def test_settings_default_to_sqlite_in_the_data_dir(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CALMLINE_DATA_DIR", str(tmp_path / "d"))
    assert Settings().url == f"sqlite:///{(tmp_path / 'd' / 'calmline.db').as_posix()}"
    monkeypatch.setenv("CALMLINE_DATABASE_URL", "postgresql+psycopg://u@localhost/x")
    assert Settings().url.startswith("postgresql+psycopg://")


def test_a_customer_message_is_analysed_and_updates_the_case(store: Store) -> None:
    with store.session() as s:
        case = open_case(s, "chat", "Late parcel")
        msg, created = add_message(
            s, case, "customer", "My parcel is two weeks late and I am furious!", POLICY
        )
        assert created and msg.analysis is not None
        assert msg.analysis["language"]["code"] == "en"
        assert case.heat > 0.5 and case.step == "name_emotion" and case.language == "en"
        add_message(s, case, "agent", "I am sorry. Could you give me your order number?", POLICY)
        assert case.status == "waiting"
        add_message(s, case, "customer", "It is 48213. Still waiting!", POLICY)
        assert case.status == "open"
        case_id = case.id
    with store.session() as s:
        stored = s.get(Case, case_id)
        assert stored is not None and len(stored.messages) == 3
        actions = [
            a.action for a in s.scalars(select(AuditEntry).where(AuditEntry.entity_id == case_id))
        ]
        assert actions.count("add_message") == 3 and actions[0] == "open"


def test_a_violent_threat_raises_one_alert_and_tops_the_priority(store: Store) -> None:
    with store.session() as s:
        calm = open_case(s, "email")
        add_message(s, calm, "customer", "Where is my parcel? It is very late, I am angry.", POLICY)
        hot = open_case(s, "email")
        add_message(s, hot, "customer", THREAT, POLICY)
        add_message(s, hot, "customer", THREAT + " I mean it.", POLICY)
        alerts = s.scalars(select(Alert).where(Alert.case_id == hot.id)).all()
        assert [a.kind for a in alerts].count("violence_threat") == 1
        assert hot.priority > calm.priority + 50
        user = User(name="sam", role="supervisor")
        s.add(user)
        s.flush()
        threat = next(a for a in alerts if a.kind == "violence_threat")
        acknowledge(s, threat, user)
        assert threat.acknowledged_by == user.id and threat.acknowledged_at is not None


def test_the_same_external_message_is_stored_once(store: Store) -> None:
    with store.session() as s:
        case = open_case(s)
        first, created = add_message(
            s, case, "customer", "Hello?", POLICY, source="zendesk", external_id="42"
        )
        again, created_again = add_message(
            s, case, "customer", "Hello?", POLICY, source="zendesk", external_id="42"
        )
        other, _ = add_message(
            s, case, "customer", "Hello?", POLICY, source="chatwoot", external_id="42"
        )
        assert created and not created_again and again.id == first.id and other.id != first.id
        assert s.scalar(select(Message.id).where(Message.id == first.id)) == first.id


def test_resolving_schedules_the_follow_up(store: Store) -> None:
    with store.session() as s:
        case = open_case(s)
        add_message(s, case, "customer", "The repair did not work, I want a new one.", POLICY)
        set_status(s, case, "resolved", POLICY)
        task = s.scalar(select(Task).where(Task.case_id == case.id))
        assert task is not None and task.kind == "follow_up"
        assert case.resolved_at is not None
        due = task.due_at if task.due_at.tzinfo else task.due_at.replace(tzinfo=UTC)
        assert due - datetime.now(UTC) > timedelta(days=POLICY.follow_up_days - 1)
        set_status(s, case, "resolved", POLICY)  # resolving twice schedules nothing more
        assert len(s.scalars(select(Task).where(Task.case_id == case.id)).all()) == 1


@pytest.mark.parametrize(
    ("role", "text_", "at", "field"),
    [
        ("robot", "hi", None, "role"),
        ("customer", "   ", None, "text"),
        ("customer", "hi", "yesterday", "at"),
    ],
)
def test_bad_messages_are_refused_with_the_field(
    store: Store, role: str, text_: str, at: str | None, field: str
) -> None:
    with store.session() as s:
        case = open_case(s)
        with pytest.raises(StoreError, match=f"^{field}:"):
            add_message(s, case, role, text_, POLICY, at=at)
    with pytest.raises(StoreError, match=r"^channel:"), store.session() as s:
        open_case(s, "fax")


def test_nul_bytes_never_break_the_database(store: Store) -> None:
    with store.session() as s:
        case = open_case(s)
        msg, _ = add_message(
            s, case, "customer", "Where is\x00 my parcel?", POLICY, author="a\x00b"
        )
        assert "\x00" not in msg.text and "\ufffd" in msg.text


def test_nul_in_a_subject_note_or_task_is_stored_not_a_500(store: Store) -> None:
    """Issue 13: NUL in subject, note or task gave 500 on PostgreSQL. Every text a row
    stores passes the session's before-flush cleaning, whichever path wrote it."""
    from datetime import UTC, datetime

    from calmline.store.models import Note, Task
    from calmline.store.service import add_note, add_task

    with store.session() as s:
        case = open_case(s, "email")
        case.subject = "Pakket\x00 kwijt"
        user = User(name="nul-tester", role="agent")
        s.add(user)
        s.flush()
        add_note(s, case, user, "Klant\x00 gebeld", None)
        add_task(s, case, user, "Terug\x00bellen", datetime(2026, 12, 8, tzinfo=UTC))
        case_id = case.id
    with store.session() as s:
        note = s.scalars(select(Note).where(Note.case_id == case_id)).one()
        task = s.scalars(select(Task).where(Task.case_id == case_id)).one()
        assert "\x00" not in note.text + task.title
        assert note.text == "Klant\ufffd gebeld"


def test_users_tokens_and_passwords(store: Store) -> None:
    from calmline.store.tokens import new_token, user_for_token
    from calmline.store.users import add_user, check_password

    with store.session() as s:
        user, token = add_user(s, "Kim", "agent", password="correct horse battery")
        assert user.password_hash and "correct" not in user.password_hash  # argon2, not plain
        assert check_password(user, "correct horse battery")
        assert not check_password(user, "wrong")
        other = new_token(s, user)
    with store.session() as s:
        found = user_for_token(s, token)
        assert found is not None and found.name == "Kim"
        assert user_for_token(s, other) is not None
        assert user_for_token(s, token + "x") is None
        with pytest.raises(StoreError, match=r"^name:"):
            add_user(s, "Kim", "agent")
        with pytest.raises(StoreError, match=r"^role:"):
            add_user(s, "Lee", "boss")


def test_one_customer_across_addresses(store: Store) -> None:
    from calmline.store.service import customer_for

    with store.session() as s:
        a = customer_for(s, "email", "Anna@Example.org", "Anna")
        b = customer_for(s, "email", "anna@example.org")
        c = customer_for(s, "social", "@anna_k")
        assert a is not None and b is not None and c is not None
        assert a.id == b.id and c.id != a.id
        assert customer_for(s, "phone", None) is None
        # blank addresses are no address: two strangers must not become one customer
        assert customer_for(s, "email", " ") is None and customer_for(s, "email", "\t") is None


def test_over_long_texts_are_cut_to_their_column_not_a_500(store: Store) -> None:
    """Issue 13: an over-long author or subject gave 500 on PostgreSQL (SQLite kept it)."""
    with store.session() as s:
        case = open_case(s, "email", "S" * 1000)
        msg, _ = add_message(s, case, "customer", "Waar is mijn pakket?", POLICY, author="A" * 999)
        case_id, msg_id = case.id, msg.id
    with store.session() as s:
        from calmline.store.models import Case as CaseRow

        assert len(s.get(CaseRow, case_id).subject) == 300  # type: ignore[union-attr]
        assert len(s.get(Message, msg_id).author or "") == 200  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("password", "ok"),
    [
        ("x", False),
        ("short-pass1", False),  # 11 characters
        ("Wachtwoord123", False),  # common, whatever the case
        ("pass word 1234", False),  # common once the spaces go
        ("aaaaaaaaaaaaaaaa", False),  # one character repeated
        ("blue-kettle-morning-7", True),
    ],
)
def test_one_password_policy_for_new_users_and_new_passwords(
    store: Store, password: str, ok: bool
) -> None:
    from calmline.store.users import add_user, set_password

    with store.session() as s:
        if ok:
            add_user(s, f"p{len(password)}", "agent", password=password)
            set_password(s, f"p{len(password)}", password + "!")
            return
        with pytest.raises(StoreError, match=r"^password:"):
            add_user(s, "weak", "agent", password=password)
        add_user(s, "weak2", "agent")  # no password: API-token-only users stay possible
        with pytest.raises(StoreError, match=r"^password:"):
            set_password(s, "weak2", password)


def test_a_new_password_ends_the_users_web_sessions(store: Store) -> None:
    from datetime import timedelta

    from calmline.store.models import WebSession, now
    from calmline.store.users import add_user, set_password

    with store.session() as s:
        user, _ = add_user(s, "sess", "agent", password="first-long-password")
        s.add(
            WebSession(
                token_hash="a" * 64,
                user_id=user.id,
                csrf="c",
                expires_at=now() + timedelta(hours=1),
            )
        )
    with store.session() as s:
        set_password(s, "sess", "second-long-password")
    with store.session() as s:
        assert s.scalars(select(WebSession).where(WebSession.token_hash == "a" * 64)).all() == []


def test_an_unknown_name_costs_a_full_password_check(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 13: sign-in took 183 ms for a real name and 3 ms for an unknown one, which told
    an attacker which names exist. Now an unknown name, a user without a password and a
    wrong password each run exactly one Argon2 verification (counted, not timed)."""
    from argon2 import PasswordHasher

    from calmline.store.users import add_user, check_password

    with store.session() as s:
        user, _ = add_user(s, "timed", "agent", password="a-long-enough-password")
        tokenonly, _ = add_user(s, "tokenonly", "agent")
    calls: list[str] = []
    real = PasswordHasher.verify

    def counting(self: PasswordHasher, hash: str, password: str) -> bool:
        calls.append(hash[:9])
        return real(self, hash, password)

    monkeypatch.setattr(PasswordHasher, "verify", counting)
    for who in (user, None, tokenonly):
        calls.clear()
        assert not check_password(who, "not the password")
        assert len(calls) == 1 and calls[0].startswith("$argon2")
    assert check_password(user, "a-long-enough-password")
