"""Calendar arithmetic for relative dates: everything is resolved against the message's day.

The conventions are the ones our labelled conversations use (docs/situations-format.md):
a weekday in the past is the most recent one strictly before the message day, one in the
future the next one strictly after it; "last week" is the previous Monday–Sunday; a month
named alone is the most recent one that has begun; a day without a year is the nearest such
day not after the message day (or not before it, for promises and deadlines).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def iso(d: date) -> str:
    return d.isoformat()


def span(a: date, b: date) -> str:
    return f"{a.isoformat()}/{b.isoformat()}"


def weekday(ref: date, day: int, future: bool) -> date:
    """The nearest ``day`` (Monday = 0) strictly before ``ref``, or strictly after it."""
    if future:
        delta = (day - ref.weekday()) % 7 or 7
        return ref + timedelta(days=delta)
    delta = (ref.weekday() - day) % 7 or 7
    return ref - timedelta(days=delta)


def week_of(ref: date, offset: int) -> tuple[date, date]:
    """Monday and Sunday of the week ``offset`` weeks from ``ref``'s week."""
    monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=offset)
    return monday, monday + timedelta(days=6)


def weekday_in_week(ref: date, day: int, offset: int) -> date:
    return week_of(ref, offset)[0] + timedelta(days=day)


def weekend(ref: date, offset: int) -> tuple[date, date]:
    monday = week_of(ref, offset)[0]
    return monday + timedelta(days=5), monday + timedelta(days=6)


def month_range(year: int, month: int) -> tuple[date, date]:
    last = calendar.monthrange(year, month)[1]
    return date(year, month, 1), date(year, month, last)


def shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + offset
    return n // 12, n % 12 + 1


def named_month(ref: date, month: int, future: bool) -> tuple[date, date]:
    """The month ``month`` nearest ``ref``: the latest begun one, or the next to come."""
    year = ref.year
    if future:
        if month < ref.month:
            year += 1
    elif month > ref.month:
        year -= 1
    return month_range(year, month)


def valid(year: int, month: int, day: int) -> bool:
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1 <= year <= 9999):
        return False
    return day <= calendar.monthrange(year, month)[1]


def day_without_year(ref: date, month: int, day: int, future: bool) -> date | None:
    """The nearest such day not after ``ref`` (or not before it when ``future``)."""
    candidates = [y for y in range(ref.year - 4, ref.year + 5) if valid(y, month, day)]  # 29 Feb
    if not candidates:
        return None
    dates = [date(y, month, day) for y in candidates]
    if future:
        ahead = [d for d in dates if d >= ref]
        return min(ahead) if ahead else None
    past = [d for d in dates if d <= ref]
    return max(past) if past else None
