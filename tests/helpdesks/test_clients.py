"""The four helpdesk clients against local stand-ins that speak each documented API.

For each helpdesk: a note is an internal note with the right body and authentication; tags
are added and the ticket's own kept; the priority is set in the helpdesk's own scale; a
429 or 5xx or no answer is retried (with the helpdesk's ``Retry-After``), bad credentials
and unknown tickets are not; a retry finds a note that was written and writes nothing."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from calmline.helpdesks import base
from calmline.helpdesks.base import (
    Connection,
    DeliveryError,
    Helpdesk,
    Kind,
    Priority,
    WriteBack,
    helpdesk_for,
)
from calmline.helpdesks.config import KINDS
from tests.helpdesks.fakes import FakeHelpdesk

CREDENTIALS = {
    "zendesk": {"email": "bot@example.com", "token": "zd-token"},
    "freshdesk": {"api_key": "fd-key"},
    "chatwoot": {"token": "cw-token"},
    "zammad": {"token": "zm-token"},
}
AUTH = {  # the header each helpdesk documents, for the credentials above
    "zendesk": (
        "authorization",
        "Basic " + base64.b64encode(b"bot@example.com/token:zd-token").decode(),
    ),
    "freshdesk": ("authorization", "Basic " + base64.b64encode(b"fd-key:X").decode()),
    "chatwoot": ("api_access_token", "cw-token"),
    "zammad": ("authorization", "Token token=zm-token"),
}
NOTE_CALL = {
    "zendesk": ("PUT", "/api/v2/tickets/101.json"),
    "freshdesk": ("POST", "/api/v2/tickets/101/notes"),
    "chatwoot": ("POST", "/api/v1/accounts/1/conversations/101/messages"),
    "zammad": ("POST", "/api/v1/ticket_articles"),
}
PRIORITIES: dict[str, dict[Priority, Any]] = {
    "zendesk": {"urgent": "urgent", "high": "high", "normal": "normal", "low": "low"},
    "freshdesk": {"urgent": 4, "high": 3, "normal": 2, "low": 1},
    "chatwoot": {"urgent": "urgent", "high": "high", "normal": "medium", "low": "low"},
    "zammad": {"urgent": "3 high", "high": "3 high", "normal": "2 normal", "low": "1 low"},
}
MARKER = "[calmline test:101:m-1]"
NOTE = WriteBack(
    "note",
    "101",
    note="calmline — heat 0.82 (rising)\nNext step: Name the emotion — the customer is angry",
    marker=MARKER,
)
TAGS = WriteBack("tags", "101", tags=("calmline-hot", "calmline-threat"), priority="urgent")


@pytest.fixture(params=KINDS)
def fake(request: pytest.FixtureRequest) -> Iterator[FakeHelpdesk]:
    with FakeHelpdesk(request.param, CREDENTIALS[request.param]) as server:
        yield server


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client() as c:
        yield c


def connect(
    fake: FakeHelpdesk, monkeypatch: pytest.MonkeyPatch, wrong: bool = False, **flags: Any
) -> Connection:
    """A policy connection to ``fake``, its credentials in environment variables."""
    names = {}
    for key, value in fake.credentials.items():
        var = f"CALMLINE_TEST_{fake.kind.upper()}_{key.upper()}"
        monkeypatch.setenv(var, "wrong" if wrong else value)
        names[key] = var
    account = flags.pop("account", "1" if fake.kind == "chatwoot" else None)
    return Connection(fake.kind, fake.url, credentials=names, account=account, **flags)


def desk(
    fake: FakeHelpdesk, monkeypatch: pytest.MonkeyPatch, client: httpx.Client, **kw: Any
) -> Helpdesk:
    return helpdesk_for(connect(fake, monkeypatch, **kw), client)


def refused(call: Any) -> DeliveryError:
    with pytest.raises(DeliveryError) as info:
        call()
    return info.value


def test_every_configurable_helpdesk_has_a_client() -> None:
    assert set(KINDS) <= set(Helpdesk.registry)


def test_a_note_is_internal_with_the_marker_and_the_documented_auth(
    fake: FakeHelpdesk, monkeypatch: pytest.MonkeyPatch, client: httpx.Client
) -> None:
    desk(fake, monkeypatch, client).deliver(NOTE)
    assert fake.notes["101"] == [f"{NOTE.note}\n{MARKER}"]
    assert not any(fake.public.values()), "calmline wrote something a customer sees"
    [write] = fake.writes()
    assert (write.method, write.path) == NOTE_CALL[fake.kind]
    header, value = AUTH[fake.kind]
    assert write.headers[header] == value
    if fake.kind == "zammad":
        assert write.body["content_type"] == "text/plain" and write.body["ticket_id"] == 101


def test_freshdesk_notes_are_escaped_html_with_line_breaks(
    monkeypatch: pytest.MonkeyPatch, client: httpx.Client
) -> None:
    item = WriteBack(
        "note", "101", note='He wrote: <script>alert("x")</script> & left', marker="[m]"
    )
    with FakeHelpdesk("freshdesk", CREDENTIALS["freshdesk"]) as fake:
        desk(fake, monkeypatch, client).deliver(item)
    [write] = fake.writes()
    assert write.body == {
        "body": 'He wrote: &lt;script&gt;alert("x")&lt;/script&gt; &amp; left<br>[m]',
        "private": True,
    }
    assert fake.notes["101"] == [f"{item.note}\n[m]"]


def test_tags_are_added_keeping_the_tickets_own_and_the_priority_set(
    fake: FakeHelpdesk, monkeypatch: pytest.MonkeyPatch, client: httpx.Client
) -> None:
    fake.tags["101"] = {"vip", "calmline-hot"}
    desk(fake, monkeypatch, client).deliver(TAGS)
    assert fake.tags["101"] == {"vip", "calmline-hot", "calmline-threat"}
    assert fake.priority["101"] == PRIORITIES[fake.kind]["urgent"]
    assert not fake.notes and not any(fake.public.values())


@pytest.mark.parametrize("priority", ["high", "normal", "low"])
def test_each_priority_in_the_helpdesks_own_scale(
    fake: FakeHelpdesk, monkeypatch: pytest.MonkeyPatch, client: httpx.Client, priority: Priority
) -> None:
    desk(fake, monkeypatch, client).deliver(WriteBack("tags", "102", priority=priority))
    assert fake.priority["102"] == PRIORITIES[fake.kind][priority]
    assert not fake.tags["102"]


def test_tags_already_there_and_flags_turned_off_write_nothing_they_should_not(
    fake: FakeHelpdesk, monkeypatch: pytest.MonkeyPatch, client: httpx.Client
) -> None:
    fake.tags["101"] = {"calmline-hot", "calmline-threat"}
    helpdesk = desk(fake, monkeypatch, client, write_priority=False)
    helpdesk.deliver(TAGS)
    assert "101" not in fake.priority
    assert fake.tags["101"] == {"calmline-hot", "calmline-threat"}
    if fake.kind in ("freshdesk", "chatwoot"):  # they replace the list: read, then skip
        assert fake.writes() == []
    desk(fake, monkeypatch, client, write_tags=False).deliver(
        WriteBack("tags", "102", tags=("calmline-hot",), priority="low")
    )
    assert not fake.tags["102"] and fake.priority["102"] == PRIORITIES[fake.kind]["low"]


def test_429_is_retried_after_the_helpdesks_wait_then_500_then_it_goes_through(
    fake: FakeHelpdesk, monkeypatch: pytest.MonkeyPatch, client: httpx.Client
) -> None:
    helpdesk = desk(fake, monkeypatch, client)
    fake.fail_next(429, retry_after=7)
    fake.fail_next(500)
    first = refused(lambda: helpdesk.deliver(NOTE))
    assert first.retry and first.retry_after == 7.0 and "429" in str(first)
    second = refused(lambda: helpdesk.deliver(NOTE, retrying=True))
    assert second.retry and second.retry_after is None and "500" in str(second)
    helpdesk.deliver(NOTE, retrying=True)
    assert fake.notes["101"] == [f"{NOTE.note}\n{MARKER}"]


@pytest.mark.parametrize("item", [NOTE, TAGS], ids=["note", "tags"])
def test_bad_credentials_are_not_retried(
    fake: FakeHelpdesk,
    monkeypatch: pytest.MonkeyPatch,
    client: httpx.Client,
    item: WriteBack,
) -> None:
    error = refused(lambda: desk(fake, monkeypatch, client, wrong=True).deliver(item))
    assert not error.retry and "401" in str(error) and "credentials" in str(error)
    fake.fail_next(403)
    error = refused(lambda: desk(fake, monkeypatch, client).deliver(item))
    assert not error.retry and "403" in str(error)
    assert not fake.notes and not fake.tags


@pytest.mark.parametrize("kind", ["note", "tags"])
def test_an_unknown_ticket_is_404_not_retried(
    fake: FakeHelpdesk, monkeypatch: pytest.MonkeyPatch, client: httpx.Client, kind: Kind
) -> None:
    item = WriteBack(kind, "999", note="x", marker="[m]", tags=("calmline-hot",), priority="high")
    error = refused(lambda: desk(fake, monkeypatch, client).deliver(item))
    assert not error.retry and "404" in str(error)


def test_a_helpdesk_that_is_down_is_retried_and_written_once_back(
    fake: FakeHelpdesk, monkeypatch: pytest.MonkeyPatch, client: httpx.Client
) -> None:
    helpdesk = desk(fake, monkeypatch, client)
    fake.stop()
    for item in (NOTE, TAGS):
        error = refused(lambda item=item: helpdesk.deliver(item))
        assert error.retry and "no answer" in str(error)
    fake.start()
    helpdesk.deliver(NOTE, retrying=True)
    helpdesk.deliver(TAGS)
    assert fake.notes["101"] == [f"{NOTE.note}\n{MARKER}"]
    assert {"calmline-hot", "calmline-threat"} <= fake.tags["101"]


def test_a_slow_helpdesk_is_a_retryable_timeout(
    fake: FakeHelpdesk, monkeypatch: pytest.MonkeyPatch, client: httpx.Client
) -> None:
    monkeypatch.setattr(base, "TIMEOUT", 0.2)
    fake.delay = 1.0
    error = refused(lambda: desk(fake, monkeypatch, client).deliver(NOTE))
    assert error.retry and "Timeout" in str(error)


def test_a_retry_finds_the_note_written_before_and_writes_nothing(
    fake: FakeHelpdesk, monkeypatch: pytest.MonkeyPatch, client: httpx.Client
) -> None:
    helpdesk = desk(fake, monkeypatch, client)
    helpdesk.deliver(NOTE)  # written, but say its answer was lost
    before = len(fake.writes())
    helpdesk.deliver(NOTE, retrying=True)
    assert len(fake.writes()) == before and len(fake.notes["101"]) == 1
    other = WriteBack("note", "101", note="a second reading", marker="[calmline test:101:m-2]")
    helpdesk.deliver(other, retrying=True)  # a retry of a note that never arrived: written
    assert fake.notes["101"][-1] == "a second reading\n[calmline test:101:m-2]"


def test_freshdesk_finds_the_marker_on_a_later_page(
    monkeypatch: pytest.MonkeyPatch, client: httpx.Client
) -> None:
    with FakeHelpdesk("freshdesk", CREDENTIALS["freshdesk"]) as fake:
        fake.notes["101"] = [f"note {i}" for i in range(150)] + [f"x\n{MARKER}"]
        desk(fake, monkeypatch, client).deliver(NOTE, retrying=True)
    assert fake.writes() == [] and len(fake.notes["101"]) == 151
    assert [r.query["page"] for r in fake.requests] == ["1", "2"]


def test_test_signs_in_and_says_as_whom(
    fake: FakeHelpdesk, monkeypatch: pytest.MonkeyPatch, client: httpx.Client
) -> None:
    said = desk(fake, monkeypatch, client).test()
    assert said.startswith("signed in as ") and "bot@example.com" in said
    assert fake.writes() == []
    error = refused(lambda: desk(fake, monkeypatch, client, wrong=True).test())
    assert not error.retry and "credentials" in str(error)


def test_chatwoot_test_refuses_an_account_the_token_is_not_in(
    monkeypatch: pytest.MonkeyPatch, client: httpx.Client
) -> None:
    with FakeHelpdesk("chatwoot", CREDENTIALS["chatwoot"]) as fake:
        error = refused(lambda: desk(fake, monkeypatch, client, account="2").test())
        assert not error.retry and "not a member of account 2" in str(error)
        error = refused(lambda: desk(fake, monkeypatch, client, account="../1").deliver(NOTE))
        assert not error.retry and "account" in str(error)
    assert fake.requests[1:] == []


def test_no_request_for_a_ticket_that_is_not_a_number_or_a_credential_not_set(
    fake: FakeHelpdesk, monkeypatch: pytest.MonkeyPatch, client: httpx.Client
) -> None:
    helpdesk = desk(fake, monkeypatch, client)
    for ticket in ("../users/me", "12?x=1", "", "١٢"):
        error = refused(lambda ticket=ticket: helpdesk.deliver(WriteBack("note", ticket, note="x")))
        assert not error.retry and "not a ticket number" in str(error)
    unset = Connection(fake.kind, fake.url, credentials={}, account="1")
    error = refused(lambda: helpdesk_for(unset, client).deliver(NOTE))
    assert not error.retry and "environment variable" in str(error)
    assert fake.requests == []
