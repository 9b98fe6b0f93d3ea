"""Sarcasm and irony: praise or thanks that means the opposite.

"Ganz toll gemacht, wirklich… Danke für gar nichts." and "Oh brilliant. Truly outstanding
service" read as happy to a sentiment model; a customer who writes them is irritated and
must not sink in the queue. The evidence, strongest first:

- a phrase that is sarcastic on its own ("bedankt voor niks", "thanks for nothing");
- praise next to an irony marker ("oh", "really", "as always", 🙄, quotation marks, a
  trailing "…") or in a message that complains (negative feelings, a want, waiting times,
  contact attempts, a negation) — unless a "but" turns it into sincere praise of one thing
  and a complaint about another. In a message of three or more sentences the complaint
  must stand in the praise's own sentence or next to it: long reviews praise the staff in
  one sentence and blame the delivery three sentences later, sincerely;
- the model's sarcasm head, alone only when it is sure — and never alone on a message of
  three or more sentences, since it learnt from short ones.
"""

from __future__ import annotations

import re

from calmline.analyzer.doc import Candidate, Doc
from calmline.analyzer.fusion import NEGATIVE_EMOTIONS

IRONY_EMOJI = frozenset("🙄🙃👏😒🤡😑🤦😏")
THRESHOLD = 0.5
MODEL_VOTE = 0.7  # the sarcasm head counts as one piece of evidence from here
MODEL_STRONG = 0.9  # and as two from here
EDGE_PRAISE = 0.5  # praise this strong opening or closing a complaint is suspect (not "thanks")
MARKER_WINDOW = 3  # tokens between praise and its irony marker
# from this many sentences on, the complaint must stand next to the praise, and praise at
# the message's edge is no evidence: long reviews praise one thing and blame another
LONG_SENTENCES = 3
MODEL_SENTENCES = 5  # the sarcasm head's training messages are shorter than this
_ELLIPSIS = re.compile(r"^\s*(?:…|\.\.\.)")
_QUOTED = re.compile(r"[\"“„'‘«]([^\"“”„'‘’«»\n]{2,40})[\"”“'’»]")
# a contrast after praise makes it sincere praise of one thing and a complaint about another
_CONTRAST = frozenset(
    {
        "but",
        "however",
        "although",
        "only",
        "maar",
        "alleen",
        "echter",
        "wel",
        "aber",
        "jedoch",
        "nur",
        "allerdings",
        "ale",
        "jednak",
        "tylko",
        "lecz",
        "natomiast",
    }
)
COMPLAINT_FACTS = frozenset({"duration", "contact_attempts"})


def _near(a: Candidate, b: Candidate) -> bool:
    gap = (
        a.first_token - b.last_token
        if a.first_token > b.last_token
        else b.first_token - a.last_token
    )
    return gap <= MARKER_WINDOW


def _irony(doc: Doc, praise: Candidate, markers: list[Candidate]) -> str | None:
    text = doc.view.text
    for m in markers:
        if _near(praise, m):
            return f"irony marker {text[m.start : m.end]!r}"
    if _ELLIPSIS.match(text[praise.end : praise.end + 4]):
        return "a trailing ellipsis"
    for q in _QUOTED.finditer(text):
        if q.start() <= praise.start and praise.end <= q.end():
            return "in quotation marks"
    emoji = [ch for ch in text if ch in IRONY_EMOJI]
    if emoji:
        return f"irony emoji {emoji[0]}"
    return None


COMPLAINT_WANTS = frozenset(
    {"refund", "compensation", "apology", "explanation", "speak_to_manager", "cancel"}
)


def _complaint(
    doc: Doc,
    cands: list[Candidate],
    probs: dict[str, float],
    within: tuple[int, int] | None = None,
) -> tuple[str | None, int | None]:
    """Evidence that the message complains — a negative feeling, a complaint's want, waiting
    or chasing, something that did not happen, abuse or pressure — and where.

    ``within`` keeps only evidence inside that stretch of text; the model's anger, which
    has no place in the text, then does not count."""
    live = [c for c in cands if not c.suppressed]
    if within is not None:
        live = [c for c in live if within[0] <= c.start < within[1]]
    for c in live:
        what = doc.view.text[c.start : c.end]
        if c.group == "emotion" and c.kind in NEGATIVE_EMOTIONS and c.score >= 0.4:
            return f"a negative feeling ({what!r})", c.start
        if c.group == "want" and c.kind in COMPLAINT_WANTS and c.score >= 0.4:
            return f"a complaint ({what!r})", c.start
        if c.group in ("threat", "offensive") and c.score >= 0.4:
            return f"pressure or abuse ({what!r})", c.start
        if c.group == "fact" and c.kind in COMPLAINT_FACTS and c.role in (None, "elapsed", "lost"):
            return f"waiting or chasing ({what!r})", c.start
        if c.group == "modifier" and c.kind == "negation":
            return f"something did not happen ({what!r})", c.start
    if within is None and probs.get("anger.yes", 0.0) >= 0.6:
        return "the model reads anger", None
    return None, None


