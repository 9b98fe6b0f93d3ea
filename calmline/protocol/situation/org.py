"""What the organisation already said and did, read from the agent messages of a thread.

Offers (and what was offered), promises (and by when), refusals (and why), questions (and
what was asked), escalations, deflections and bare policy quotes — each with its message
and span. Three sources agree here:

- the ``org`` lexicon of the message's language;
- the guide's own sentences: an agent who sends (or lightly edits) a phrasebook sentence
  performed that sentence's step, so ``offer_refund`` is an offered refund;
- the times in the message (:func:`calmline.analyzer.facts.times_in`): a promise with a date.

The protocol steps done follow from the acts and the review lexicon's step phrases, with
two corrections the review lexicon alone gets wrong: a deflection ("please check the
tracking") is not ``explore`` even when phrased as a question, and quoting a rule is not
``resolve``.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from calmline.analyzer.facts import times_in
from calmline.analyzer.matcher import Match
from calmline.analyzer.text import tokenize
from calmline.analyzer.violence import sentence_spans
from calmline.protocol.phrasebook import phrasebook
from calmline.protocol.situation.model import Act, Evidence, StepEvidence
from calmline.protocol.situation.scan import STEP_OF_KIND, org_matcher, review_matcher, scan

ACT_THRESHOLD = 0.5
PHRASE_MATCH = 0.75  # share of a phrasebook sentence's words an agent sentence must contain
PHRASE_MIN_WORDS = 4
_SLOT = re.compile(r"\{[a-z_]+\}|\[[^\]]*\]")
# phrasebook key → (act kind, what/reason) for the sentences the guide proposes
PHRASE_ACTS: dict[str, tuple[str, str | None]] = {
    **{
        f"offer_{w}": ("offer", w)
        for w in ("refund", "exchange", "repair", "compensation", "cancel", "callback")
    },
    "offer_explanation": ("promise", "check"),
    "offer_apology": ("promise", "check"),
    "alternative_generic": ("offer", "other"),
    "no_refund_late": ("refusal", "refund_window"),
    "no_compensation_delay": ("refusal", "policy"),
    "no_generic": ("refusal", "other"),
    "escalate_supervisor": ("escalation", None),
    "escalate_manager": ("escalation", None),
    "next_generic": ("promise", "reply"),
    "own_it": ("promise", "check"),
    **{
        f"ask_{w}": ("question", w)
        for w in ("order_number", "invoice_number", "tracking_number", "product", "date", "amount")
    },
    "ask_want": ("question", "want"),
    "invite_more": ("question", "other"),
}
REASONS = {
    "refusal_refund_window": "refund_window",
    "refusal_authority": "authority",
    "refusal_policy": "policy",
    "refusal": "other",
}
# act → the protocol step it performs
STEP_OF_ACT = {
    "offer": "resolve",
    "escalation": "notify_supervisor",
}


@dataclass(frozen=True, slots=True)
class _Phrase:
    key: str
    step: str
    words: frozenset[str]
    rule: str


@cache
def _phrases(language: str) -> tuple[_Phrase, ...]:
    """Every phrasebook sentence of ``language`` as a set of its words (slots left out)."""
    book = phrasebook(language)
    out = []
    for (key, _register), phrases in book.phrases.items():
        if key not in PHRASE_ACTS and not key.startswith(
            ("ack_", "apology", "empathy", "summary", "follow_up", "safety")
        ):
            continue
        for p in phrases:
            words = frozenset(t.surface for t in tokenize(_SLOT.sub(" ", p.text), language))
            if len(words) >= PHRASE_MIN_WORDS:
                out.append(_Phrase(key, p.step, words, p.rule))
    return tuple(out)


def _phrase_of(sentence: str, language: str) -> _Phrase | None:
    words = {t.surface for t in tokenize(sentence, language)}
    best, score = None, 0.0
    for p in _phrases(language):
        share = len(p.words & words) / len(p.words)
        if share > score:
            best, score = p, share
    return best if score >= PHRASE_MATCH else None


@dataclass(frozen=True)
class AgentReading:
    acts: tuple[Act, ...]
    steps: tuple[StepEvidence, ...]


def _evidence(i: int, text: str, start: int, end: int, rule: str) -> Evidence:
    return Evidence(i, start, end, text[start:end], rule)


def _act_of_match(i: int, text: str, m: Match) -> Act | None:
    kind = m.entry.kind
    ev = _evidence(i, text, m.start, m.end, m.entry.rule)
    if kind.startswith("offer_"):
        return Act("offer", ev, what=kind[6:])
    if kind.startswith("promise"):
        return Act("promise", ev, what=kind[8:] or None)
    if kind == "refusal_of_refund":
        return Act("refusal", ev, what="refund", reason="other")
    if kind in REASONS:
        return Act("refusal", ev, reason=REASONS[kind])
    if kind.startswith("ask_"):
        return Act("question", ev, what=kind[4:])
    if kind in ("escalation", "deflection", "policy_quote"):
        return Act(kind, ev)
    return None


# org-lexicon kinds that show a protocol step without being an act of their own
STEP_KINDS = {
    "acknowledge": "name_emotion",
    "empathy": "empathize",
    "summary": "summarize",
    "follow_up": "follow_up",
}


_cache: OrderedDict[tuple[int, str, str, date | None], AgentReading] = OrderedDict()
_lock = threading.Lock()
CACHE_SIZE = 4096


def read_agent_message(i: int, text: str, language: str, ref: date | None) -> AgentReading:
    """The acts and steps of agent message ``i`` (``text``), written in ``language`` —
    cached, like the customer messages' analyses: a thread is re-read after every message."""
    key = (i, text, language, ref)
    with _lock:
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
            return hit
    found = _read_agent_message(i, text, language, ref)
    with _lock:
        _cache[key] = found
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return found


