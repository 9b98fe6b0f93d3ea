"""Safety hazards: a burning smell, sparks, a shock, gas, an injury, an allergic reaction, food
poisoning, a child or a pet at risk.

A hazard changes what the agent must say first (stop using it, unplug it, get help), so it is
reported even in a calm message. The lexicon finds the evidence; a figure of speech that
overlaps it ("my blood is boiling", ``not_hazard``) or a negation ("no smoke, no smell")
cancels it. Where the model has a hazard head, a lexicon match it finds very unlikely is
dropped and a hazard it is sure of is reported on the sentence that carries it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from calmline.analyzer.doc import Candidate

HAZARD_KINDS = ("fire", "electric", "gas", "injury", "allergy", "food", "child", "animal")
THRESHOLD = 0.6
HINT = 0.3  # a weak lexicon hint ("gevallen", "Mund") is a hazard when the model agrees:
MODEL_CONFIRM = 0.55  # … its probability of any hazard is at least this
# a hazard the lexicons missed altogether, when the model is this sure of some hazard and of
# its kind (chosen out of fold on the training rows, docs/benchmarks.md: precision 0.99 at
# recall 0.56 on its own, and about one flag in 700 ordinary customer messages)
MODEL_ONLY = 0.95
MODEL_ONLY_KIND = 0.7
MODEL_VETO = 0.05  # a weak lexicon match the model gives less than this is dropped
STRONG = 0.85  # lexicon evidence the model cannot veto


def detect(
    cands: list[Candidate],
    probs: dict[str, float],
    sentence: Callable[[str], Candidate | None],
    violent: Sequence[Candidate] = (),
    threatening: bool = False,
) -> list[Candidate]:
    """The hazards of one message (``sentence(kind)`` spans a model-only finding).

    ``violent`` are the threats of violence a lexicon found: "I'll set your shop on fire" and
    "he'll leave in an ambulance" threaten harm, they do not report a risk, so a hazard inside
    one is dropped. In a ``threatening`` message the model alone reports no hazard."""
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
        threat = next((v for v in violent if v.start < c.end and c.start < v.end), None)
        if threat is not None:
            c.suppressed = True
            c.reasons.append(f"part of a threat ({threat.rule}), not a hazard")
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
    if not out and probs and not (figurative or ruled_out or violent or threatening):
        best = max(HAZARD_KINDS, key=lambda k: probs.get(f"hazard.{k}", 0.0))
        any_hazard = 1.0 - probs.get("hazard.none", 1.0)
        if any_hazard >= MODEL_ONLY and probs.get(f"hazard.{best}", 0.0) >= MODEL_ONLY_KIND:
            cand = sentence(best)
            if cand is not None:
                out.append(cand)
    return out
