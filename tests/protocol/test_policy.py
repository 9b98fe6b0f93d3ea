"""The policy loader accepts the documented default and refuses mistakes by file and key."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from calmline.protocol.policy import (
    PolicyError,
    Retention,
    default_path,
    load_policy,
    parse_policy,
)

DEFAULT = default_path().read_text(encoding="utf-8")


def test_default_policy_loads() -> None:
    p = load_policy()
    assert p.agent.refund_limit["EUR"] == 50
    assert p.supervisor.refund_limit["PLN"] == 2000
    assert p.register["de"] == "formal"
    assert p.time_frames["refund"] == 5
    assert p.reply_length["chat"] == 400
    assert p.response_time["chat"] == 5
    assert 0 < p.heat_threshold < 1


@pytest.mark.parametrize(
    ("old", "new", "key", "reason"),
    [
        ('nl = "formal"', 'nl = "casual"', "register.nl", "must be 'formal' or 'informal'"),
        ("chat = 400", "chat = -4", "reply_length.chat", "must not be negative"),
        ("chat = 400", 'chat = "400"', "reply_length.chat", "must be int"),
        ("refund = 5", "refunds = 5", "time_frames.refunds", "unknown key"),
        ("heat_threshold = 0.6", "heat_threshold = 1.5", "escalation.heat_threshold", "between"),
        ('fallback = "en"', 'fallback = "fr"', "languages.fallback", "not in languages.supported"),
        (
            "EUR = 50, PLN = 200",
            "EUR = 50, XYZ = 200",
            "authority.agent.refund_limit.XYZ",
            "currency",
        ),
        ("chat = 5\n", "", "response_time.chat", "missing"),
        (
            "closed_case_days = 0",
            "closed_case_days = -30",
            "retention.closed_case_days",
            "must not be negative",
        ),
        (
            "closed_case_days = 0",
            "closed_case_days = 1.5",
            "retention.closed_case_days",
            "must be int",
        ),
        (
            "resolved_case_days = 0",
            'resolved_case_days = "90"',
            "retention.resolved_case_days",
            "must be int",
        ),
        (
            "closed_case_days = 0",
            "closed_case_days = 99999999",
            "retention.closed_case_days",
            "must be at most",
        ),
        ("closed_case_days = 0", "closed_days = 30", "retention.closed_days", "unknown key"),
    ],
)
def test_invalid_policies_name_file_key_and_reason(
    old: str, new: str, key: str, reason: str
) -> None:
    assert old in DEFAULT
    text = DEFAULT.replace(old, new, 1)
    with pytest.raises(PolicyError) as err:
        parse_policy(text, "calmline.toml")
    message = str(err.value)
    assert message.startswith(f"calmline.toml: {key}: "), message
    assert reason in message


def test_retention_is_optional_and_keeps_everything_by_default() -> None:
    """A policy written before ``[retention]`` existed still loads, and deletes nothing."""
    assert load_policy().retention == Retention(closed_case_days=0, resolved_case_days=0)
    older = DEFAULT.split("\n[retention]", 1)[0]
    assert "closed_case_days" not in older
    assert parse_policy(older, "old.toml").retention == Retention()
    text = DEFAULT.replace("closed_case_days = 0", "closed_case_days = 90")
    assert parse_policy(text, "x.toml").retention.closed_case_days == 90


def test_not_toml_and_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="not valid TOML"):
        parse_policy("[organisation\nname=", "x.toml")
    with pytest.raises(PolicyError, match="cannot read"):
        load_policy(tmp_path / "missing.toml")


def test_cli_policy_check(tmp_path: Path) -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "calmline.cli", "policy-check"], capture_output=True, timeout=60
    )
    assert ok.returncode == 0 and b"valid policy" in ok.stdout
    bad = tmp_path / "calmline.toml"
    bad.write_text(DEFAULT.replace("chat = 400", "chat = -1"), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "calmline.cli", "policy-check", str(bad)],
        capture_output=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert b"reply_length.chat: must not be negative" in proc.stderr
    assert proc.stderr.count(b"\n") == 1
