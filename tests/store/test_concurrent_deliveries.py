"""Issue 13: 20 parallel deliveries of one message and 10 different messages at once to a new
thread gave IntegrityError 500s on PostgreSQL and lost 9 messages. Now each delivery stores
its message exactly once, on SQLite and PostgreSQL."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from calmline.ingest.webhooks import Incoming, store_incoming
from calmline.protocol.policy import load_policy
from calmline.store.db import Store
from calmline.store.models import Case, Message

POLICY = load_policy()


def _deliver(store: Store, item: Incoming) -> dict[str, object]:
    return store_incoming(store, POLICY, "generic", [item])


def test_duplicate_deliveries_store_one_message(store: Store) -> None:
    item = Incoming(thread="dup-1", message_id="dup-1-m", role="customer", text="Waar is het?")
    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(lambda _: _deliver(store, item), range(20)))
    assert sum(int(r["stored"]) for r in results) == 1  # type: ignore[call-overload]
    assert sum(int(r["duplicates"]) for r in results) == 19  # type: ignore[call-overload]
    with store.session() as s:
        n = s.scalar(
            select(func.count()).select_from(Message).where(Message.external_id == "dup-1-m")
        )
    assert n == 1


def test_different_messages_at_once_to_a_new_thread_are_all_stored(store: Store) -> None:
    items = [
        Incoming(thread="new-1", message_id=f"new-1-{i}", role="customer", text=f"Bericht {i}")
        for i in range(10)
    ]
    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(lambda it: _deliver(store, it), items))
    assert all(int(r["stored"]) == 1 for r in results)  # type: ignore[call-overload]
    with store.session() as s:
        cases = s.scalars(select(Case).where(Case.external_key == "generic:new-1")).all()
        assert len(cases) == 1
        n = s.scalar(
            select(func.count()).select_from(Message).where(Message.case_id == cases[0].id)
        )
    assert n == 10
