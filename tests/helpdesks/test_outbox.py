"""Issue 14: the outbox, against real HTTP servers that speak each helpdesk's API, on
SQLite and PostgreSQL. A webhook's message is stored with its write-back; the worker writes
the note, tags and priority once; 429 then 500 are retried (never before Retry-After); a
helpdesk that is down loses nothing; a duplicate webhook writes no second note; bad
credentials fail the item with the reason, and retry puts it back; each ticket's writes
arrive in order."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from calmline.helpdesks.outbox import OutboxWorker, retry
from calmline.ingest.webhooks import Incoming, store_incoming
from calmline.protocol.policy import Policy, default_path, parse_policy
from calmline.store.db import Store
from calmline.store.models import OutboxItem, aware, now
from tests.helpdesks.fakes import FakeHelpdesk

CREDENTIALS = {
    "zendesk": {"email": "bot@example.com", "token": "zd-token"},
    "freshdesk": {"api_key": "fd-key"},
    "chatwoot": {"token": "cw-token"},
    "zammad": {"token": "zm-token"},
}
HOT = (
    "Dit is al de derde keer!! Mijn bestelling 55120 is weer te laat en ik ben woedend. "
    "Ik wil mijn geld terug."
)


def policy_for(kind: str, url: str, monkeypatch: pytest.MonkeyPatch, wrong: bool = False) -> Policy:
    names = {}
    for key, value in CREDENTIALS[kind].items():
        var = f"CALMLINE_TEST_{kind.upper()}_{key.upper()}"
        monkeypatch.setenv(var, "wrong" if wrong else value)
        names[key] = var
    creds = ", ".join(f'{k} = "{v}"' for k, v in names.items())
    extra = 'account = "1"\n' if kind == "chatwoot" else ""
    text = default_path().read_text("utf-8") + (
        f'\n[helpdesks.{kind}]\nbase_url = "{url}"\ncredentials = {{ {creds} }}\n{extra}'
    )
    return parse_policy(text, "test policy")


@pytest.fixture(params=["zendesk", "freshdesk", "chatwoot", "zammad"])
def fake(request: pytest.FixtureRequest) -> Iterator[FakeHelpdesk]:
    with FakeHelpdesk(request.param, CREDENTIALS[request.param]) as f:
        yield f


def deliver(store: Store, policy: Policy, rounds: int = 1) -> None:
    worker = OutboxWorker(store, lambda: policy, parallel=4)
    for _ in range(rounds):
        worker.run_once()


def time_passes(store: Store) -> None:
    """Every waiting item is due now (instead of sleeping through the back-off)."""
    with store.session() as s:
        s.execute(update(OutboxItem).where(OutboxItem.status == "pending").values(next_at=now()))


def message(kind: str, mid: str, text: str = HOT, ticket: str = "101") -> Incoming:
    return Incoming(thread=ticket, message_id=mid, role="customer", text=text, name="Daan")


def items(store: Store) -> list[OutboxItem]:
    with store.read() as s:
        return list(s.scalars(select(OutboxItem).order_by(OutboxItem.id)))


def test_a_message_is_written_back_once_with_note_tags_and_priority(
    store: Store, fake: FakeHelpdesk, monkeypatch: pytest.MonkeyPatch
) -> None:
    policy = policy_for(fake.kind, fake.url, monkeypatch)
    store_incoming(store, policy, fake.kind, [message(fake.kind, "m1")])
    assert [i.kind for i in items(store)] == ["note", "tags"]
    deliver(store, policy)
    assert [i.status for i in items(store)] == ["delivered", "pending"]  # one at a time
    deliver(store, policy)
    assert [i.status for i in items(store)] == ["delivered", "delivered"]
    assert len(fake.notes["101"]) == 1
    note = fake.notes["101"][0]
    assert note.startswith("calmline — heat")
    assert "Wants: refund" in note and "order number “55120”" in note  # facts with their words
    assert "Ready sentence (nl): " in note
    assert "[calmline " in note  # the marker a retry looks for
    assert "calmline-hot" in fake.tags["101"]
    assert fake.priority.get("101") is not None
    assert fake.public["101"] == []  # never a public reply

    # the same webhook again: a duplicate message, nothing new to write
    store_incoming(store, policy, fake.kind, [message(fake.kind, "m1")])
    deliver(store, policy)
    assert len(items(store)) == 2 and len(fake.notes["101"]) == 1


def test_429_then_500_is_delivered_once_after_retry_after(
    store: Store, fake: FakeHelpdesk, monkeypatch: pytest.MonkeyPatch
) -> None:
    policy = policy_for(fake.kind, fake.url, monkeypatch)
    fake.fail_next(429, retry_after=30)
    fake.fail_next(500)
    store_incoming(store, policy, fake.kind, [message(fake.kind, "m1")])
    before = now()
    deliver(store, policy)
    note = items(store)[0]
    assert note.status == "pending" and note.attempts == 1 and "429" in (note.last_error or "")
    assert aware(note.next_at) >= before + timedelta(seconds=29)  # not before Retry-After
    deliver(store, policy)  # nothing is due yet: the helpdesk is left alone
    assert fake.notes["101"] == []
    time_passes(store)
    deliver(store, policy)
    note = items(store)[0]
    assert note.status == "pending" and "500" in (note.last_error or "")
    time_passes(store)
    deliver(store, policy, rounds=2)  # the note, then the ticket's tags behind it
    assert [i.status for i in items(store)] == ["delivered", "delivered"]
    assert len(fake.notes["101"]) == 1


def test_a_helpdesk_that_is_down_loses_nothing(
    store: Store, fake: FakeHelpdesk, monkeypatch: pytest.MonkeyPatch
) -> None:
    policy = policy_for(fake.kind, fake.url, monkeypatch)
    fake.stop()
    store_incoming(store, policy, fake.kind, [message(fake.kind, "m1")])
    deliver(store, policy)
    assert items(store)[0].status == "pending"
    fake.start()  # back, on the same port
    time_passes(store)
    deliver(store, policy, rounds=2)
    assert [i.status for i in items(store)] == ["delivered", "delivered"]
    assert len(fake.notes["101"]) == 1


def test_bad_credentials_fail_with_the_reason_and_retry_puts_it_back(
    store: Store, fake: FakeHelpdesk, monkeypatch: pytest.MonkeyPatch
) -> None:
    policy = policy_for(fake.kind, fake.url, monkeypatch, wrong=True)
    store_incoming(store, policy, fake.kind, [message(fake.kind, "m1")])
    deliver(store, policy)
    first = items(store)[0]
    assert first.status == "failed" and "credentials" in (first.last_error or "")
    assert fake.notes["101"] == []
    good = policy_for(fake.kind, fake.url, monkeypatch)
    with store.session() as s:
        assert retry(s, first.id) == 1
    deliver(store, good, rounds=2)
    assert [i.status for i in items(store)] == ["delivered", "delivered"]


def test_each_tickets_writes_arrive_in_order(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    with FakeHelpdesk("zendesk", CREDENTIALS["zendesk"]) as fake:
        policy = policy_for("zendesk", fake.url, monkeypatch)
        texts = [f"Bericht {i}: waar blijft bestelling 7781? Ik wacht al dagen!" for i in range(3)]
        fake.fail_next(503, retry_after=1)
        for i, text in enumerate(texts):
            store_incoming(store, policy, "zendesk", [message("zendesk", f"m{i}", text)])
        for _ in range(8):
            deliver(store, policy)
            time_passes(store)
        assert all(i.status == "delivered" for i in items(store))
        markers = [re.search(r"zendesk:101:(m\d)", n) for n in fake.notes["101"]]
        assert [m.group(1) if m else None for m in markers] == ["m0", "m1", "m2"]


def test_no_write_back_without_a_configured_helpdesk(store: Store) -> None:
    policy = parse_policy(default_path().read_text("utf-8"), "default")
    store_incoming(store, policy, "zendesk", [message("zendesk", "m1")])
    assert items(store) == []


def test_a_violent_threat_is_a_tag_and_a_note_naming_the_safety_rule(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    with FakeHelpdesk("zammad", CREDENTIALS["zammad"]) as fake:
        policy = policy_for("zammad", fake.url, monkeypatch)
        threat = "Als ik morgen mijn geld niet heb, kom ik langs en sla ik je kantoor kapot."
        store_incoming(store, policy, "zammad", [message("zammad", "t1", threat)])
        deliver(store, policy, rounds=2)
        assert "calmline-violence" in fake.tags["101"]
        assert fake.priority["101"] == "3 high"  # Zammad's highest default priority
        assert fake.notes["101"][0].splitlines()[1].startswith("SAFETY: a violent threat")
        assert fake.public["101"] == []


def test_the_note_links_to_the_cases_sidebar_when_the_address_is_known(
    store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from calmline.web.embed_links import verify

    monkeypatch.setenv("CALMLINE_PUBLIC_URL", "https://calmline.example")
    monkeypatch.setenv("CALMLINE_DATA_DIR", str(tmp_path / "secret"))
    with FakeHelpdesk("freshdesk", CREDENTIALS["freshdesk"]) as fake:
        policy = policy_for("freshdesk", fake.url, monkeypatch)
        store_incoming(store, policy, "freshdesk", [message("freshdesk", "l1")])
        deliver(store, policy)
        note = fake.notes["101"][0]
        found = re.search(r"https://calmline\.example/embed/case/(\d+)\?t=(\S+)", note)
        assert found is not None
        assert verify(found.group(2)).case_id == int(found.group(1)) == items(store)[0].case_id
