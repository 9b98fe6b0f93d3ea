"""Training the hashed character n-gram heads (needs scikit-learn, the ``eval`` extra)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

from calmline.analyzer.ngrams import N_BUCKETS, IntArray, NgramHead, features
from calmline.training.linear import Array

C = 4.0  # inverse regularisation, as for the TF-IDF baseline
MAX_ITER = 300
MIN_ROWS_PER_LANGUAGE = 1000  # below this the n-gram head is not used for a language
VIOLENCE_MIN_ROWS = 200  # the violence twin learns from our examples only (~500 per language)


def matrix(texts: Sequence[str]) -> Any:
    """CSR matrix of L2-normalised binary n-gram features (rows = texts)."""
    from scipy.sparse import csr_matrix

    indptr = [0]
    indices: list[IntArray] = []
    data: list[Array] = []
    for t in texts:
        ids = features(t)
        indices.append(ids)
        data.append(np.full(len(ids), 1.0 / np.sqrt(max(len(ids), 1))))
        indptr.append(indptr[-1] + len(ids))
    return csr_matrix(
        (
            np.concatenate(data) if data else np.zeros(0),
            np.concatenate(indices) if indices else np.zeros(0, dtype=np.int64),
            np.array(indptr),
        ),
        shape=(len(texts), N_BUCKETS),
    )


def fit(
    name: str,
    kind: str,
    classes: tuple[str, ...],
    x: Any,
    labels: Sequence[str],
    sample_weight: Array,
    langs: Sequence[str] = (),
    min_rows: int = MIN_ROWS_PER_LANGUAGE,
) -> NgramHead:
    """A deterministic lbfgs logistic regression, converted to a :class:`NgramHead`."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=C, max_iter=MAX_ITER, solver="lbfgs")
    model.fit(x, list(labels), sample_weight=sample_weight * len(labels) / sample_weight.sum())
    order = [str(c) for c in model.classes_]
    if kind == "sigmoid":  # binary: one column for "yes"
        sign = 1.0 if order[-1] == "yes" else -1.0
        w = (sign * model.coef_[0])[:, None]
        b = np.array([sign * model.intercept_[0]])
    else:
        idx = [order.index(c) for c in classes]
        w = model.coef_[idx].T
        b = model.intercept_[idx]
    counts = Counter(langs)
    known = tuple(sorted(lang for lang, n in counts.items() if n >= min_rows))
    return NgramHead(name, kind, classes, w.astype(np.float32), b.astype(np.float32), known)
