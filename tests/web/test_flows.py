"""The agent's and supervisor's flows in a real headless Chromium against ``calmline serve``
with the demo store. Each page is saved as a screenshot (build/screenshots)."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

from tests.web.conftest import api, login, shot

THREAT = "Paket 7781-22 nie angekommen"  # demo-01: the violent threat (German chat)
HOT_NL = "Terugbetaling geweigerd – bestelling #52907"  # demo-02: legal threat, Dutch e-mail
CALM_EN = "Changing the delivery address for order #60418"  # demo-04: a calm question


def open_case(page: Any, subject: str) -> int:
    page.goto("/?status=all")
    page.get_by_role("link", name=subject).click()
    page.wait_for_url(re.compile(r"/cases/\d+$"))
    return int(page.url.rsplit("/", 1)[1])


def test_sign_in_lands_on_the_inbox_with_the_threat_first(page: Any) -> None:
    page.goto("/")
    assert "/login" in page.url  # not signed in: sent to the sign-in form
    shot(page, "login")
    login(page, "ann")
    first = page.locator("#queue > li").first
    assert THREAT in first.locator("a.subject").inner_text()
    assert "is-threat" in (first.get_attribute("class") or "")
    assert first.locator(".chip-violence_threat").count() == 1
    badges = page.locator("#queue .badge").all_inner_texts()
    assert all(re.match(r"(calm|tense|hot|hostile) \d\.\d\d$", b) for b in badges)
    # time waiting and the response-time countdown
    assert page.locator("#queue .waiting").count() >= 10
    assert page.locator("#queue .due.overdue").count() >= 1
    shot(page, "inbox")
    assert page.errors == []


def test_inbox_filters(page: Any) -> None:
    login(page, "ann")
    page.get_by_label("Language").select_option("pl")
    page.get_by_role("button", name="Filter").click()
    langs = page.locator("#queue .who-line abbr").all_inner_texts()
    assert langs and set(langs) == {"PL"}
    page.get_by_label("Cases").select_option("mine")
    page.get_by_label("Language").select_option("")
    page.get_by_role("button", name="Filter").click()
    assert set(page.locator("#queue .assignee").all_inner_texts()) == {"ann"}
    page.goto("/?status=resolved")
    assert page.locator("#queue > li").count() == 1
    page.goto("/?channel=fax")
    assert page.locator("h1").inner_text() == "Bad request"
    assert "channel" in page.locator(".error").inner_text()


def test_findings_are_highlighted_with_their_explanation_on_focus(page: Any) -> None:
    login(page, "ann")
    open_case(page, THREAT)
    mark = page.locator("mark.hl-violence").first
    assert "zusammen" in mark.inner_text()
    tip = mark.locator(".tip")
    assert not tip.is_visible()
    mark.focus()  # keyboard users get the explanation too
    assert tip.is_visible()
    assert "de/threats:" in tip.inner_text()
    # the guidance panel answers the threat only with the safety reply
    assert page.locator(".next-step.first").get_attribute("data-step") == "threat"
    assert page.locator(".alert-violence_threat").count() == 1
    shot(page, "case-threat")


def test_defensive_draft_warning_suggestion_send_and_the_step_advances(
    page: Any, web: str, web_tokens: dict[str, str]
) -> None:
    login(page, "ann")
    case_id = open_case(page, HOT_NL)
    with api(web, web_tokens["ann"]) as c:
        step_before = c.get(f"/api/cases/{case_id}").json()["step"]
    assert page.locator(".next-step.first").get_attribute("data-step") == step_before
    box = page.get_by_label(re.compile("Reply to the customer"))
    box.fill("Dat is niet onze schuld, u had het formulier zelf verkeerd ingevuld.")
    finding = page.locator('#review-findings li[data-code="defensive"]')
    finding.wait_for()
    assert "defensive" in finding.inner_text().lower()
    mark = page.locator('#review-preview mark[data-code="defensive"]')
    assert mark.inner_text() == "niet onze schuld"
    assert "hl-flaw-block" in (mark.get_attribute("class") or "")
    shot(page, "case")
    # the fix replaces the whole sentence (and says so), shows the result first, and undoes
    original = box.input_value()
    fix = finding.locator("button.suggest")
    assert "whole sentence" in fix.inner_text()
    fix.click()
    result = finding.locator(".fix-result").inner_text()
    assert "niet onze schuld" not in result and "ingevuld" not in result
    assert box.input_value() == original  # nothing changes before Apply
    finding.get_by_role("button", name="Apply").click()
    assert box.input_value() == result
    expect(mark).to_have_count(0)  # the review re-ran on the fixed reply
    page.get_by_role("button", name="Undo last fix").click()
    assert box.input_value() == original
    mark.wait_for()  # … and again on the restored one, before the next click
    page.locator('#review-findings li[data-code="defensive"] button.suggest').click()
    page.locator('#review-findings li[data-code="defensive"]').get_by_role(
        "button", name="Apply"
    ).click()
    assert "niet onze schuld" not in box.input_value()
    # insert the guide's first ready sentence, in the customer's language
    sentence = page.locator(".next-step.first .sentences li span").first.inner_text()
    page.locator(".next-step.first button.insert").first.click()
    assert sentence in box.input_value()
    page.get_by_role("button", name="Send").click()
    page.wait_for_url(re.compile(rf"/cases/{case_id}#conversation$"))
    last = page.locator(".messages > li").last
    assert "msg-agent" in (last.get_attribute("class") or "")
    assert sentence in last.inner_text()
    with api(web, web_tokens["ann"]) as c:
        after = c.get(f"/api/cases/{case_id}").json()
    assert after["step"] != step_before  # the protocol moved on
    assert after["status"] == "waiting" and after["assignee_id"] is not None
    assert page.locator(".next-step.first").get_attribute("data-step") == after["step"]
    done = page.locator(".progress li.done").all_inner_texts()
    assert done, "the reply's steps are marked done"
    assert page.errors == []


def test_draft_for_me_fills_the_composer_in_the_customers_language(page: Any) -> None:
    login(page, "ben")
    open_case(page, CALM_EN)
    page.get_by_role("button", name="Draft for me").click()
    box = page.get_by_label(re.compile("Reply to the customer"))
    expect(box).to_have_value(re.compile(r".{40,}", re.S))
    text = box.input_value()
    assert text.startswith("Dear Mr Hughes,")  # the customer's name and gender, from the store
    page.locator("#review-summary .score").wait_for()
    assert "Score" in page.locator("#review-summary").inner_text()


def test_supervisor_acknowledges_the_violence_alert(page: Any) -> None:
    login(page, "sue")
    page.goto("/dashboard")
    shot(page, "dashboard")
    first = page.locator("#open-alerts .alert-list > li").first
    assert "Violent threat" in first.inner_text() and THREAT in first.inner_text()
    assert page.locator("#agents tbody tr").count() >= 2
    assert page.locator("#heat-chart rect.bar").count() >= 1
    assert page.locator("#causes rect.bar").count() >= 1
    first.get_by_role("button", name=re.compile("Acknowledge")).click()
    page.wait_for_url(re.compile(r"/dashboard$"))
    assert "Violent threat" not in page.locator("#open-alerts").inner_text()
    case_id = open_case(page, THREAT)
    acked = page.locator("section[aria-label='Acknowledged alerts']").inner_text()
    assert "violence threat — sue" in acked, case_id


def test_agent_resolves_a_case_and_a_follow_up_appears(page: Any) -> None:
    login(page, "ann")
    open_case(page, "Odwołana konsultacja w salonie")
    assert page.locator(".task-follow_up").count() == 0
    page.get_by_role("button", name="Resolve").click()
    page.wait_for_url(re.compile(r"#tasks$"))
    assert page.locator("#case-status").inner_text().lower() == "resolved"
    follow = page.locator(".task-follow_up")
    assert follow.count() == 1 and "fix worked" in follow.inner_text()
    assert page.get_by_role("button", name="Reopen").count() == 1


def test_notes_tasks_and_escalation(page: Any) -> None:
    login(page, "ann")
    open_case(page, "Uszkodzony odkurzacz – zamówienie nr 58841")
    page.get_by_label("New note").fill("Customer sent photos of the broken hose.")
    page.get_by_label("photos").check()
    page.get_by_role("button", name="Add note").click()
    notes = page.locator("#notes .notes").inner_text()
    assert "broken hose" in notes and "checked: photos" in notes
    page.get_by_label("New task (own the fix)").fill("Order a replacement hose")
    page.get_by_label("Due").fill("2030-01-15")
    page.get_by_role("button", name="Add task").click()
    assert "Order a replacement hose" in page.locator("#tasks").inner_text()
    page.get_by_label("Escalate to a supervisor — why?").fill("Wants a full refund above my limit")
    page.get_by_role("button", name="Escalate").click()
    alert = page.locator(".alerts .alert-supervisor_needed")
    assert "Escalated by ann: Wants a full refund" in alert.inner_text()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/login$"))
    page.goto("/")
    assert "/login" in page.url  # the session is gone
    login(page, "sue")
    page.goto("/dashboard")
    assert "Wants a full refund" in page.locator("#escalations").inner_text()


def test_the_admins_toml_view_validates_the_policy_before_saving(page: Any) -> None:
    login(page, "ada")
    page.goto("/settings")
    shot(page, "settings")
    page.get_by_role("link", name="Edit the whole policy as TOML").click()
    page.wait_for_url(re.compile(r"/settings/toml$"))
    policy = page.get_by_label("Policy (TOML)")
    original = policy.input_value()
    assert "[response_time]" in original
    policy.fill(original.replace("chat = 5", 'chat = "soon"'))
    page.get_by_role("button", name="Validate and save").click()
    error = page.locator("#policy-error").inner_text()
    assert "response_time" in error and "chat" in error
    page.goto("/settings/toml")
    assert page.get_by_label("Policy (TOML)").input_value() == original  # nothing stored
    page.get_by_label("Policy (TOML)").fill(original.replace("chat = 5", "chat = 7"))
    page.get_by_role("button", name="Validate and save").click()
    assert page.locator("#policy-saved").is_visible()
    assert "chat = 7" in page.get_by_label("Policy (TOML)").input_value()
    page.goto("/settings")  # the form shows what the TOML view saved
    assert page.get_by_label("Chat (minutes)").input_value() == "7"
    page.goto("/settings/toml")
    page.get_by_label("Policy (TOML)").fill(original)  # put it back for the other tests
    page.get_by_role("button", name="Validate and save").click()
    assert page.locator("#policy-saved").is_visible()


def test_agents_cannot_open_supervisor_pages(page: Any) -> None:
    login(page, "ann")
    for path in ("/dashboard", "/settings"):
        response = page.goto(path)
        assert response is not None and response.status == 403
        assert "supervisors" in page.locator(".error").inner_text()
    assert page.get_by_role("link", name="Dashboard").count() == 0


HAZARD_NL = "Waterkoker ruikt naar verbrand plastic"  # demo-13: a safety hazard (Dutch chat)


def test_the_situation_panel_shows_the_hazard_first_with_evidence_on_focus(page: Any) -> None:
    login(page, "ann")
    page.goto("/")
    subjects = page.locator("#queue a.subject").all_inner_texts()
    at = subjects.index(HAZARD_NL)
    items = page.locator("#queue > li")
    assert items.nth(at).locator(".chip-hazard").count() == 1
    for i in range(at):  # only violent threats and other hazards come before it
        chips = items.nth(i).locator(".chip-violence_threat, .chip-hazard").count()
        assert chips >= 1, subjects[i]
    open_case(page, HAZARD_NL)
    panel = page.locator("#situation")
    assert panel.is_visible()
    item = panel.locator(".sit-hazard .ev").first
    assert item.inner_text().startswith("fire")
    tip = item.locator(".tip")
    assert not tip.is_visible()
    item.focus()  # the evidence, for keyboard users too
    assert tip.is_visible()
    assert "message 1" in tip.inner_text() and "verbrand" in tip.inner_text()
    facts = panel.locator(".sit-facts").inner_text()
    assert "NL-440921" in facts and "39.95 EUR" in facts
    # safety advice is the first step, before naming the emotion
    assert page.locator(".next-step.first").get_attribute("data-step") == "hazard"
    assert page.locator("mark.hl-hazard").count() >= 1
    assert page.locator(".alert-hazard").count() == 1
    shot(page, "case-hazard")
    assert page.errors == []
