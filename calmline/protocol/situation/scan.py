"""The protocol's own lexicons, compiled once per language: what agents say (``review``,
``org``) and the circumstances a customer describes (``context``)."""

from __future__ import annotations

from functools import cache

from calmline.analyzer.matcher import Match, Matcher
from calmline.analyzer.text import tokenize
from calmline.languages.loader import load_language

# review-lexicon kind → protocol step id (PROTOCOL.md)
STEP_OF_KIND = {
    "acknowledge": "name_emotion",
    "question": "explore",
    "summary": "summarize",
    "empathy": "empathize",
    "apology": "apologize",
    "offer": "resolve",
    "escalate": "notify_supervisor",
    "next_step": "set_expectations",
    "time_frame": "set_expectations",
    "follow_up": "follow_up",
    "safety": "threat",
    "hazard_advice": "hazard",
}


@cache
def review_matcher(code: str) -> Matcher:
    return Matcher(load_language(code).entries("review"))


@cache
def context_matcher(code: str) -> Matcher:
    return Matcher(load_language(code).entries("context"))


@cache
def org_matcher(code: str) -> Matcher:
    return Matcher(load_language(code).entries("org"))


def scan(text: str, code: str, matcher: Matcher) -> list[Match]:
    return matcher.scan(text, tokenize(text, code))
