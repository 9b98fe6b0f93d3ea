"""The encoder's tuned sentence part: how it is loaded, checked, split and told apart."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from calmline.analyzer import encoder_weights as ew
from calmline.analyzer.model import encoder, prepare

TEXTS = [
    "Ich schlage Ihren Fahrer zusammen, wenn das Paket 7781-22 nicht kommt.",
    "ok",
    "Dat is ons beleid. " * 30,
    "Dzień dobry, kiedy dostanę zwrot za pralkę?",
]


def _backend() -> object:
    return encoder()._load()._model


def test_split_forward_pass_equals_the_encoder() -> None:
    """Token sums through the sentence part in use give exactly the shipped vectors: the
    split tuning trains on is the encoder's own arithmetic, not an approximation."""
    backend = _backend()
    s, r = ew.pooled(backend, [prepare(t) for t in TEXTS])
    in_use = {k: getattr(backend, k) for k in ew.TUNED}
    vectors = ew.sentence_part(s, r, in_use)
    np.testing.assert_allclose(vectors, encoder().encode(TEXTS), atol=1e-5)
    assert r[1] == pytest.approx(np.sqrt(3))  # "ok": bos, one piece, eos


def test_a_tuned_sentence_part_beside_the_heads_is_used(tmp_path: Path, monkeypatch) -> None:
    """``encoder.npz`` in the weights folder replaces the packaged sentence part, the vectors
    follow it exactly, and the encoder's fingerprint (the cache key) changes with it."""
    from calmline.analyzer.model import Encoder
    from calmline.training.encoder_tune import save

    packaged = ew.packaged()
    rng = np.random.default_rng(0)
    tuned = {k: v + rng.normal(0, 0.02, v.shape).astype(np.float32) for k, v in packaged.items()}
    save(tuned, tmp_path / "encoder.npz")
    monkeypatch.setenv("CALMLINE_MODEL_DIR", str(tmp_path))
    ew.load_tuned.cache_clear()
    try:
        enc = Encoder(threads=1)
        got = enc.encode(TEXTS)
        loaded = ew.load_tuned()
        s, r = ew.pooled(enc._load()._model, [prepare(t) for t in TEXTS])
        np.testing.assert_allclose(got, ew.sentence_part(s, r, loaded), atol=1e-5)
        before = ew.sentence_part(s, r, packaged)
        assert np.all(np.einsum("ij,ij->i", got, before) < 0.9999)  # the vectors moved
        assert enc.fingerprint() == ew.fingerprint(loaded) != "usem3"
    finally:
        ew.load_tuned.cache_clear()


def test_the_shipped_encoder_matches_its_fingerprint() -> None:
    enc = encoder()
    assert enc.fingerprint() == ew.fingerprint(ew.load_tuned())


def test_half_precision_round_trip_is_close(tmp_path: Path) -> None:
    from calmline.training.encoder_tune import save

    packaged = ew.packaged()
    save(packaged, tmp_path / "encoder.npz")
    loaded = ew.load_tuned(str(tmp_path / "encoder.npz"))
    s, r = ew.pooled(_backend(), [prepare(t) for t in TEXTS])
    diff = ew.sentence_part(s, r, loaded) - ew.sentence_part(s, r, packaged)
    assert np.abs(diff).max() < 2e-3


def test_a_tuned_file_missing_a_layer_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "encoder.npz"
    np.savez(path, d0=np.zeros((512, 320), dtype=np.float16))
    with pytest.raises(ValueError, match="lacks cnn_W"):
        ew.load_tuned(str(path))


def test_a_layer_of_the_wrong_shape_is_refused() -> None:
    class Backend:
        d0 = np.zeros((512, 320), dtype=np.float32)

    with pytest.raises(ValueError, match="tuned d0 has shape"):
        ew.apply(Backend(), {"d0": np.zeros((320, 512), dtype=np.float32)})


def test_fingerprints_tell_encoders_apart() -> None:
    packaged = ew.packaged()
    nudged = dict(packaged)
    nudged["d3"] = packaged["d3"] + np.float32(1e-3)
    assert ew.fingerprint({}) == "usem3"
    assert ew.fingerprint(packaged) != ew.fingerprint(nudged)


def test_embedding_cache_files_are_per_encoder(tmp_path: Path, monkeypatch) -> None:
    from calmline.training import embed

    monkeypatch.setenv("CALMLINE_CACHE", str(tmp_path))

    class Fake:
        def __init__(self, version: str) -> None:
            self.version = version

        def fingerprint(self) -> str:
            return self.version

    assert embed.cache_file(Fake("usem3")).name == "embeddings.npz"  # type: ignore[arg-type]
    assert embed.cache_file(Fake("tuned-abc")).name == "embeddings-tuned-abc.npz"  # type: ignore[arg-type]
