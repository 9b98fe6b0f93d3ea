"""HTML bodies become text and quoted history is left out, offsets still into the original."""

from __future__ import annotations

import calmline
from calmline.analyzer.cleaning import clean


def test_html_entities_and_tags_map_back_to_the_original() -> None:
    raw = "<html><body><p>Order <b>#NL-22841</b> cost &euro;&nbsp;49,95</p></body></html>"
    view = clean(raw)
    assert view.html
    pos = view.text.index("#NL-22841")
    s, e = view.span(pos, pos + len("#NL-22841"))
    assert raw[s:e] == "#NL-22841"
    analysis = calmline.analyze(raw, lang="en")
    amount = next(f for f in analysis.facts if f.kind == "amount")
    assert raw[amount.start : amount.end] == amount.text
    assert "&euro;" in amount.text


def test_script_and_style_are_not_text() -> None:
    view = clean("<div>hello</div><script>alert('x')</script><style>p{}</style>")
    assert "alert" not in view.text
    assert "hello" in view.text


def test_quoted_lines_and_reply_headers_are_excluded() -> None:
    text = (
        "Thanks, that solved it.\n\n"
        "On Mon, 3 Mar 2026 at 10:00, Support <help@shop.example> wrote:\n"
        "> You idiots will pay for this, I will burn your shop down\n"
    )
    analysis = calmline.analyze(text, lang="en")
    assert analysis.excluded
    assert not analysis.threats
    assert not analysis.offensive.findings
    assert all(x.start >= text.index("On Mon") for x in analysis.excluded)


def test_gt_quoted_lines_alone_are_excluded() -> None:
    text = "Still nothing.\n> old message: I will smash your windows\n> more\nPlease call me."
    view = clean(text)
    assert "smash" not in view.text
    assert "Please call me." in view.text


def test_html_blockquote_is_quoted_history() -> None:
    raw = "<div>Where is it?</div><blockquote>You are all idiots</blockquote>"
    view = clean(raw)
    assert "idiots" not in view.text
    assert "Where is it?" in view.text


def test_a_message_that_is_only_a_quote_is_still_scored() -> None:
    text = "> I will kill you"
    view = clean(text)
    assert "kill" in view.text
