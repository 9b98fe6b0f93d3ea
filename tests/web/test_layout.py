"""Keyboard use, labelled fields, and readability at 1280 px and at phone width."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.web.conftest import login, shot
from tests.web.test_flows import THREAT, open_case

UNLABELLED = """() => [...document.querySelectorAll(
    'input:not([type=hidden]), select, textarea, button')]
  .filter(e => e.tagName === 'BUTTON'
    ? !(e.innerText.trim() || e.getAttribute('aria-label'))
    : e.labels.length === 0 && !e.getAttribute('aria-label'))
  .map(e => e.outerHTML.slice(0, 120))"""
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


def _pages(page: Any) -> list[tuple[str, str]]:
    case_id = open_case(page, THREAT)
    return [
        ("inbox", "/"),
        ("case", f"/cases/{case_id}"),
        ("dashboard", "/dashboard"),
        ("settings", "/settings"),
    ]


@pytest.mark.parametrize("width", [1280, 390])
def test_every_field_is_labelled_and_nothing_overflows(page: Any, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/login")
    assert page.evaluate(UNLABELLED) == []
    assert page.evaluate(OVERFLOW) <= 0
    login(page, "sue")
    for name, path in _pages(page):
        page.goto(path)
        assert page.evaluate(UNLABELLED) == [], name
        assert page.evaluate(OVERFLOW) <= 0, f"{name} scrolls sideways at {width}px"
        if width < 500:
            shot(page, f"{name}-phone")


def _tab_to(page: Any, predicate: str, limit: int = 250) -> bool:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate):
            return True
    return False


def test_case_page_works_from_the_keyboard(page: Any) -> None:
    login(page, "ann")
    open_case(page, THREAT)
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#main"
    # a highlighted finding takes focus and shows its explanation
    assert _tab_to(page, "() => document.activeElement.matches('mark.hl-violence')")
    tip = page.locator("mark.hl-violence .tip").first
    assert tip.is_visible() and "score" in tip.inner_text()
    # the composer, then "Draft for me" by Enter
    assert _tab_to(page, "() => document.activeElement.id === 'reply'")
    page.keyboard.type("Ich verstehe.")
    assert _tab_to(page, "() => document.activeElement.id === 'draft-button'", 3)
    page.once("dialog", lambda d: d.accept())  # replace the typed text
    page.keyboard.press("Enter")
    box = page.locator("#reply")
    page.wait_for_function(
        "() => !document.getElementById('reply').value.startsWith('Ich verstehe.')"
    )
    assert re.search(r"Drohung|Sicherheit|weitergeleitet", box.input_value())
