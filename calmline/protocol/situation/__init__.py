"""The situation: one conversation read once, used by guide, composer, reviewer and queue.

``read(conversation, policy)`` builds it (:mod:`.build`); :mod:`.model` holds the types.
"""

from calmline.protocol.situation.build import confirmed_threat, read, register_key
from calmline.protocol.situation.cache import analyses, clear_cache
from calmline.protocol.situation.model import (
    REFERENCE_FACTS,
    Act,
    Evidence,
    Fact,
    Signal,
    Situation,
    StepEvidence,
    Verdict,
)
from calmline.protocol.situation.scan import STEP_OF_KIND, review_matcher, scan

__all__ = [
    "REFERENCE_FACTS",
    "STEP_OF_KIND",
    "Act",
    "Evidence",
    "Fact",
    "Signal",
    "Situation",
    "StepEvidence",
    "Verdict",
    "analyses",
    "clear_cache",
    "confirmed_threat",
    "read",
    "register_key",
    "review_matcher",
    "scan",
]
