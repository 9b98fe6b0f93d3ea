"""The violence decision: lexicon evidence and the model, message- and sentence-level.

A violent threat is often one sentence inside an ordinary complaint, so the model scores the
whole message and, when that is suspicious or a rule fired, each sentence too. The
thresholds are not guessed: ``calmline train`` picks them on out-of-fold predictions of the
training examples and stores them with the weights. Training and inference both call
:func:`decide`, so they cannot drift apart.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass

STRONG_RULE = 0.9
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*", re.UNICODE)


@dataclass(frozen=True)
class ViolencePolicy:
    rule_min_p: float = 0.1  # a lexicon match counts when the model gives at least this
    strong_rule_min_p: float = 0.05  # … and a strong match (weight ≥ 0.9) at least this
    model_sentence: float = 0.85  # without a match, the best sentence must reach this …
    model_message: float = 0.4  # … and the whole message this
    gate: float = 0.25  # sentences are scored only above this message-level probability

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> ViolencePolicy:
        data = json.loads(text)
        return cls(**{k: float(v) for k, v in data.items() if k in cls.__dataclass_fields__})


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences of the view text, trimmed, with at least three letters."""
    out = []
    for m in _SENTENCE.finditer(text):
        s, e = m.span()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if sum(ch.isalpha() for ch in text[s:e]) >= 3:
            out.append((s, e))
    return out


def needs_sentences(rule: float, p_message: float, policy: ViolencePolicy) -> bool:
    """Whether scoring each sentence could change :func:`decide`'s answer.

    Sentence scores only ever raise ``p``, so they are skipped when the message-level
    probability already confirms a match, or is too low for a model-only finding.
    """
    if rule > 0:
        needed = policy.strong_rule_min_p if rule >= STRONG_RULE else policy.rule_min_p
        return p_message < needed
    return p_message >= max(policy.model_message, policy.gate)


def decide(
    rule: float,
    p_message: float,
    p_sentence: float,
    policy: ViolencePolicy,
    idiom: bool = False,
) -> tuple[bool, str]:
    """Whether the message is a violent threat, and the reason in words.

    ``idiom`` says the message holds a violent-sounding idiom or a threat phrase that
    modifiers already dismissed (quoted, negated): the model alone may not overrule that.
    """
    p = max(p_message, p_sentence)
    if rule > 0:
        needed = policy.strong_rule_min_p if rule >= STRONG_RULE else policy.rule_min_p
        if p >= needed:
            return True, f"lexicon match, model {p:.2f} ≥ {needed:.2f}"
        return False, f"lexicon match overruled: model {p:.2f} < {needed:.2f}"
    if idiom:
        return False, "no lexicon match; an idiom or a dismissed phrase explains the wording"
    if p_sentence >= policy.model_sentence and p_message >= policy.model_message:
        return True, (
            f"no lexicon match; model {p_sentence:.2f} on the sentence, "
            f"{p_message:.2f} on the message"
        )
    return False, "no lexicon match and the model is not sure enough"
