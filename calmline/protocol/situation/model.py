"""The situation: one conversation read once, with evidence for every item.

Like spaCy's ``Doc``, it is computed once per conversation and then only read — by the guide,
the composer, the reviewer, the queue and the write-back — so they cannot disagree about
what the customer wants, what was already promised or what the agent may grant. Every item
points at its evidence: the message index and the character span in that message's text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from calmline.analyzer.result import Analysis, Finding
from calmline.protocol.conversation import Conversation
from calmline.protocol.policy import Policy

# the numbers that identify what a complaint is about → the phrasebook topic they name
REFERENCE_FACTS = {
    "order_number": "order",
    "invoice_number": "invoice",
    "tracking_number": "tracking",
}

HOT = 0.5  # heat at which a customer counts as hot ("angry" starts at 0.5)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where an item comes from: ``conversation.messages[message].text[start:end] == text``."""

    message: int
    start: int
    end: int
    text: str
    rule: str
    explanation: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "message_index": self.message,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "rule": self.rule,
            "explanation": list(self.explanation),
        }

    @classmethod
    def of(cls, message: int, f: Finding) -> Evidence:
        return cls(message, f.start, f.end, f.text, f.explanation.rule, f.explanation.reasons)


@dataclass(frozen=True, slots=True)
class Fact:
    """A fact the customer gave: its kind, the words as written, a normalised value and,
    for times, its role (elapsed, promised, deadline, lost, event, other)."""

    kind: str
    normalized: str | None
    role: str | None
    evidence: Evidence

    @property
    def text(self) -> str:
        return self.evidence.text

    @property
    def display(self) -> str:
        """The value to put in a sentence: the customer's own words, trimmed."""
        return self.evidence.text.strip().rstrip(".,;:!?")

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "normalized": self.normalized,
            "role": self.role,
            "evidence": self.evidence.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class Signal:
    """A sarcastic remark, a safety hazard or a pressure threat in a customer message."""

    kind: str
    score: float
    evidence: Evidence

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "score": round(self.score, 3),
            "evidence": self.evidence.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class Act:
    """Something the organisation already said or did, read from an agent message.

    ``kind``: offer, promise, refusal, question, escalation, deflection, policy_quote;
    ``what``: what was offered, promised or asked for; ``reason``: why a refusal;
    ``normalized``: the time a promise names (a date, a period or an ISO duration).
    """

    kind: str
    evidence: Evidence
    what: str | None = None
    reason: str | None = None
    normalized: str | None = None
    phrase: str | None = None  # the phrasebook key, when the agent sent a guide sentence

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "what": self.what,
            "reason": self.reason,
            "normalized": self.normalized,
            "phrase": self.phrase,
            "evidence": self.evidence.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class StepEvidence:
    """A protocol step an agent message performed, with the span that shows it."""

    step: str
    message: int  # index into conversation.messages
    start: int
    end: int
    text: str
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "message_index": self.message,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the policy allows for the customer's primary want.

    ``decision``: ``agent`` (this agent may grant it), ``supervisor`` (needs ``who``; the
    agent's limit is ``limit``), ``never`` (the organisation does not grant it: ``rule``),
    ``check`` (the agent may grant up to ``limit`` but the amount is not known yet).
    """

    want: str
    decision: str
    rule: str
    explanation: str
    who: str | None = None
    limit: str | None = None
    amount: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "want": self.want,
            "decision": self.decision,
            "who": self.who,
            "limit": self.limit,
            "amount": self.amount,
            "rule": self.rule,
            "explanation": self.explanation,
        }


def sayable_facts(items: tuple[Fact, ...]) -> dict[str, str]:
    """Fact kind → the first value a sentence may restate.

    A duration is included only when it is time that has *elapsed* ("three weeks"), never a
    promised time, a deadline or time lost; a date only when it is when something happened.
    """
    out: dict[str, str] = {}
    for f in items:
        if f.kind == "duration" and f.role != "elapsed":
            continue
        if f.kind == "date" and f.role not in (None, "event"):
            continue
        out.setdefault(f.kind, f.display)
    return out


@dataclass(frozen=True)
class Situation:
    """Everything guide, composer and reviewer need to know about one conversation."""

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
    wants: tuple[str, ...]  # primary first, then the others
    fact_items: tuple[Fact, ...]
    facts: dict[str, str]  # fact kind → a value a sentence may restate (see sayable_facts)
    story_heard: bool
    complaint: bool  # the customer reports something that went wrong
    manager_request: bool
    agent_targeted: bool  # insults aimed at the agent in the last customer message
    delay: bool
    old_purchase: bool
    agent_steps: tuple[StepEvidence, ...]
    agent_replies_after_hot: int
    considered: int  # customer messages analysed (the most recent ones)
    sarcasm: tuple[Signal, ...] = ()
    hazards: tuple[Signal, ...] = ()
    pressure: tuple[Signal, ...] = ()  # legal, public exposure, churn, chargeback
    acts: tuple[Act, ...] = ()
    open_questions: tuple[Evidence, ...] = ()  # the customer's questions since the last reply
    calm_question: bool = False  # the customer only asks (see build._calm): answer, no apology
    asked: tuple[str, ...] = ()  # questions the policy answers: return_window, refund_time
    missing: tuple[str, ...] = ()  # fact kinds the primary want still needs
    verdict: Verdict | None = None
    notes: tuple[str, ...] = ()  # what the reader assumed or left out, said plainly
    customer_name: str | None = None
    salutation_name: str | None = None
    gender: str = "unknown"
    status: str = "open"
    agent_considered: int = 0

    # --- the questions every consumer asks ---
    @property
    def last(self) -> Analysis:
        return self.customer[-1][1]

    @property
    def hot(self) -> bool:
        """Hot enough to name the emotion first; a calm question never is, whatever the
        tone model says about its wording."""
        return self.heat[-1] >= HOT and not self.calm_question

    @property
    def threat(self) -> bool:
        return self.threat_at is not None and not self.threat_answered

    @property
    def hazard(self) -> bool:
        return bool(self.hazards)

    @property
    def sarcastic(self) -> bool:
        """The latest customer message is sarcastic."""
        last = self.customer[-1][0]
        return any(s.evidence.message == last for s in self.sarcasm)

    @property
    def primary_want(self) -> str | None:
        return self.wants[0] if self.wants else None

    @property
    def resolved(self) -> bool:
        return self.status in ("resolved", "closed")

    @property
    def has_reference(self) -> bool:
        """The customer gave an order, invoice or tracking number."""
        return any(f.kind in REFERENCE_FACTS for f in self.fact_items)

    def facts_of(self, kind: str, role: str | None = None) -> tuple[Fact, ...]:
        return tuple(
            f for f in self.fact_items if f.kind == kind and (role is None or f.role == role)
        )

    def acts_of(self, kind: str, what: str | None = None) -> tuple[Act, ...]:
        return tuple(a for a in self.acts if a.kind == kind and (what is None or a.what == what))

    def offered(self, want: str) -> bool:
        """The organisation already offered (or granted) ``want``."""
        return any(a.kind == "offer" and a.what == want for a in self.acts)

    def refused(self, want: str | None = None) -> Act | None:
        """The latest refusal (of ``want``'s kind, when the reason tells)."""
        found = [a for a in self.acts if a.kind == "refusal"]
        if want == "refund":
            found = [
                a
                for a in found
                if a.what == "refund" or a.reason in ("refund_window", "authority", "other")
            ]
        return found[-1] if found else None

    def topic_key(self, identifying: bool = True) -> tuple[str, str | None]:
        """What the customer writes about, as a phrasebook topic key and its value; with
        ``identifying`` false (a public post) never by an order or invoice number."""
        for fact, topic in REFERENCE_FACTS.items():
            if identifying and fact in self.facts:
                return topic, self.facts[fact]
        for want in self.wants:
            if want == "speak_to_manager":
                return "manager", None
            if want not in ("apology", "information", "change", "delivery"):
                return want, None
        if self.delay or "delivery" in self.wants:
            return "delivery", None
        return "generic", None

    def to_dict(self) -> dict[str, Any]:
        last_i = self.customer[-1][0]
        return {
            "language": self.language,
            "detected_language": self.detected,
            "register": self.register,
            "status": self.status,
            "customer": {
                "name": self.customer_name,
                "salutation_name": self.salutation_name,
                "gender": self.gender,
            },
            "heat": {
                "messages": [
                    {"message_index": i, "score": round(a.heat.score, 3)} for i, a in self.customer
                ],
                "last": round(self.heat[-1], 3),
                "trend": self.trend,
                "last_message_index": last_i,
            },
            "wants": {"primary": self.primary_want, "others": list(self.wants[1:])},
            "facts": [f.to_dict() for f in self.fact_items],
            "sarcasm": [s.to_dict() for s in self.sarcasm],
            "hazards": [s.to_dict() for s in self.hazards],
            "pressure": [s.to_dict() for s in self.pressure],
            "violent_threat": {
                "message_index": self.threat_at,
                "answered": self.threat_answered,
            },
            "organisation": [a.to_dict() for a in self.acts],
            "steps_done": [s.to_dict() for s in self.agent_steps],
            "open_questions": [q.to_dict() for q in self.open_questions],
            "missing_facts": list(self.missing),
            "verdict": self.verdict.to_dict() if self.verdict else None,
            "story_heard": self.story_heard,
            "complaint": self.complaint,
            "calm_question": self.calm_question,
            "asked": list(self.asked),
            "notes": list(self.notes),
            "customer_messages_considered": self.considered,
            "agent_messages_considered": self.agent_considered,
        }
