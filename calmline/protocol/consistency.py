"""Does the draft agree with itself and with the customer's figures?

Two checks the reviewer runs on every draft, composed or typed:

- ``contradiction``: one reply that names two different times for when the customer hears
  back ("I will reply within 5 working days. … you will hear from me within 2 working
  days"); options and separate steps may each have their own time ("a refund in 5 days or
  a new one in 7"), and a conditional branch ("if the parcel is lost, …") is another step.
  The customer will hold the team to the shorter one and be angry at the longer one. A
  follow-up promise ("3 working days after the repair I will check back") is a separate
  commitment and does not count.
- ``wrong_fact`` for amounts: the draft restates an amount of the customer's currency that
  is one typo away from the amount the customer named (€198 for €189, €18.90 for €189.00),
  the money twin of the reference-number check in :func:`calmline.protocol.checks.fact_flaws`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from calmline.analyzer.matcher import Match
from calmline.analyzer.pipeline import prepare
from calmline.protocol.checks import _amounts, sentence_around
from calmline.protocol.situation import Situation
from calmline.protocol.situation.verdict import amounts_named

if TYPE_CHECKING:
    from calmline.protocol.review import Collector


CONDITIONAL = re.compile(
    r"(?:if|should|in\s+case|als|mocht|indien|wenn|falls|sollte|jeśli|jezeli|jeżeli|gdyby|w\s+razie)\b",
    re.IGNORECASE,
)
# a time counted from another event ("3 working days after the repair") is another step
AFTER = re.compile(r"\b(?:after|once|nach|sobald|na|zodra|nadat|po|od|gdy|kiedy)\b", re.IGNORECASE)
# what a plain "you will hear from me within …" sentence may contain besides itself
PLAIN_KINDS = frozenset(
    {"next_step", "follow_up", "time_frame", "formal", "informal", "apology", "empathy"}
)


def contradictions(sink: Collector, r: Situation, by_kind: dict[str, list[Match]]) -> None:
    frames = by_kind.get("time_frame", [])
    if len(frames) < 2:
        return
    # only "when you hear from me" counts: options and other steps may each have their time
    contact = {
        sentence_around(sink.draft, m.start, m.start)
        for kind in ("next_step", "follow_up")
        for m in by_kind.get(kind, [])
    }
    busy = {  # sentences that also offer, escalate or promise something else
        sentence_around(sink.draft, m.start, m.start)
        for kind, ms in by_kind.items()
        if kind not in PLAIN_KINDS
        for m in ms
    }
    contact -= busy
    _, cands, _ = prepare(sink.draft, r.language)
    durations = [
        c
        for c in cands
        if c.group == "fact" and c.kind == "duration" and c.normalized and not c.suppressed
    ]
    seen: dict[str, tuple[int, int]] = {}
    for m in frames:
        sentence = sentence_around(sink.draft, m.start, m.start)
        if sentence not in contact:
            continue
        words = sink.draft[sentence[0] : sentence[1]].lstrip()
        if CONDITIONAL.match(words) or AFTER.search(words):
            continue  # "if the parcel is lost, …", "after the repair, …": another step
        for c in durations:
            if m.start <= c.start < m.end + 40 and sentence[0] <= c.start < sentence[1]:
                seen.setdefault(c.normalized or "", sentence)
                break
    if len(seen) > 1 and len(set(seen.values())) > 1:  # in two sentences, not one
        start, end = list(seen.values())[-1]
        first = ", ".join(sorted(seen))
        sink.add("contradiction", start, end, f"review/time_frames:{first}", "")


def _one_typo(a: str, b: str) -> bool:
    """Two digit strings that differ by one swap of neighbours (198 for 189), or where one
    is the other with a digit left out (1890 for 18900: €18.90 for €189.00). One digit
    changed is not a typo here: €44 next to €45 is usually a difference the agent worked
    out (an overpayment), not a slip."""
    if a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
    short, long_ = sorted((a, b), key=len)
    return len(long_) == len(short) + 1 and any(
        long_[:i] + long_[i + 1 :] == short for i in range(len(long_))
    )


def amount_flaws(sink: Collector, r: Situation) -> None:
    named = [m for m in amounts_named(r.fact_items) if m is not None]
    if not named:
        return
    for start, end, cur, value in _amounts(sink.draft):
        said = [(v, c) for v, c in named if c == cur]
        if not said or any(float(v) == value for v, _ in said):
            continue
        mine = f"{value:.2f}".replace(".", "").lstrip("0")
        for v, _ in said:
            theirs = f"{float(v):.2f}".replace(".", "").lstrip("0")
            if _one_typo(mine, theirs):
                sink.add("wrong_fact", start, end, "situation/amount", "")
                break
