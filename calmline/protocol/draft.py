"""Drafting a reply for the agent: the steps that apply now, in the customer's language.

The composer (:func:`calmline.protocol.compose.compose`) does the work; this module wraps
it in the result the CLI and the API return, including the placeholders the agent must
fill in (``[order number]``) before sending.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from calmline.protocol.compose import Sentence, compose
from calmline.protocol.conversation import Conversation
from calmline.protocol.policy import Policy
from calmline.protocol.situation import Situation, read


@dataclass(frozen=True)
class Draft:
    text: str
    language: str
    register: str
    channel: str
    sentences: tuple[Sentence, ...]
    placeholders: tuple[str, ...]
    safety: bool  # the short safety reply after a violent threat

    @property
    def steps(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.step for s in self.sentences))

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "language": self.language,
            "register": self.register,
            "channel": self.channel,
            "steps": list(self.steps),
            "sentences": [
                {"step": s.step, "key": s.key, "text": s.text, "rule": s.rule}
                for s in self.sentences
            ],
            "placeholders": list(self.placeholders),
            "safety": self.safety,
        }


def draft_reading(r: Situation) -> Draft:
    c = compose(r)
    return Draft(
        c.text,
        r.language,
        r.register,
        r.conversation.channel,
        c.sentences,
        c.placeholders,
        r.threat,
    )


def draft(conversation: Conversation, policy: Policy) -> Draft:
    """A reply to send after review (see module doc)."""
    return draft_reading(read(conversation, policy))
