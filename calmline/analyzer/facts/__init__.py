"""Facts with roles and normalised values, read from one message.

The lexicons find products, people, e-mail addresses and phone numbers; this package adds
what needs arithmetic or context — amounts with their currency, reference numbers told apart
from phone numbers and postcodes, dates resolved against the message's day, durations with
their role (elapsed, promised, deadline, lost), and contact attempts as ``channel:count`` —
and gives every fact a ``normalized`` value. One language-independent engine reads each
language's ``vocab.tsv`` (see :mod:`calmline.languages.vocab`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from calmline.analyzer.doc import Candidate, Doc
from calmline.analyzer.facts.contacts import find_contacts
from calmline.analyzer.facts.money import find_amounts
from calmline.analyzer.facts.refs import find_references
from calmline.analyzer.facts.scan import Reader
from calmline.analyzer.facts.things import compound_products, find_people, product_form
from calmline.analyzer.facts.times import find_times
from calmline.analyzer.facts.values import TimeFact
from calmline.analyzer.text import tokenize
from calmline.languages.loader import SUPPORTED
from calmline.languages.vocab import load_vocab

# what the lexicons still find; everything else is found here
LEXICON_KINDS = frozenset({"product", "person", "email", "phone"})
MAX_FACTS = 60  # a message with 500 numbers keeps its first 60 facts


def _cand(
    kind: str,
    start: int,
    end: int,
    doc: Doc,
    detector: str,
    rule: str,
    reasons: list[str],
    normalized: str | None,
    role: str | None = None,
    score: float = 0.9,
) -> Candidate:
    first, last = doc.token_range(start, end)
    return Candidate(
        group="fact",
        kind=kind,
        start=start,
        end=end,
        score=score,
        detector=detector,
        rule=rule,
        first_token=first,
        last_token=last,
        value=doc.view.text[start:end].strip(),
        reasons=reasons,
        normalized=normalized,
        role=role,
    )


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in spans)


def _time_candidate(doc: Doc, t: TimeFact, ref: date | None) -> Candidate:
    normalized = t.normalized(ref)
    reasons = list(t.reasons)
    if t.relative and ref is None:
        reasons.append("relative: the message has no time to resolve it against")
    elif normalized is not None and t.kind == "date":
        reasons.append(f"read as {normalized}")
    return _cand(
        t.kind, t.start, t.end, doc, f"facts.{t.kind}", t.rule, reasons, normalized, t.role
    )


@dataclass(frozen=True, slots=True)
class Time:
    """A date or duration in plain text (an agent's message), with its role and value."""

    kind: str
    start: int
    end: int
    text: str
    normalized: str | None
    role: str
    rule: str
    reason: str  # why the role: "'binnen' in the organisation's message"
    future: bool  # a date after the message's day


def times_in(text: str, lang: str, ref: date | None, agent: bool = True) -> list[Time]:
    """The dates and durations of a plain text — what an agent promised, and by when."""
    code = lang if lang in SUPPORTED else "en"
    r = Reader(text, tokenize(text, code), load_vocab(code))
    amounts = [(a.start, a.end) for a in find_amounts(text, code)]
    out = []
    for t in find_times(r, agent):
        if _overlaps(t.start, t.end, amounts):
            continue
        value = t.normalized(ref)
        ahead = bool(
            t.kind == "date" and value and ref is not None and value.split("/")[0] > ref.isoformat()
        )
        why = t.reasons[-1] if t.reasons else ""
        out.append(
            Time(t.kind, t.start, t.end, text[t.start : t.end], value, t.role, t.rule, why, ahead)
        )
    return out


def extract(doc: Doc, cands: list[Candidate], ref: date | None) -> list[Candidate]:
    """``cands`` with its lexicon facts normalised and this package's facts added."""
    code = doc.language.code if doc.language.supported else "en"
    vocab = load_vocab(code)
    r = Reader(doc.view.text, doc.tokens, vocab)
    text = doc.view.text
    out: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for a in find_amounts(text, code):
        reasons = [a.reason]
        out.append(
            _cand(
                "amount",
                a.start,
                a.end,
                doc,
                "facts.amount",
                "common/amounts",
                reasons,
                a.normalized,
            )
        )
        taken.append((a.start, a.end))
    for c in cands:
        if c.group == "fact" and c.kind in ("email", "phone"):
            taken.append((c.start, c.end))
    for t in find_times(r, agent=False):
        if _overlaps(t.start, t.end, taken):
            continue
        out.append(_time_candidate(doc, t, ref))
    taken.extend((c.start, c.end) for c in out)
    for ref_ in find_references(r, taken):
        out.append(
            _cand(
                ref_.kind,
                ref_.start,
                ref_.end,
                doc,
                "facts.reference",
                ref_.rule,
                [ref_.reason],
                ref_.normalized,
            )
        )
        taken.append((ref_.start, ref_.end))
    for contact in find_contacts(r):
        if _overlaps(contact.start, contact.end, taken):
            continue
        out.append(
            _cand(
                "contact_attempts",
                contact.start,
                contact.end,
                doc,
                "facts.contacts",
                contact.rule,
                [contact.reason],
                contact.normalized,
            )
        )
    people = find_people(r)
    kept: list[Candidate] = []
    not_products = [(h.i, h.j) for k in range(len(r)) for h in r.hits[k] if h.kind == "not_product"]
    product_tokens: set[int] = set()
    for c in cands:
        if c.group != "fact":
            kept.append(c)
        elif c.kind == "product":
            i, j = _token_span(doc, c)
            if any(a < j and i < b for a, b in not_products):
                continue  # "on the phone", "przez telefon": a channel, not a product
            c.normalized = product_form(r, i, j)
            product_tokens.update(range(i, j))
            kept.append(c)
        elif c.kind == "person":
            if not any(p.start < c.end and c.start < p.end for p in people):
                c.normalized = c.value
                kept.append(c)
        elif c.kind in LEXICON_KINDS:
            kept.append(c)
    for p in people:
        out.append(
            _cand(
                "person",
                p.start,
                p.end,
                doc,
                "facts.person",
                p.rule,
                [p.reason],
                p.normalized,
                score=0.7,
            )
        )
    for k, form, rule in compound_products(r, product_tokens):
        s, e = r.span(k, k + 1)
        out.append(
            _cand(
                "product",
                s,
                e,
                doc,
                "facts.product",
                rule,
                [f"a compound of '{form}'"],
                form,
                score=0.6,
            )
        )
    facts = sorted(out, key=lambda c: (c.start, c.end))[:MAX_FACTS]
    return kept + facts


def _token_span(doc: Doc, c: Candidate) -> tuple[int, int]:
    if c.first_token >= 0:
        return c.first_token, c.last_token + 1
    first, last = doc.token_range(c.start, c.end)
    return first, last + 1
