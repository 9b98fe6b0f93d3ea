"""Building the situation of a conversation: read every message once.

Customer messages go through the analyzer (cached, with each message's time so relative
dates resolve); agent messages through :mod:`.org`. What the guide, the composer, the
reviewer, the queue and the write-back need — the language and register to answer in,
heat and its trend, the threat, hazards and sarcasm, what the customer wants and what the
policy allows for it, the facts with their roles, what the organisation already offered,
promised or refused, the steps done — is decided here, in one place, so they cannot
disagree.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from calmline.analyzer.langid import identify
from calmline.analyzer.matcher import Match
from calmline.analyzer.result import Analysis
from calmline.analyzer.violence import sentence_spans
from calmline.languages.vocab import REFERENCE_KINDS
from calmline.protocol.conversation import Conversation
from calmline.protocol.policy import Policy
from calmline.protocol.situation.cache import analyses
from calmline.protocol.situation.model import (
    Act,
    Evidence,
    Fact,
    Signal,
    Situation,
    StepEvidence,
    sayable_facts,
)
from calmline.protocol.situation.org import read_agent_message
from calmline.protocol.situation.scan import context_matcher, scan
from calmline.protocol.situation.verdict import verdict

RECENT = 40  # customer messages, and agent messages, read: the guide is about now
MODEL_ONLY_THREAT = 0.9  # a model-only violence finding must be this sure (see confirmed_threat)
STORY_FACTS = frozenset(
    {*REFERENCE_KINDS, "product", "date", "amount", "duration", "contact_attempts"}
)
STORY_WORDS = 30  # a customer who wrote this much has told a story, facts or not
COMPLAINT_WANTS = frozenset({"refund", "exchange", "repair", "compensation", "apology"})
PRESSURE = frozenset({"legal", "public_exposure", "churn", "chargeback"})
# what the primary want needs before it can be granted, in the order to ask for it
NEEDS: dict[str, tuple[str, ...]] = {
    "refund": ("reference", "product", "amount"),
    "exchange": ("reference", "product"),
    "repair": ("reference", "product", "date"),
    "compensation": ("reference",),
    "cancel": ("reference",),
    "delivery": ("reference",),
    "change": ("reference",),
}
COMPLAINT_NEEDS = ("reference", "product", "date")
_DURATION = re.compile(r"^P(?P<n>\d+(?:\.\d+)?)(?P<u>[YMWD])$")
_DAYS = {"Y": 365, "M": 30, "W": 7, "D": 1}


_EXCLAIMED = re.compile(r"[^.!?\n]*!")
_THANKS = re.compile(r"\b(?:dank\w*|bedankt|thanks?|thank\s+you|cheers|dzięk\w*|alvast)\b", re.I)


def _exclaims(text: str) -> bool:
    """A sentence of four words or more that ends in "!" — "Hi!" and "Thanks in advance!"
    are how calm people write, "I have asked three times now!" is not."""
    return any(
        len(m.group().split()) >= 4 and not _THANKS.search(m.group())
        for m in _EXCLAIMED.finditer(text[:5000])
    )


# what a customer may ask for and still be only asking a question, not complaining
QUESTION_WANTS = frozenset({"information", "change", "cancel", "callback", "delivery"})


def _calm(
    customer: list[tuple[int, Analysis]], wants: tuple[str, ...], delay: bool, sarcasm: object
) -> bool:
    """A customer who only asks: no emotion, insult, hazard, shouting or threat the rules can
    point to, nothing to put right (wants within QUESTION_WANTS), no delay, no sarcasm. The
    tone model alone does not make a question a complaint: it reads many plain questions
    about orders and returns as negative, and a reply that names anger nobody expressed and
    apologises for nothing is the wrong reply (issue 12)."""
    if sarcasm or delay or not set(wants) <= QUESTION_WANTS:
        return False
    for _, a in customer:
        if a.offensive.detected or a.shouting.detected or a.hazards:
            return False
        if any(e.detected and e.evidence for e in a.emotions):
            return False
        if any(not t.explanation.rule.startswith("heads/") for t in a.threats):
            return False
    return True


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


def salutation_name(name: str | None, language: str) -> str | None:
    """The surname a formal salutation uses: "Marieke de Boer" → "De Boer" (Dutch
    capitalises the particle without a first name), "Sabine Krüger" → "Krüger"."""
    if not name or not name.strip():
        return None
    parts = name.strip().split()
    if len(parts) == 1:
        return parts[0]
    rest = parts[1:]
    surname = " ".join(rest)
    if language == "nl" and rest[0].islower():
        surname = rest[0][:1].upper() + surname[1:]
    return surname


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


def _days(iso: str | None) -> float:
    m = _DURATION.match(iso or "")
    return float(m.group("n")) * _DAYS[m.group("u")] if m else 0.0


def _old_purchase(
    matches: list[Match], at: datetime | None, facts: list[Fact], window: int
) -> bool:
    """True when a message says the purchase is older than the refund window: "four
    months ago", a month name two or more months back, or a date or elapsed time past it."""
    if any(m.entry.kind == "old_purchase" for m in matches):
        return True
    if not any(m.entry.kind == "purchase" for m in matches):
        return False
    for f in facts:
        if f.kind == "duration" and f.role == "elapsed" and _days(f.normalized) > window:
            return True
        if f.kind == "date" and f.role == "event" and f.normalized and at is not None:
            first = f.normalized.split("/")[0]
            try:
                if at.date() - date.fromisoformat(first) > timedelta(days=window):
                    return True
            except ValueError:
                continue
    if at is None:
        return False
    months = [int(m.entry.kind[6:]) for m in matches if m.entry.kind.startswith("month_")]
    return any((at.month - month) % 12 >= 2 for month in months)


