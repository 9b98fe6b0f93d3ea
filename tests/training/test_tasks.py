"""The tasks the encoder is tuned on: every labelled set, and never a held-out row."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from calmline.training import tasks as tasks_mod
from calmline.training.data import bucket, own_split
from calmline.training.review_train import HELDOUT_MOD
from calmline.training.train import collect, threat_rows

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"


def _built() -> list[tasks_mod.Task]:
    # our own examples only (the public sets are read the same way, by the same split rules)
    rows = collect(ROOT / "no-shared-data", DATA / "examples")
    return tasks_mod.build(rows, DATA, ROOT / "tests" / "data" / "replies")


def test_every_task_is_present_and_well_formed() -> None:
    built = {t.name: t for t in _built()}
    for name in ("sentiment", "anger", "emotion", "heat", "wants", "flaws"):
        assert name in built, name
    assert "violence" not in built  # its thresholds are chosen out of fold (see tasks.build)
    for name in ("sarcasm", "hazard"):
        assert name in built, name
    for t in built.values():
        assert t.y.shape[0] == len(t.texts) > 0
        assert np.all(t.weight > 0)
        if t.kind == "softmax":
            np.testing.assert_allclose(t.y.sum(axis=1), 1.0)


def test_no_held_out_row_is_tuned_on() -> None:
    held_out_texts = set()
    for folder in ("examples", "sarcasm", "hazards", "threats"):
        for path in sorted((DATA / folder).glob("*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                if own_split(row["id"]) == "heldout":
                    held_out_texts.add(row["text"])
    held_out_replies = {
        json.loads(line)["id"]
        for path in sorted((ROOT / "tests" / "data" / "replies").glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and bucket(json.loads(line)["id"], HELDOUT_MOD) == 0
    }
    assert held_out_replies
    for t in _built():
        if t.name == "flaws":
            assert not held_out_replies.intersection(t.keys)
            continue
        leaked = held_out_texts.intersection(t.texts)
        assert not leaked, (t.name, sorted(leaked)[:3])


def test_threats_against_anyone_are_training_rows_only() -> None:
    rows = threat_rows(DATA / "examples")
    assert rows and all(r.split == "train" for r in rows)
    assert {r.lang for r in rows} == {"nl", "de", "pl", "en"}
    assert all(own_split(r.id) == "train" for r in rows)
    assert any(r.labels["violence"] for r in rows) and not all(r.labels["violence"] for r in rows)
