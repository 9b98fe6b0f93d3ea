"""Reviewing an agent's draft reply before it is sent.

Phrase-level flaws (defensive, sarcastic, excuses …) come from the review lexicon of the
draft's language; flaws that depend on the conversation (no apology where something went
wrong, premature empathy, ignoring a threat, granting what the policy forbids) are decided
against the :class:`~calmline.protocol.situation.Situation` of the conversation. Every finding
indexes the draft and comes with a message and a concrete rewrite in the draft's language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from typing import Any

from calmline.analyzer.langid import identify
from calmline.analyzer.matcher import Match
from calmline.languages.loader import PHRASE_FLAWS, SUPPORTED
from calmline.protocol import checks, consistency, fixes
from calmline.protocol.compose import Renderer, compose
from calmline.protocol.conversation import Conversation
from calmline.protocol.draft_model import score_draft
from calmline.protocol.fixes import Fix
from calmline.protocol.phrasebook import phrasebook
from calmline.protocol.policy import Policy
from calmline.protocol.politeness import politeness
from calmline.protocol.situation import STEP_OF_KIND, Situation, read, review_matcher, scan

MAX_DRAFT = 20_000  # longer drafts are reviewed on their first 20,000 characters
SEVERITY = {
    **dict.fromkeys(
        (
            "defensive",
            "blame_customer",
            "sarcasm",
            "dismissive",
            "answers_insult",
            "gives_in",
            "over_promise",
            "ignores_threat",
            "wrong_fact",
            "public_exposure",
            "wrong_language",
            "shouting",
            "repeated_reply",
        ),
        "block",
    ),
    **dict.fromkeys(
        (
            "excuse",
            "non_apology",
            "no_apology",
            "no_acknowledgment",
            "register_mismatch",
            "too_long",
            "policy_hiding",
            "ignores_hazard",
            "no_next_step",
            "no_time_frame",
            "spelling",
        ),
        "warn",
    ),
    "premature_empathy": "tip",
    "contradiction": "tip",  # two times for one step, or two steps: the agent decides
}
PENALTY = {"block": 30, "warn": 12, "tip": 5}
STEP_OF_CODE = {
    "defensive": "let_vent",
    "blame_customer": "apologize",
    "excuse": "apologize",
    "sarcasm": "self_regulate",
    "dismissive": "name_emotion",
    "premature_empathy": "empathize",
    "no_acknowledgment": "name_emotion",
    "no_apology": "apologize",
    "non_apology": "apologize",
    "no_next_step": "set_expectations",
    "no_time_frame": "set_expectations",
    "over_promise": "resolve",
    "gives_in": "resolve",
    "answers_insult": "self_regulate",
    "shouting": "self_regulate",
    "register_mismatch": "self_regulate",
    "wrong_language": "respond_fast",
    "too_long": "respond_fast",
    "policy_hiding": "resolve",
    "repeated_reply": "explore",
    "ignores_threat": "threat",
    "ignores_hazard": "hazard",
    "wrong_fact": "summarize",
    "public_exposure": "respond_fast",
    "spelling": "self_regulate",
    "contradiction": "set_expectations",
}
FLAW_THRESHOLD = 0.5
REPEAT_SIMILARITY = 0.8
REPEAT_CHARS = 3000  # replies are compared on their first 3,000 characters


class ReviewError(ValueError):
    """A draft that cannot be reviewed (empty, not text): names the field."""


@dataclass(frozen=True, slots=True)
class ReviewFinding:
    code: str
    step: str
    severity: str
    start: int
    end: int
    text: str
    message: str
    suggestion: str
    rule: str
    replacement: str = ""  # the sentence alone, in the draft's language (a one-click insert)
    fix: Fix | None = None  # what a click changes, exactly (calmline.protocol.fixes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "step": self.step,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "message": self.message,
            "suggestion": self.suggestion,
            "replacement": self.replacement,
            "rule": self.rule,
            "fix": self.fix.to_dict() if self.fix else None,
        }


@dataclass(frozen=True)
class Review:
    score: int
    ready: bool
    language: str
    steps_present: tuple[str, ...]
    findings: tuple[ReviewFinding, ...]
    politeness: float
    unavailable: tuple[str, ...] = ()  # checks that could not run here (no dictionary)

    @property
    def codes(self) -> set[str]:
        return {f.code for f in self.findings}

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "ready": self.ready,
            "language": self.language,
            "steps_present": list(self.steps_present),
            "findings": [f.to_dict() for f in self.findings],
            "politeness": round(self.politeness, 3),
            "unavailable": list(self.unavailable),
        }


class Collector:
    """Gathers findings for one draft; messages come from the feedback of the draft's
    language, or of ``feedback_language`` (the web app explains in English and suggests in
    the customer's language)."""

    def __init__(
        self, draft: str, reading: Situation, language: str, feedback_language: str | None = None
    ) -> None:
        self.draft = draft
        self.reading = reading
        self.book = phrasebook(feedback_language or language)
        self.found: list[ReviewFinding] = []
        self._rewrite: str | None = None

    def add(
        self,
        code: str,
        start: int = 0,
        end: int = 0,
        rule: str = "",
        suggestion: str = "",
        **slots: str,
    ) -> None:
        fb = self.book.feedback[code]
        message = fb.message
        for key, value in slots.items():
            message = message.replace(f"{{{key}}}", value)
        hint = f"{fb.hint} {suggestion}".strip() if suggestion else ""
        self.found.append(
            ReviewFinding(
                code,
                STEP_OF_CODE[code],
                SEVERITY[code],
                start,
                end,
                self.draft[start:end],
                message,
                hint,
                rule or f"review/{code}",
                suggestion,
            )
        )

    def rewrite(self) -> str:
        """The composed reply: the concrete rewrite for whole-draft problems."""
        if self._rewrite is None:
            self._rewrite = compose(self.reading).text
        return self._rewrite


def _merge(matches: list[Match]) -> list[Match]:
    """Overlapping matches of one kind collapse to the strongest, longest one."""
    out: list[Match] = []
    for m in sorted(matches, key=lambda m: (m.start, -(m.end - m.start))):
        if out and m.start < out[-1].end:
            if m.entry.weight > out[-1].entry.weight:
                out[-1] = m
            continue
        out.append(m)
    return out


def _draft_language(draft: str, expected: str) -> tuple[str, bool]:
    """The draft's language, and whether it is plainly not the expected one."""
    words = len(draft.split())
    found = identify(draft)
    if found.code in (expected, "und") or words < 4:
        return expected, False
    if found.supported and found.confidence >= 0.6:
        return found.code, True
    if not found.supported and found.confidence >= 0.8:
        return found.code, True
    return expected, False


def review_reading(reading: Situation, draft: str, feedback_language: str | None = None) -> Review:
    """Review ``draft`` as the next reply in the conversation ``reading`` describes;
    messages in ``feedback_language`` when given (suggested sentences stay in the draft's)."""
    if not isinstance(draft, str):
        raise ReviewError(f"draft: must be text, not {type(draft).__name__}")
    if not draft.strip():
        raise ReviewError("draft: empty")
    r = reading
    text = draft[:MAX_DRAFT]
    lang, wrong = _draft_language(text, r.language)
    scan_lang = lang if lang in SUPPORTED else r.language
    fb_lang = feedback_language if feedback_language in SUPPORTED else None
    col = Collector(draft, r, scan_lang, fb_lang)
    matches = scan(text, scan_lang, review_matcher(scan_lang))
    by_kind: dict[str, list[Match]] = {}
    for m in matches:
        by_kind.setdefault(m.entry.kind, []).append(m)
    steps = tuple(dict.fromkeys(STEP_OF_KIND[k] for k in by_kind if k in STEP_OF_KIND))
    ren = Renderer(r) if not wrong else None
    if wrong:
        col.add(
            "wrong_language",
            0,
            len(draft),
            suggestion=col.rewrite(),
            expected=checks.ENDONYM[r.language],
        )
    model = score_draft(text)
    # a safety reply sets a boundary; the flaw head must not read it as answering an insult
    safety = bool(by_kind.get("safety"))
    for code in PHRASE_FLAWS:
        if code == "policy_hiding" and checks.offers_alternative(by_kind):
            continue
        spans: list[tuple[int, int]] = []
        for m in _merge([m for m in by_kind.get(code, []) if m.entry.weight >= FLAW_THRESHOLD]):
            col.add(code, m.start, m.end, m.entry.rule, checks.fix(code, r, ren))
            spans.append((m.start, m.end))
        if wrong:
            continue
        for start, end, flaw, p in model.flaws:  # paraphrases the lexicon does not know
            if flaw != code or (safety and code == "answers_insult"):
                continue
            if not any(s < end and start < e for s, e in spans):
                col.add(code, start, end, f"heads/flaws:{p:.2f}", checks.fix(code, r, ren))
                spans.append((start, end))
    if not wrong:  # in the wrong language the lexicon cannot see the steps
        checks.context_flaws(col, r, by_kind, ren)
        consistency.contradictions(col, r, by_kind)
        consistency.amount_flaws(col, r)
    checks.form_flaws(col, r, text, by_kind)
    off = () if wrong or checks.spelling_flaws(col, r, text, scan_lang) else ("spelling",)
    if r.policy.reply_length[r.conversation.channel] < len(draft):
        limit = r.policy.reply_length[r.conversation.channel]
        col.add("too_long", 0, len(draft), suggestion=col.rewrite(), limit=str(limit))
    previous = [m.text for m in r.conversation.messages if m.role == "agent" and m.text.strip()]
    if previous and _similar(previous[-1], text) >= REPEAT_SIMILARITY:
        col.add("repeated_reply", 0, len(draft), suggestion=checks.fix("repeated_reply", r, ren))
    limit = r.policy.reply_length[r.conversation.channel]
    findings = tuple(
        replace(f, fix=fixes.plan(draft, f.code, f.start, f.end, f.replacement, scan_lang, limit))
        for f in sorted(col.found, key=lambda f: (f.start, f.code))
    )
    score = max(0, 100 - sum(PENALTY[f.severity] for f in findings))
    ready = not any(f.severity == "block" for f in findings)
    polite = politeness(model.politeness, steps, (f.code for f in findings))
    return Review(score, ready, lang, steps, findings, polite, off)


def _similar(a: str, b: str) -> float:
    """Similarity of two replies, 0–1, ignoring case and punctuation (bounded in cost)."""
    norm = re.compile(r"\W+")
    x = norm.sub(" ", a[:REPEAT_CHARS].lower()).strip()
    y = norm.sub(" ", b[:REPEAT_CHARS].lower()).strip()
    if not x or not y or min(len(x), len(y)) < REPEAT_SIMILARITY * max(len(x), len(y)) / 2:
        return 0.0
    matcher = SequenceMatcher(None, x, y, autojunk=False)
    if matcher.real_quick_ratio() < REPEAT_SIMILARITY or matcher.quick_ratio() < REPEAT_SIMILARITY:
        return 0.0
    return matcher.ratio()


def review(conversation: Conversation, draft: str, policy: Policy) -> Review:
    """Review ``draft`` as the agent's next reply in ``conversation`` (see module doc)."""
    return review_reading(read(conversation, policy), draft)
