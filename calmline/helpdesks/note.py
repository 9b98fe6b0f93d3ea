"""What calmline writes on a helpdesk ticket, composed from the one reading of the case.

The internal note is for the agent who opens the ticket: heat and trend, threats and
hazards, what the customer wants, the facts calmline is sure of (with the words they came
from), the next step and one ready sentence in the customer's language. It restates only
what the reading holds — nothing is invented for the note. The same reading gives the tags
and the priority, so the helpdesk's own views and SLAs sort hot and dangerous tickets first.
A violent threat is a tag plus a note that names the safety rule; calmline never writes a
public reply.
"""

from __future__ import annotations

from calmline.helpdesks.base import Connection, Priority
from calmline.protocol.guide import Guidance
from calmline.protocol.situation import Situation

HOT = 0.6  # heat from which a ticket is tagged hot and raised to high priority

STEPS = {
    "threat": "Answer the threat (safety rule)",
    "hazard": "Safety first",
    "notify_supervisor": "Involve a supervisor",
    "let_vent": "Let the customer vent",
    "name_emotion": "Name the emotion",
    "explore": "Ask for the facts",
    "summarize": "Summarize",
    "empathize": "Show empathy",
    "apologize": "Apologize",
    "resolve": "Offer options or decide",
    "set_expectations": "Set expectations",
    "own_it": "Own the fix",
    "follow_up": "Follow up",
}
SAFETY_RULE = (
    "SAFETY: a violent threat. Do not argue or negotiate. Send only the short safety reply, "
    "stop the conversation, and report it to your supervisor (and the police when in danger)."
)


def tags_and_priority(
    reading: Situation, guidance: Guidance, conn: Connection
) -> tuple[tuple[str, ...], Priority | None]:
    """The tags to add and the priority to set (``None``: leave the ticket's own)."""
    names = conn.tags
    heat = reading.heat[-1] if reading.heat else 0.0
    tags: list[str] = []
    priority: Priority | None = None
    if reading.threat_at is not None:
        tags += [names.violence, names.threat]
        priority = "urgent"
    if reading.hazards:
        tags.append(names.hazard)
        priority = "urgent"
    if reading.pressure and names.threat not in tags:
        tags.append(names.threat)
        priority = priority or "high"
    if heat >= HOT:
        tags.append(names.hot)
        priority = priority or "high"
    return tuple(dict.fromkeys(tags)), priority


def compose(reading: Situation, guidance: Guidance, link: str | None = None) -> str:
    """The internal note, plain text, a line per point."""
    heat = reading.heat[-1] if reading.heat else 0.0
    lines = [f"calmline — heat {heat:.2f} ({reading.trend})"]
    if reading.threat_at is not None:
        lines.append(SAFETY_RULE)
    for signal in reading.hazards:
        lines.append(f"Safety hazard ({signal.kind}): “{signal.evidence.text}”")
    for signal in reading.pressure:
        lines.append(f"Pressure ({signal.kind.replace('_', ' ')}): “{signal.evidence.text}”")
    if reading.wants:
        lines.append("Wants: " + ", ".join(w.replace("_", " ") for w in reading.wants))
    sure = [f for f in reading.fact_items if f.kind in reading.facts]
    if sure:
        lines.append(
            "Facts: " + "; ".join(f"{f.kind.replace('_', ' ')} “{f.text}”" for f in sure[:6])
        )
    if reading.missing:
        lines.append("Still to ask: " + ", ".join(m.replace("_", " ") for m in reading.missing))
    if guidance.next:
        step = guidance.next[0]
        lines.append(f"Next step: {STEPS.get(step.step, step.step)} — {step.reason}")
        if step.sentences:
            lines.append(f"Ready sentence ({reading.language}): {step.sentences[0].text}")
    if link:
        lines.append(f"Open in calmline (the link expires; then sign in): {link}")
    return "\n".join(lines)
