"""The sidebar (issue 14) over real HTTP and in a real Chromium: a helpdesk page on another
origin frames calmline the way Chatwoot's Dashboard Apps do, the agent signs in inside the
frame and gets live review; a page on an origin the policy does not name cannot frame it;
signed links open exactly their own case and expire; the Zendesk app zip is well formed."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import sqlite3
import struct
import threading
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from calmline.protocol.policy import default_path
from calmline.web.embed_links import Signer
from tests.api.conftest import WEBHOOK_SECRETS, start_server
from tests.web.conftest import DATA, PASSWORDS, _cli

CUSTOMER = (
    "This is the third time I am writing! My order 55123 never arrived and nobody answers. "
    "I want my money back now."
)


@dataclass(frozen=True)
class Sidebar:
    base: str  # calmline
    helpdesk: str  # the configured Chatwoot origin (http://localhost:port)
    stranger: str  # the same page server under an origin the policy does not name
    data: Path
    signer: Signer
    case_a: int  # Chatwoot conversation 7001
    case_b: int  # Chatwoot conversation 7002, assigned to ben
    ids: dict[str, int]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _chatwoot_hook(base: str, conversation: int, message: int) -> int:
    """A customer message through the real webhook, signed as Chatwoot signs it."""
    payload = json.loads((DATA.parent / "webhooks" / "chatwoot.json").read_text("utf-8"))
    payload.update(id=str(message), content=CUSTOMER)
    payload["conversation"]["id"] = str(conversation)
    payload["sender"]["email"] = f"customer{conversation}@example.com"
    body = json.dumps(payload).encode()
    stamp = str(int(time.time()))
    mac = hmac.new(WEBHOOK_SECRETS["chatwoot"].encode(), stamp.encode() + b"." + body, "sha256")
    r = httpx.post(
        f"{base}/api/webhooks/chatwoot",
        content=body,
        headers={
            "Content-Type": "application/json",
            "X-Chatwoot-Signature": f"sha256={mac.hexdigest()}",
            "X-Chatwoot-Timestamp": stamp,
        },
        timeout=60,
    )
    assert r.status_code == 200, r.text
    case_id: int = r.json()["cases"][0]
    return case_id


@pytest.fixture(scope="module")
def sidebar(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sidebar]:
    """A helpdesk page server, and a calmline whose policy names it as Chatwoot's origin."""
    pages = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(DATA)))
    threading.Thread(target=pages.serve_forever, daemon=True).start()
    port = pages.server_address[1]
    helpdesk = f"http://localhost:{port}"
    data = tmp_path_factory.mktemp("embed-data")
    policy = data / "policy.toml"
    policy.write_text(
        default_path().read_text("utf-8")
        + f"""
[helpdesks.chatwoot]
base_url = "https://chat.example.com"
credentials = {{ token = "CALMLINE_TEST_CHATWOOT_TOKEN" }}
account = 1
write_note = false
write_tags = false
write_priority = false
origin = "{helpdesk}"
""",
        "utf-8",
    )
    tokens = {}
    for name, role in (("ada", "admin"), ("ann", "agent"), ("ben", "agent")):
        out = _cli(
            data,
            "user",
            "add",
            name,
            "--role",
            role,
            "--password-stdin",
            stdin=PASSWORDS[name] + "\n",
        )
        tokens[name] = out.strip().splitlines()[-1]
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CALMLINE_POLICY", str(policy))
        mp.setenv("CALMLINE_OUTBOX_WORKER", "false")
        mp.delenv("CALMLINE_EMBED_SECRET", raising=False)
        proc, base = start_server(data)
    try:
        case_a = _chatwoot_hook(base, 7001, 900001)
        case_b = _chatwoot_hook(base, 7002, 900002)
        with sqlite3.connect(data / "calmline.db") as db:
            ids = {name: uid for uid, name in db.execute("select id, name from users")}
        r = httpx.patch(
            f"{base}/api/cases/{case_b}",
            json={"assignee_id": ids["ben"]},
            headers={"Authorization": f"Bearer {tokens['ada']}"},
        )
        assert r.status_code == 200, r.text
        # the first embed page creates the secret; sign test links with it
        assert httpx.get(f"{base}/embed/case/{case_a}").status_code == 401
        assert not (data / "embed-secret").exists()  # no secret until a link is checked
        assert httpx.get(f"{base}/embed/case/{case_a}?t=x").status_code == 403
        signer = Signer((data / "embed-secret").read_bytes().strip())
        yield Sidebar(base, helpdesk, f"http://127.0.0.1:{port}", data, signer, case_a, case_b, ids)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        pages.shutdown()


