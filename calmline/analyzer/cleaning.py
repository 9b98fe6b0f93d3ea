"""Input cleaning: HTML e-mail bodies to text, quoted history and signatures left out.

Nothing is deleted from the user's string. We build a *view* whose every character knows
where it came from, and blank out (replace with spaces) what must not be scored, so that
detectors can work on plain text while findings still point into the original.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache

from calmline.analyzer.result import Excluded
from calmline.languages.loader import SUPPORTED, Entry, load_language
from calmline.languages.patterns import RegexPattern

_HTML_HINT = re.compile(
    r"<(?:html|body|div|p|br|span|table|td|blockquote|a|b|i|strong|em|font|ul|li)\b[^>]*>",
    re.IGNORECASE,
)
_SKIP_BLOCK = re.compile(r"<(script|style|head)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>|<!doctype[^>]*>", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_BLOCK_TAGS = frozenset(
    {
        "br",
        "p",
        "div",
        "tr",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "table",
        "ul",
        "ol",
        "hr",
        "pre",
        "section",
        "article",
    }
)
_QUOTE_CLASS = re.compile(r"gmail_quote|yahoo_quoted|moz-cite-prefix|divRplyFwdMsg", re.I)


@dataclass(frozen=True)
class View:
    text: str
    starts: tuple[int, ...] | None  # original start of each view char; None = identity
    ends: tuple[int, ...] | None  # original end of each view char
    excluded: tuple[Excluded, ...]
    html: bool

    def span(self, start: int, end: int) -> tuple[int, int]:
        if self.starts is None or self.ends is None:
            return start, end
        if end <= start or start >= len(self.starts):
            pos = (
                self.starts[start]
                if start < len(self.starts)
                else (self.ends[-1] if self.ends else 0)
            )
            return pos, pos
        return self.starts[start], self.ends[end - 1]


def looks_like_html(text: str) -> bool:
    head = text[:5000]
    return bool(_HTML_HINT.search(head)) and ("</" in head or "<br" in head.lower())


def html_to_view(raw: str) -> tuple[str, list[int], list[int], list[tuple[int, int]]]:
    """Strip tags and decode entities; return text, offset maps and quoted regions (view)."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    quoted: list[tuple[int, int]] = []
    open_quotes: list[int] = []
    skips = [(m.start(), m.end()) for m in _SKIP_BLOCK.finditer(raw)]
    skip_i = 0
    i, n = 0, len(raw)

    def emit(chars: str, s: int, e: int) -> None:
        for ch in chars:
            out.append(ch)
            starts.append(s)
            ends.append(e)

    while i < n:
        if skip_i < len(skips) and i >= skips[skip_i][0]:
            i = max(i, skips[skip_i][1])
            skip_i += 1
            continue
        ch = raw[i]
        if ch == "<":
            m = _TAG.match(raw, i)
            if m:
                name = (m.group(1) or "").lower()
                closing = raw.startswith("</", i)
                if name in _BLOCK_TAGS:
                    emit("\n", i, m.end())
                is_quote = name == "blockquote" or bool(_QUOTE_CLASS.search(m.group()))
                if name in ("blockquote", "div") and not closing:
                    open_quotes.append(len(out) if is_quote else -1)
                elif name in ("blockquote", "div") and closing and open_quotes:
                    began = open_quotes.pop()
                    if began >= 0:
                        quoted.append((began, len(out)))
                i = m.end()
                continue
        if ch == "&":
            m = _ENTITY.match(raw, i)
            if m:
                emit(html.unescape(m.group()), i, m.end())
                i = m.end()
                continue
        emit(ch, i, i + 1)
        i += 1
    for began in open_quotes:
        if began >= 0:
            quoted.append((began, len(out)))
    return "".join(out), starts, ends, quoted


@cache
def _mail_entries() -> tuple[Entry, ...]:
    entries: list[Entry] = []
    for code in (*SUPPORTED, "common"):
        entries.extend(load_language(code).entries("mail"))
    return tuple(e for e in entries if isinstance(e.pattern, RegexPattern))


_QUOTED_LINE = re.compile(r"(?m)^[ \t]*>.*$")
_SIG_DASHES = re.compile(r"(?m)^-- ?$")


def _regions(text: str) -> list[tuple[str, int, int]]:
    """Quoted and signature regions of a plain-text body, as view offsets."""
    regions: list[tuple[str, int, int]] = []
    for entry in _mail_entries():
        assert isinstance(entry.pattern, RegexPattern)
        for m in entry.pattern.regex.finditer(text):
            line_start = text.rfind("\n", 0, m.start()) + 1
            if line_start == 0 and entry.kind == "forward_header":
                continue  # a forward at the very top is the customer's report: keep it
            if entry.kind == "signature":
                # a closing starts a signature only near the end of the message body
                line_end = text.find("\n", m.end())
                rest = text[line_end:] if line_end >= 0 else ""
                if rest.count("\n") > 8 or line_start == 0:
                    continue
                regions.append(("signature", line_start, len(text)))
            else:
                regions.append(("quoted", line_start, len(text)))
    for m in _SIG_DASHES.finditer(text):
        if m.start() > 0:
            regions.append(("signature", m.start(), len(text)))
    for m in _QUOTED_LINE.finditer(text):
        regions.append(("quoted", m.start(), m.end()))
    return regions


def _merge(regions: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    merged: list[tuple[str, int, int]] = []
    for kind, s, e in sorted(regions, key=lambda r: (r[1], -r[2])):
        if merged and s <= merged[-1][2]:
            k0, s0, e0 = merged[-1]
            merged[-1] = (k0, s0, max(e0, e))
        else:
            merged.append((kind, s, e))
    return merged


def clean(original: str) -> View:
    """Build the scoring view of ``original`` (already truncated by the caller)."""
    is_html = looks_like_html(original)
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None
    regions: list[tuple[str, int, int]] = []
    text = original
    if is_html:
        text, s_list, e_list, quoted = html_to_view(original)
        starts, ends = tuple(s_list), tuple(e_list)
        regions.extend(("quoted", s, e) for s, e in quoted)
    regions.extend(_regions(text))
    merged = _merge(regions)
    chars = list(text)
    excluded: list[Excluded] = []
    view0 = View(text, starts, ends, (), is_html)
    for kind, s, e in merged:
        for j in range(s, e):
            if chars[j] != "\n":
                chars[j] = " "
        os_, oe = view0.span(s, e)
        excluded.append(Excluded(kind, os_, oe))
    blanked = "".join(chars)
    if text.strip() and not blanked.strip():
        # a message that is nothing but a quote is still the customer's words: score it
        return View(text, starts, ends, (), is_html)
    return View(blanked, starts, ends, tuple(excluded), is_html)
