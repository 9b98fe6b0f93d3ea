"""Modifiers: negation, intensifiers, diminishers, capitals and idioms adjust candidates.

A lexicon match says "this phrase is here"; whether it counts depends on its neighbours.
"niet boos" is not anger, "absolutely furious" is more than "furious", and "this heat is
killing me" is an idiom, not a threat. Each adjustment is written into the candidate's
reasons so the final finding explains itself.
"""

from __future__ import annotations

import re

from calmline.analyzer.doc import Candidate, Doc

NEGATION_WINDOW = 3  # tokens before a finding that can negate it
REPORTED_WINDOW = 10  # "my neighbour threatened to burn …": someone else's threat
INTENSIFIER_WINDOW = 2
# a negation does not reach across a clause: "Wenn es nicht kommt, bringe ich …"
_CLAUSE_BREAK = re.compile(r"[.!?;:,\n–—]")
_SENTENCE_BREAK = re.compile(r"[.!?\n]")
NEGATABLE = frozenset({"emotion", "threat", "want", "hazard", "tone"})
INTENSIFIABLE = frozenset({"emotion", "offensive"})


def _same_clause(doc: Doc, a_end: int, b_start: int) -> bool:
    lo, hi = sorted((a_end, b_start))
    return not _CLAUSE_BREAK.search(doc.view.text, lo, hi)


_QUOTED = re.compile(r"[„“”\"«»‚][^„“”\"«»\n]{3,400}?[“”\"«»‘]")


# single quotes open after a space or colon and close before a space or punctuation, so
# that "don't" and "z'n" are not taken for quotation marks
_SINGLE_QUOTED = re.compile(r"(?:(?<=[\s:(])|^)['‘][^'‘’\n]{3,400}?[^\s'‘’]['’](?=[\s.,;:!?)]|$)")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Stretches in quotation marks: reported speech, e.g. a threat the customer received."""
    spans = [m.span() for m in _QUOTED.finditer(text)]
    return spans + [m.span() for m in _SINGLE_QUOTED.finditer(text)]


def _overlaps(a: Candidate, b: Candidate) -> bool:
    return a.start < b.end and b.start < a.end


def apply(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """Adjust and filter candidates; returns the ones still standing plus suppressed ones."""
    modifiers = [c for c in candidates if c.group == "modifier"]
    idioms = [c for c in candidates if c.group == "idiom"]
    targets = [c for c in candidates if c.group not in ("modifier", "idiom")]
    quotes = quoted_spans(doc.view.text) if any(c.group == "threat" for c in targets) else []
    for c in targets:
        for mod in modifiers:
            inside = c.first_token <= mod.first_token <= c.last_token
            before = 0 < c.first_token - mod.last_token <= NEGATION_WINDOW
            if mod.kind == "negation" and c.group in NEGATABLE:
                # a negation right after a short emotion word ("happy? not at all") is rarer
                # than one before it; we only look before and inside the span
                if (before and _same_clause(doc, mod.end, c.start)) or (
                    inside and c.group == "threat"
                ):
                    c.negated_weight = c.score
                    c.scale(0.15, f"negated by {doc.view.text[mod.start : mod.end]!r}")
                    c.suppressed = c.score < 0.2
            elif mod.kind == "reported" and c.group == "threat" and c.kind == "violence":
                near = 0 <= c.first_token - mod.last_token <= REPORTED_WINDOW
                if near and not _SENTENCE_BREAK.search(doc.view.text, mod.end, c.start):
                    c.suppressed = True
                    c.reasons.append(
                        f"reported speech after {doc.view.text[mod.start : mod.end]!r}: "
                        "someone else's threat, not the writer's"
                    )
            elif mod.kind in ("intensifier", "diminisher") and c.group in INTENSIFIABLE:
                near = 0 < c.first_token - mod.last_token <= INTENSIFIER_WINDOW or inside
                if near and _same_clause(doc, mod.end, c.start):
                    word = doc.view.text[mod.start : mod.end]
                    verb = "intensified" if mod.kind == "intensifier" else "softened"
                    c.scale(mod.score, f"{verb} by {word!r} (x{mod.score:g})")
        span_text = doc.view.text[c.start : c.end]
        letters = [ch for ch in span_text if ch.isalpha()]
        if c.group in INTENSIFIABLE and len(letters) >= 3 and all(ch.isupper() for ch in letters):
            c.scale(1.2, "written in capitals (x1.2)")
        if c.group == "threat" and any(qs <= c.start and c.end <= qe for qs, qe in quotes):
            c.suppressed = True
            c.reasons.append("inside quotation marks: reported speech, not the writer's threat")
        if c.group == "threat" and c.kind == "violence":
            for idiom in idioms:
                if _overlaps(c, idiom):
                    c.suppressed = True
                    c.reasons.append(
                        f"idiom {doc.view.text[idiom.start : idiom.end]!r} ({idiom.rule}), "
                        "not a threat"
                    )
                    break
        if c.group == "offensive":
            for idiom in idioms:
                if idiom.start <= c.start and c.end <= idiom.end:
                    c.suppressed = True
                    c.reasons.append(f"part of the idiom {idiom.rule}")
                    break
    reported = [m for m in modifiers if m.kind == "reported"]
    return dedupe(targets) + idioms + reported


def dedupe(cands: list[Candidate]) -> list[Candidate]:
    """Within a group and kind, overlapping candidates collapse to the strongest."""
    out: list[Candidate] = []
    order = sorted(cands, key=lambda c: (c.group, c.suppressed, -c.score, -(c.end - c.start)))
    for c in order:
        clash = next(
            (
                o
                for o in out
                if o.group == c.group
                and o.suppressed == c.suppressed
                and _overlaps(o, c)
                and (o.kind == c.kind or c.group in ("fact", "offensive"))
            ),
            None,
        )
        if clash is None:
            out.append(c)
        elif clash.kind == c.kind and c.group != "fact":
            clash.score = 1 - (1 - clash.score) * (1 - 0.3 * c.score)
    return sorted(out, key=lambda c: (c.start, c.end))