def _host(origin: str, app: str, conversation: int = 7001) -> str:
    return f"{origin}/chatwoot-host.html?app={quote(app, safe='')}&conversation={conversation}"


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1000, "height": 1000})
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.errors = []
    page.console = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("console", lambda msg: page.console.append(msg.text))
    try:
        yield page
    finally:
        context.close()


def test_chatwoot_frames_the_sidebar_the_agent_signs_in_and_gets_live_review(
    sidebar: Sidebar, tab: Any
) -> None:
    from playwright.sync_api import expect

    tab.goto(_host(sidebar.helpdesk, f"{sidebar.base}/embed/chatwoot"))
    app = tab.frame_locator("#app")
    # chatwoot.js took the conversation from Chatwoot's appContext: its sign-in form
    expect(app.get_by_role("heading", name="Sign in to calmline")).to_be_visible()
    frame = next(f for f in tab.frames if f.url.startswith(sidebar.base))
    assert frame.url == f"{sidebar.base}/embed/chatwoot/7001"
    assert tab.evaluate("window.fetchInfo") >= 1  # it asked, as Chatwoot documents
    app.get_by_label("Name").fill("ada")
    app.get_by_label("Password").fill(PASSWORDS["ada"])
    app.get_by_role("button", name="Sign in").click()

    expect(app.locator("#guidance")).to_contain_text("Next:")
    expect(app.locator("#situation")).to_be_visible()
    expect(app.locator("#open-case")).to_have_text(f"Case #{sidebar.case_a} ↗")
    cookie = next(c for c in tab.context.cookies() if c["name"] == "__Host-calmline_embed")
    assert cookie["sameSite"] == "None" and cookie["secure"] and cookie["httpOnly"]
    assert cookie.get("partitionKey", "http://localhost") == "http://localhost"  # CHIPS
    assert tab.evaluate("document.cookie") == ""  # the helpdesk page sees none of ours

    app.locator("#reply").fill("Calm down. That is not our fault, you should have read the FAQ.")
    expect(app.locator("#review-summary")).to_contain_text("Score")
    expect(app.locator("#review-findings li").first).to_be_visible()
    tab.once("dialog", lambda dialog: dialog.accept())  # "Replace your text…?"
    app.get_by_role("button", name="Draft for me").click()
    expect(app.locator("#reply")).not_to_have_value("")
    assert "Calm down" not in app.locator("#reply").input_value()
    app.get_by_role("button", name="Copy").click()
    expect(app.locator("#copy-status")).to_have_text(re.compile("Copied|Ctrl"))
    # 380 px: nothing wider than the sidebar
    width = frame.evaluate("document.documentElement.scrollWidth")
    assert width <= 380, width
    assert tab.errors == []


