"""Safety hazards: a burning smell, sparks, a shock, gas, an injury, an allergic reaction, food
poisoning, a child or a pet at risk.

A hazard changes what the agent must say first (stop using it, unplug it, get help), so it is
reported even in a calm message. The lexicon finds the evidence; a figure of speech that
overlaps it ("my blood is boiling", ``not_hazard``) or a negation ("no smoke, no smell")
cancels it. Where the model has a hazard head, a lexicon match it finds very unlikely is
dropped and a hazard it is sure of is reported on the sentence that carries it.
"""

from __future__ import annotations

from collections.abc import Callable

from calmline.analyzer.doc import Candidate

HAZARD_KINDS = ("fire", "electric", "gas", "injury", "allergy", "food", "child", "animal")
THRESHOLD = 0.6
HINT = 0.3  # a weak lexicon hint ("gevallen", "Mund") is a hazard when the model agrees:
MODEL_CONFIRM = 0.55  # … its probability of any hazard is at least this
MODEL_ONLY = 0.97  # a hazard the lexicons missed altogether, when the model is this sure
MODEL_VETO = 0.05  # a weak lexicon match the model gives less than this is dropped
STRONG = 0.85  # lexicon evidence the model cannot veto


def detect(
    cands: list[Candidate],
    probs: dict[str, float],
    sentence: Callable[[str], Candidate | None],
) -> list[Candidate]:
    """The hazards of one message (``sentence(kind)`` spans a model-only finding)."""
    figurative = [c for c in cands if c.group == "hazard" and c.kind == "not_hazard"]
    # "no smoke, no smell, it just won't switch on": the writer rules a hazard out
    ruled_out = any(c.group == "hazard" and c.negated_weight > 0 for c in cands)
    out = []
    for c in cands:
        if c.group != "hazard" or c.kind == "not_hazard" or c.suppressed:
            continue
        fig = next((f for f in figurative if f.start < c.end and c.start < f.end), None)
        if fig is not None:
            c.suppressed = True
            c.reasons.append(f"a figure of speech ({fig.rule}), not a hazard")
            continue
        p = probs.get(f"hazard.{c.kind}")
        if p is not None:
            any_hazard = 1.0 - probs.get("hazard.none", 1.0)
            if c.score < STRONG and any_hazard < MODEL_VETO:
                c.reasons.append(f"the model sees no hazard ({any_hazard:.2f})")
                continue
            if HINT <= c.score < THRESHOLD and any_hazard >= MODEL_CONFIRM and not ruled_out:
                c.reasons.append(f"a hint the model confirms ({any_hazard:.2f})")
                c.score = THRESHOLD
                best = max(HAZARD_KINDS, key=lambda k: probs.get(f"hazard.{k}", 0.0))
                if probs.get(f"hazard.{best}", 0.0) > 2 * probs.get(f"hazard.{c.kind}", 0.0):
                    c.reasons.append(f"the model reads {best}, not {c.kind}")
                    c.kind = best
            else:
                c.reasons.append(f"model {p:.2f}")
        if c.score >= THRESHOLD:
            out.append(c)
    if not out and probs:
        best = max(HAZARD_KINDS, key=lambda k: probs.get(f"hazard.{k}", 0.0))
        p = probs.get(f"hazard.{best}", 0.0)
        if p >= MODEL_ONLY:
            cand = sentence(best)
            if cand is not None:
                out.append(cand)
    return out
