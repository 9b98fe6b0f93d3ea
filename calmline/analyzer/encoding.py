"""The model stage: message vectors, the heads on them, and what a long message costs.

A message is read by the sentence encoder and the heads on its vector, averaged with the
character n-gram twins. Two choices about long messages live here:

- a message of ``LONG_MESSAGE`` sentences or more is also read sentence by sentence for
  its sentiment, because one vector over a long review is dominated by its opening and by
  whatever it spends most words on (measured on ``data/long``, docs/benchmarks.md);
- the **fast path** (``fast=True``) reads only the opening of a long message plus the
  sentences where the rules found something, and skips the sentence-by-sentence reading.
  It trades a little accuracy on long messages for encoder time; ``calmline bench``
  prints both paths' accuracy side by side.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from calmline.analyzer import ngrams
from calmline.analyzer.doc import Candidate, Doc
from calmline.analyzer.model import (
    FloatArray,
    calibrate,
    encoder,
    load_heads,
    predict_all,
)

LONG_MESSAGE = 5
SENTENCE_SHARE = 0.75  # the sentences' mean sentiment against the whole message's
OPENING = 300  # characters of a long message the fast path always reads
# rule findings that make a sentence worth encoding on the fast path
_TELLING = frozenset({"emotion", "offensive", "threat", "want", "tone", "hazard"})
_SENTIMENT = ("sentiment.negative", "sentiment.neutral", "sentiment.positive")


def combine(semantic: dict[str, float], lexical: dict[str, float]) -> dict[str, float]:
    """Average the encoder heads with their character n-gram twins where both exist."""
    out = dict(semantic)
    for key, p in lexical.items():
        out[key] = 0.5 * (out[key] + p) if key in out else p
    return out


def needs_model(doc: Doc) -> bool:
    return any(ch.isalpha() for ch in doc.view.text)


def reading_text(doc: Doc, cands: Sequence[Candidate]) -> str:
    """What the fast path encodes: the opening sentences up to ``OPENING`` characters, and
    every later sentence that holds a feeling, an insult, a threat, a want, irony or a
    hazard the rules found."""
    text = doc.view.text
    if len(text) <= OPENING:
        return text
    spans = doc.sentences or [(0, len(text))]
    marked = [c.start for c in cands if c.group in _TELLING and not c.suppressed]
    kept = [(s, e) for s, e in spans if s < OPENING or any(s <= at < e for at in marked)]
    return " ".join(text[s:e] for s, e in kept)


MAX_READ = 64  # sentences of one message read one by one, at most (0.84 s → see benchmarks)


def long_sentences(docs: Sequence[Doc]) -> tuple[list[int], list[str]]:
    """The sentences of every message of ``LONG_MESSAGE`` sentences or more, and whose."""
    owners: list[int] = []
    texts: list[str] = []
    for i, doc in enumerate(docs):
        spans = doc.sentences
        if len(spans) > MAX_READ:  # a pasted log or a flood: an even sample stands for it
            step = (len(spans) - 1) / (MAX_READ - 1)
            spans = [spans[round(k * step)] for k in range(MAX_READ)]
        if len(spans) >= LONG_MESSAGE:
            owners.extend([i] * len(spans))
            texts.extend(doc.view.text[s:e] for s, e in spans)
    return owners, texts


def read_sentences(
    name: str, texts: list[str], langs: list[str], vectors: FloatArray
) -> FloatArray:
    """Head ``name`` on sentence vectors, averaged with its n-gram twin for the sentences in
    a language the twin was trained on (as :func:`combine` does for whole messages)."""
    read = load_heads()[name].predict(vectors)
    twin = ngrams.load().get(name)
    if twin is not None:
        known = [k for k, lang in enumerate(langs) if lang in twin.languages]
        if known:
            lexical = twin.predict([ngrams.features(texts[k]) for k in known])
            read[known] = 0.5 * (read[known] + lexical)
    return read


def weigh_sentences(
    docs: Sequence[Doc],
    probs: list[dict[str, float]],
    sentences: tuple[list[int], list[str], FloatArray],
) -> None:
    """Mix each long message's sentiment with the mean of its sentences' (in place).

    ``sentences``: :func:`long_sentences` of ``docs`` with their vectors (the caller encodes
    them together with the messages: one encoder call instead of two)."""
    owners, texts, vectors = sentences
    if "sentiment" not in load_heads() or SENTENCE_SHARE <= 0 or not texts:
        return
    keep = [k for k, i in enumerate(owners) if probs[i]]  # messages the model reads at all
    if not keep:
        return
    owners, texts = [owners[k] for k in keep], [texts[k] for k in keep]
    langs = [docs[i].language.code for i in owners]
    read = read_sentences("sentiment", texts, langs, vectors[keep])
    owner = np.array(owners)
    for i in sorted(set(owners)):
        mean = read[owner == i].mean(axis=0)
        for j, key in enumerate(_SENTIMENT):
            if key in probs[i]:
                probs[i][key] = (1 - SENTENCE_SHARE) * probs[i][key] + SENTENCE_SHARE * float(
                    mean[j]
                )


def model_probs(
    prepared: Sequence[tuple[Doc, list[Candidate], bool]], *, fast: bool = False
) -> list[dict[str, float]]:
    """The heads' calibrated probabilities per message (empty where no model applies)."""
    heads = load_heads()
    probs: list[dict[str, float]] = [{} for _ in prepared]
    idx = [i for i, (doc, _, _) in enumerate(prepared) if heads and needs_model(doc)]
    if not idx:
        return probs
    docs = [prepared[i][0] for i in idx]
    texts = [doc.view.text for doc in docs]
    read = [reading_text(*prepared[i][:2]) for i in idx] if fast else texts
    owners, sentences = ([], []) if fast else long_sentences(docs)
    vecs = encoder().encode(read + sentences)  # one call: the encoder batches by tokens
    langs = [doc.language.code for doc in docs]
    lexical = ngrams.predict_all(texts, langs, ngrams.load())
    rows = [
        combine(row, lex)
        for row, lex in zip(predict_all(vecs[: len(read)], heads), lexical, strict=True)
    ]
    if sentences:
        weigh_sentences(docs, rows, (owners, sentences, vecs[len(read) :]))
    for i, row in zip(idx, rows, strict=True):
        probs[i] = calibrate(row)
    return probs