def _blocked(tab: Any, directive: str) -> None:
    """Chromium refused to show the frame: the violation in the console, an error page in
    the frame."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not any(directive in m for m in tab.console):
        tab.wait_for_timeout(100)
    assert any(directive in m and "blocked" in m for m in tab.console), tab.console
    frame = tab.frames[1]
    assert frame.url.startswith("chrome-error://"), frame.url
    assert "calmline" not in frame.content()


def test_a_page_on_another_origin_cannot_frame_the_sidebar(sidebar: Sidebar, tab: Any) -> None:
    # a valid link, which would open the case: framed by a page the policy does not name
    token = sidebar.signer.sign(sidebar.case_a, None, 600)
    tab.goto(_host(sidebar.stranger, f"{sidebar.base}/embed/case/{sidebar.case_a}?t={token}"))
    _blocked(tab, f'"frame-ancestors {sidebar.helpdesk}"')
    # the configured helpdesk frames the sidebar, but never the web app's own pages
    tab.console.clear()
    tab.goto(_host(sidebar.helpdesk, f"{sidebar.base}/login"))
    _blocked(tab, "\"frame-ancestors 'none'\"")


def test_a_signed_link_opens_its_case_in_the_frame_without_signing_in(
    sidebar: Sidebar, tab: Any
) -> None:
    from playwright.sync_api import expect

    token = sidebar.signer.sign(sidebar.case_a, None, 600)
    tab.goto(_host(sidebar.helpdesk, f"{sidebar.base}/embed/case/{sidebar.case_a}?t={token}"))
    app = tab.frame_locator("#app")
    expect(app.locator("#guidance")).to_contain_text("Next:")
    app.locator("#reply").fill("I understand how frustrating this is. I will check order 55123.")
    expect(app.locator("#review-summary")).to_contain_text("Score")
    assert all(c["name"] != "__Host-calmline_embed" for c in tab.context.cookies())
    assert tab.errors == []


def test_signed_links_open_only_their_case_and_expire(sidebar: Sidebar) -> None:
    s, a, b = sidebar.signer, sidebar.case_a, sidebar.case_b
    good = s.sign(a, None, 600)
    r = httpx.get(f"{sidebar.base}/embed/case/{a}?t={good}")
    assert r.status_code == 200 and 'id="guidance"' in r.text
    assert r.headers["cache-control"] == "no-store"
    review = f"{sidebar.base}/embed/case/{a}/review"
    ok = httpx.post(review, json={"draft": "Calm down."}, headers={"X-Calmline-Embed": good})
    assert ok.status_code == 200 and ok.json()["findings"]
    draft = httpx.post(f"{sidebar.base}/embed/case/{a}/draft", headers={"X-Calmline-Embed": good})
    assert draft.status_code == 200 and draft.json()["text"]

    # expired: refused with the sign-in form
    old = s.sign(a, None, 600, now=time.time() - 3600)
    r = httpx.get(f"{sidebar.base}/embed/case/{a}?t={old}")
    assert r.status_code == 401 and "expired" in r.text and "Sign in to calmline" in r.text
    assert (
        httpx.post(review, json={"draft": "x"}, headers={"X-Calmline-Embed": old}).status_code
        == 401
    )
    # forged: another key, a changed case, a changed expiry, garbage
    forged = Signer(b"k" * 32).sign(a, None, 600)
    _, user, expires, mac = good.split(".")
    for bad in (forged, f"{b}.{user}.{expires}.{mac}", f"{a}.{user}.{int(expires) + 9}.{mac}", "x"):
        assert httpx.get(f"{sidebar.base}/embed/case/{a}?t={quote(bad)}").status_code == 403
        r = httpx.post(review, json={"draft": "x"}, headers={"X-Calmline-Embed": bad})
        assert r.status_code == 403
    # case A's link opens neither case B's page nor B's review
    r = httpx.get(f"{sidebar.base}/embed/case/{b}?t={good}")
    assert r.status_code == 403 and "another case" in r.text and "guidance" not in r.text
    assert httpx.get(f"{sidebar.base}/embed/chatwoot/7002?t={good}").status_code == 403
    r = httpx.post(
        f"{sidebar.base}/embed/case/{b}/review",
        json={"draft": "x"},
        headers={"X-Calmline-Embed": good},
    )
    assert r.status_code == 403
    # nor anything outside the sidebar
    r = httpx.post(
        f"{sidebar.base}/app/cases/{a}/review",
        json={"draft": "x"},
        headers={"X-Calmline-Embed": good},
    )
    assert r.status_code == 401
    assert httpx.get(f"{sidebar.base}/cases/{a}?t={good}").status_code == 303
    # a link made for an agent keeps the agent's rules: B is ben's, not ann's
    ann = s.sign(b, sidebar.ids["ann"], 600)
    assert httpx.get(f"{sidebar.base}/embed/case/{b}?t={ann}").status_code == 403
    ben = s.sign(b, sidebar.ids["ben"], 600)
    assert httpx.get(f"{sidebar.base}/embed/case/{b}?t={ben}").status_code == 200


def test_embed_pages_may_be_framed_only_by_the_configured_helpdesk(sidebar: Sidebar) -> None:
    r = httpx.get(f"{sidebar.base}/embed/chatwoot")
    assert "x-frame-options" not in r.headers
    csp = r.headers["content-security-policy"]
    assert f"frame-ancestors {sidebar.helpdesk};" in csp and "script-src 'self'" in csp
    assert f'data-chatwoot-origins="{sidebar.helpdesk}"' in r.text
    login = httpx.get(f"{sidebar.base}/login")
    assert login.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in login.headers["content-security-policy"]
    missing = httpx.get(
        f"{sidebar.base}/embed/chatwoot/999999?t={sidebar.signer.sign(1, None, 60)}"
    )
    assert (
        missing.status_code == 404
        and "no case for chatwoot conversation 999999 yet" in missing.text
    )


def test_the_frame_session_is_a_partitioned_cookie_with_csrf(sidebar: Sidebar) -> None:
    c = httpx.Client(base_url=sidebar.base, timeout=60)
    form = c.get("/embed/chatwoot/7001")
    assert form.status_code == 401
    token = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert token is not None
    pre = form.cookies["__Host-calmline_embed_login"]
    fields = {
        "csrf": token.group(1),
        "name": "ann",
        "password": PASSWORDS["ann"],
        "next": "/embed/chatwoot/7001",
    }
    # without the form's own cookie (another site posting the form) nothing happens
    assert c.post("/embed/login", data=fields).status_code == 403
    r = c.post(
        "/embed/login", data=fields, headers={"Cookie": f"__Host-calmline_embed_login={pre}"}
    )
    assert r.status_code == 303 and r.headers["location"] == "/embed/chatwoot/7001"
    cookie = next(
        v
        for k, v in r.headers.multi_items()
        if k == "set-cookie" and v.startswith("__Host-calmline_embed=")
    )
    for attribute in ("Secure", "HttpOnly", "SameSite=None", "Partitioned", "Path=/"):
        assert attribute in cookie.split("; "), cookie
    session = cookie.split(";")[0]
    page = c.get("/embed/chatwoot/7001", headers={"Cookie": session})
    assert page.status_code == 200
    csrf = re.search(r'<meta name="csrf-token" content="([^"]+)"', page.text)
    assert csrf is not None
    review = f"/embed/case/{sidebar.case_a}/review"
    assert c.post(review, json={"draft": "Hello"}, headers={"Cookie": session}).status_code == 403
    ok = c.post(
        review, json={"draft": "Hello"}, headers={"Cookie": session, "X-CSRF-Token": csrf.group(1)}
    )
    assert ok.status_code == 200
    # the frame's session follows the agent's rules: ben's case is not ann's
    assert c.get(f"/embed/case/{sidebar.case_b}", headers={"Cookie": session}).status_code == 403
    # signing out in the frame ends that session
    out = c.post(
        "/embed/logout",
        data={"csrf": csrf.group(1), "next": "/embed/chatwoot/7001"},
        headers={"Cookie": session},
    )
    assert out.status_code == 303 and "__Host-calmline_embed=;" in out.headers["set-cookie"]
    assert c.get("/embed/chatwoot/7001", headers={"Cookie": session}).status_code == 401


def test_the_secret_lives_in_the_data_folder_only(sidebar: Sidebar) -> None:
    path = sidebar.data / "embed-secret"
    assert path.stat().st_mode & 0o777 == 0o600
    secret = path.read_bytes().strip()
    assert len(secret) >= 32
    for db in sidebar.data.glob("calmline.db*"):
        assert secret not in db.read_bytes()


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    assert (depth, colour) == (8, 6)  # PNG-24 with transparency, as Zendesk asks
    return width, height


def test_zendesk_app_package(tmp_path: Path) -> None:
    out = tmp_path / "calmline-zendesk.zip"
    said = _cli(tmp_path, "helpdesk", "zendesk-app", str(out), "--url", "https://calmline.example/")
    assert "Upload private app" in said
    with zipfile.ZipFile(out) as z:
        names = set(z.namelist())
        manifest = json.loads(z.read("manifest.json"))
        en = json.loads(z.read("translations/en.json"))
        page = z.read("assets/iframe.html").decode()
        script = z.read("assets/main.js").decode()
        logos = {n: _png_size(z.read(f"assets/{n}")) for n in ("logo.png", "logo-small.png")}
    assert {"manifest.json", "translations/en.json", "assets/iframe.html"} <= names
    assert manifest["frameworkVersion"] == "2.0" and manifest["private"] is True
    assert manifest["defaultLocale"] == "en" and manifest["author"]["name"]
    assert manifest["location"]["support"]["ticket_sidebar"]["url"] == "assets/iframe.html"
    assert en["app"]["name"] and en["app"]["short_description"]
    assert logos == {"logo.png": (320, 320), "logo-small.png": (128, 128)}
    assert "https://static.zdassets.com/zendesk_app_framework_sdk/2.0/zaf_sdk.min.js" in page
    assert 'data-calmline="https://calmline.example"' in page
    assert 'client.get("ticket.id")' in script and "/embed/zendesk/" in script
    proc = _cli_fails(tmp_path, "helpdesk", "zendesk-app", str(out), "--url", "https://x.example")
    assert "exists" in proc


def _cli_fails(data: Path, *args: str) -> str:
    import subprocess
    import sys

    env = {**os.environ, "CALMLINE_DATA_DIR": str(data)}
    proc = subprocess.run(
        [sys.executable, "-m", "calmline.cli", *args], capture_output=True, text=True, env=env
    )
    assert proc.returncode == 2
    return proc.stderr


def test_the_signer_itself() -> None:
    s = Signer(hashlib.sha256(b"test").hexdigest().encode())
    token = s.sign(5, 3, 60, now=1_000_000)
    grant = s.verify(token, now=1_000_030)
    assert (grant.case_id, grant.user_id, grant.expires) == (5, 3, 1_000_060)
    with pytest.raises(Exception, match="expired"):
        s.verify(token, now=1_000_061)
    with pytest.raises(Exception, match="not a calmline link"):
        s.verify("5.3." + "9" * 500)


def test_frame_ancestors_come_from_the_policy_and_nothing_else() -> None:
    from calmline.protocol.policy import parse_policy
    from calmline.web.embed import frame_ancestors

    def policy(sections: str) -> Any:
        return parse_policy(default_path().read_text("utf-8") + sections, "test")

    assert frame_ancestors(policy("")) == "'none'"
    zendesk = """
[helpdesks.zendesk]
base_url = "https://example.zendesk.com"
credentials = { email = "E", token = "T" }
origin = "https://example.zendesk.com"
[helpdesks.freshdesk]
base_url = "https://example.freshdesk.com"
credentials = { api_key = "K" }
"""
    # Zendesk's app page (assets/iframe.html) is served from *.apps.zdusercontent.com
    assert frame_ancestors(policy(zendesk)) == (
        "https://example.zendesk.com https://*.apps.zdusercontent.com"
    )
    # an origin that would smuggle a directive into the header is left out
    sneaky = zendesk.replace(
        'origin = "https://example.zendesk.com"', 'origin = "https://a.example;x"'
    )
    assert frame_ancestors(policy(sneaky)) == "'none'"
