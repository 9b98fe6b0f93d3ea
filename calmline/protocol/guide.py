"""What should the agent do next? The protocol applied to one conversation.

The guide reads the conversation (:mod:`calmline.protocol.situation`), lists the steps the
agent already performed with the evidence, follows the customer's heat, and recommends the
next steps with ready sentences in the customer's language and the policy's register.
The safety rule overrides everything: after a violent threat the only advice is to stop,
answer with the short safety reply, and report it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from difflib import SequenceMatcher
from typing import Any

from calmline.protocol.compose import (
    Renderer,
    Sentence,
    ack_key,
    owed_safety,
    policy_answers,
    resolution,
    time_frame,
)
from calmline.protocol.conversation import Conversation
from calmline.protocol.policy import Policy
from calmline.protocol.situation import Situation, StepEvidence, read

RECENT = 40  # messages whose agent replies the guide compares its proposals with
REPLY_CHARS = 5000  # of each agent reply, compared with what the guide would propose
# fact kind → the question key that asks for it
QUESTIONS = {
    "order_number": "ask_order_number",
    "invoice_number": "ask_invoice_number",
    "product": "ask_product",
    "date": "ask_date",
    "amount": "ask_amount",
}


@dataclass(frozen=True, slots=True)
class NextStep:
    step: str
    reason: str
    sentences: tuple[Sentence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "reason": self.reason,
            "sentences": [{"text": s.text, "key": s.key, "rule": s.rule} for s in self.sentences],
        }


@dataclass(frozen=True, slots=True)
class Alert:
    kind: str  # violence_threat | hazard | supervisor_needed | response_overdue | agent_targeted
    message: str
    at: int | None = None  # message index that raised it

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "message": self.message, "message_index": self.at}


@dataclass(frozen=True)
class Guidance:
    language: str
    register: str
    steps_done: tuple[StepEvidence, ...]
    heat: tuple[tuple[int, float], ...]
    trend: str
    next: tuple[NextStep, ...]
    missing_facts: tuple[tuple[str, str], ...]  # (fact kind, question)
    alerts: tuple[Alert, ...]
    wants: tuple[str, ...]
    facts: dict[str, str]
    considered: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "register": self.register,
            "steps_done": [
                {
                    "step": s.step,
                    "message_index": s.message,
                    "start": s.start,
                    "end": s.end,
                    "text": s.text,
                    "rule": s.rule,
                }
                for s in self.steps_done
            ],
            "heat": {
                "messages": [{"message_index": i, "score": round(h, 3)} for i, h in self.heat],
                "trend": self.trend,
            },
            "next": [n.to_dict() for n in self.next],
            "missing_facts": [{"fact": f, "question": q} for f, q in self.missing_facts],
            "alerts": [a.to_dict() for a in self.alerts],
            "wants": list(self.wants),
            "facts": self.facts,
            "customer_messages_considered": self.considered,
        }


def _alerts(r: Situation, now: datetime) -> list[Alert]:
    out: list[Alert] = []
    policy = r.policy
    if r.threat_at is not None and policy.on_violence:
        out.append(
            Alert(
                "violence_threat",
                "Violent threat: do not engage further; send the short safety reply, report it "
                "to a supervisor and record an incident.",
                r.threat_at,
            )
        )
    if r.hazards and not r.resolved:
        h = r.hazards[-1]
        kinds = ", ".join(dict.fromkeys(x.kind for x in r.hazards))
        out.append(
            Alert(
                "hazard",
                f"Safety risk ({kinds}): safety advice first (stop using it, unplug it, get "
                "help); a supervisor should know.",
                h.evidence.message,
            )
        )
    last_i = r.customer[-1][0]
    if policy.on_manager_request and r.manager_request:
        out.append(Alert("supervisor_needed", "The customer asks for a manager.", last_i))
    elif (
        r.heat[-1] >= policy.heat_threshold
        and r.agent_replies_after_hot >= policy.hot_after_agent_replies
    ):
        out.append(
            Alert(
                "supervisor_needed",
                f"Still hot after {r.agent_replies_after_hot} replies: ask a supervisor to "
                "mediate.",
                last_i,
            )
        )
    msgs = r.conversation.messages
    waiting = msgs[-1] if msgs[-1].role == "customer" else None
    target = policy.response_time[r.conversation.channel]
    if waiting is not None and waiting.at is not None and target > 0:
        minutes = (now - waiting.at).total_seconds() / 60
        if minutes > target:
            out.append(
                Alert(
                    "response_overdue",
                    f"Waiting {minutes:.0f} min; the {r.conversation.channel} target is "
                    f"{target} min.",
                    len(msgs) - 1,
                )
            )
    if r.agent_targeted:
        out.append(
            Alert(
                "agent_targeted",
                "Personal insults aimed at you: this is not about you. Take a short break "
                "after this contact.",
                last_i,
            )
        )
    return out


def _missing(r: Situation, ren: Renderer) -> list[tuple[str, str]]:
    """The facts the primary want still needs, with the question — unless already asked."""
    if r.threat or r.resolved:
        return []
    asked = {a.what for a in r.acts if a.kind == "question"}
    return [
        (fact, ren.sentence(QUESTIONS[fact]).text)
        for fact in r.missing
        if fact in QUESTIONS and fact not in asked
    ]


def _safety(r: Situation, ren: Renderer) -> NextStep | None:
    """Safety advice before anything else, for every hazard kind the customer reported."""
    sentences = tuple(ren.sentence(k) for k in owed_safety(r))
    if not sentences:
        return None
    kinds = ", ".join(dict.fromkeys(h.kind for h in r.hazards))
    return NextStep(
        "hazard",
        f"A safety risk ({kinds}): give safety advice before anything else.",
        sentences,
    )


def _sent(r: Situation) -> set[str]:
    """Phrasebook keys the agents already sent (or lightly edited)."""
    return {a.phrase for a in r.acts if a.phrase}


def _follow_up(r: Situation, ren: Renderer) -> list[NextStep]:
    """A resolved case: check later that all is well."""
    return [
        NextStep(
            "follow_up",
            "The case is resolved: check with the customer that the fix worked.",
            (ren.sentence("follow_up", r.policy.follow_up_days),),
        )
    ]


def _next(r: Situation, ren: Renderer, done: set[str]) -> list[NextStep]:
    if r.threat:
        return [
            NextStep(
                "threat",
                "A violent threat: stop the normal conversation, answer only with the safety "
                "reply and report it.",
                tuple(ren.sentences("safety")),
            )
        ]
    if r.resolved:
        return _follow_up(r, ren)
    out: list[NextStep] = []
    safety = _safety(r, ren)
    if safety is not None:
        out.append(safety)
    if (r.hot or r.complaint) and "name_emotion" not in done:
        out.append(
            NextStep(
                "name_emotion",
                f"The customer is {'hot' if r.hot else 'unhappy'} ({r.emotion}); name the "
                "emotion and the topic before anything else.",
                tuple(ren.sentences(ack_key(r))),
            )
        )
    if r.calm_question:  # the customer only asks: answer, or say when the answer comes
        answers = [ren.sentence(k, d, n) for k, d, n in policy_answers(r)]
        if answers:
            out.append(NextStep("resolve", "A calm question the policy answers:", tuple(answers)))
        if len(answers) < len(r.open_questions) and "set_expectations" not in done:
            out.append(
                NextStep(
                    "set_expectations",
                    "A calm question: answer it, or say when the answer comes.",
                    (ren.sentence("next_generic", time_frame(r, None)),),
                )
            )
        return out
    if not r.story_heard:
        asks = [ren.sentence("invite_more"), *ren.sentences("ask_want", limit=2)]
        out.append(
            NextStep("explore", "The story is not told yet: ask, do not defend.", tuple(asks))
        )
        return out
    if r.facts and "summarize" not in done:
        out.append(
            NextStep(
                "summarize",
                "Check the facts with the customer before solving.",
                tuple(ren.sentences("summary")),
            )
        )
    if r.complaint and "apologize" not in done:
        out.append(
            NextStep(
                "apologize",
                "Something went wrong for the customer: apologise for the organisation, "
                "without excuses.",
                (*ren.sentences("empathy", limit=1), *ren.sentences("apology", limit=2)),
            )
        )
    sent = _sent(r)
    offers = [o for o in resolution(r) if o[0] not in sent]
    resolved_by_org = bool(
        r.primary_want and (r.offered(r.primary_want) or r.refused(r.primary_want))
    )
    if offers and not resolved_by_org:
        # each option in its wordings, up to three sentences in all
        sentences = tuple(s for k, d, n in offers for s in ren.sentences(k, d, n, limit=2))[:3]
        if len(sentences) < 2 and offers[0][0].startswith("offer_"):  # and own the fix
            sentences += (ren.sentence("follow_up", r.policy.follow_up_days),)
        what = ", ".join(r.wants[:2])
        out.append(
            NextStep("resolve", f"The customer wants {what}; what the policy allows:", sentences)
        )
    elif resolved_by_org and r.refused(r.primary_want) and not r.offered(r.primary_want or ""):
        # a firm "no" was said: hold it, offer what is possible instead, or a supervisor
        key = "alternative_generic" if "alternative_generic" not in sent else "escalate_supervisor"
        days = time_frame(r, "explanation") if key == "alternative_generic" else None
        out.append(
            NextStep(
                "resolve",
                "The organisation already said no: do not repeat it or give in; offer what is "
                "possible instead.",
                tuple(ren.sentences(key, days, limit=2)),
            )
        )
    elif "resolve" not in done:
        out.append(
            NextStep(
                "resolve",
                "It is not clear what would help: ask.",
                tuple(ren.sentences("ask_want", limit=2)),
            )
        )
    promised = any(a.kind == "promise" and a.normalized for a in r.acts)
    if "set_expectations" not in done and not promised:
        out.append(
            NextStep(
                "set_expectations",
                "Say what happens next and when.",
                (ren.sentence("next_generic", time_frame(r, None)), ren.sentence("own_it")),
            )
        )
    elif resolved_by_org or promised:
        out.append(
            NextStep(
                "follow_up",
                "The organisation already offered and said when: keep the promise and check back.",
                (ren.sentence("own_it"), ren.sentence("follow_up", r.policy.follow_up_days)),
            )
        )
    return out


_WORDS = re.compile(r"\w+")
SENT_SIMILARITY = 0.85  # a proposed sentence this close to one already sent is not proposed


def _norm(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))


def _unsent(r: Situation, steps: list[NextStep]) -> list[NextStep]:
    """Drop every proposed sentence an agent already sent in this conversation (verbatim or
    lightly edited); a step left without sentences was done by that reply and disappears,
    so the next one shows first."""
    sent = [
        _norm(piece)
        for m in r.conversation.messages[-RECENT:]
        if m.role == "agent"
        for piece in re.split(r"(?<=[.!?])\s+|\n+", m.text[:REPLY_CHARS])
        if piece.strip()
    ]
    if not sent:
        return steps

    def already(text: str) -> bool:
        mine = _norm(text)
        return any(
            mine == other or SequenceMatcher(None, mine, other).ratio() >= SENT_SIMILARITY
            for other in sent
            if abs(len(mine) - len(other)) <= 0.3 * max(len(mine), len(other))
        )

    out = []
    for step in steps:
        kept = tuple(s for s in step.sentences if not already(s.text))
        if kept or not step.sentences:
            out.append(NextStep(step.step, step.reason, kept))
    return out


def guide_reading(r: Situation, now: datetime | None = None) -> Guidance:
    ren = Renderer(r)
    done = {s.step for s in r.agent_steps}
    heat = tuple((i, a.heat.score) for i, a in r.customer)
    return Guidance(
        language=r.language,
        register=r.register,
        steps_done=r.agent_steps,
        heat=heat,
        trend=r.trend,
        next=tuple(_unsent(r, _next(r, ren, done))),
        missing_facts=tuple(_missing(r, ren)),
        alerts=tuple(_alerts(r, now or datetime.now(UTC))),
        wants=r.wants,
        facts=r.facts,
        considered=r.considered,
    )


def guide(conversation: Conversation, policy: Policy, now: datetime | None = None) -> Guidance:
    """The guidance for the agent's next move in ``conversation`` (see module doc)."""
    return guide_reading(read(conversation, policy), now)
