"""Issue 13, "nothing lost, nothing leaked": generated deliveries to every webhook source.

Each property posts what Hypothesis generates to the ASGI app in process (httpx's
``ASGITransport`` hands the raw header bytes through, as uvicorn does; Starlette's
``TestClient`` would re-encode a non-ASCII header as UTF-8) and holds for every answer:

- never a 5xx, never an exception out of the app (the transport re-raises it: a traceback);
- a 2xx stored exactly the messages the payload carries, each one read back from the store
  with the payload's text; a delivery that carries a message is never accepted and dropped;
- a 4xx is the one error shape ``{"detail": [{"field": …, "message": …}]}`` and stores nothing.

Payloads: arbitrary JSON values, each source's real payload (``tests/data/webhooks``) with
fields replaced by values of any type or removed, raw bytes (invalid UTF-8, truncated JSON,
deep nesting, huge numbers), random signature headers and validly signed odd timestamps.
"""

from __future__ import annotations

import asyncio
import base64
import copy
import hashlib
import hmac
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from hypothesis import HealthCheck, currently_in_test_context, event, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from calmline.api.app import create_app
from calmline.ingest.mail import readable
from calmline.settings import Settings
from calmline.store.db import Store
from calmline.store.models import Case, Message
from tests.api.conftest import WEBHOOK_SECRETS

SOURCES = ["generic", "zendesk", "chatwoot", "freshdesk", "zammad"]
HOOKS = Path(__file__).resolve().parents[1] / "data" / "webhooks"
GOOD = {source: json.loads((HOOKS / f"{source}.json").read_bytes()) for source in SOURCES}
TOLERANCE = 300  # CALMLINE_WEBHOOK_TOLERANCE's default

FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- the app, in process ------------------------------------------------------------------


@dataclass
class Hook:
    app: FastAPI
    store: Store


@pytest.fixture(scope="module")
def hook(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hook]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("webhook-fuzz"),
        database_url=None,
        webhook_secrets=WEBHOOK_SECRETS,
        webhook_tolerance=TOLERANCE,
        body_limit=200_000,
    )
    app = create_app(settings)
    yield Hook(app, app.state.store)
    app.state.store.close()


def _post(
    app: FastAPI, source: str, body: bytes, headers: list[tuple[bytes, bytes]]
) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)  # re-raises what the app does not handle
        async with httpx.AsyncClient(transport=transport, base_url="http://calmline.test") as c:
            return await c.post(
                f"/api/webhooks/{source}",
                content=body,
                headers=[(b"content-type", b"application/json"), *headers],
            )

    return asyncio.run(go())


def _signed(source: str, body: bytes, stamp: bytes | None = None) -> list[tuple[bytes, bytes]]:
    """The headers the helpdesk would send, over the raw bytes of the body and the stamp."""
    key = WEBHOOK_SECRETS[source].encode()
    if source == "zendesk":
        stamp = (
            datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ").encode() if stamp is None else stamp
        )
        mac = base64.b64encode(hmac.new(key, stamp + body, hashlib.sha256).digest())
        return [
            (b"x-zendesk-webhook-signature", mac),
            (b"x-zendesk-webhook-signature-timestamp", stamp),
        ]
    if source == "chatwoot":
        stamp = str(int(time.time())).encode() if stamp is None else stamp
        mac = hmac.new(key, stamp + b"." + body, hashlib.sha256).hexdigest().encode()
        return [(b"x-chatwoot-signature", b"sha256=" + mac), (b"x-chatwoot-timestamp", stamp)]
    if source == "zammad":
        return [
            (b"x-hub-signature", b"sha1=" + hmac.new(key, body, hashlib.sha1).hexdigest().encode())
        ]
    mac = hmac.new(key, body, hashlib.sha256).hexdigest().encode()
    return [(b"x-calmline-signature", b"sha256=" + mac)]


# --- the oracle: what a payload carries, written from the helpdesks' formats ---------------


def _storable(value: Any) -> Any:
    """A decoded payload as it may be stored: no NUL, no lone surrogate (each a U+FFFD)."""
    if isinstance(value, str):
        text = value.replace("\x00", "")
        return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    if isinstance(value, dict):
        return {_storable(k): _storable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_storable(v) for v in value]
    return value


def _at(node: Any, *path: str) -> Any:
    for part in path:
        node = node.get(part) if isinstance(node, dict) else None
    return node


