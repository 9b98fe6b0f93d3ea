"""Deterministic linear heads trained with full-batch Adam in numpy.

No randomness anywhere (zero init, full batches, fixed step count), so ``calmline train``
reproduces the shipped weights bit for bit on the same machine and data.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from calmline.analyzer.model import FloatArray, Head

Array = npt.NDArray[np.float64]


def _softmax(z: Array) -> Array:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=1, keepdims=True))


def fit(
    x: FloatArray,
    y: Array,
    *,
    kind: str,
    sample_weight: Array | None = None,
    l2: float = 1e-3,
    steps: int = 400,
    lr: float = 0.05,
) -> tuple[Array, Array]:
    """Fit ``softmax`` (y one-hot/soft) or ``sigmoid`` (y in [0,1] per column) weights."""
    xd = x.astype(np.float64)
    n, d = xd.shape
    k = y.shape[1]
    w = np.zeros((d, k))
    b = np.zeros(k)
    sw = np.ones(n) if sample_weight is None else sample_weight.astype(np.float64)
    sw = sw / sw.sum()
    m_w, v_w, m_b, v_b = (np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b))
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for t in range(1, steps + 1):
        z = xd @ w + b
        p = _softmax(z) if kind == "softmax" else 1.0 / (1.0 + np.exp(-z))
        g = (p - y) * sw[:, None]
        gw = xd.T @ g + l2 * w
        gb = g.sum(axis=0)
        m_w = beta1 * m_w + (1 - beta1) * gw
        v_w = beta2 * v_w + (1 - beta2) * gw * gw
        m_b = beta1 * m_b + (1 - beta1) * gb
        v_b = beta2 * v_b + (1 - beta2) * gb * gb
        corr1, corr2 = 1 - beta1**t, 1 - beta2**t
        w -= lr * (m_w / corr1) / (np.sqrt(v_w / corr2) + eps)
        b -= lr * (m_b / corr1) / (np.sqrt(v_b / corr2) + eps)
    return w, b


def balanced_weights(labels: list[str], extra: Array | None = None) -> Array:
    """Inverse-frequency weights so rare classes (threats, insults) are not drowned out."""
    classes, counts = np.unique(np.array(labels), return_counts=True)
    per = {c: len(labels) / (len(classes) * n) for c, n in zip(classes, counts, strict=True)}
    w = np.array([per[lab] for lab in labels], dtype=np.float64)
    return w * extra if extra is not None else w


def make_head(
    name: str,
    kind: str,
    classes: tuple[str, ...],
    x: FloatArray,
    y: Array,
    sample_weight: Array | None = None,
    l2: float = 1e-3,
    steps: int = 400,
) -> Head:
    w, b = fit(x, y, kind=kind, sample_weight=sample_weight, l2=l2, steps=steps)
    return Head(name, kind, classes, w.astype(np.float32), b.astype(np.float32))