def _neighbourhood(spans: list[tuple[int, int]], at: int) -> tuple[int, int]:
    """The sentence holding ``at`` with the one before and the one after it."""
    i = next((k for k, (s, e) in enumerate(spans) if s <= at < e), len(spans) - 1)
    return spans[max(0, i - 1)][0], spans[min(len(spans) - 1, i + 1)][1]


def _contrasted(doc: Doc, praise: Candidate) -> bool:
    """A "but" after the praise: sincere about one thing, complaining about another."""
    following = [t.surface for t in doc.tokens[praise.last_token + 1 : praise.last_token + 12]]
    return any(w in _CONTRAST for w in following)


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    return doc.sentences or [(0, len(doc.view.text))]


def _edge(doc: Doc, praise: Candidate, complaint_at: int | None) -> bool:
    """Strong praise opening or closing a message that complains elsewhere: "gratuluję
    sprawności. [the complaint]", "[the complaint], super bedankt"."""
    if complaint_at is None or praise.score < EDGE_PRAISE:
        return False
    spans = _sentences(doc)
    return any(
        s <= praise.start < e and not s <= complaint_at < e for s, e in (spans[0], spans[-1])
    )


def detect(doc: Doc, cands: list[Candidate], probs: dict[str, float]) -> Candidate | None:
    """The strongest sarcasm evidence of the message, or None (see the module docstring).

    Praise counts as sarcasm with two pieces of evidence among: an irony marker, a complaint
    in the same message, praise opening or closing a complaining message, the model's
    sarcasm head (0.7; 0.9 counts twice). A sincere phrase ("credit where it's due",
    "aanrader", "kann ich nur empfehlen") rules it out unless an irony emoji says otherwise."""
    tone = [c for c in cands if c.group == "tone" and not c.suppressed]
    fixed = [c for c in tone if c.kind == "sarcasm" and c.score >= THRESHOLD]
    p_model = probs.get("sarcasm.yes", 0.0)
    if fixed:
        best = max(fixed, key=lambda c: c.score)
        if probs:
            best.reasons.append(f"model {p_model:.2f}")
        return best
    emoji = next((ch for ch in doc.view.text if ch in IRONY_EMOJI), None)
    if any(c.kind == "sincere" for c in tone) and emoji is None:
        return None
    praise = [c for c in tone if c.kind == "praise"]
    markers = [c for c in tone if c.kind == "irony_marker"]
    complaint, complaint_at = _complaint(doc, cands, probs)
    spans = _sentences(doc)
    long_text = len(spans) >= LONG_SENTENCES
    # the head learnt from messages of one to four sentences: past that, one voice at most
    beyond_model = len(spans) >= MODEL_SENTENCES
    model_votes = (p_model >= MODEL_VOTE) + (p_model >= MODEL_STRONG and not beyond_model)
    found: list[tuple[float, Candidate]] = []
    for c in praise:
        irony = _irony(doc, c, markers)
        near = complaint
        if long_text:  # a long message may sincerely praise one thing, blame another
            near = _complaint(doc, cands, probs, _neighbourhood(spans, c.start))[0]
        against = near if near and (irony or not _contrasted(doc, c)) else None
        edge = None
        if not long_text and _edge(doc, c, complaint_at):
            edge = "praise opening or closing a complaint"
        votes = (irony is not None) + (against is not None) + (edge is not None) + model_votes
        if votes >= 2:
            score = min(1.0, c.score * 0.5 + 0.15 * votes + 0.2 * p_model)
            found.append((score, c))
            c.reasons.extend(r for r in (irony, against, edge) if r)
            if probs:
                c.reasons.append(f"model {p_model:.2f}")
    if found:
        score, best = max(found, key=lambda sc: sc[0])
        best.kind = "sarcasm"
        best.score = max(score, THRESHOLD)
        return best
    # no praise word, but the model is sure, the writer marks irony and complains:
    # "Wow, „Expressversand“ … Express ist bei euch wohl eher ein Gefühl 😂"
    if p_model >= MODEL_STRONG and not beyond_model and complaint and (markers or emoji):
        mark = markers[0] if markers else None
        if mark is not None:
            s, e = mark.start, mark.end
        else:
            s = doc.view.text.index(emoji or "")
            e = s + 1
        first, last = doc.token_range(s, e)
        return Candidate(
            "tone",
            "sarcasm",
            s,
            e,
            p_model * 0.9,
            "model.sarcasm",
            "heads/sarcasm",
            first,
            last,
            reasons=[f"the model reads sarcasm ({p_model:.2f})", "an irony marker", complaint],
        )
    return None
