"""The analysis pipeline: language → text artifacts once → detectors → modifiers → fusion.

``analyze`` never raises for a ``str`` input: the worst input gets an empty, calm result.
``analyze_many`` does the same for a batch and encodes the batch in one go, which is what
makes bulk imports fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import numpy as np

from calmline.analyzer import facts, fusion, hazards, modifiers, sarcasm
from calmline.analyzer.cleaning import clean
from calmline.analyzer.detectors import LexiconDetector, shouting
from calmline.analyzer.doc import Candidate, Doc, matcher_for
from calmline.analyzer.encoding import model_probs, read_sentences
from calmline.analyzer.langid import identify
from calmline.analyzer.model import encoder, load_heads, violence_policy
from calmline.analyzer.result import Analysis, Language, Offensive
from calmline.analyzer.text import tokenize
from calmline.languages.loader import SUPPORTED

MAX_CHARS = 20_000
CHUNK = 64  # messages encoded together
_DETECTORS = (LexiconDetector(),)


def _language(text: str, lang: str | None) -> Language:
    if lang:
        code = lang.strip().lower()
        return Language(code, 1.0, code in SUPPORTED)
    return identify(text)


def prepare(
    text: str, lang: str | None = None, ref: date | None = None
) -> tuple[Doc, list[Candidate], bool]:
    """Everything rule-based; the model step is separate so batches can share it.

    ``ref`` is the day the message was written: relative dates ("gestern") resolve against
    it; without it they keep their span and role but get no value."""
    if not isinstance(text, str):
        raise TypeError(f"analyze() takes a str, not {type(text).__name__}")
    truncated = len(text) > MAX_CHARS
    work = text[:MAX_CHARS]
    view = clean(work)
    language = _language(view.text, lang)
    code = language.code if language.supported else "common"
    tokens = tokenize(view.text, code)
    doc = Doc(text, view, language, tokens, matcher_for(code).scan(view.text, tokens))
    cands: list[Candidate] = []
    for detector in _DETECTORS:
        cands.extend(detector.detect(doc))
    cands = facts.extract(doc, cands, ref)
    return doc, modifiers.apply(doc, cands), truncated


def _sentence_scorer(doc: Doc, p_message: float) -> tuple[float, Candidate | None]:
    """The violence head's best sentence: its probability and a candidate spanning it."""
    spans = doc.sentences
    if "violence" not in load_heads() or len(spans) < 2:
        if not spans:
            return p_message, None
        probs = np.array([p_message], dtype=np.float32)
    else:
        texts = [doc.view.text[s:e] for s, e in spans]
        langs = [doc.language.code] * len(texts)
        probs = read_sentences("violence", texts, langs, encoder().encode(texts))[:, 0]
    best = int(np.argmax(probs))
    p = float(probs[best])
    s, e = spans[best]
    first, last = doc.token_range(s, e)
    cand = Candidate(
        "threat",
        "violence",
        s,
        e,
        p,
        "model.violence",
        "heads/violence:sentence",
        first,
        last,
        reasons=[f"the model rates this sentence {p:.2f}"],
    )
    return p, cand


def _hazard_sentence(doc: Doc, kind: str) -> Candidate | None:
    """A model-only hazard spans the message's first sentence that is not a greeting."""
    spans = [(s, e) for s, e in doc.sentences if e - s > 12]
    if not spans:
        return None
    s, e = spans[0]
    first, last = doc.token_range(s, e)
    return Candidate(
        "hazard",
        kind,
        s,
        e,
        hazards.MODEL_ONLY,
        "model.hazard",
        f"heads/hazard:{kind}",
        first,
        last,
        reasons=["the model reads a safety risk the lexicon does not name"],
    )


