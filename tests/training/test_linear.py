"""The linear heads learn, deterministically, and the metrics are right."""

from __future__ import annotations

import numpy as np

from calmline.training.linear import balanced_weights, fit, make_head
from calmline.training.metrics import score


def _data() -> tuple[np.ndarray, np.ndarray]:  # type: ignore[type-arg]
    x = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [0.1, 0.9]], dtype=np.float32)
    y = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0]])
    return x, y


def test_softmax_head_separates_and_is_deterministic() -> None:
    x, y = _data()
    w1, b1 = fit(x, y, kind="softmax", steps=200)
    w2, b2 = fit(x, y, kind="softmax", steps=200)
    assert np.array_equal(w1, w2) and np.array_equal(b1, b2)
    head = make_head("t", "softmax", ("a", "b"), x, y, steps=200)
    probs = head.predict(x)
    assert list(probs.argmax(axis=1)) == [0, 0, 1, 1]
    assert np.allclose(probs.sum(axis=1), 1.0)


def test_balanced_weights_lift_the_rare_class() -> None:
    w = balanced_weights(["no", "no", "no", "yes"])
    assert w[3] == 3 * w[0]


def test_metrics() -> None:
    s = score(["a", "a", "b", "b"], ["a", "b", "b", "b"])
    assert s.n == 4
    assert s.accuracy == 0.75
    assert s.per_class["a"].precision == 1.0
    assert s.per_class["a"].recall == 0.5
    assert abs(s.per_class["b"].f1 - 0.8) < 1e-9
    assert abs(s.macro_f1 - (2 / 3 + 0.8) / 2) < 1e-9