def _wants(customer: list[tuple[int, Analysis]]) -> tuple[str, ...]:
    """Primary first: the strongest want of the latest message that states one."""
    out: dict[str, None] = {}
    for _, a in reversed(customer):
        for w in sorted(a.wants, key=lambda w: (-w.score, w.start)):
            out.setdefault(w.kind, None)
    return tuple(out)


def _open_questions(conv: Conversation, idx: list[int]) -> tuple[Evidence, ...]:
    """The customer's questions since the organisation last wrote."""
    last_agent = max(
        (i for i, m in enumerate(conv.messages) if m.role == "agent" and m.text.strip()),
        default=-1,
    )
    out = []
    for i in idx:
        if i <= last_agent:
            continue
        text = conv.messages[i].text
        for s, e in sentence_spans(text):
            if text[s:e].rstrip().endswith("?"):
                out.append(Evidence(i, s, e, text[s:e], "common/questions"))
    return tuple(out[-5:])


def _missing(want: str | None, facts: tuple[Fact, ...], complaint: bool) -> tuple[str, ...]:
    """The facts ``want`` needs that the customer has not given (for a complaint with no
    clear want yet: what it is about, which product, and when)."""
    kinds = {f.kind for f in facts}
    out = []
    needs = NEEDS.get(want or "", ()) if want else (COMPLAINT_NEEDS if complaint else ())
    for need in needs:
        if need == "reference":
            if not kinds & REFERENCE_KINDS:
                out.append("order_number")
        elif need == "date":
            if "date" not in kinds and not any(f.role == "elapsed" for f in facts):
                out.append("date")
        elif need not in kinds:
            out.append(need)
    return tuple(out)


def _agent_language(text: str, language: str) -> str:
    """The language an agent message is written in, when it is clearly another one."""
    if len(text) < 40:
        return language
    found = identify(text)
    if found.supported and found.code != language and found.confidence >= 0.8:
        return found.code
    return language


