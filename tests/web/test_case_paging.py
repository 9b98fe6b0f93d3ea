"""Issue 13: a long case's page silently showed only the last 200 messages. It now says
how many came before and opens them, a page at a time, in Chromium."""

from __future__ import annotations

from typing import Any

from tests.web.conftest import api, login


def test_a_long_case_opens_its_earlier_messages(
    page: Any, web: str, web_tokens: dict[str, str]
) -> None:
    with api(web, web_tokens["sue"]) as c:
        case = c.post("/api/cases", json={"channel": "chat", "subject": "Lange chat"}).json()
        url = f"/api/cases/{case['id']}/messages"
        first = c.post(url, json={"role": "customer", "text": "Mijn bestelling 7781 is zoek."})
        assert first.status_code == 201
        for i in range(1, 205):
            r = c.post(url, json={"role": "agent", "text": f"Bericht nummer {i}."})
            assert r.status_code == 201
    login(page, "sue")
    page.goto(f"/cases/{case['id']}")
    assert page.locator("#conversation .msg").count() == 200
    assert "Bericht nummer 5." in page.locator("#conversation .msg").first.inner_text()
    page.get_by_role("link", name="Show 5 earlier messages").click()
    page.wait_for_url(f"**/cases/{case['id']}/earlier?before=*")
    texts = page.locator("#conversation .msg .msg-text").all_inner_texts()
    assert texts[0].startswith("Mijn bestelling 7781") and texts[-1] == "Bericht nummer 4."
    assert page.get_by_role("link", name="earlier message").count() == 0  # nothing older
    assert page.errors == []
    page.get_by_role("link", name="Back to the case").click()
    page.wait_for_url(f"**/cases/{case['id']}")