def carried(source: str, payload: Any) -> tuple[int, Any]:
    """How many messages ``payload`` carries for ``source`` (0 or 1) and the text of it."""
    if not isinstance(payload, dict):
        return 0, None
    if source == "generic":
        return 1, payload.get("text")
    if source == "zendesk":
        if payload.get("type") != "zen:event-type:ticket.comment_added":
            return 0, None  # ticket updates without a comment
        if _at(payload, "event", "comment", "is_public") is False:
            return 0, None  # internal notes
        return 1, _at(payload, "event", "comment", "body")
    if source == "chatwoot":
        if payload.get("event") != "message_created" or payload.get("message_type") not in (
            "incoming",
            "outgoing",
        ):
            return 0, None  # other events, templates and activity notes
        if payload.get("private") is True:
            return 0, None  # private notes
        return 1, payload.get("content")
    if source == "zammad":
        article = payload.get("article")
        if article is None or article == {} or _at(article, "internal") is True:
            return 0, None  # ticket changes without an article, internal notes
        body, kind = _at(article, "body"), _at(article, "content_type")
        if isinstance(body, str) and isinstance(kind, str) and kind.lower().startswith("text/html"):
            return 1, readable(body)  # HTML as text, the way e-mail bodies are read
        return 1, body
    hook = payload.get("freshdesk_webhook")
    return 1, _at(hook, "ticket_latest_public_comment") or _at(hook, "ticket_description")


def _count(store: Store, source: str) -> int:
    with store.session() as s:
        return s.scalar(select(func.count(Message.id)).where(Message.source == source)) or 0


def check(
    hook: Hook,
    source: str,
    body: bytes,
    headers: list[tuple[bytes, bytes]],
    payload: Any = None,
) -> httpx.Response:
    """Post one delivery and check the properties; ``payload``: the decoded body if known."""
    before = _count(hook.store, source)
    r = _post(hook.app, source, body, headers)
    after = _count(hook.store, source)
    if currently_in_test_context():  # --hypothesis-show-statistics
        event(f"{r.status_code}, stored {after - before}")
    assert r.status_code < 500, r.text
    assert "Traceback" not in r.text
    if r.status_code >= 300:
        assert 400 <= r.status_code < 500, r.status_code
        assert after == before, "a refused delivery stored something"
        shape = r.json()
        assert list(shape) == ["detail"] and isinstance(shape["detail"], list), shape
        assert shape["detail"], shape
        for item in shape["detail"]:
            assert sorted(item) == ["field", "message"], shape
            assert isinstance(item["field"], str) and item["field"], shape
            assert isinstance(item["message"], str), shape
        return r
    out = r.json()
    assert sorted(out) == ["cases", "duplicates", "stored"], out
    assert after - before == out["stored"], (out, before, after)
    n = out["stored"] + out["duplicates"]
    assert len(out["cases"]) == n
    if payload is not None:
        want, text = carried(source, _storable(payload))
        assert n == want, f"{source} carried {want} message(s), {n} accounted for: {out}"
    with hook.store.session() as s:
        for case_id in out["cases"]:
            found = s.scalar(
                select(func.count(Message.id)).where(
                    Message.case_id == case_id, Message.source == source
                )
            )
            assert found, f"case {case_id} has no {source} message"
        if out["stored"]:
            newest = s.scalars(
                select(Message).where(Message.source == source).order_by(Message.id.desc())
            ).first()
            assert newest is not None and newest.case_id == out["cases"][-1]
            assert newest.parse_error is None and newest.text.strip()
            if payload is not None:
                assert newest.text == text, (newest.text, text)
    return r


# --- strategies ----------------------------------------------------------------------------

ODD = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\ud800",
    "x\udfffy",
    "\u202eevil",
    "\u2028",
    "😡😡",
    "ﬀ",
    "é",
    "²",
    "Ω" * 300,
    "customer",
    "agent",
    "incoming",
    "outgoing",
    "message_created",
    "zen:event-type:ticket.comment_added",
    "2026-03-04T10:15:00Z",
    "2026-03-04 10:15:00 UTC",
    "9999-12-31T23:59:59-14:00",
    "0001-01-01T00:00:00+14:00",
    "Channel::WebWidget",
    "Waar is mijn pakket?",
]
KEYS = [
    "thread",
    "message_id",
    "text",
    "role",
    "at",
    "channel",
    "subject",
    "customer",
    "email",
    "name",
    "type",
    "event",
    "comment",
    "detail",
    "id",
    "body",
    "author",
    "is_staff",
    "time",
    "message_type",
    "content",
    "created_at",
    "conversation",
    "sender",
    "freshdesk_webhook",
    "ticket_id",
    "ticket_description",
    "ticket_latest_public_comment",
    "ticket_latest_public_comment_id",
    "ticket_subject",
    "ticket_contact_email",
    "ticket_contact_name",
    "ticket",
    "article",
    "internal",
    "sender",
    "content_type",
    "from",
    "title",
    "firstname",
    "lastname",
]

