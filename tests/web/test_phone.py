"""The web app on a phone: 390 × 844 px in Chromium, touch. On the case page the reply box
comes right after the conversation and a "Reply" bar reaches it in one tap; the inbox is a
list of cards; no page scrolls sideways. At 1280 px the guidance stays beside the
conversation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.web.conftest import login, shot
from tests.web.test_flows import THREAT, open_case

WIDTH, HEIGHT = 390, 844
# visible elements that reach past the viewport's right edge (outside sideways scrollers)
WIDER = """() => [...document.querySelectorAll('body *')].filter(e => {
    const r = e.getBoundingClientRect();
    if (!r.width || r.right <= window.innerWidth + 1) return false;
    for (let p = e.parentElement; p; p = p.parentElement)
      if (getComputedStyle(p).overflowX !== 'visible') return false;
    return true;
  }).map(e => e.outerHTML.slice(0, 100))"""


@pytest.fixture
def phone(browser: Any, web: str) -> Iterator[Any]:
    """A fresh browser context (no cookies) at 390 × 844 px with a touch screen."""
    context = browser.new_context(
        viewport={"width": WIDTH, "height": HEIGHT},
        base_url=web,
        has_touch=True,
        is_mobile=True,
    )
    context.set_default_timeout(20_000)
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    try:
        yield pg
    finally:
        context.close()


def _box(page: Any, selector: str) -> dict[str, float]:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    return box


def test_the_reply_box_is_one_tap_away_on_a_phone(phone: Any) -> None:
    login(phone, "ann")
    open_case(phone, THREAT)
    assert phone.evaluate("() => window.scrollY") == 0
    # reading order: conversation, the composer, then the guidance and the rest
    conversation, composer = _box(phone, "#conversation"), _box(phone, "#composer")
    guidance, actions = _box(phone, "#guidance"), _box(phone, "#actions")
    notes = _box(phone, "#notes")
    assert conversation["y"] < composer["y"] < guidance["y"] < actions["y"] < notes["y"]
    assert phone.evaluate(
        "() => document.getElementById('conversation').nextElementSibling.id"
    ) == ("composer")
    # one column, as wide as the page
    assert abs(composer["x"] - conversation["x"]) < 1 and abs(guidance["x"] - composer["x"]) < 1
    # the "Reply" bar is on screen without scrolling
    bar = phone.get_by_role("link", name="Reply", exact=True)
    assert bar.is_visible()
    box = bar.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= HEIGHT
    assert box["height"] >= 40  # a finger-sized target
    shot(phone, "phone-case")
    # one tap: the cursor is in the reply box and the reply box is on screen
    bar.tap()
    phone.wait_for_function("() => document.activeElement.id === 'reply'")
    reply = _box(phone, "#reply")
    assert reply["y"] >= 0 and reply["y"] + 40 <= HEIGHT
    assert not bar.is_visible()  # out of the way while the agent types
    phone.keyboard.type("Ich verstehe Sie.")
    assert phone.locator("#reply").input_value() == "Ich verstehe Sie."
    assert phone.errors == []


def test_the_inbox_is_a_list_of_cards_on_a_phone(phone: Any) -> None:
    login(phone, "ann")
    cards = phone.locator("#queue > li")
    assert cards.count() >= 10
    queue = _box(phone, "#queue")
    bottom = 0.0
    for i in range(cards.count()):
        card = cards.nth(i)
        box = card.bounding_box()
        assert box is not None
        # each case one block across the full width, under the one before
        assert abs(box["x"] - queue["x"]) < 1 and abs(box["width"] - queue["width"]) < 1
        assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH
        assert box["y"] >= bottom
        bottom = box["y"] + box["height"]
        # subject, customer, heat and waiting time (or status) inside the card
        for part in ("a.subject", ".who-line", ".badge"):
            inner = card.locator(part).first.bounding_box()
            assert inner is not None, part
            assert box["x"] <= inner["x"] and inner["x"] + inner["width"] <= box["x"] + box["width"]
        assert card.locator(".waiting, .status").count() >= 1
    # the customer's name is under the subject, not squeezed beside it
    subject, who = _box(phone, "#queue > li >> a.subject"), _box(phone, "#queue > li >> .who-line")
    assert who["y"] >= subject["y"] + subject["height"] - 1
    chips = phone.locator("#queue .chip")  # whichever alerts are open now, inside cards
    for k in range(min(chips.count(), 5)):
        chip = chips.nth(k).bounding_box()
        assert chip is not None and chip["x"] + chip["width"] <= WIDTH
    shot(phone, "phone-inbox")
    assert phone.errors == []


def test_no_page_scrolls_sideways_on_a_phone(phone: Any) -> None:
    def fits(name: str) -> None:
        width = phone.evaluate("() => document.documentElement.scrollWidth")
        assert width <= WIDTH, f"{name} is {width} px wide"
        assert phone.evaluate(WIDER) == [], name

    phone.goto("/login")
    fits("login")
    login(phone, "sue")
    case_id = open_case(phone, THREAT)
    for name, path in [("inbox", "/"), ("case", f"/cases/{case_id}"), ("dashboard", "/dashboard")]:
        phone.goto(path)
        fits(name)
    assert phone.errors == []


def test_the_guidance_stays_beside_the_conversation_at_1280(page: Any) -> None:
    login(page, "ann")
    open_case(page, THREAT)
    conversation, composer = _box(page, "#conversation"), _box(page, "#composer")
    guidance, notes = _box(page, "#guidance"), _box(page, "#notes")
    # side by side: the guidance column right of the conversation, starting at its top
    assert guidance["x"] >= conversation["x"] + conversation["width"]
    assert abs(_box(page, ".col-side")["y"] - conversation["y"]) < 1
    # the composer under the conversation, the notes under the composer, in the left column
    assert abs(composer["x"] - conversation["x"]) < 1 and abs(notes["x"] - conversation["x"]) < 1
    assert conversation["y"] < composer["y"] < notes["y"]
    assert not page.locator(".reply-bar").is_visible()  # no "Reply" bar on a wide screen
