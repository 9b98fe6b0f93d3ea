"""calmline: an offline, multilingual de-escalation copilot for customer-service teams."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Analysis", "__version__", "analyze", "draft", "guide", "review"]

if TYPE_CHECKING:
    from calmline.analyzer.result import Analysis
    from calmline.protocol.conversation import Conversation
    from calmline.protocol.draft import Draft
    from calmline.protocol.guide import Guidance
    from calmline.protocol.policy import Policy
    from calmline.protocol.review import Review


def analyze(text: str, *, lang: str | None = None, at: datetime | date | None = None) -> Analysis:
    """Analyse one customer message; see :func:`calmline.analyzer.pipeline.analyze`.

    ``at`` is when the message was written: relative dates ("yesterday") resolve against it.
    """
    from calmline.analyzer.pipeline import analyze as _analyze

    return _analyze(text, lang=lang, at=at)


def _inputs(
    conversation: Conversation | dict[str, Any], policy: Policy | None
) -> tuple[Conversation, Policy]:
    from calmline.protocol.conversation import Conversation, parse_conversation
    from calmline.protocol.policy import load_policy

    if not isinstance(conversation, Conversation):
        conversation = parse_conversation(conversation)
    return conversation, policy or load_policy()


def guide(conversation: Conversation | dict[str, Any], policy: Policy | None = None) -> Guidance:
    """What to do next in ``conversation`` (a parsed one or its JSON as a dict)."""
    from calmline.protocol.guide import guide as _guide

    return _guide(*_inputs(conversation, policy))


def review(
    conversation: Conversation | dict[str, Any], draft: str, policy: Policy | None = None
) -> Review:
    """Review the agent's ``draft`` as the next reply in ``conversation``."""
    from calmline.protocol.review import review as _review

    conv, pol = _inputs(conversation, policy)
    return _review(conv, draft, pol)


def draft(conversation: Conversation | dict[str, Any], policy: Policy | None = None) -> Draft:
    """A drafted reply for ``conversation`` in the customer's language and register."""
    from calmline.protocol.draft import draft as _draft

    return _draft(*_inputs(conversation, policy))


def __getattr__(name: str) -> Any:
    if name == "Analysis":
        from calmline.analyzer.result import Analysis

        return Analysis
    raise AttributeError(name)