def read(conversation: Conversation, policy: Policy) -> Situation:
    """The situation of ``conversation`` under ``policy`` (see the module docstring)."""
    msgs = conversation.messages
    every = [i for i, m in enumerate(msgs) if m.role == "customer" and m.text.strip()]
    idx = every[-RECENT:]
    notes: list[str] = []
    if len(every) > RECENT:
        notes.append(f"read the latest {RECENT} of {len(every)} customer messages")
    naive = [i for i in idx if msgs[i].naive_time]
    if naive:
        notes.append(
            f"messages {', '.join(map(str, naive[:5]))} have a time without a zone: read as UTC"
        )
    found = analyses([msgs[i].text for i in idx], at=[msgs[i].at for i in idx])
    language, detected = _language(found, policy)
    register = policy.register.get(language, "formal")
    customer = list(zip(idx, found, strict=True))
    heat = [a.heat.score for a in found]
    threat_at = max((i for i, a in customer if confirmed_threat(a)), default=None)

    agents = [i for i, m in enumerate(msgs) if m.role == "agent" and m.text.strip()]
    if len(agents) > RECENT:
        notes.append(f"read the latest {RECENT} of {len(agents)} agent messages")
        agents = agents[-RECENT:]
    acts: list[Act] = []
    steps: list[StepEvidence] = []
    other_languages: set[str] = set()
    for i in agents:
        lang = _agent_language(msgs[i].text, language)
        if lang != language:
            other_languages.add(lang)
        at = msgs[i].at
        reading = read_agent_message(i, msgs[i].text, lang, at.date() if at else None)
        acts.extend(reading.acts)
        steps.extend(reading.steps)
    if other_languages:
        notes.append(
            f"agent messages in {', '.join(sorted(other_languages))}, the customer writes "
            f"{language}: read in their own language"
        )
    # safety advice counts as the "hazard" step only after a customer reported a hazard:
    # "see a doctor" or "unplug the router" in an ordinary reply is no hazard answered
    first_hazard = min((i for i, a in customer if a.hazards), default=None)
    steps = [
        s
        for s in steps
        if s.step != "hazard" or (first_hazard is not None and s.message > first_hazard)
    ]
    threat_answered = threat_at is not None and any(
        s.step == "threat" and s.message > threat_at for s in steps
    )

    fact_items = _main_products(
        tuple(
            Fact(
                f.kind,
                f.normalized if f.normalized is not None else _plain(f.kind, f.value),
                f.role,
                Evidence.of(i, f),
            )
            for i, a in customer
            for f in a.facts
        )
    )
    if any(m.at is None for m in (msgs[i] for i in idx)) and any(
        f.kind == "date" and f.normalized is None for f in fact_items
    ):
        notes.append("a message has no time: relative dates in it are left unresolved")
    wants = _wants(customer)
    last_i, last = customer[-1]
    words = sum(len(msgs[i].text.split()) for i in idx)
    negative = [e for e in last.emotions if e.detected and e.label != "satisfaction"]
    ctx = [scan(msgs[i].text, language, context_matcher(language)) for i in idx]
    delay = any(m.entry.kind == "delay" for ms in ctx for m in ms)
    old = any(
        _old_purchase(
            ms,
            msgs[i].at,
            [f for f in fact_items if f.evidence.message == i],
            policy.refund_after_days,
        )
        for i, ms in zip(idx, ctx, strict=True)
    )
    sarcasm = tuple(
        Signal("sarcasm", f.score, Evidence.of(i, f)) for i, a in customer for f in a.sarcasm
    )
    questions = _open_questions(conversation, idx)
    asked = tuple(  # questions the policy itself answers ("how long can I return it?")
        dict.fromkeys(m.entry.kind[4:] for ms in ctx for m in ms if m.entry.kind.startswith("ask_"))
    )
    indignant = any(m.entry.kind == "indignation" for ms in ctx for m in ms) or any(
        _exclaims(msgs[i].text) for i in idx
    )
    # asking how returns and refunds work is a question, not yet a refund request
    plain_wants = tuple(w for w in wants if not (asked and w in ("refund", "exchange")))
    calm = bool(questions) and not indignant and _calm(customer, plain_wants, delay, sarcasm)
    complaint = not calm and (
        any(a.heat.score >= 0.35 or a.sentiment.label == "negative" for _, a in customer)
        or bool(COMPLAINT_WANTS & set(wants) or delay or sarcasm)
    )
    hot_since = next((i for i, a in customer if a.heat.score >= policy.heat_threshold), None)
    replies_after_hot = (
        0
        if hot_since is None
        else sum(1 for m in msgs[hot_since:last_i] if m.role == "agent" and m.text.strip())
    )
    primary = wants[0] if wants else None
    return Situation(
        conversation=conversation,
        policy=policy,
        language=language,
        detected=detected,
        register=register,
        register_key=register_key(language, register, conversation.customer.gender),
        customer=tuple(customer),
        heat=tuple(heat),
        trend=_trend(heat),
        threat_at=threat_at,
        threat_answered=threat_answered,
        emotion=negative[0].label if negative else "generic",
        wants=wants,
        fact_items=fact_items,
        facts=sayable_facts(fact_items),
        story_heard=bool(STORY_FACTS & {f.kind for f in fact_items})
        or bool(wants)
        or words >= STORY_WORDS,
        complaint=complaint,
        manager_request="speak_to_manager" in wants,
        agent_targeted=last.offensive.detected
        and any(f.kind in ("insult", "slur") for f in last.offensive.findings),
        delay=delay,
        old_purchase=old,
        agent_steps=tuple(steps),
        agent_replies_after_hot=replies_after_hot,
        considered=len(idx),
        sarcasm=sarcasm,
        hazards=tuple(
            Signal(f.kind, f.score, Evidence.of(i, f)) for i, a in customer for f in a.hazards
        ),
        pressure=tuple(
            Signal(t.kind, t.score, Evidence.of(i, t))
            for i, a in customer
            for t in a.threats
            if t.kind in PRESSURE
        ),
        acts=tuple(acts),
        open_questions=questions,
        calm_question=calm,
        asked=asked,
        missing=_missing(primary, fact_items, complaint),
        verdict=verdict(primary, fact_items, policy, old, delay),
        notes=tuple(notes),
        customer_name=conversation.customer.name,
        salutation_name=salutation_name(conversation.customer.name, language),
        gender=conversation.customer.gender,
        status=conversation.status,
        agent_considered=len(agents),
    )


def _main_products(facts: tuple[Fact, ...]) -> tuple[Fact, ...]:
    """What a message is about is its first product: "my kettle … the plug … the cable" is a
    kettle. Later products of the same message are parts, accessories or asides."""
    seen: dict[int, str] = {}
    out = []
    for f in facts:
        if f.kind == "product":
            first = seen.setdefault(f.evidence.message, f.normalized or "")
            if (f.normalized or "") != first:
                continue
        out.append(f)
    return tuple(out)


def _plain(kind: str, value: str | None) -> str | None:
    """The value of a lexicon fact without a normalisation of its own (e-mail, phone)."""
    if value is None:
        return None
    return value.strip() if kind in ("email", "phone") else None
