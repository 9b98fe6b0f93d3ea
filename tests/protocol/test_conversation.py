"""Conversations are parsed strictly, with the failing field named."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from calmline.protocol.conversation import (
    ConversationError,
    load_conversation,
    parse_conversation,
)


def _conv(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "channel": "chat",
        "customer": {"name": "Anna", "gender": "female"},
        "messages": [
            {"role": "customer", "text": "Waar is mijn pakket?", "at": "2026-03-04T10:15:00Z"},
            {"role": "agent", "text": "Ik kijk het na.", "at": "2026-03-04T10:16:00+01:00"},
        ],
    }
    base.update(overrides)
    return base


def test_parses_a_conversation() -> None:
    c = parse_conversation(_conv())
    assert c.channel == "chat"
    assert c.customer.gender == "female"
    assert [m.role for m in c.messages] == ["customer", "agent"]
    assert c.messages[0].at is not None and c.messages[0].at.tzinfo is not None
    assert len(c.customer_messages) == 1 and len(c.agent_messages) == 1


def test_optional_fields_default() -> None:
    c = parse_conversation({"messages": [{"role": "customer", "text": "hi"}]})
    assert c.channel == "email"
    assert c.customer.gender == "unknown"
    assert c.messages[0].at is None


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (_conv(channel="fax"), "channel"),
        (_conv(messages=[{"role": "bot", "text": "x"}]), "messages[0].role"),
        (_conv(messages=[{"role": "customer", "text": 5}]), "messages[0].text"),
        (_conv(messages=[{"role": "customer", "text": "x", "at": "yesterday"}]), "messages[0].at"),
        (_conv(messages=[{"role": "agent", "text": "hello"}]), "no customer message"),
        (_conv(messages=[]), "no customer message"),
        (_conv(messages="hello"), "messages: must be a list"),
        (_conv(customer={"gender": "x"}), "customer.gender"),
        ([1, 2], "must be a JSON object"),
    ],
)
def test_invalid_conversations_name_the_field(data: Any, field: str) -> None:
    with pytest.raises(ConversationError) as err:
        parse_conversation(data)
    assert field in str(err.value)


def test_huge_thread_is_refused_clearly() -> None:
    msgs = [{"role": "customer", "text": "x"}] * 20_001
    with pytest.raises(ConversationError, match="more than 20,000 messages"):
        parse_conversation(_conv(messages=msgs))
    ok = parse_conversation(_conv(messages=[{"role": "customer", "text": "x"}] * 10_000))
    assert len(ok.messages) == 10_000


def test_load_from_file(tmp_path: Path) -> None:
    good = tmp_path / "c.json"
    good.write_text(json.dumps(_conv()), encoding="utf-8")
    assert load_conversation(good).channel == "chat"
    bad = tmp_path / "bad.json"
    bad.write_text("{nope", encoding="utf-8")
    with pytest.raises(ConversationError, match=r"bad\.json: not JSON"):
        load_conversation(bad)
    with pytest.raises(ConversationError, match="cannot read"):
        load_conversation(tmp_path / "missing.json")
    binary = tmp_path / "bin.json"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(ConversationError, match="not UTF-8"):
        load_conversation(binary)
