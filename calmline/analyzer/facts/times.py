"""Dates and durations, with the role each plays in the story.

"Three weeks ago I ordered; you promised 4 working days" holds two durations that mean
different things: three weeks have *elapsed*, four days were *promised*. A reply that says
"you have been waiting 4 days" is wrong, so every time gets a role from the cue words of its
clause (``cue_*`` in ``languages/<code>/vocab.tsv``): the nearest cue wins. Dates are then
resolved against the message's day (see :mod:`calendar`); without one, a relative date
keeps its role and span but no value.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from calmline.analyzer.facts import calendar as cal
from calmline.analyzer.facts.dates import day_range, no_year, numeric_dates, year_after
from calmline.analyzer.facts.roles import date_role, duration_role
from calmline.analyzer.facts.scan import Hit, Reader
from calmline.analyzer.facts.values import Resolver, TimeFact, const, iso_duration, relative

_GREETINGS = frozenset({"guten", "schönen", "schoenen", "goeden", "good"})
_LINKS = frozenset({"van", "of", "w", "we", "der", "in", "z"})
_JOINED = re.compile(r"^(\d{1,3})-([a-z]+)$")
_TENSE = {"rel_last": "past", "rel_this": "present", "rel_next": "future"}


class _Times:
    def __init__(self, r: Reader, taken: list[tuple[int, int]]) -> None:
        self.r = r
        self.taken = taken  # view spans already claimed (numeric dates)
        self.out: list[TimeFact] = []
        self.used: set[int] = set()

    def free(self, i: int, j: int) -> bool:
        if any(k in self.used for k in range(i, j)):
            return False
        s, e = self.r.span(i, j)
        return not any(s < b and a < e for a, b in self.taken)

    def add(
        self,
        kind: str,
        i: int,
        j: int,
        resolve: Resolver,
        rule: str,
        relative: bool,
        tense: str | None = None,
    ) -> None:
        s, e = self.r.span(i, j)
        self.out.append(TimeFact(kind, s, e, resolve, rule, relative, tense=tense))
        self.used.update(range(i, j))

    def run(self) -> list[TimeFact]:
        r = self.r
        i = 0
        while i < len(r):
            if not r.hits[i] and not r.words[i][0].isdigit():
                i += 1  # nothing the vocabulary knows, no number: no time starts here
                continue
            j = self.at(i)
            i = j if j > i else i + 1
        return self.out

    def at(self, i: int) -> int:
        """Try every pattern at token ``i``; the end of what was taken, else ``i``."""
        if not self.free(i, i + 1):
            return i
        for pattern in (
            self.day_month,
            self.month_day,
            self.duration,
            self.relative_week_day,
            self.weekday,
            self.period,
            self.day_offset,
            self.month_alone,
        ):
            j = pattern(i)
            if j > i:
                return j
        return i

    # --- dates ---
    def day_month(self, i: int) -> int:
        r = self.r
        num = r.number(i)
        day: int | None = None
        k = i + 1
        first = day_range(r, i)
        if first is not None:  # "9–12 October", "4-7 czerwca": a period
            lo, hi, k = first
            month = r.hit(k, "month")
            if month is not None and cal.valid(2000, int(month.value), hi) and lo < hi:
                return self._range(i, month.j, lo, hi, int(month.value), month.rule)
        if num is not None and num.value == int(num.value) and not num.ranged:
            day, k = int(num.value), num.j
        else:
            h = r.hit(i, "ordinal")
            if h is not None:
                day, k = int(h.value), h.j
        if day is None:
            return i
        if k < len(r) and r.words[k] in ("of", "van"):  # "the 3rd of November"
            k += 1
        month = r.hit(k, "month")
        if month is None or not 1 <= day <= 31:
            return i
        end = month.j
        year = year_after(r, end)
        return self._absolute(i, end, year, int(month.value), day, month.rule)

    def month_day(self, i: int) -> int:
        r = self.r
        month = r.hit(i, "month")
        if month is None:
            return i
        k = month.j
        num = r.number(k)
        ordinal = r.hit(k, "ordinal")
        if num is not None and num.value == int(num.value) and 1 <= num.value <= 31:
            day, end = int(num.value), num.j
        elif ordinal is not None:
            day, end = int(ordinal.value), ordinal.j
        else:
            year = year_after(r, k)
            if year is None:
                return i
            y, end = year
            a, b = cal.month_range(y, int(month.value))
            self.add("date", i, end, const(cal.span(a, b)), month.rule, False)
            return end
        if num is not None and year_after(r, k) is not None:  # "May 2026"
            y, end = year_after(r, k)  # type: ignore[misc]
            a, b = cal.month_range(y, int(month.value))
            self.add("date", i, end, const(cal.span(a, b)), month.rule, False)
            return end
        return self._absolute(i, end, year_after(r, end), int(month.value), day, month.rule)

    def _range(self, i: int, end: int, lo: int, hi: int, month: int, rule: str) -> int:
        year = year_after(self.r, end)
        if year is not None:
            y, end = year
            resolve: Resolver = const(cal.span(date(y, month, lo), date(y, month, hi)))
            self.add("date", i, end, resolve, rule, False)
            return end

        def period(ref: date, future: bool) -> str | None:
            start = cal.day_without_year(ref, month, lo, future)
            if start is None:
                return None
            return cal.span(start, start.replace(day=hi))

        self.add("date", i, end, relative(period), rule, True)
        return end

    def _absolute(
        self, i: int, end: int, year: tuple[int, int] | None, month: int, day: int, rule: str
    ) -> int:
        if year is not None:
            y, end = year
            if not cal.valid(y, month, day):
                return i
            self.add("date", i, end, const(date(y, month, day).isoformat()), rule, False)
            return end
        if not cal.valid(2000, month, day):  # 2000 is a leap year: 29 Feb stays possible
            return i
        self.add(
            "date",
            i,
            end,
            no_year(month, day),
            rule,
            True,
        )
        return end

    def day_offset(self, i: int) -> int:
        h = self.r.hit(i, "day_offset")
        if h is None or (i > 0 and self.r.words[i - 1] in _GREETINGS):
            return i  # "Guten Morgen" is a greeting, not tomorrow
        offset = int(h.value)
        tense = "past" if offset < 0 else "present" if offset == 0 else "future"
        self.add(
            "date",
            i,
            h.j,
            relative(lambda ref, fut: cal.iso(ref + timedelta(days=offset))),
            h.rule,
            True,
            tense,
        )
        return h.j

    def _skip(self, k: int) -> int:
        """Past a linking word: "dinsdag *van* vorige week", "we wtorek *w* zeszłym tygodniu"."""
        return k + 1 if k < len(self.r) and self.r.words[k] in _LINKS else k

    def relative_week_day(self, i: int) -> int:
        """ "vorige week dinsdag", "Dienstag letzter Woche", "Tuesday last week"."""
        r = self.r
        rel = r.hit(i, "rel_last", "rel_this", "rel_next")
        if rel is not None and (p := r.hit(rel.j, "period")) is not None and p.value == "week":
            day = r.hit(self._skip(p.j), "weekday")
            if day is not None:
                return self._week_day(i, day.j, rel, int(day.value), day.rule)
        day = r.hit(i, "weekday")
        if day is not None:
            k = self._skip(day.j)
            rel = r.hit(k, "rel_last", "rel_this", "rel_next")
            if rel is not None and (p := r.hit(rel.j, "period")) and p.value == "week":
                return self._week_day(i, p.j, rel, int(day.value), day.rule)
        return i

    def _week_day(self, i: int, end: int, rel: Hit, day: int, rule: str) -> int:
        offset = {"rel_last": -1, "rel_this": 0, "rel_next": 1}[rel.kind]
        self.add(
            "date",
            i,
            end,
            relative(lambda ref, fut: cal.iso(cal.weekday_in_week(ref, day, offset))),
            rule,
            True,
            _TENSE[rel.kind],
        )
        return end

    def weekday(self, i: int) -> int:
        r = self.r
        rel = r.hit(i, "rel_last", "rel_next", "rel_this")
        start = i
        k = i
        if rel is not None:
            k = rel.j
        day = r.hit(k, "weekday")
        if day is None or len(r.words[k]) < 3:
            return i
        if r.words[k] in ("sat", "sun", "wed", "mar", "mon"):  # en abbreviations read as words
            return i
        d = int(day.value)
        forced = None if rel is None else rel.kind
        fact_end = day.j
        nxt = day.j + 1 if day.j < len(r) and r.gap(day.j - 1, day.j).strip() == "," else day.j
        for pattern in (self.day_month, self.month_day):
            end = pattern(nxt) if nxt < len(r) else nxt
            if end > nxt:  # "Saturday 19 September", "soboty 11 kwietnia": one date
                last = self.out[-1]
                last.start = r.tokens[start].start
                self.used.update(range(start, nxt))
                return end

        def resolve(ref: date, future: bool) -> str:
            if forced == "rel_next":
                return cal.iso(cal.weekday(ref, d, True))
            if forced == "rel_last":
                return cal.iso(cal.weekday(ref, d, False))
            return cal.iso(cal.weekday(ref, d, future))

        self.add(
            "date",
            start,
            fact_end,
            relative(resolve),
            day.rule,
            True,
            _TENSE[forced] if forced and forced != "rel_this" else None,
        )
        if forced == "rel_next":
            self.out[-1].future = True
            self.out[-1].reasons.append("next: a day to come")
        return fact_end

    def period(self, i: int) -> int:
        r = self.r
        rel = r.hit(i, "rel_last", "rel_this", "rel_next")
        if rel is None:
            return i
        p = r.hit(rel.j, "period")
        if p is None:
            return i
        offset = {"rel_last": -1, "rel_this": 0, "rel_next": 1}[rel.kind]
        kind = p.value

        def resolve(ref: date, future: bool) -> str:
            if kind == "week":
                return cal.span(*cal.week_of(ref, offset))
            if kind == "weekend":
                return cal.span(*cal.weekend(ref, offset if offset else (0 if future else -1)))
            if kind == "month":
                y, m = cal.shift_month(ref.year, ref.month, offset)
                return cal.span(*cal.month_range(y, m))
            y = ref.year + offset
            return cal.span(date(y, 1, 1), date(y, 12, 31))

        self.add("date", i, p.j, relative(resolve), p.rule, True, _TENSE[rel.kind])
        return p.j

    def month_alone(self, i: int) -> int:
        r = self.r
        month = r.hit(i, "month")
        if month is None or len(r.words[i]) < 3:
            return i
        if r.ending_at(i, "month_prep", "rel_last", "rel_next", "rel_this") is None:
            return i
        m = int(month.value)
        rel = r.ending_at(i, "rel_last", "rel_next")
        forced = None if rel is None else rel.kind

        def resolve(ref: date, future: bool) -> str:
            if forced == "rel_last":
                a, b = cal.named_month(ref - timedelta(days=ref.day), m, False)
            else:
                a, b = cal.named_month(ref, m, future or forced == "rel_next")
            return cal.span(a, b)

        self.add(
            "date",
            i,
            month.j,
            relative(resolve),
            month.rule,
            True,
            _TENSE[forced] if forced else None,
        )
        return month.j

    # --- durations ---
    def duration(self, i: int) -> int:
        r = self.r
        joined = _JOINED.match(r.words[i])
        if joined:  # "2-year", "90-day", "24-month"
            sense = r.vocab.sense(joined.group(2), "unit") or r.vocab.sense(
                joined.group(2), "unit1"
            )
            if sense is not None:
                iso = iso_duration(float(joined.group(1)), sense.value)
                self.add("duration", i, i + 1, const(iso), sense.rule, False)
                return i + 1
        num = r.number(i)
        if num is not None:
            k = num.j
            value = num.value
            half = r.hit(k, "and_half")
            if half is not None:  # "three and a half months"
                k, value = half.j, value + 0.5
            if r.hit(k, "range_to") is not None and (second := r.number(k + 1)) is not None:
                k, value = second.j, second.value  # "2 tot 3 dagen": the upper bound
            if r.hit(k, "adj_time") is not None:
                k += 1  # "drie hele dagen", "3 full days"
            unit = r.hit(k, "unit", "unit1")
            if unit is not None and value > 0:
                self.add(
                    "duration",
                    i,
                    unit.j,
                    const(iso_duration(value, unit.value)),
                    unit.rule,
                    False,
                )
                return unit.j
            return i
        unit = r.hit(i, "unit1")
        if unit is None:
            return i
        # a bare singular unit counts as one only where a time is clearly meant:
        # "tydzień temu", "od tygodnia", "w ciągu tygodnia", "czekam tydzień"
        before = r.ending_at(i, "cue_within", "cue_elapsed", "ago_before", "cue_lost")
        if before is None and i > 1 and r.vocab.is_a(r.words[i - 1], "det"):
            before = r.ending_at(i - 1, "cue_within")  # "within the hour", "binnen het uur"
        if before is None and r.hit(unit.j, "ago") is None:
            return i
        self.add("duration", i, unit.j, const(iso_duration(1, unit.value)), unit.rule, False)
        return unit.j


def find_times(r: Reader, agent: bool = False) -> list[TimeFact]:
    """Every date and duration in the message, with its role (not yet resolved)."""
    numeric = numeric_dates(r)
    found = _Times(r, [(f.start, f.end) for f in numeric]).run()
    out = []
    for f in [*numeric, *found]:
        i, j = _token_range(r, f.start, f.end)
        if f.kind == "duration":
            f.role, why = duration_role(r, i, j, agent)
        else:
            role, why, future = date_role(r, f, i, j, agent)
            f.role = role
            f.future = f.tense == "future" or (f.tense is None and future)
        f.reasons.append(f"role {f.role}: {why}")
        out.append(f)
    return sorted(out, key=lambda f: f.start)


def _token_range(r: Reader, start: int, end: int) -> tuple[int, int]:
    idx = [k for k, t in enumerate(r.tokens) if t.start < end and start < t.end]
    if not idx:  # a numeric date is always tokens; guard anyway
        return 0, min(1, len(r))
    return idx[0], idx[-1] + 1