def finish(doc: Doc, cands: list[Candidate], truncated: bool, probs: dict[str, float]) -> Analysis:
    shout, angry_emoji = shouting(doc)
    sarcastic = sarcasm.detect(doc, cands, probs)
    if sarcastic is not None:  # the praise is not satisfaction
        for c in cands:
            if c.group == "emotion" and c.kind == "satisfaction" and not c.suppressed:
                c.suppressed = True
                c.reasons.append("sarcasm: the praise means the opposite")
    off, off_found = fusion.offensive(doc, cands, probs)
    p_message = probs.get("violence.yes", 0.0)
    violent = fusion.violence(
        cands, probs, lambda: _sentence_scorer(doc, p_message), violence_policy()
    )
    # a threat the lexicon found overrules a hazard word inside it ("ik steek je zaak in
    # brand"); a sentence only the violence model suspects does not: "wenn ich die
    # Waschmaschine anfasse, kribbelt es" reads physical to it, and is still a hazard
    said = [c for c in violent if c.detector != "model.violence"]
    found_hazards = hazards.detect(
        cands, probs, lambda kind: _hazard_sentence(doc, kind), said, bool(violent)
    )
    pressure = fusion.pressure(cands)
    hostile = max([off.score * 0.8 if off.detected else 0.0] + [c.score for c in violent])
    negative_evidence = fusion.noisy_or(
        [
            c.score
            for c in cands
            if c.group == "emotion" and not c.suppressed and c.kind in fusion.NEGATIVE_EMOTIONS
        ]
        + [off.score if off.detected else 0.0]
        + [c.score for c in violent + pressure]
        + ([sarcastic.score] if sarcastic is not None else [])
    )
    if sarcastic is not None:  # the model read the praise at face value
        probs = {**probs, "sentiment.positive": min(probs.get("sentiment.positive", 0.3), 0.1)}
    emos = fusion.emotions(doc, cands, probs, hostile)
    sent = fusion.sentiment(cands, probs, negative_evidence)
    intensified = sum(1 for c in cands if any("intensified" in r for r in c.reasons))
    heat = fusion.heat(
        probs,
        sent,
        off,
        emos,
        bool(violent),
        [c.kind for c in pressure],
        shout,
        angry_emoji,
        intensified,
    )
    if sarcastic is not None:
        heat = fusion.sarcastic_heat(heat)
        emos = fusion.sarcastic_emotions(emos)
    off = Offensive(off.detected, off.score, fusion.findings(doc, off_found), off.reasons)
    return Analysis(
        language=doc.language,
        sentiment=sent,
        heat=heat,
        emotions=tuple(emos),
        offensive=off,
        threats=fusion.findings(doc, violent + pressure),
        wants=fusion.findings(doc, fusion.wants(cands, probs)),
        facts=fusion.findings(doc, [c for c in cands if c.group == "fact" and not c.suppressed]),
        shouting=shout,
        truncated=truncated,
        length=len(doc.original),
        excluded=doc.view.excluded,
        html=doc.view.html,
        model=probs,
        sarcasm=fusion.findings(doc, [sarcastic] if sarcastic is not None else []),
        hazards=fusion.findings(doc, found_hazards),
    )


def _day(at: datetime | date | None) -> date | None:
    if isinstance(at, datetime):
        return at.date()
    return at


def analyze_many(
    texts: Sequence[str],
    *,
    lang: str | None = None,
    at: Sequence[datetime | date | None] | None = None,
    fast: bool = False,
) -> list[Analysis]:
    """Analyse a batch; ``at`` gives each message's time (for relative dates), if known.

    The encoder reads ``CHUNK`` messages at a time. ``fast`` takes the fast path of
    :mod:`calmline.analyzer.encoding`. (Running the encoder in a second thread while this
    one runs the rules of the next chunk was measured slower on two cores: the tokenizer
    and the small matrix products hold the interpreter lock; docs/benchmarks.md.)"""
    if load_heads():
        encoder().load_in_background()
    days = [_day(a) for a in at] if at is not None else [None] * len(texts)
    if len(days) != len(texts):
        raise ValueError("analyze_many: one time per text, or none")
    out: list[Analysis] = []
    for k in range(0, len(texts), CHUNK):
        part = zip(texts[k : k + CHUNK], days[k : k + CHUNK], strict=True)
        prepared = [prepare(t, lang, d) for t, d in part]
        probs = model_probs(prepared, fast=fast)
        out.extend(finish(doc, c, t, p) for (doc, c, t), p in zip(prepared, probs, strict=True))
    return out


def analyze(text: str, *, lang: str | None = None, at: datetime | date | None = None) -> Analysis:
    """Analyse one customer message (see the module docstring); ``at``: when it was written."""
    return analyze_many([text], lang=lang, at=[at])[0]
