"""Contact attempts: how often, and how, the customer already tried to reach the organisation.

"viermal angerufen", "4 keer gebeld", "dwa maile", "emailed four times and called twice",
"zum dritten Mal", "my third e-mail". A count ("3 keer", "twice", "for the third time") is
paired with the nearest contact verb of its clause ("gebeld" → call); a count before a
contact noun ("drie mails", "zwei Mahnungen") stands on its own. The value is
``channel:count`` (``email:4``, ``call:2``, ``any:many``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from calmline.analyzer.facts.scan import Hit, Reader

WINDOW = 6  # tokens between a count and its verb


@dataclass(frozen=True, slots=True)
class Contact:
    start: int
    end: int
    normalized: str
    reason: str
    rule: str


@dataclass(frozen=True, slots=True)
class _Count:
    i: int
    j: int
    value: str  # a number or "many"
    rule: str


_TIMES_X = re.compile(r"^(\d{1,2})x$")


def _count_at(r: Reader, i: int) -> tuple[_Count | None, int]:
    """A count of times at token ``i`` ("3 keer", "twice", "derde keer", "3x", "po raz
    trzeci"), and its end."""
    adverb = r.hit(i, "count_adverb")
    if adverb is not None:
        return _Count(i, adverb.j, adverb.value, adverb.rule), adverb.j
    m = _TIMES_X.match(r.words[i])
    if m and int(m.group(1)) > 0:
        return _Count(i, i + 1, m.group(1), "common/contacts:3x"), i + 1
    times = r.hit(i, "times")
    if times is not None and (after := r.hit(times.j, "ordinal")) is not None:
        return _Count(i, after.j, after.value, after.rule), after.j  # "po raz trzeci"
    num = r.number(i)
    ordinal = r.hit(i, "ordinal")
    vague = r.hit(i, "vague_count")
    if num is not None and num.value == int(num.value) and num.value >= 1:
        value, k, rule = str(int(num.value)), num.j, "common/contacts:number"
    elif ordinal is not None:
        value, k, rule = ordinal.value, ordinal.j, ordinal.rule
    elif vague is not None:
        value, k, rule = "many", vague.j, vague.rule
    else:
        return None, i
    times = r.hit(k, "times")
    if times is not None:
        return _Count(i, times.j, value, rule), times.j
    return None, i


def _noun_at(r: Reader, i: int) -> tuple[Contact | None, int]:
    """ "drie mails", "zwei Mahnungen", "my third e-mail": a count before a contact noun."""
    num = r.number(i)
    ordinal = r.hit(i, "ordinal")
    vague = r.hit(i, "vague_count")
    if num is not None and num.value == int(num.value) and num.value >= 1 and not num.ranged:
        value, k = str(int(num.value)), num.j
    elif ordinal is not None:
        value, k = ordinal.value, ordinal.j
    elif vague is not None:
        value, k = "many", vague.j
    else:
        return None, i
    if r.hit(k, "adj_time", "det") is not None and r.hit(k + 1, "contact_noun") is not None:
        k += 1  # "drie lange mails", "two more calls"
    noun = r.hit(k, "contact_noun")
    if noun is None or (value == "1" and num is not None):
        return None, i
    channel, end = noun.value, noun.j
    if channel == "any":  # "zwei Mahnungen per Mail": the channel follows
        for k in range(noun.j, min(noun.j + 3, len(r))):
            how = r.hit(k, "contact_channel")
            if how is not None:
                channel, end = how.value, how.j
                break
    s, e = r.span(i, end)
    word = " ".join(r.words[noun.i : noun.j])
    return Contact(s, e, f"{channel}:{value}", f"{value} × '{word}'", noun.rule), end


def find_contacts(r: Reader) -> list[Contact]:
    out: list[Contact] = []
    counts: list[_Count] = []
    i = 0
    while i < len(r):
        if not r.hits[i] and not r.words[i][0].isdigit():
            i += 1  # no count can start here
            continue
        contact, j = _noun_at(r, i)
        if contact is not None:
            out.append(contact)
            i = j
            continue
        count, j = _count_at(r, i)
        if count is not None:
            counts.append(count)
            i = j
            continue
        i += 1
    verbs = [
        h
        for k in range(len(r))
        for h in r.hits[k]
        if h.kind == "contact_verb" and not any(h.i < c.j and c.i < h.j for c in counts)
    ]
    used: set[int] = set()
    for c in counts:
        near = [
            (c.i - v.j if v.j <= c.i else v.i - c.j, v)
            for v in verbs
            if id(v) not in used
            and r.clause[v.i] == r.clause[c.i]
            and (c.i - v.j if v.j <= c.i else v.i - c.j) <= WINDOW
        ]
        if not near:
            continue
        _, verb = min(near, key=lambda dv: (dv[0], dv[1].i))
        used.add(id(verb))
        lo, hi = min(c.i, verb.i), max(c.j, verb.j)
        s, e = r.span(lo, hi)
        if any(x.start < e and s < x.end for x in out):
            continue
        word = " ".join(r.words[verb.i : verb.j])
        channel = _channel(r, verb, verb.value, c)
        out.append(Contact(s, e, f"{channel}:{c.value}", f"{c.value} × '{word}'", c.rule))
    out.extend(_single(r, counts, out))
    return sorted(out, key=lambda x: x.start)


def _channel(r: Reader, verb: Hit, channel: str, count: _Count | None = None) -> str:
    """A vague verb ("gemeldet", "tried") takes the channel its clause names ("per Mail")."""
    if channel != "any":
        return channel
    lo = min(verb.i, count.i if count else verb.i)
    hi = max(verb.j, count.j if count else verb.j)
    for k in range(max(0, lo - 4), min(len(r), hi + 4)):
        how = r.hit(k, "contact_channel")
        if how is not None and r.clause[k] == r.clause[verb.i]:
            return how.value
    return channel


_FIRST_PERSON = frozenset({"i", "we", "i've", "we've", "i'd", "ik", "wij", "ich", "wir"})


def _by_me(r: Reader, verb: Hit) -> bool:
    """The customer made the contact: "I called", "heb ik gebeld", "habe ich angerufen"."""
    lo = max(0, verb.i - 5)
    return any(
        w in _FIRST_PERSON and r.clause[k] == r.clause[verb.i]
        for k, w in enumerate(r.words[lo : verb.i + 2], start=lo)
    )


def _single(r: Reader, counts: list[_Count], found: list[Contact]) -> list[Contact]:
    """A contact in the past with no count is one: "ik heb telefonisch gemeld", "wysłałam
    list polecony", "I submitted an appeal online"."""
    out: list[Contact] = []
    for k in range(len(r)):
        done = r.hit(k, "contact_done")
        if done is None or any(c.i - WINDOW <= k <= c.j + WINDOW for c in counts):
            continue
        if r.vocab.language != "pl" and not _by_me(r, done):
            continue  # "nobody called", "the engineer rang": not the customer's attempt
        s, e = r.span(done.i, done.j)
        if any(x.start < e + 40 and s - 40 < x.end for x in found + out):
            continue  # already counted near here
        channel = _channel(r, done, done.value)
        word = " ".join(r.words[done.i : done.j])
        out.append(Contact(s, e, f"{channel}:1", f"once: '{word}'", done.rule))
    return out
