"""Reading a conversation once for the guide, the reviewer and the composer.

Every customer message goes through the analyzer (cached by text, so re-reviewing a draft
while the agent types does not re-analyse the thread); agent messages are scanned with the
review lexicon for the protocol steps they already performed. What the three functions need
— the customer's language and the register to answer in, heat and its trend, the threat,
what the customer wants, the facts known, whether the story has been told — is decided
here, in one place, so they cannot disagree.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from calmline.analyzer.matcher import Match, Matcher
from calmline.analyzer.pipeline import analyze_many
from calmline.analyzer.result import Analysis
from calmline.analyzer.text import tokenize
from calmline.languages.loader import load_language
from calmline.protocol.conversation import Conversation
from calmline.protocol.phrasebook import FACT_KEYS
from calmline.protocol.policy import Policy

RECENT = 40  # customer messages analysed: the guide is about now, not the whole history
CACHE_SIZE = 4096
MODEL_ONLY_THREAT = 0.9  # a model-only violence finding must be this sure (see confirmed_threat)
HOT = 0.5  # heat at which a customer counts as hot ("angry" starts at 0.5)
STORY_FACTS = frozenset({*FACT_KEYS, "contact_attempts"})  # any of these: a story told
STORY_WORDS = 30  # a customer who wrote this much has told a story, facts or not
# the numbers that identify what a complaint is about → the phrasebook topic they name
REFERENCE_FACTS = {
    "order_number": "order",
    "invoice_number": "invoice",
    "tracking_number": "tracking",
}
COMPLAINT_WANTS = frozenset({"refund", "exchange", "repair", "compensation", "apology"})
# review-lexicon kind → protocol step id (PROTOCOL.md)
STEP_OF_KIND = {
    "acknowledge": "name_emotion",
    "question": "explore",
    "summary": "summarize",
    "empathy": "empathize",
    "apology": "apologize",
    "offer": "resolve",
    "escalate": "notify_supervisor",
    "next_step": "set_expectations",
    "time_frame": "set_expectations",
    "follow_up": "follow_up",
    "safety": "threat",
}

_cache: OrderedDict[tuple[str, str | None], Analysis] = OrderedDict()
_cache_lock = threading.Lock()  # the API's threads share the cache


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()


def analyses(texts: list[str], lang: str | None = None) -> list[Analysis]:
    """Analyses of ``texts``, from an LRU cache where possible; the rest in one batch."""
    found: dict[str, Analysis] = {}
    with _cache_lock:
        for t in dict.fromkeys(texts):
            hit = _cache.get((t, lang))
            if hit is not None:
                _cache.move_to_end((t, lang))
                found[t] = hit
    todo = [t for t in dict.fromkeys(texts) if t not in found]
    if todo:  # analysed outside the lock: other threads keep using the cache meanwhile
        fresh = analyze_many(todo, lang=lang)
        with _cache_lock:
            for text, result in zip(todo, fresh, strict=True):
                _cache[(text, lang)] = result
                found[text] = result
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
    return [found[t] for t in texts]


@cache
def review_matcher(code: str) -> Matcher:
    return Matcher(load_language(code).entries("review"))


@cache
def context_matcher(code: str) -> Matcher:
    return Matcher(load_language(code).entries("context"))


def scan(text: str, code: str, matcher: Matcher) -> list[Match]:
    return matcher.scan(text, tokenize(text, code))


@dataclass(frozen=True, slots=True)
class StepEvidence:
    """A protocol step an agent message performed, with the span that shows it."""

    step: str
    message: int  # index into conversation.messages
    start: int
    end: int
    text: str
    rule: str


@dataclass(frozen=True)
class Reading:
    conversation: Conversation
    policy: Policy
    language: str  # the language to answer in (a supported one)
    detected: str  # what the customer wrote in (may be unsupported)
    register: str  # formal | informal (policy)
    register_key: str  # phrasebook register: formal, informal, formal_f/m/n, any
    customer: tuple[tuple[int, Analysis], ...]  # (message index, analysis), recent ones
    heat: tuple[float, ...]
    trend: str  # rising | falling | steady
    threat_at: int | None  # latest customer message with a violent threat
    threat_answered: bool  # an agent safety reply came after it
    emotion: str  # strongest negative emotion of the last customer message, or generic
    wants: tuple[str, ...]
    facts: dict[str, str]  # fact kind → first value seen
    story_heard: bool
    complaint: bool  # the customer reports something that went wrong
    manager_request: bool
    agent_targeted: bool  # insults aimed at the agent in the last customer message
    delay: bool
    old_purchase: bool
    agent_steps: tuple[StepEvidence, ...]
    agent_replies_after_hot: int
    considered: int  # customer messages analysed (the most recent ones)

    @property
    def last(self) -> Analysis:
        return self.customer[-1][1]

    @property
    def hot(self) -> bool:
        return self.heat[-1] >= HOT

    @property
    def threat(self) -> bool:
        return self.threat_at is not None and not self.threat_answered

    @property
    def has_reference(self) -> bool:
        """The customer gave an order, invoice or tracking number."""
        return any(fact in self.facts for fact in REFERENCE_FACTS)

    def topic_key(self) -> tuple[str, str | None]:
        """What the customer writes about, as a phrasebook topic key and its value."""
        for fact, topic in REFERENCE_FACTS.items():
            if fact in self.facts:
                return topic, self.facts[fact]
        for want in self.wants:
            if want == "speak_to_manager":
                return "manager", None
            if want != "apology":
                return want, None
        if self.delay:
            return "delivery", None
        return "generic", None


def confirmed_threat(a: Analysis) -> bool:
    """A violent threat the protocol acts on: confirmed by a lexicon rule, or a model-only
    finding the model is sure of. The analyzer reports possible threats more eagerly; the
    safety reply ends a conversation, so it waits for this stronger evidence."""
    return any(
        t.kind == "violence"
        and (not t.explanation.rule.startswith("heads/") or t.score >= MODEL_ONLY_THREAT)
        for t in a.threats
    )


def register_key(language: str, register: str, gender: str) -> str:
    if language == "en":
        return "any"
    if language == "pl" and register == "formal":
        return {"female": "formal_f", "male": "formal_m"}.get(gender, "formal_n")
    return register


def _trend(heat: list[float]) -> str:
    if len(heat) < 2:
        return "steady"
    delta = heat[-1] - heat[-2]
    return "rising" if delta > 0.1 else "falling" if delta < -0.1 else "steady"


def _language(found: list[Analysis], policy: Policy) -> tuple[str, str]:
    detected = [a.language.code for a in found if a.language.code != "und"]
    last = detected[-1] if detected else "und"
    for a in reversed(found):
        code = a.language.code
        if a.language.supported and code in policy.supported and a.language.confidence >= 0.3:
            return code, last
    for a in reversed(found):
        if a.language.supported and a.language.code in policy.supported:
            return a.language.code, last
    return policy.fallback, last


def _old_purchase(matches: list[Match], at: datetime | None) -> bool:
    """True when a message's context matches say the purchase is older than ~two months."""
    if any(m.entry.kind == "old_purchase" for m in matches):
        return True
    if at is None or not any(m.entry.kind == "purchase" for m in matches):
        return False
    months = [int(m.entry.kind[6:]) for m in matches if m.entry.kind.startswith("month_")]
    return any((at.month - month) % 12 >= 2 for month in months)


