"""Issue 13 in the web app: an admin adds a user, gives them a token, changes their role,
disables them (their sign-in and token stop working at once) and revokes tokens, in
Chromium; refusals name the field and change nothing; others may not open the page."""

from __future__ import annotations

import re
from typing import Any

import httpx

from tests.web.conftest import PASSWORDS, api, login
from tests.web.test_security import sign_in


def test_an_admin_runs_people_and_tokens(page: Any, web: str) -> None:
    login(page, "ada")
    page.get_by_role("link", name="People").click()
    page.locator("#new-name").fill("zoe")
    page.locator("#new-role").select_option("agent")
    page.locator("#new-password").fill("zoe-long-password-1")
    page.get_by_role("button", name="Add user").click()
    token = page.locator("#new-token code").inner_text()
    assert token.startswith("cl_")
    with api(web, token) as c:
        assert c.get("/api/cases").status_code == 200

    row = page.locator("#user-zoe")
    row.get_by_label("Role of zoe").select_option("supervisor")
    row.get_by_role("button", name="Set role").click()
    assert page.locator("#people-done").inner_text() == "Done: role changed."
    assert page.locator("#user-zoe select").input_value() == "supervisor"

    page.locator("#user-zoe").get_by_role("button", name="Disable").click()
    assert "disabled" in page.locator("#user-zoe").inner_text()
    with api(web, token) as c:
        assert c.get("/api/cases").status_code == 401  # the token ended with the user
    tokens = page.locator("table.tokens").inner_text()
    assert re.search(r"zoe\s+revoked", tokens)
    refused = httpx.Client(base_url=web, timeout=60)
    form = refused.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert csrf is not None
    r = refused.post(
        "/login",
        data={"csrf": csrf.group(1), "name": "zoe", "password": "zoe-long-password-1"},
        headers={"Cookie": f"__Host-calmline_login={form.cookies['__Host-calmline_login']}"},
    )
    assert r.status_code == 401  # a disabled user cannot sign in

    page.locator("#user-zoe").get_by_role("button", name="Enable").click()
    page.locator("#user-zoe").get_by_label("Token label for zoe").fill("chatwoot")
    page.locator("#user-zoe").get_by_role("button", name="New token").click()
    second = page.locator("#new-token code").inner_text()
    with api(web, second) as c:
        assert c.get("/api/cases").status_code == 200
    page.locator("table.tokens tr", has_text="chatwoot").get_by_role(
        "button", name="Revoke"
    ).click()
    with api(web, second) as c:
        assert c.get("/api/cases").status_code == 401
    assert page.errors == []


def test_people_refusals_name_the_field_and_change_nothing(web: str) -> None:
    c, csrf = sign_in(web, "ada")
    before = c.get("/people").text
    for data, message in (
        ({"action": "role", "name": "ada", "role": "agent"}, "last active admin"),
        ({"action": "add", "name": "x", "role": "agent", "password": "short"}, "password:"),
        ({"action": "password", "name": "nobody", "password": "long-enough-pass"}, "no user"),
        ({"action": "revoke", "token": "abc"}, "token: not a token id"),
    ):
        r = c.post("/people", data={"csrf": csrf, **data})
        assert r.status_code == 422 and message in r.text, (data, r.status_code)
    after = c.get("/people").text
    assert after.count('<tr id="user-') == before.count('<tr id="user-')
    assert "<option selected>admin</option>" in after


def test_only_admins_open_people(web: str) -> None:
    for name in ("sue", "ann"):
        c, csrf = sign_in(web, name)
        assert c.get("/people").status_code == 403
        r = c.post("/people", data={"csrf": csrf, "action": "disable", "name": "ada"})
        assert r.status_code == 403
    assert PASSWORDS["ada"]  # ada is still the admin