texts = st.one_of(
    st.text(st.characters(exclude_categories=()), max_size=30),
    st.sampled_from(ODD),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63),
    st.integers(min_value=-(10**45), max_value=10**45),  # ids beyond MAX_INT_DIGITS too
    st.floats(),  # NaN and ±Infinity, written as JSON's forbidden tokens
    texts,
)
keys = st.one_of(st.sampled_from(KEYS), texts)
json_values = st.recursive(
    scalars,
    lambda kids: st.one_of(st.lists(kids, max_size=4), st.dictionaries(keys, kids, max_size=5)),
    max_leaves=12,
)


def _dumps(value: Any, ascii_only: bool) -> bytes:
    """JSON text as a helpdesk might write it; a lone surrogate written raw (``ascii_only``
    false) gives bytes that are not UTF-8, which the server must refuse, not crash on."""
    return json.dumps(value, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield (*prefix, k)
            yield from _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield (*prefix, i)
            yield from _paths(v, (*prefix, i))


ID_PATHS: dict[str, list[tuple[str, ...]]] = {
    "generic": [("thread",), ("message_id",)],
    "zendesk": [("detail", "id"), ("event", "comment", "id")],
    "chatwoot": [("id",), ("conversation", "id")],
    "freshdesk": [("freshdesk_webhook", "ticket_id")],
    "zammad": [("ticket", "id"), ("article", "id")],
}
DELETE = object()


def _set(node: Any, path: tuple[Any, ...], value: Any) -> None:
    for part in path[:-1]:
        node = node[part]
    if value is DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = value


@st.composite
def mutated(draw: st.DrawFn, source: str) -> Any:
    """The source's real payload with fresh ids (so that it is stored, not a duplicate)
    and up to three of its fields replaced by a value of any type, or removed."""
    payload = copy.deepcopy(GOOD[source])
    for path in ID_PATHS[source]:
        fresh = draw(st.one_of(st.integers(0, 10**12), st.text(min_size=1, max_size=12)))
        _set(payload, path, fresh)
    for _ in range(draw(st.integers(0, 3))):
        paths = list(_paths(payload))
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        _set(payload, path, draw(st.one_of(st.just(DELETE), json_values)))
    return payload


def _raw_bodies(source: str) -> st.SearchStrategy[bytes]:
    good = json.dumps(GOOD[source]).encode()
    number = st.sampled_from(
        [b"1e400", b"-1e400", b"NaN", b"Infinity", b"-Infinity", b"-0", b"1E-400", b"0.1"]
    )

    def with_number(token: bytes) -> bytes:  # the text or an id replaced by the raw token
        key = {
            "generic": b'"text"',
            "zendesk": b'"id"',
            "chatwoot": b'"created_at"',
            "freshdesk": b'"ticket_id"',
            "zammad": b'"id"',
        }[source]
        head, _, tail = good.partition(key + b": ")
        rest = tail.split(b",", 1)[1] if b"," in tail else b"}"
        return head + key + b": " + token + b"," + rest

    return st.one_of(
        st.binary(max_size=300),
        st.integers(0, len(good)).map(lambda n: good[:n]),  # truncated
        st.tuples(st.integers(0, len(good)), st.binary(min_size=1, max_size=8)).map(
            lambda t: good[: t[0]] + t[1] + good[t[0] :]  # a stray byte (invalid UTF-8 …)
        ),
        st.integers(1, 3000).map(lambda n: b"[" * n + b"]" * n),
        st.integers(1, 3000).map(lambda n: b'{"a":' * n + b"1" + b"}" * n),
        st.integers(1, 3000).map(lambda n: b"[" * n),  # unbalanced
        st.integers(1, 6000).map(lambda n: b'{"thread": "t", "message_id": ' + b"9" * n + b"}"),
        number.map(with_number),
        st.sampled_from([b"", b"null", b"true", b'"x"', b"\xef\xbb\xbf" + good, good + b"\x00"]),
    )


# --- the properties ------------------------------------------------------------------------


@pytest.mark.parametrize("source", SOURCES)
@FUZZ
@given(payload=json_values, ascii_only=st.booleans())
def test_any_json_value_validly_signed(
    hook: Hook, source: str, payload: Any, ascii_only: bool
) -> None:
    body = _dumps(payload, ascii_only)
    check(hook, source, body, _signed(source, body), payload)


@pytest.mark.parametrize("source", SOURCES)
@FUZZ
@given(data=st.data(), ascii_only=st.booleans())
def test_each_field_of_a_real_payload_replaced_or_removed(
    hook: Hook, source: str, data: st.DataObject, ascii_only: bool
) -> None:
    payload = data.draw(mutated(source), label="payload")
    body = _dumps(payload, ascii_only)
    check(hook, source, body, _signed(source, body), payload)


@pytest.mark.parametrize("source", SOURCES)
@FUZZ
@given(data=st.data())
def test_raw_bytes_validly_signed(hook: Hook, source: str, data: st.DataObject) -> None:
    body = data.draw(_raw_bodies(source), label="body")
    try:
        payload = json.loads(body.decode("utf-8"))
    except (ValueError, RecursionError):
        payload = None  # nothing to compare with: any 2xx is still read back
    check(hook, source, body, _signed(source, body), payload)


header_values = st.one_of(
    st.binary(max_size=80).map(lambda b: b.replace(b"\r", b"").replace(b"\n", b"")),
    st.sampled_from([b"", b"sha256=", b"SHA256=", b"sha1=00", b"sha256=\xe9", b"\xff" * 64]),
    st.text("0123456789abcdef", max_size=64).map(lambda h: b"sha256=" + h.encode()),
)
SIGNATURE_HEADERS = [
    b"x-calmline-signature",
    b"x-zendesk-webhook-signature",
    b"x-zendesk-webhook-signature-timestamp",
    b"x-chatwoot-signature",
    b"x-chatwoot-timestamp",
    b"x-hub-signature",
]


@pytest.mark.parametrize("source", SOURCES)
@FUZZ
@given(
    headers=st.lists(st.tuples(st.sampled_from(SIGNATURE_HEADERS), header_values), max_size=4),
    replay_valid=st.booleans(),
)
def test_random_signature_headers_are_401_and_store_nothing(
    hook: Hook, source: str, headers: list[tuple[bytes, bytes]], replay_valid: bool
) -> None:
    payload = copy.deepcopy(GOOD[source])
    for path in ID_PATHS[source]:
        _set(payload, path, f"unsigned-{source}-{path[-1]}")
    body = json.dumps(payload).encode()
    if replay_valid:  # a valid signature for another body, with the generated headers after
        headers = [*_signed(source, b"{}"), *headers]
    r = check(hook, source, body, headers)
    assert r.status_code == 401, r.text


def _fresh(source: str, stamp: bytes) -> bool:
    """Whether ``stamp`` is a time within the replay window (the test's own reading)."""
    text = stamp.decode("latin-1").strip()
    try:
        if source == "chatwoot":
            if not (text.isascii() and text.isdigit()):
                return False
            when = float(text)
        else:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
            when = (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).timestamp()
    except (ValueError, OverflowError):
        return False
    return abs(time.time() - when) <= TOLERANCE + 5  # the seconds this test takes


def _near(source: str, offset: int) -> bytes:
    """The stamp of ``offset`` seconds from now, as the source writes it."""
    when = int(time.time()) + offset
    if source == "chatwoot":
        return str(when).encode()
    return datetime.fromtimestamp(when, UTC).strftime("%Y-%m-%dT%H:%M:%SZ").encode()


# a stamp: bytes as they are, or an int: that many seconds from now (the strategy itself
# must not read the clock, or a replayed example would draw differently)
stamps = st.one_of(
    st.integers(-2 * TOLERANCE, 2 * TOLERANCE),
    st.binary(max_size=20).map(lambda b: b.replace(b"\r", b"").replace(b"\n", b"")),
    st.text("0123456789", min_size=1, max_size=14).map(str.encode),
    st.sampled_from(
        [
            b"\xb2",  # latin-1 "²": str.isdigit() says yes, int() says no
            b"\xb9\xb2\xb3",
            b"999999999999",  # year 33658
            b"253402300800",  # just after 9999-12-31
            b"-1",
            b"0001-01-01T00:00:00+14:00",
            b"9999-12-31T23:59:59-14:00",
            b"2026-02-30T00:00:00Z",
            b"\xef\xbc\x91",
        ]
    ),
)


@pytest.mark.parametrize("source", ["zendesk", "chatwoot"])
@FUZZ
@given(drawn=stamps)
@example(drawn=b"\xb2")  # was a 500: "²".isdigit() is true, int("²") a ValueError
@example(drawn=b"999999999999")  # was a 500: year 33658, beyond what datetime holds
def test_validly_signed_odd_timestamps(hook: Hook, source: str, drawn: int | bytes) -> None:
    stamp = _near(source, drawn) if isinstance(drawn, int) else drawn
    payload = copy.deepcopy(GOOD[source])
    for path in ID_PATHS[source]:
        _set(payload, path, f"stamp-{stamp.hex()}-{path[-1]}")
    body = json.dumps(payload).encode()
    r = check(hook, source, body, _signed(source, body, stamp), payload)
    if r.status_code < 300:
        assert _fresh(source, stamp), f"{stamp!r} accepted outside the replay window"


TEXT_PATHS: dict[str, tuple[str, ...]] = {
    "generic": ("text",),
    "zendesk": ("event", "comment", "body"),
    "chatwoot": ("content",),
    "freshdesk": ("freshdesk_webhook", "ticket_latest_public_comment"),
    "zammad": ("article", "body"),
}
MESSAGE_ID_PATHS: dict[str, tuple[str, ...]] = {
    "generic": ("message_id",),
    "zendesk": ("event", "comment", "id"),
    "chatwoot": ("id",),
    "freshdesk": ("freshdesk_webhook", "ticket_latest_public_comment_id"),
    "zammad": ("article", "id"),
}
long_ids = st.text(
    st.characters(codec="utf-8", exclude_characters="\x00"), min_size=195, max_size=260
).filter(lambda t: t.strip() == t and bool(t))


@pytest.mark.parametrize("source", SOURCES)
@settings(FUZZ, max_examples=10)
@given(
    prefix=long_ids,
    ends=st.lists(st.text("abcxyz", min_size=1, max_size=8), min_size=2, max_size=2, unique=True),
)
def test_long_ids_that_differ_late_stay_apart(
    hook: Hook, source: str, prefix: str, ends: list[str]
) -> None:
    """Two threads, two messages whose ids differ only after 200 characters: two cases, two
    messages — never one customer's message in another's case, never one dropped."""
    cases = []
    for end in ends:
        payload = copy.deepcopy(GOOD[source])
        for path in ID_PATHS[source]:
            _set(payload, path, prefix + end)
        _set(payload, MESSAGE_ID_PATHS[source], prefix + end)
        _set(payload, TEXT_PATHS[source], f"Bericht {end}: waar blijft mijn pakket?")
        body = json.dumps(payload).encode()
        r = check(hook, source, body, _signed(source, body), payload)
        assert r.status_code == 200, r.text
        cases.append(r.json()["cases"][0])
    assert cases[0] != cases[1], "two threads in one case"
    with hook.store.session() as s:
        for case_id, end in zip(cases, ends, strict=True):
            texts = set(s.scalars(select(Message.text).where(Message.case_id == case_id)))
            assert texts == {f"Bericht {end}: waar blijft mijn pakket?"}, texts


def test_a_known_message_id_under_another_thread_opens_no_case(hook: Hook) -> None:
    """Was: the second delivery opened an empty case for its thread and answered that
    case's id, though the message was (rightly) not stored again."""
    first = {"thread": "dup-a", "message_id": "dup-1", "text": "Waar is mijn pakket?"}
    again = {**first, "thread": "dup-b"}
    bodies = [json.dumps(p).encode() for p in (first, again)]
    r1, r2 = (check(hook, "generic", b, _signed("generic", b)) for b in bodies)
    assert r1.json()["stored"] == 1
    assert r2.json() == {"stored": 0, "duplicates": 1, "cases": r1.json()["cases"]}
    with hook.store.session() as s:
        assert s.scalar(select(Case).where(Case.external_key == "generic:dup-b")) is None
