"""Security basics over real HTTP and in a real browser: cookie flags, CSRF on every form,
escaped customer text (scripts and HTML e-mail), the sign-in rate limit, safe redirects."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.web.conftest import PASSWORDS, api, login

XSS = (
    "<script>window.__pwned = 'script'</script>"
    "<img src=x onerror=\"window.__pwned = 'img'\">"
    "<b onmouseover=\"window.__pwned = 'hover'\">Where is my order 40404?</b>"
)


def sign_in(web: str, name: str, password: str | None = None) -> tuple[httpx.Client, str]:
    """A signed-in HTTP client and its CSRF token (the Secure cookie is sent by hand:
    a cookie jar keeps Secure cookies away from plain http, as it should)."""
    c = httpx.Client(base_url=web, timeout=60)
    form = c.get("/login")
    token = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert token is not None
    login_cookie = form.cookies["__Host-calmline_login"]
    r = c.post(
        "/login",
        data={"csrf": token.group(1), "name": name, "password": password or PASSWORDS[name]},
        headers={"Cookie": f"__Host-calmline_login={login_cookie}"},
    )
    assert r.status_code == 303, r.text
    session = r.cookies["__Host-calmline_session"]
    c.headers["Cookie"] = f"__Host-calmline_session={session}"
    page = c.get("/")
    csrf = re.search(r'<meta name="csrf-token" content="([^"]+)"', page.text)
    assert csrf is not None
    return c, csrf.group(1)


def test_session_cookie_is_secure_http_only_and_same_site(web: str) -> None:
    c = httpx.Client(base_url=web, timeout=60)
    form = c.get("/login")
    login_cookie = form.headers["set-cookie"]
    assert "HttpOnly" in login_cookie and "Secure" in login_cookie
    token = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert token is not None
    r = c.post(
        "/login",
        data={"csrf": token.group(1), "name": "ben", "password": PASSWORDS["ben"]},
        headers={"Cookie": f"__Host-calmline_login={form.cookies['__Host-calmline_login']}"},
    )
    assert r.status_code == 303 and r.headers["location"] == "/"
    cookie = next(
        v
        for k, v in r.headers.multi_items()
        if k == "set-cookie" and "__Host-calmline_session" in v
    )
    for flag in ("HttpOnly", "Secure", "SameSite=lax", "Path=/"):
        assert flag.lower() in cookie.lower()
    assert "domain=" not in cookie.lower()  # __Host-: no sibling sub-domain may shadow it


def test_sign_in_form_needs_its_csrf_token(web: str) -> None:
    c = httpx.Client(base_url=web, timeout=60)
    r = c.post("/login", data={"csrf": "forged", "name": "ben", "password": PASSWORDS["ben"]})
    assert r.status_code == 403 and "__Host-calmline_session" not in r.headers.get("set-cookie", "")


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/cases/2/notes", {"text": "forged note"}),
        ("/cases/2/reply", {"text": "forged reply"}),
        ("/cases/2/status", {"status": "resolved"}),
        ("/cases/2/escalate", {"reason": "forged"}),
        ("/cases/2/assign", {"assignee": "me"}),
        ("/cases/2/tasks", {"title": "forged"}),
        ("/settings", {"policy": "x = 1"}),
        ("/logout", {}),
    ],
)
def test_every_form_refuses_a_missing_or_wrong_csrf_token(
    web: str, web_tokens: dict[str, str], path: str, data: dict[str, str]
) -> None:
    c, csrf = sign_in(web, "sue")
    for token in (None, "wrong-token", csrf[:-1]):
        body = dict(data, **({"csrf": token} if token else {}))
        r = c.post(path, data=body)
        assert r.status_code == 403, (path, token, r.status_code)
        assert "csrf" in r.text
    with api(web, web_tokens["sue"]) as a:
        notes = a.get("/api/cases/2/notes").json()["items"]
    assert not any("forged" in n["text"] for n in notes)


def test_script_endpoints_need_the_csrf_header(web: str) -> None:
    c, csrf = sign_in(web, "sue")
    assert c.post("/app/cases/2/review", json={"draft": "Hello"}).status_code == 403
    r = c.post("/app/cases/2/review", json={"draft": "Hello"}, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200 and "findings" in r.json()
    anonymous = httpx.post(f"{web}/app/cases/2/review", json={"draft": "x"})
    assert anonymous.status_code == 401 and anonymous.json()["detail"][0]["field"] == "session"


def test_pages_send_a_strict_content_security_policy(web: str) -> None:
    r = httpx.get(f"{web}/login")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-frame-options"] == "DENY"


def test_failed_sign_ins_back_off_per_name_without_locking_it_out(web: str) -> None:
    """Issue 13: five wrong passwords locked a name out for the whole window, so anyone
    could lock anyone out. Now each failure beyond five doubles a short wait."""
    c = httpx.Client(base_url=web, timeout=60)

    def attempt(password: str) -> httpx.Response:
        form = c.get("/login")
        token = re.search(r'name="csrf" value="([^"]+)"', form.text)
        assert token is not None
        return c.post(
            "/login",
            data={"csrf": token.group(1), "name": "rita", "password": password},
            headers={"Cookie": f"__Host-calmline_login={form.cookies['__Host-calmline_login']}"},
        )

    assert [attempt("wrong").status_code for _ in range(5)] == [401] * 5
    r = attempt("wrong")
    assert r.status_code == 429 and r.headers["retry-after"] == "1"
    assert attempt(PASSWORDS["rita"]).status_code == 429  # even the right password waits
    sign_in(web, "ben")  # other users are not slowed by rita's failures
    time.sleep(1.1)
    assert attempt("wrong").status_code == 401  # the wait is over: one more try
    r = attempt("wrong")
    assert r.status_code == 429 and r.headers["retry-after"] == "2"  # and it doubles
    time.sleep(2.1)
    assert attempt(PASSWORDS["rita"]).status_code == 303  # the owner gets in


def test_redirect_after_sign_in_stays_on_this_site(web: str) -> None:
    c = httpx.Client(base_url=web, timeout=60)
    form = c.get("/login?next=//evil.example/x")
    token = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert token is not None and 'value="/"' in form.text
    r = c.post(
        "/login",
        data={
            "csrf": token.group(1),
            "name": "ben",
            "password": PASSWORDS["ben"],
            "next": "//evil.example",
        },
        headers={"Cookie": f"__Host-calmline_login={form.cookies['__Host-calmline_login']}"},
    )
    assert r.status_code == 303 and r.headers["location"] == "/"


def test_customer_text_and_html_mail_are_shown_not_executed(
    page: Any, web: str, web_tokens: dict[str, str]
) -> None:
    with api(web, web_tokens["sue"]) as c:
        case = c.post(
            "/api/cases", json={"channel": "chat", "subject": "<script>x</script>"}
        ).json()
        r = c.post(f"/api/cases/{case['id']}/messages", json={"role": "customer", "text": XSS})
        assert r.status_code == 201
        mail = next(
            m for m in c.get("/api/search", params={"q": "kettle from order 55120"}).json()["items"]
        )
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    login(page, "sue")
    for case_id, literal in (
        (case["id"], "<script>window.__pwned"),
        (mail["case_id"], "<img src=x onerror="),
    ):
        page.goto(f"/cases/{case_id}")
        text = page.locator(".messages").inner_text()
        assert literal in text  # shown as text
        assert page.locator(".messages script, .messages img, .messages iframe").count() == 0
        page.locator(".messages .msg-text").first.hover()
        assert page.evaluate("() => window.__pwned") is None
    page.goto("/?status=all")
    assert "<script>" in page.locator("#queue").inner_text()  # subjects escaped in the inbox
    assert page.evaluate("() => window.__pwned") is None
    assert dialogs == [] and page.errors == []


@pytest.mark.parametrize(
    ("path", "data", "field"),
    [
        ("/cases/2/reply", {"text": "   "}, "text: empty"),
        ("/cases/2/notes", {"text": ""}, "text: a note needs"),
        ("/cases/2/notes", {"text": "x" * 20_001}, "text: longer than"),
        ("/cases/2/tasks", {"title": "Call back", "due": "next tuesday"}, "due: not a date"),
        ("/cases/2/status", {"status": "deleted"}, "status: must be"),
        ("/cases/2/assign", {"assignee": "99999"}, "assignee: no such user"),
        ("/cases/99999/notes", {"text": "hello"}, "no case 99999"),
    ],
)
def test_bad_form_input_is_a_clear_error_and_changes_nothing(
    web: str, web_tokens: dict[str, str], path: str, data: dict[str, str], field: str
) -> None:
    c, csrf = sign_in(web, "sue")
    with api(web, web_tokens["sue"]) as a:
        before = a.get("/api/cases/2").json()
    r = c.post(path, data={"csrf": csrf, **data}, headers={"Accept": "text/html"})
    assert r.status_code in (404, 422), r.status_code
    assert field in r.text and "Traceback" not in r.text
    with api(web, web_tokens["sue"]) as a:
        after = a.get("/api/cases/2").json()
    assert after["messages"] == before["messages"] and after["status"] == before["status"]


def test_a_forwarded_for_header_does_not_dodge_the_address_limit(tmp_path: Path) -> None:
    """Issue 13: X-Forwarded-For from loopback was believed, so each failed sign-in could
    claim a new address. Without CALMLINE_TRUSTED_PROXIES no proxy header is believed."""
    from tests.api.conftest import start_server

    proc, base = start_server(tmp_path)
    try:
        c = httpx.Client(base_url=base, timeout=60)

        def attempt(i: int) -> int:
            form = c.get("/login")
            token = re.search(r'name="csrf" value="([^"]+)"', form.text)
            assert token is not None
            r = c.post(
                "/login",
                data={"csrf": token.group(1), "name": f"ghost{i}", "password": "wrong"},
                headers={
                    "Cookie": f"__Host-calmline_login={form.cookies['__Host-calmline_login']}",
                    "X-Forwarded-For": f"203.0.113.{i}",
                },
            )
            return r.status_code

        codes = [attempt(i) for i in range(21)]  # 4 × 5 failures per address, then 429
        assert codes[:20] == [401] * 20 and codes[20] == 429
    finally:
        proc.terminate()
        proc.wait(timeout=20)
