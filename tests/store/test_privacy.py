"""Privacy on SQLite and PostgreSQL: a customer's export holds everything about them and
nothing about anyone else; erasure leaves no trace of their data in any table (counted and
dumped); retention removes only the finished cases older than the policy keeps."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from calmline.protocol.policy import Retention, load_policy
from calmline.settings import Settings
from calmline.store import privacy
from calmline.store.db import Store
from calmline.store.models import (
    Alert,
    AuditEntry,
    Base,
    Case,
    Customer,
    CustomerIdentity,
    Message,
    Note,
    Task,
    User,
    WebSession,
)
from calmline.store.privacy import (
    apply_retention,
    customer_counts,
    erase_customer,
    export_customer,
    retention_preview,
    run_retention,
)
from calmline.store.removal import checkpoint
from calmline.store.service import (
    NotAllowed,
    StoreError,
    add_message,
    add_note,
    add_task,
    customer_for,
    escalate,
    open_case,
    set_status,
)

POLICY = load_policy()
THREAT = "If my money is not here tomorrow I will come to your shop and beat up that salesman."
NOW = datetime.now(UTC)  # what the store stamps new rows with, too


@dataclass
class Person:
    """One seeded customer and what only they wrote (to look for after an erasure)."""

    customer_id: int
    case_ids: list[int]
    secrets: list[str]


def _user(s: Session, name: str, role: str) -> User:
    user = User(name=name, role=role)
    s.add(user)
    s.flush()
    return user


def _person(store: Store, tag: str, agent_name: str) -> Person:
    """A customer with two identities and two cases: a threat (alerts), an agent reply, a
    note, a task, an escalation with a reason, and a resolved case with its follow-up."""
    name, email, phone = f"{tag} Quillfeather", f"{tag.lower()}.q@example.org", f"+31 6 {tag}"
    words = [f"{tag}-marker-message", f"{tag}-marker-note", f"{tag}-marker-reason"]
    with store.session() as s:
        agent = s.scalar(select(User).where(User.name == agent_name)) or _user(
            s, agent_name, "agent"
        )
        customer = customer_for(s, "email", email, name)
        assert customer is not None
        s.add(CustomerIdentity(customer_id=customer.id, kind="phone", value=phone))
        first = open_case(s, "email", f"{tag} late parcel", agent)
        second = open_case(s, "chat", f"{tag} question", agent)
        for case in (first, second):
            case.customer_id = customer.id
        add_message(s, first, "customer", f"{THREAT} {words[0]}", POLICY, author=name)
        add_message(s, first, "agent", f"I hear you, {name}.", POLICY, user=agent)
        add_note(s, first, agent, words[1], {"receipt": True})
        add_task(s, first, agent, f"Call {name} back", NOW + timedelta(days=1))
        escalate(s, first, agent, words[2])
        add_message(s, second, "customer", f"Where is my invoice, {email}?", POLICY)
        set_status(s, second, "resolved", POLICY, agent)
        return Person(customer.id, [first.id, second.id], [name, email, phone, *words])


def _counts(store: Store) -> dict[str, int]:
    with store.session() as s:
        return {
            t.name: int(s.scalar(select(func.count()).select_from(t)) or 0)
            for t in Base.metadata.sorted_tables
        }


def _dump(store: Store) -> str:
    """Every row of every table as text: where a trace of personal data would show."""
    with store.session() as s:
        rows = [
            repr(tuple(row))
            for t in Base.metadata.sorted_tables
            for row in s.execute(select(t)).all()
        ]
    return json.dumps(rows, ensure_ascii=False, default=str)


def test_export_holds_everything_about_the_customer_and_nothing_else(store: Store) -> None:
    alice = _person(store, "Alice", "ann")
    bob = _person(store, "Bob", "ann")
    with store.session() as s:
        data = export_customer(s, alice.customer_id)
        cases = alice.case_ids
        messages = set(s.scalars(select(Message.id).where(Message.case_id.in_(cases))))
        notes = set(s.scalars(select(Note.id).where(Note.case_id.in_(cases))))
        tasks = set(s.scalars(select(Task.id).where(Task.case_id.in_(cases))))
        alerts = set(s.scalars(select(Alert.id).where(Alert.case_id.in_(cases))))
        case_audit = set(
            s.scalars(
                select(AuditEntry.id).where(
                    AuditEntry.entity == "case", AuditEntry.entity_id.in_(cases)
                )
            )
        )
    text_out = json.dumps(data, ensure_ascii=False)  # JSON-serialisable as it is
    assert list(data) == ["format", "version", "exported_at", "customer", "cases", "audit"]
    assert data["customer"]["name"] == "Alice Quillfeather"
    assert {i["kind"] for i in data["customer"]["identities"]} == {"email", "phone"}
    assert [c["id"] for c in data["cases"]] == sorted(cases)
    got = {k: {x["id"] for c in data["cases"] for x in c[k]} for k in ("messages", "notes")}
    assert got["messages"] == messages and len(messages) == 3
    assert got["notes"] == notes
    assert {x["id"] for c in data["cases"] for x in c["tasks"]} == tasks and len(tasks) == 2
    assert {x["id"] for c in data["cases"] for x in c["alerts"]} == alerts and alerts
    assert case_audit <= {e["id"] for e in data["audit"]}
    message = data["cases"][0]["messages"][0]
    assert list(message) == [
        "id",
        "role",
        "text",
        "at",
        "author",
        "channel",
        "source",
        "external_id",
        "analysis",
        "attachments",
        "raw",
        "parse_error",
    ]
    assert message["at"].endswith("+00:00") and message["analysis"]["language"]["code"] == "en"
    for secret in alice.secrets:
        assert secret in text_out, secret
    for secret in bob.secrets:
        assert secret not in text_out, secret
    with store.session() as s:  # the export itself is in the audit log
        assert s.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == "export_customer")
        )


def test_export_and_erase_refuse_unknown_customers_and_non_admins(store: Store) -> None:
    alice = _person(store, "Alice", "ann")
    with store.session() as s:
        with pytest.raises(StoreError, match=r"^customer: no customer 999999$"):
            export_customer(s, 999_999)
        with pytest.raises(StoreError, match=r"^customer: no customer 999999$"):
            erase_customer(s, 999_999)
        agent = s.scalar(select(User).where(User.name == "ann"))
        supervisor = _user(s, "sue", "supervisor")
        for user in (agent, supervisor):
            with pytest.raises(NotAllowed):
                export_customer(s, alice.customer_id, user)
            with pytest.raises(NotAllowed):
                erase_customer(s, alice.customer_id, user)
        admin = _user(s, "ada", "admin")
        assert export_customer(s, alice.customer_id, admin)["customer"]["id"] == alice.customer_id


def test_erase_removes_every_row_and_trace_and_keeps_the_other_customer(
    store: Store, tmp_path: Path
) -> None:
    alice = _person(store, "Alice", "ann")
    bob = _person(store, "Bob", "ann")
    bob_export = _export_without_audit(store, bob.customer_id)
    before = _counts(store)
    with store.session() as s:
        preview = customer_counts(s, alice.customer_id)
        admin = _user(s, "ada", "admin")
    with store.session() as s:
        counts = erase_customer(s, alice.customer_id, admin)
    assert counts == preview
    after = _counts(store)
    removed = {t: before[t] - after[t] for t in before}
    assert removed["customers"] == counts.customers == 1
    assert removed["customer_identities"] == counts.identities == 2
    assert removed["cases"] == counts.cases == 2
    assert removed["messages"] == counts.messages == 3
    assert removed["notes"] == counts.notes == 1
    assert removed["tasks"] == counts.tasks == 2  # the own-it task and the follow-up
    assert removed["alerts"] == counts.alerts >= 2  # the threat and the escalation
    assert removed["audit_log"] == -1  # one entry added: the erasure
    assert removed["users"] == -1  # the admin made above
    assert all(n == 0 for t, n in removed.items() if t not in _ERASED_TABLES)
    dump = _dump(store)
    for secret in alice.secrets:
        assert secret not in dump, secret
    for secret in bob.secrets:
        assert secret in dump, secret
    assert _export_without_audit(store, bob.customer_id) == bob_export
    with store.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "erase_customer")).one()
        assert entry.entity == "customer" and entry.entity_id == alice.customer_id
        assert entry.detail is not None and all(isinstance(v, int) for v in entry.detail.values())
        assert entry.detail["messages"] == 3 and entry.user_id == admin.id
        scrubbed = s.scalars(
            select(AuditEntry).where(
                AuditEntry.entity == "case", AuditEntry.entity_id.in_(alice.case_ids)
            )
        ).all()
        assert scrubbed and all(e.detail == {"erased": True} for e in scrubbed)
        assert {"open", "escalate", "add_message"} <= {e.action for e in scrubbed}
        with pytest.raises(StoreError, match="no customer"):
            export_customer(s, alice.customer_id)


_ERASED_TABLES = {
    "customers",
    "customer_identities",
    "cases",
    "messages",
    "notes",
    "tasks",
    "alerts",
    "audit_log",
    "users",
}


def _export_without_audit(store: Store, customer_id: int) -> dict[str, object]:
    with store.session() as s:
        data = export_customer(s, customer_id)
    data.pop("exported_at")
    data.pop("audit")
    return data


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    """SQLite only: PostgreSQL keeps dead rows until VACUUM (documented in docs/store.md)."""
    s = Store(Settings(data_dir=tmp_path / "data"))
    yield s
    s.close()


def test_erasure_leaves_no_copy_in_the_sqlite_files(sqlite_store: Store) -> None:
    """With ``secure_delete`` on (every SQLite connection of the store turns it on) and
    the log checkpointed, the erased texts are in neither the database file nor its log."""
    store = sqlite_store
    alice = _person(store, "Alice", "ann")
    _person(store, "Bob", "ann")
    assert checkpoint(store.engine)  # the rows now lie in the database file itself
    db = store.settings.data_dir / "calmline.db"
    assert b"Alice-marker-message" in db.read_bytes()
    with store.session() as s:
        erase_customer(s, alice.customer_id)
    assert checkpoint(store.engine)
    files = list(store.settings.data_dir.glob("calmline.db*"))
    assert files
    for f in files:
        content = f.read_bytes()
        for secret in ("Alice-marker-message", "Alice-marker-note", "alice.q@example.org"):
            assert secret.encode() not in content, (f.name, secret)
    assert b"Bob-marker-message" in db.read_bytes()


def _case(store: Store, status: str, days_ago: float, customer: str | None = None) -> int:
    """A case of ``customer`` last changed ``days_ago`` days before NOW, with a message."""
    with store.session() as s:
        case = open_case(s, "email", f"{status} {days_ago}")
        if customer is not None:
            found = customer_for(s, "email", customer, customer)
            case.customer_id = found.id if found else None
        add_message(s, case, "customer", f"Parcel late ({status}, {days_ago} days)", POLICY)
        add_note(s, case, _user(s, f"u-{uuid.uuid4().hex[:8]}", "agent"), "checked", None)
        if status == "resolved":
            set_status(s, case, "resolved", POLICY, at=NOW - timedelta(days=days_ago))
        case.status = status
        case.updated_at = NOW - timedelta(days=days_ago)
        return case.id


def _session(store: Store, expires: datetime) -> None:
    with store.session() as s:
        user = _user(s, f"web-{uuid.uuid4().hex[:8]}", "agent")
        token = uuid.uuid4().hex * 2
        s.add(WebSession(token_hash=token, user_id=user.id, csrf="x", expires_at=expires))


def test_retention_removes_only_finished_cases_past_the_policy(store: Store) -> None:
    old_closed_alone = _case(store, "closed", 40, "gone@example.org")
    old_closed_shared = _case(store, "closed", 45, "stays@example.org")
    recent_closed = _case(store, "closed", 10, "stays@example.org")
    old_open = _case(store, "open", 100, "open@example.org")
    old_waiting = _case(store, "waiting", 100)
    old_resolved = _case(store, "resolved", 50)
    _session(store, NOW - timedelta(hours=1))
    _session(store, NOW + timedelta(hours=1))
    with store.session() as s:  # the default keeps everything but expired sessions
        assert apply_retention(s, POLICY, NOW).as_dict() == {
            **dict.fromkeys(
                (
                    "customers",
                    "identities",
                    "cases",
                    "messages",
                    "notes",
                    "tasks",
                    "alerts",
                    "audit_scrubbed",
                ),
                0,
            ),
            "sessions": 1,
        }
    _session(store, NOW - timedelta(minutes=5))
    policy = replace(POLICY, retention=Retention(closed_case_days=30))
    with store.session() as s:
        preview = retention_preview(s, policy, NOW)
    with store.session() as s:
        counts = apply_retention(s, policy, NOW)
    assert counts == preview
    assert counts.cases == 2 and counts.messages == 2 and counts.notes == 2
    assert counts.customers == 1 and counts.identities == 1 and counts.sessions == 1
    with store.session() as s:
        left = set(s.scalars(select(Case.id)))
        customers = set(s.scalars(select(CustomerIdentity.value)))
        assert s.scalar(select(func.count()).select_from(WebSession)) == 1
        entry = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "retention").order_by(AuditEntry.id)
        ).all()[-1]
        assert entry.detail == counts.as_dict()
    assert old_closed_alone not in left and old_closed_shared not in left
    assert {recent_closed, old_open, old_waiting, old_resolved} <= left
    assert customers == {"stays@example.org", "open@example.org"}
    both = replace(POLICY, retention=Retention(closed_case_days=5, resolved_case_days=30))
    total = run_retention(store, lambda _s: both, NOW, batch=1)  # one case per transaction
    assert total.cases == 2 and total.customers == 1
    with store.session() as s:
        assert set(s.scalars(select(Case.id))) == {old_open, old_waiting}
        assert set(s.scalars(select(Customer.id))) == set(
            s.scalars(select(Case.customer_id).where(Case.customer_id.is_not(None)))
        )
        batches = s.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "retention")
        )
        assert batches == 4  # the two runs above, then one entry per batch that removed


def test_retention_works_in_chunks_and_honours_its_limit(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ids are bound a chunk at a time (SQLite limits parameters per statement), all in
    the caller's transaction; ``limit`` caps one call."""
    monkeypatch.setattr(privacy, "RETENTION_BATCH", 2)
    ids = [_case(store, "closed", 40 + i, f"c{i}@example.org") for i in range(5)]
    policy = replace(POLICY, retention=Retention(closed_case_days=30))
    with store.session() as s:
        assert apply_retention(s, policy, NOW, limit=1).cases == 1
    with store.session() as s:
        counts = apply_retention(s, policy, NOW)
        assert (counts.cases, counts.customers, counts.messages) == (4, 4, 4)
        assert not set(s.scalars(select(Case.id))) & set(ids)
        actions = list(s.scalars(select(AuditEntry.action).where(AuditEntry.entity == "store")))
        assert actions == ["retention", "retention"]  # one per call, not per chunk