def clear_cache() -> None:
    with _lock:
        _cache.clear()


def _read_agent_message(i: int, text: str, language: str, ref: date | None) -> AgentReading:
    acts: list[Act] = []
    lexicon_steps: list[StepEvidence] = []
    for m in scan(text, language, org_matcher(language)):
        if m.entry.weight < ACT_THRESHOLD:
            continue
        if m.entry.kind in STEP_KINDS:
            step = STEP_KINDS[m.entry.kind]
            lexicon_steps.append(
                StepEvidence(step, i, m.start, m.end, text[m.start : m.end], m.entry.rule)
            )
            continue
        act = _act_of_match(i, text, m)
        if act is not None:
            acts.append(act)
    sentences = sentence_spans(text) or [(0, len(text))]
    phrase_steps: list[StepEvidence] = []
    for s, e in sentences:
        p = _phrase_of(text[s:e], language)
        if p is None:
            continue
        phrase_steps.append(StepEvidence(p.step, i, s, e, text[s:e], p.rule))
        if p.key in PHRASE_ACTS:
            kind, detail = PHRASE_ACTS[p.key]
            ev = _evidence(i, text, s, e, p.rule)
            if kind == "refusal":
                acts.append(Act(kind, ev, reason=detail, phrase=p.key))
            else:
                acts.append(Act(kind, ev, what=detail, phrase=p.key))
    acts = _questions(i, text, sentences, acts)
    acts = _promised_times(i, text, language, ref, sentences, acts)
    acts = _dedupe(acts)
    steps = _steps(i, text, language, sentences, acts) + phrase_steps + lexicon_steps
    return AgentReading(tuple(acts), tuple(_dedupe_steps(steps)))


