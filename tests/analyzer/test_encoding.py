"""The model stage: long messages read sentence by sentence, the fast path, batch pipelining."""

from __future__ import annotations

import numpy as np
import pytest

from calmline.analyzer import encoding, ngrams
from calmline.analyzer.doc import Doc
from calmline.analyzer.model import FloatArray, encoder, load_heads
from calmline.analyzer.pipeline import analyze, analyze_many, prepare
from calmline.analyzer.violence import sentence_spans

LONG = (
    "The staff at your Leeds branch were lovely and very patient with my questions. "
    "The fitting room was clean and the music was nice. "
    "I ordered the same coat online on 4 May. "
    "It arrived with a torn lining and a missing button. "
    "I am furious that nobody answered my two e-mails about it. "
    "I would like a replacement sent out this week."
)


def _sentences(doc: Doc) -> tuple[list[int], list[str], FloatArray]:
    owners, texts = encoding.long_sentences([doc])
    return owners, texts, encoder().encode(texts)


def test_a_short_message_is_read_whole_on_the_fast_path() -> None:
    doc, cands, _ = prepare("Where is my parcel? I have waited two weeks!")
    assert encoding.reading_text(doc, cands) == doc.view.text


def test_the_fast_path_reads_the_opening_and_the_sentences_the_rules_flag() -> None:
    filler = " ".join(f"Item {i} of the order was packed in box {i}." for i in range(12))
    text = f"I ordered a desk in May. {filler} I am absolutely furious about this."
    doc, cands, _ = prepare(text, "en")
    read = encoding.reading_text(doc, cands)
    assert read.startswith("I ordered a desk in May.")
    assert read.endswith("I am absolutely furious about this.")
    assert "box 11" not in read  # a sentence past the opening with nothing in it is skipped
    assert len(read) < len(text)


def test_fast_and_full_path_agree_on_short_messages() -> None:
    texts = ["Thanks, that fixed it!", "Jullie zijn echt waardeloos, ik wil mijn geld terug."]
    full = analyze_many(texts)
    fast = analyze_many(texts, fast=True)
    assert [a.sentiment for a in full] == [a.sentiment for a in fast]
    assert [a.heat.score for a in full] == [a.heat.score for a in fast]


def test_a_long_message_mixes_in_the_mean_of_its_sentences() -> None:
    heads = load_heads()
    doc, _, _ = prepare(LONG, "en")
    spans = sentence_spans(doc.view.text)
    assert len(spans) >= encoding.LONG_MESSAGE
    probs = [{"sentiment.negative": 0.1, "sentiment.neutral": 0.1, "sentiment.positive": 0.8}]
    encoding.weigh_sentences([doc], probs, _sentences(doc))
    sentences = [doc.view.text[s:e] for s, e in spans]
    read = heads["sentiment"].predict(encoder().encode(sentences))
    twin = ngrams.load()["sentiment"]
    read = 0.5 * (read + twin.predict([ngrams.features(t) for t in sentences]))
    mean = read.mean(axis=0)
    share = encoding.SENTENCE_SHARE
    expected = (1 - share) * np.array([0.1, 0.1, 0.8]) + share * mean
    got = [probs[0][f"sentiment.{c}"] for c in ("negative", "neutral", "positive")]
    assert got == pytest.approx(expected.tolist(), abs=1e-5)


def test_a_short_message_keeps_its_own_sentiment() -> None:
    doc, _, _ = prepare("Where is my parcel? I have waited two weeks!", "en")
    probs = [{"sentiment.negative": 0.2, "sentiment.neutral": 0.5, "sentiment.positive": 0.3}]
    before = dict(probs[0])
    encoding.weigh_sentences([doc], probs, _sentences(doc))
    assert probs[0] == before


def test_a_long_message_that_opens_with_praise_reads_negative() -> None:
    assert analyze(LONG, lang="en").sentiment.label == "negative"


def test_a_pipelined_batch_gives_each_message_its_own_answer() -> None:
    base = [
        "Where is my parcel? I have waited two weeks!",
        "Thank you so much, the repair was perfect.",
        "Ich will sofort mein Geld zurück, das ist Betrug.",
        LONG,
        "Dzień dobry, proszę o fakturę do zamówienia 4411/2024.",
    ]
    texts = [f"{t} ({i})" for i in range(30) for t in base]  # 150: three chunks
    assert len(texts) > 2 * 64
    batch = analyze_many(texts)
    for i in (0, 3, 64, 70, 128, 149):
        alone = analyze(texts[i])
        assert batch[i].sentiment.label == alone.sentiment.label
        assert batch[i].heat.score == pytest.approx(alone.heat.score, abs=1e-3)
        assert batch[i].length == len(texts[i])
