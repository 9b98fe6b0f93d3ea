"""A date or duration while it is being read: where it is, how to resolve it, its role.

Resolution waits for the role: "Freitag" is last Friday in a complaint about a delivery
that never came, and next Friday in "bis Freitag will ich mein Geld".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

Resolver = Callable[[date | None, bool], str | None]


@dataclass
class TimeFact:
    kind: str  # date | duration
    start: int  # view offsets
    end: int
    resolve: Resolver
    rule: str
    relative: bool
    role: str = ""
    future: bool = False
    tense: str | None = None  # past | present | future, when the words say so
    reasons: list[str] = field(default_factory=list)

    def normalized(self, ref: date | None) -> str | None:
        return self.resolve(ref, self.future)


def _fmt(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def iso_duration(n: float, unit: str) -> str:
    if unit == "FN":
        n, unit = n * 2, "W"
    if unit in ("H", "MIN"):
        return f"PT{_fmt(n)}{'H' if unit == 'H' else 'M'}"
    return f"P{_fmt(n)}{'D' if unit == 'WD' else unit}"


def const(value: str | None) -> Resolver:
    return lambda ref, future: value


def relative(fn: Callable[[date, bool], str | None]) -> Resolver:
    return lambda ref, future: fn(ref, future) if ref is not None else None
