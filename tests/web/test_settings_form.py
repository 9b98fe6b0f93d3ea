"""The settings form over real HTTP and in Chromium: supervisors change what they own
without TOML, the strict loader still decides what is stored, each change is audited with
its diff, and the whole TOML stays an admin's view."""

from __future__ import annotations

import json
import re
import sqlite3
import tomllib
from pathlib import Path
from typing import Any

import httpx
import pytest
from tomli_w import dumps

from calmline.protocol.policy import default_path, parse_policy
from calmline.store.config import policy_diff
from tests.web.conftest import login
from tests.web.test_security import sign_in

CHAT = "response_time.chat"
AGENT_EUR = "authority.agent.refund_limit.EUR"


def value(page: str, key: str) -> str:
    """The value an input of the form shows."""
    found = re.search(rf'name="{re.escape(key)}" value="([^"]*)"', page)
    assert found is not None, key
    return found.group(1)


def stored(web_data: Path) -> tuple[str | None, list[dict[str, Any]]]:
    """The saved policy's TOML and the ``save_policy`` audit details, newest first."""
    with sqlite3.connect(web_data / "calmline.db") as db:
        row = db.execute("SELECT value FROM app_settings WHERE key = 'policy'").fetchone()
        audits = db.execute(
            "SELECT detail FROM audit_log WHERE action = 'save_policy' ORDER BY id DESC"
        ).fetchall()
    return (row[0] if row else None), [json.loads(d) for (d,) in audits]


def post(c: httpx.Client, csrf: str, **fields: str) -> httpx.Response:
    return c.post("/settings", data={"csrf": csrf, **fields})


def test_the_writer_reads_back_as_the_same_policy() -> None:
    data = tomllib.loads(default_path().read_text("utf-8"))
    data["organisation"]["name"] = 'Shop "Nord"\\ \n\t\x01 — Zespół'
    data["helpdesks"] = {
        "zendesk": {
            "base_url": "https://example.zendesk.com",
            "credentials": {"email": "ZD_EMAIL", "token": "ZD_TOKEN"},
            "tags": {},
            "write_note": False,
        }
    }
    text = dumps(data)
    assert tomllib.loads(text) == data
    parse_policy(text, "policy")  # still a valid policy
    assert policy_diff(text, text.replace("chat = 5", "chat = 45")) == [
        {"key": CHAT, "before": 5, "after": 45}
    ]


def test_a_supervisor_changes_a_target_and_a_limit_and_the_change_is_audited(
    web: str, web_data: Path, web_tokens: dict[str, str]
) -> None:
    c, csrf = sign_in(web, "sue")
    page = c.get("/settings")
    assert page.status_code == 200 and 'action="/settings"' in page.text
    assert "/settings/toml" not in page.text  # the TOML view is an admin's
    assert "Edited in the TOML view by an admin" in page.text  # helpdesks: read-only
    chat, limit = value(page.text, CHAT), value(page.text, AGENT_EUR)
    assert (chat, limit) == ("5", "50")
    r = post(c, csrf, **{CHAT: "45", AGENT_EUR: "75,50"})
    assert r.status_code == 303 and r.headers["location"] == "/settings?saved=1"
    try:
        page = c.get("/settings?saved=1")
        assert value(page.text, CHAT) == "45" and value(page.text, AGENT_EUR) == "75.5"
        assert "Policy saved" in page.text
        text, audits = stored(web_data)
        assert text is not None
        policy = parse_policy(text, "policy")  # what the guide and inbox now use
        assert policy.response_time["chat"] == 45 and policy.agent.refund_limit["EUR"] == 75.5
        assert policy.reply_length["chat"] == 400  # what the form did not carry is kept
        changes = audits[0]["changes"]
        assert {"key": CHAT, "before": 5, "after": 45} in changes
        assert {"key": AGENT_EUR, "before": 50, "after": 75.5} in changes
        assert len(changes) == 2
        recent = page.text[page.text.index('id="changes"') :]
        assert re.search(r"sue</td><td><code>response_time\.chat</code></td>\s*<td>5 → 45", recent)
        # saving the same values again stores nothing and audits nothing
        assert post(c, csrf, **{CHAT: "45"}).headers["location"] == "/settings?saved=same"
        assert len(stored(web_data)[1]) == len(audits)
    finally:
        assert post(c, csrf, **{CHAT: chat, AGENT_EUR: limit}).status_code == 303
    assert value(c.get("/settings").text, CHAT) == "5"


