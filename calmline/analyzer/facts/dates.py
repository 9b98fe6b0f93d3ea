"""Dates written as numbers ("31.10.", "2026-11-03", "31/10") and the pieces of written
dates (a day range, a year) that the time scanner combines."""

from __future__ import annotations

import re
from datetime import date

from calmline.analyzer.facts import calendar as cal
from calmline.analyzer.facts.scan import Reader
from calmline.analyzer.facts.values import Resolver, TimeFact, const, relative

_NUMERIC_DATE = re.compile(
    r"(?<![\w./-])(?:"
    r"(?P<y1>(?:19|20)\d{2})-(?P<m1>\d{1,2})-(?P<d1>\d{1,2})"
    r"|(?P<d2>\d{1,2})(?P<sep>[./-])(?P<m2>\d{1,2})(?P=sep)(?P<y2>(?:19|20)?\d{2})"
    r"|(?P<d3>\d{1,2})\.(?P<m3>\d{1,2})\.(?!\d)"
    r"|(?P<d4>\d{1,2})/(?P<m4>\d{1,2})(?![\d/])"
    r"|(?P<d5>\d{2})-(?P<m5>\d{2})(?![\d/-])"
    r")(?![\w/-]|\.\d)"
)


def numeric_dates(r: Reader) -> list[TimeFact]:
    out = []
    for m in _NUMERIC_DATE.finditer(r.text):
        g = m.groupdict()
        if g["y1"]:
            y, mo, d = int(g["y1"]), int(g["m1"]), int(g["d1"])
        elif g["d2"]:
            y, mo, d = int(g["y2"]), int(g["m2"]), int(g["d2"])
            y = y + 2000 if y < 100 else y
        else:
            d = int(g["d3"] or g["d4"] or g["d5"])
            mo, y = int(g["m3"] or g["m4"] or g["m5"]), 0
            after = r.text[m.end() : m.end() + 12].split()
            if g["d5"] and after and r.vocab.is_a(after[0].lower(), "unit", "unit1"):
                continue  # "10-12 dagen" is a range of days
        if not cal.valid(y or 2000, mo, d):
            continue  # "31.02." is no date
        if y and not cal.valid(y, mo, d):
            continue
        rule = "common/dates:numeric"
        if y:
            fact = TimeFact(
                "date", m.start(), m.end(), const(date(y, mo, d).isoformat()), rule, False
            )
        else:
            fact = TimeFact("date", m.start(), m.end(), no_year(mo, d), rule, True)
        out.append(fact)
    return out


def no_year(month: int, day: int) -> Resolver:
    return relative(lambda ref, future: _day(ref, month, day, future))


def _day(ref: date, month: int, day: int, future: bool) -> str | None:
    found = cal.day_without_year(ref, month, day, future)
    return found.isoformat() if found else None


def day_range(r: Reader, i: int) -> tuple[int, int, int] | None:
    """Two days of one month at token ``i``: "9–12", "4-7", "9 to 12"; (first, last, next)."""
    word = r.words[i] if i < len(r) else ""
    m = re.fullmatch(r"(\d{1,2})-(\d{1,2})", word)
    if m:
        return int(m.group(1)), int(m.group(2)), i + 1
    if re.fullmatch(r"\d{1,2}", word) and i + 1 < len(r):
        gap = r.gap(i, i + 1).strip()
        if gap in ("–", "—", "-") and re.fullmatch(r"\d{1,2}", r.words[i + 1]):
            return int(word), int(r.words[i + 1]), i + 2
    return None


def year_after(r: Reader, j: int) -> tuple[int, int] | None:
    """A four-digit year at token ``j`` (after an optional comma): (year, next token)."""
    if j < len(r) and re.fullmatch(r"(?:19|20)\d{2}", r.words[j]):
        return int(r.words[j]), j + 1
    return None
