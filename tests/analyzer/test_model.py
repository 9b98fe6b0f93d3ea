"""The model layer: packaged encoder, shipped heads, n-gram twins and their combination."""

from __future__ import annotations

import numpy as np

from calmline.analyzer import ngrams
from calmline.analyzer.encoding import combine
from calmline.analyzer.model import calibrate, encoder, load_heads, load_meta, violence_policy


def test_encoder_is_multilingual_and_normalised() -> None:
    vecs = encoder().encode(["Ik wil mijn geld terug.", "I want my money back.", "Lovely day."])
    assert vecs.shape == (3, 512)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-3)
    same, other = float(vecs[0] @ vecs[1]), float(vecs[0] @ vecs[2])
    assert same > other  # the Dutch and English refund requests sit together


def test_shipped_heads_and_metadata() -> None:
    heads = load_heads()
    assert {"sentiment", "anger", "offensive", "violence", "emotion", "wants", "heat"} <= set(heads)
    assert heads["sentiment"].classes == ("negative", "neutral", "positive")
    meta = load_meta()
    assert "violence_policy" in meta and "thresholds" in meta
    assert 0.0 < violence_policy().model_sentence <= 1.0
    lexical = ngrams.load()
    assert set(lexical) == {"sentiment", "anger", "offensive", "violence"}
    assert set(lexical["violence"].languages) == {"nl", "de", "pl", "en"}
    assert lexical["anger"].weight.shape == (ngrams.N_BUCKETS, 1)


def test_ngram_features_are_deterministic_and_bounded() -> None:
    a = ngrams.features("Ik ben WOEDEND!")
    b = ngrams.features("ik ben woedend")
    assert np.array_equal(a, b)  # case and punctuation do not matter
    assert a.min() >= 0 and a.max() < ngrams.N_BUCKETS
    assert len(ngrams.features("")) == 0


def test_combine_averages_twins_and_calibrate_maps_threshold_to_half() -> None:
    out = combine({"anger.yes": 0.8, "heat.score": 0.3}, {"anger.yes": 0.4})
    assert abs(out["anger.yes"] - 0.6) < 1e-9
    assert out["heat.score"] == 0.3
    calibrated = calibrate({"anger.yes": 0.0, "violence.yes": 0.42})
    assert calibrated["anger.yes"] == 0.0
    assert calibrated["violence.yes"] == 0.42  # not a tuned head: untouched