def _sentence_of(sentences: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for s, e in sentences:
        if s <= pos < e:
            return s, e
    return (0, 0)


def _questions(i: int, text: str, sentences: list[tuple[int, int]], acts: list[Act]) -> list[Act]:
    """A sentence ending in "?" with no act of its own is a question about something else;
    a deflection asked as a question ("Have you checked the tracking?") stays a deflection."""
    out = list(acts)
    for s, e in sentences:
        sentence = text[s:e].rstrip()
        if not sentence.endswith("?"):
            continue
        inside = [a for a in acts if s <= a.evidence.start < e]
        if any(a.kind in ("question", "deflection", "offer") for a in inside):
            continue
        out.append(Act("question", _evidence(i, text, s, e, "common/org:question"), what="other"))
    return out


def _promised_times(
    i: int,
    text: str,
    language: str,
    ref: date | None,
    sentences: list[tuple[int, int]],
    acts: list[Act],
) -> list[Act]:
    """Attach the time of each sentence to what it promises: "within 5 working days"."""
    out = list(acts)
    for t in times_in(text, language, ref, agent=True):
        if t.role not in ("promised", "deadline") and t.kind == "duration":
            continue
        if t.role != "promised" or (t.normalized is None and t.kind == "date"):
            continue
        s, e = _sentence_of(sentences, t.start)
        inside = [a for a in out if s <= a.evidence.start < e and a.kind in ("offer", "promise")]
        if not inside:  # "binnen 5 werkdagen staat het op je rekening": when it will happen
            cued = t.kind == "duration" and "organisation's message" in t.reason
            if cued or t.future:
                ev = _evidence(i, text, t.start, t.end, t.rule)
                out.append(Act("promise", ev, normalized=t.normalized))
            continue
        what = next((a.what for a in inside if a.kind == "offer"), None) or next(
            (a.what for a in inside if a.what), None
        )
        plain = [a for a in inside if a.kind == "promise" and a.normalized is None]
        if plain:
            a = plain[0]
            out[out.index(a)] = Act(
                "promise", a.evidence, what=a.what or what, normalized=t.normalized, phrase=a.phrase
            )
        else:
            ev = _evidence(i, text, t.start, t.end, t.rule)
            out.append(Act("promise", ev, what=what, normalized=t.normalized))
    return out


def _dedupe(acts: list[Act]) -> list[Act]:
    """One act per kind, detail and sentence region: the lexicon and the phrasebook often
    see the same offer; the longest evidence stays. A plain "no" next to a refusal with a
    reason is that refusal."""
    specific = [a for a in acts if a.kind == "refusal" and a.reason != "other"]

    def near(a: Act, b: Act) -> bool:
        return abs(a.evidence.start - b.evidence.start) < 160

    # what a plain refusal says is refused ("we cannot refund") stays with the reasoned one
    refused_what = [a for a in acts if a.kind == "refusal" and a.reason == "other" and a.what]
    acts = [
        replace(a, what=next((b.what for b in refused_what if near(a, b)), a.what))
        if a in specific and not a.what
        else a
        for a in acts
    ]
    specific = [a for a in acts if a.kind == "refusal" and a.reason != "other"]
    acts = [
        a
        for a in acts
        if not (a.kind == "refusal" and a.reason == "other" and any(near(a, b) for b in specific))
    ]
    out: list[Act] = []
    for a in sorted(acts, key=lambda a: -(a.evidence.end - a.evidence.start)):
        same = next(
            (
                o
                for o in out
                if o.kind == a.kind
                and (o.what, o.reason) == (a.what, a.reason)
                and o.evidence.start < a.evidence.end
                and a.evidence.start < o.evidence.end
            ),
            None,
        )
        if same is None:
            out.append(a)
        elif same.normalized is None and a.normalized is not None:
            out[out.index(same)] = Act(
                same.kind, same.evidence, same.what, same.reason, a.normalized, same.phrase
            )
    return sorted(out, key=lambda a: (a.evidence.start, a.kind))


def _steps(
    i: int, text: str, language: str, sentences: list[tuple[int, int]], acts: list[Act]
) -> list[StepEvidence]:
    """The protocol steps the message performed (see the module docstring)."""
    blocked = [
        _sentence_of(sentences, a.evidence.start)
        for a in acts
        if a.kind in ("deflection", "policy_quote")
    ]
    out: list[StepEvidence] = []
    for m in scan(text, language, review_matcher(language)):
        step = STEP_OF_KIND.get(m.entry.kind)
        if step is None or step == "follow_up":
            continue  # the reviewer's "I will get back to you" is a promise, not a check-back
        if step in ("explore", "resolve") and any(s <= m.start < e for s, e in blocked):
            continue  # "could you check the tracking?" is no question about the story
        if step == "resolve" and not any(
            a.kind in ("offer", "refusal", "escalation") for a in acts
        ):
            continue  # a word like "replacement" without an offer is not a resolution
        out.append(StepEvidence(step, i, m.start, m.end, text[m.start : m.end], m.entry.rule))
    offers = [a for a in acts if a.kind == "offer"]
    for a in acts:
        ev = a.evidence
        step = STEP_OF_ACT.get(a.kind)
        if a.kind == "escalation" and not _to_a_supervisor(ev.text, language):
            step = None  # passed to another department: no supervisor involved
        if (
            a.kind == "question"
            and a.what not in ("confirm",)
            and a.evidence.rule != "common/org:question"
        ):
            step = "explore"
        elif a.kind == "question" and a.what == "confirm":
            step = "summarize"
        elif a.kind == "refusal" and offers:
            step = "resolve"  # a firm no with an alternative
        elif a.kind == "promise" and a.normalized is not None:
            step = "set_expectations"
        if step is not None:
            out.append(StepEvidence(step, i, ev.start, ev.end, ev.text, ev.rule))
    return out


_SUPERVISOR = re.compile(
    r"supervis|manager|team ?lead|leidinggevend|teamleid|chef|vorgesetzt|teamleit|"
    r"leitung|kierownik|kierowniczk|przełożon|szef|właściciel|eigena|inhaber|owner",
    re.IGNORECASE,
)


def _to_a_supervisor(text: str, language: str) -> bool:
    """An escalation that involves a supervisor or a manager (not just another team)."""
    return bool(_SUPERVISOR.search(text))


def _dedupe_steps(steps: list[StepEvidence]) -> list[StepEvidence]:
    """One piece of evidence per step and message: the longest."""
    best: dict[str, StepEvidence] = {}
    for s in steps:
        if s.step not in best or s.end - s.start > best[s.step].end - best[s.step].start:
            best[s.step] = s
    return sorted(best.values(), key=lambda s: s.start)