@pytest.mark.parametrize(
    ("key", "typed", "message"),
    [
        (CHAT, "-5", "response_time.chat: must not be negative"),
        ("escalation.heat_threshold", "1.5", "escalation.heat_threshold: must be between 0 and 1"),
        ("reply_length.chat", "lots", "reply_length.chat: a whole number of characters"),
        (CHAT, "4.5", "response_time.chat: a whole number of minutes"),
        (AGENT_EUR, "fifty", "authority.agent.refund_limit.EUR: an amount"),
        ("never.refund_after_days", "99999999", "never.refund_after_days: at most 36,500 days"),
    ],
)
def test_an_invalid_value_is_named_and_nothing_is_stored(
    web: str, web_data: Path, web_tokens: dict[str, str], key: str, typed: str, message: str
) -> None:
    c, csrf = sign_in(web, "sue")
    before = c.get("/settings")
    old = value(before.text, key)
    saved_before = stored(web_data)
    r = post(c, csrf, **{key: typed})
    assert r.status_code == 422
    assert message in r.text and 'role="alert"' in r.text
    assert value(r.text, key) == typed  # what was typed stays, to be fixed
    assert stored(web_data) == saved_before  # nothing stored, nothing audited
    assert value(c.get("/settings").text, key) == old


def test_the_toml_view_is_for_admins_and_the_form_for_supervisors(
    web: str, web_tokens: dict[str, str]
) -> None:
    sue, sue_csrf = sign_in(web, "sue")
    assert sue.get("/settings/toml").status_code == 403
    r = sue.post("/settings/toml", data={"csrf": sue_csrf, "policy": "x = 1"})
    assert r.status_code == 403
    ada, _ = sign_in(web, "ada")
    assert 'href="/settings/toml"' in ada.get("/settings").text
    toml_page = ada.get("/settings/toml")
    assert toml_page.status_code == 200 and "[response_time]" in toml_page.text
    ann, ann_csrf = sign_in(web, "ann")
    assert ann.get("/settings").status_code == 403
    assert post(ann, ann_csrf, **{CHAT: "1"}).status_code == 403


def test_the_form_needs_its_csrf_token(
    web: str, web_data: Path, web_tokens: dict[str, str]
) -> None:
    c, _ = sign_in(web, "sue")
    saved_before = stored(web_data)
    for token in (None, "wrong"):
        data = {CHAT: "7", **({"csrf": token} if token else {})}
        r = c.post("/settings", data=data)
        assert r.status_code == 403 and "csrf" in r.text
    assert stored(web_data) == saved_before


def test_a_supervisor_edits_a_field_in_the_browser(page: Any) -> None:
    login(page, "sue")
    page.goto("/settings")
    field = page.get_by_label("Public social post (minutes)")
    original = field.input_value()
    field.fill("61")
    page.get_by_role("button", name="Save settings").click()
    page.wait_for_url(re.compile(r"/settings\?saved=1$"))
    assert page.locator("#policy-saved").is_visible()
    assert page.get_by_label("Public social post (minutes)").input_value() == "61"
    assert "social_public" in page.locator("#changes").inner_text()
    page.get_by_label("Public social post (minutes)").fill(original)  # for the other tests
    page.get_by_role("button", name="Save settings").click()
    assert page.locator("#policy-saved").is_visible()
    assert page.errors == []
