"""A real ``calmline serve --demo`` on a fresh store and a real headless Chromium (Debian's
``chromium``, driven by Playwright through ``executable_path``)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.api.conftest import start_server
from tests.conftest import require

PASSWORDS = {
    "ann": "ann-pass-0001",
    "ben": "ben-pass-0002",
    "sue": "sue-pass-0003",
    "rita": "rita-pass-0004",
    "ada": "ada-pass-0005",
}
ROLES = {"ann": "agent", "ben": "agent", "sue": "supervisor", "rita": "agent", "ada": "admin"}
DATA = Path(__file__).parent.parent / "data" / "web"
SHOTS = Path(os.environ.get("CALMLINE_SCREENSHOTS", "build/screenshots"))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# as the probe of this workplace starts Chromium: no sandbox as root, nothing phoning home
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _cli(data: Path, *args: str, stdin: str = "") -> str:
    env = {**os.environ, "CALMLINE_DATA_DIR": str(data)}
    proc = subprocess.run(
        [sys.executable, "-m", "calmline.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.fixture(scope="session")
def web_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("web-data")


@pytest.fixture(scope="session")
def web_tokens(web_data: Path) -> dict[str, str]:
    """Users with known passwords (the demo reuses ann and sue); their API tokens."""
    tokens = {}
    for name, password in PASSWORDS.items():
        out = _cli(
            web_data,
            "user",
            "add",
            name,
            "--role",
            ROLES[name],
            "--password-stdin",
            stdin=password + "\n",
        )
        tokens[name] = out.strip().splitlines()[-1]
    return tokens


@pytest.fixture(scope="session")
def web(web_data: Path, web_tokens: dict[str, str]) -> Iterator[str]:
    proc, base = start_server(web_data, None, "--demo")
    try:
        # a hostile HTML e-mail, imported by a second process while the server runs
        _cli(web_data, "import", str(DATA / "hostile-html.eml"))
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    require(CHROMIUM is not None, "Debian's chromium is not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the test extra installs it
        require(False, "playwright is not installed")
        raise
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser: Any, web: str) -> Iterator[Any]:
    """A fresh browser context (no cookies) at 1280 px."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=web)
    context.set_default_timeout(20_000)
    pg = context.new_page()
    pg.errors = []  # uncaught script errors: a test fails on any
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    try:
        yield pg
    finally:
        context.close()


def login(page: Any, name: str, password: str | None = None) -> None:
    page.goto("/login")
    page.get_by_label("Name").fill(name)
    page.get_by_label("Password").fill(password or PASSWORDS[name])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/$|/cases/|/dashboard|/settings"))


def shot(page: Any, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def api(web: str, token: str) -> httpx.Client:
    return httpx.Client(base_url=web, timeout=60, headers={"Authorization": f"Bearer {token}"})
