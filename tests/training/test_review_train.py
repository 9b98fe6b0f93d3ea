"""The reviewer's flaw head learns only from training data, and reads drafts sentence by
sentence at inference."""

from __future__ import annotations

import json
from pathlib import Path

from calmline.protocol.draft_model import flaw_thresholds, score_draft
from calmline.protocol.evaluate import split_of
from calmline.training.review_train import FLAW_CODES, load_sentences, reply_sentences

REPLIES = Path(__file__).resolve().parents[1] / "data" / "replies"
SENTENCES = Path(__file__).resolve().parents[2] / "data" / "review"


def test_reply_sentences_never_come_from_held_out_rows() -> None:
    rows = reply_sentences(REPLIES)
    ids = {r.id.split("#")[0] for r in rows}
    assert ids, "no training rows found"
    for lang in ("nl", "de", "pl", "en"):
        path = REPLIES / f"{lang}.jsonl"
        for line in path.read_text(encoding="utf-8").splitlines():
            row_id = json.loads(line)["id"]
            if split_of(row_id, path) == "heldout":
                assert row_id not in ids
    assert not any(i.split("-r-")[1].startswith("2") for i in ids)  # batch b: held out


def test_sentence_labels_come_from_overlapping_spans() -> None:
    rows = reply_sentences(REPLIES)
    flawed = [r for r in rows if r.codes]
    assert flawed and all(r.codes <= set(FLAW_CODES) for r in flawed)
    assert any(not r.codes for r in rows)


def test_labelled_sentences_cover_every_code() -> None:
    rows = load_sentences(SENTENCES)
    for code in FLAW_CODES:
        assert sum(code in r.codes for r in rows) >= 100, code


def test_score_draft_reads_sentences() -> None:
    draft = (
        "I am sorry about the delay. "
        "Honestly, you should have read the delivery terms before ordering. "
        "Your parcel will arrive within 5 working days."
    )
    scores = score_draft(draft)
    assert set(flaw_thresholds()) == set(FLAW_CODES)
    assert scores.politeness is not None and 0.0 <= scores.politeness <= 1.0
    for start, end, code, p in scores.flaws:
        assert code in FLAW_CODES and p >= flaw_thresholds()[code]
        assert draft[start:end].strip() == draft[start:end] and end > start
    polite = score_draft("Thank you for letting us know, and I am sorry for the trouble.")
    rude = score_draft("Stop complaining, read the terms yourself and don't waste my time.")
    assert polite.politeness is not None and rude.politeness is not None
    assert polite.politeness > rude.politeness
