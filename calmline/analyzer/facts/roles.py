"""The role of a time: what the customer waited, what was promised, a deadline, time lost.

Every date and duration gets its role from the cue words of its clause
(``cue_*`` in ``languages/<code>/vocab.tsv``); see :func:`duration_role` for the order.
"""

from __future__ import annotations

from calmline.analyzer.facts.scan import Hit, Reader
from calmline.analyzer.facts.values import TimeFact

DURATION_CUES = (
    "cue_elapsed",
    "cue_since",
    "cue_said",
    "cue_within",
    "cue_promise",
    "cue_deadline",
    "cue_demand",
    "cue_lost",
    "cue_other",
)
# when two cues are equally near, the first listed wins
_PRIORITY = {
    "cue_lost": 0,
    "cue_since": 1,
    "cue_within": 2,
    "cue_deadline": 3,
    "cue_other": 4,
    "cue_elapsed": 5,
    "cue_promise": 6,
    "cue_said": 6,
    "cue_demand": 7,
}
_WEAK_WITHIN = frozenset({"in", "w", "do"})
# "in 10 Tagen bin ich zurück" is no promise; "voor 12 december gereserveerd" no deadline
_AMBIGUOUS_DEADLINE = frozenset({"voor", "vor", "for"})


def _word(r: Reader, h: Hit) -> str:
    return " ".join(r.words[h.i : h.j])


def _before(r: Reader, i: int, kinds: tuple[str, ...], window: int) -> Hit | None:
    """The nearest cue of ``kinds`` ending at most ``window`` tokens before token ``i``."""
    for k in range(i, max(0, i - window) - 1, -1):
        h = r.ending_at(k, *kinds)
        if h is not None and r.clause[h.i] == r.clause[min(i, len(r) - 1)]:
            return h
    return None


def duration_role(r: Reader, i: int, j: int, agent: bool) -> tuple[str, str]:
    """The role of the duration at tokens ``[i, j)`` and the reason.

    In order: "ago" → elapsed; time lost nearby ("on hold", "stood", "czekałem") → lost;
    "since"/"seit" just before → elapsed; a deadline word just before → deadline; "within"
    just before → promised, or deadline when the customer demands; else the nearest cue of
    the clause; with none, an agent's time is promised and a customer's is ``other``.
    """
    if r.hit(j, "ago") is not None:
        return "elapsed", f"'{r.words[j]}' after it"
    ago = r.ending_at(i, "ago_before")
    if ago is not None:
        return "elapsed", f"'{_word(r, ago)}' before it"
    cues = r.clause_cues(i, j, DURATION_CUES)
    lost = [(d, h) for d, h in cues if h.kind == "cue_lost" and d <= 4]
    if lost and not agent:
        return "lost", f"'{_word(r, lost[0][1])}'"
    since = _before(r, i, ("cue_since",), 3)
    if since is not None and not agent:
        return "elapsed", f"'{_word(r, since)}' before it"
    deadline = _before(r, i, ("cue_deadline",), 3)
    if deadline is not None:
        return ("promised" if agent else "deadline"), f"'{_word(r, deadline)}' before it"
    demand = any(h.kind == "cue_demand" for _, h in cues)
    promise = any(h.kind in ("cue_promise", "cue_said") for _, h in cues)
    within = _before(r, i, ("cue_within",), 3)
    if within is not None:
        word = _word(r, within)
        if agent:
            return "promised", f"'{word}' in the organisation's message"
        if demand:
            return "deadline", f"'{word}' and a demand"
        if promise or word not in _WEAK_WITHIN:
            return "promised", f"'{word}'"
        return "other", f"'{word}': a time to come, not a promise"
    rest = [(d, h) for d, h in cues if h.kind not in ("cue_within", "cue_deadline", "cue_since")]
    if agent:
        return "promised", "an agent's time"
    if not rest:
        return "other", "no cue: neither time passed nor a promise"
    _, best = min(rest, key=lambda dh: (dh[0], _PRIORITY[dh[1].kind]))
    role = {
        "cue_lost": "lost",
        "cue_elapsed": "elapsed",
        "cue_promise": "promised",
        "cue_said": "promised",
        "cue_demand": "deadline",
        "cue_other": "other",
    }[best.kind]
    return role, f"'{_word(r, best)}'"


def date_role(r: Reader, f: TimeFact, i: int, j: int, agent: bool) -> tuple[str, str, bool]:
    """The role of the date at tokens ``[i, j)``, the reason, and whether it lies ahead."""
    ahead = f.tense in ("present", "future") or bool(r.clause_cues(i, j, ("cue_future",)))
    if _before(r, i, ("cue_since",), 2) is not None:
        return "event", "since then", False
    said = _before(r, i, ("cue_said",), 2)
    if said is not None:
        return "event", f"when it was said ('{_word(r, said)}')", False
    booking = _before(r, i, ("cue_booking",), 8)
    if booking is None:
        after = [h for d, h in r.clause_cues(i, j, ("cue_booking",)) if h.i >= j and d <= 3]
        booking = after[0] if after else None
    promise = _before(r, i, ("cue_promise",), 6)
    if promise is None:
        after = [h for d, h in r.clause_cues(i, j, ("cue_promise",)) if h.i >= j and d <= 2]
        promise = after[0] if after else None
    deadline = _before(r, i, ("cue_deadline",), 3)
    if deadline is not None and f.tense != "past":
        ambiguous = r.words[deadline.i] in _AMBIGUOUS_DEADLINE
        if agent:
            return "promised", "a time the organisation set", True
        if not ambiguous or (deadline.j == i and promise is None and booking is None):
            return "deadline", f"'{_word(r, deadline)}' before it", True
    if agent:  # what an agent dates lies ahead, unless the words say it is past
        ahead = f.tense != "past"
        return ("promised" if ahead else "event"), "an agent's date", ahead
    demand = (
        [(d, h) for d, h in r.clause_cues(i, j, ("cue_demand",)) if d <= 5]
        if f.tense != "past"
        else []
    )
    p_dist = min(
        (
            d
            for d, h in r.clause_cues(i, j, ("cue_promise",))
            if promise is not None and h == promise
        ),
        default=99,
    )
    if demand and demand[0][0] <= p_dist and (ahead or f.tense is None):
        return "deadline", f"'{_word(r, demand[0][1])}' and a day to come", True
    if booking is not None and f.tense != "past":
        return "promised", f"booked ('{_word(r, booking)}'): a day to come", f.tense != "past"
    if promise is not None:
        return "promised", f"'{_word(r, promise)}'", ahead
    return "event", "no cue", False