def read(conversation: Conversation, policy: Policy) -> Reading:
    """Everything the guide, reviewer and composer need to know about ``conversation``."""
    msgs = conversation.messages
    idx = [i for i, m in enumerate(msgs) if m.role == "customer" and m.text.strip()][-RECENT:]
    found = analyses([msgs[i].text for i in idx])
    language, detected = _language(found, policy)
    register = policy.register.get(language, "formal")
    customer = tuple(zip(idx, found, strict=True))
    heat = [a.heat.score for a in found]
    threat_at = max((i for i, a in customer if confirmed_threat(a)), default=None)
    steps: list[StepEvidence] = []
    first = idx[0]
    for i in range(first, len(msgs)):
        if msgs[i].role != "agent" or not msgs[i].text.strip():
            continue
        best: dict[str, Match] = {}  # one piece of evidence per step: the longest
        for m in scan(msgs[i].text, language, review_matcher(language)):
            step = STEP_OF_KIND.get(m.entry.kind)
            if step and (step not in best or m.end - m.start > best[step].end - best[step].start):
                best[step] = m
        for step, m in sorted(best.items(), key=lambda kv: kv[1].start):
            text = msgs[i].text[m.start : m.end]
            steps.append(StepEvidence(step, i, m.start, m.end, text, m.entry.rule))
    threat_answered = threat_at is not None and any(
        s.step == "threat" and s.message > threat_at for s in steps
    )
    last_i, last = customer[-1]
    wants = tuple(dict.fromkeys(w.kind for _, a in reversed(customer) for w in a.wants))
    facts: dict[str, str] = {}
    for _, a in customer:
        for f in a.facts:
            facts.setdefault(f.kind, f.value or f.text)
    words = sum(len(msgs[i].text.split()) for i in idx)
    negative = [e for e in last.emotions if e.detected and e.label != "satisfaction"]
    emotion = negative[0].label if negative else "generic"
    ctx = [scan(msgs[i].text, language, context_matcher(language)) for i in idx]
    delay = any(m.entry.kind == "delay" for ms in ctx for m in ms)
    old = any(_old_purchase(ms, msgs[i].at) for i, ms in zip(idx, ctx, strict=True))
    complaint = any(
        a.heat.score >= 0.35 or a.sentiment.label == "negative" for _, a in customer
    ) or bool(COMPLAINT_WANTS & set(wants) or delay)
    hot_since = next((i for i, a in customer if a.heat.score >= policy.heat_threshold), None)
    replies_after_hot = (
        0
        if hot_since is None
        else sum(1 for m in msgs[hot_since:last_i] if m.role == "agent" and m.text.strip())
    )
    return Reading(
        conversation=conversation,
        policy=policy,
        language=language,
        detected=detected,
        register=register,
        register_key=register_key(language, register, conversation.customer.gender),
        customer=customer,
        heat=tuple(heat),
        trend=_trend(heat),
        threat_at=threat_at,
        threat_answered=threat_answered,
        emotion=emotion,
        wants=wants,
        facts=facts,
        story_heard=bool(STORY_FACTS & set(facts)) or bool(wants) or words >= STORY_WORDS,
        complaint=complaint,
        manager_request="speak_to_manager" in wants,
        agent_targeted=last.offensive.detected
        and any(f.kind in ("insult", "slur") for f in last.offensive.findings),
        delay=delay,
        old_purchase=old,
        agent_steps=tuple(steps),
        agent_replies_after_hot=replies_after_hot,
        considered=len(idx),
    )
