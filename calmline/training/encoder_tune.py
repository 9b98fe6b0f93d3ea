"""Tune the encoder's sentence part on customer-service tasks (``calmline train --tune-encoder``).

Multi-task: every labelled set ``calmline train`` uses (sentiment, anger, offensive,
violence and threats, emotion, heat, wants, politeness, the reviewer's flaw codes,
sarcasm, hazards), training rows only. The token part of USE-m stays frozen, so each
text's token sum is computed once (:func:`calmline.analyzer.encoder_weights.pooled`) and
the ~1.7 M parameters after it are trained with Adam, pulled towards their packaged values
so that what the encoder knew of four languages is kept. The task heads used here are
thrown away: ``calmline train`` then fits the shipped linear heads on the tuned vectors
exactly as before.

JAX and optax come from the optional ``train`` extra; nothing here is imported at run
time. Determinism: batches come from a seeded numpy generator and XLA's CPU kernels are
deterministic for a fixed thread count, so the same machine and library versions give the
same weights bit for bit (across machines, the float32 results may differ in the last bits).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from calmline.analyzer import encoder_weights as ew
from calmline.analyzer.model import FloatArray, encoder, prepare
from calmline.cli_progress import Progress
from calmline.training.data import Row, bucket
from calmline.training.embed import EmbeddingCache, cache_dir
from calmline.training.linear import Array

SCALE = 16.0  # the vectors are unit length: scale them so the task heads learn quickly
STEPS, BATCH, LR, ANCHOR = 600, 48, 3e-4, 1e-2  # chosen on a dev tenth of train
PROBE_STEPS = 400
TOKEN_BATCH, TOKEN_LR = 8, 1e-4  # the token part costs ~100x more per row


@dataclass(frozen=True)
class Task:
    """One labelled task: texts, soft targets, and each row's sampling weight."""

    name: str
    kind: str  # "softmax" | "sigmoid"
    texts: tuple[str, ...]
    keys: tuple[str, ...]  # row ids (or texts) for the development split
    y: Array
    weight: Array

    def __post_init__(self) -> None:
        if not (len(self.texts) == len(self.keys) == len(self.y) == len(self.weight)):
            raise ValueError(f"task {self.name}: lengths differ")


def task_from_labels(
    name: str,
    rows: list[Row],
    classes: tuple[str, ...],
    label: Any,
    weight: Any = None,
) -> Task | None:
    """A softmax task from rows whose ``label(row)`` is one of ``classes`` (others skipped)."""
    kept = [(r, label(r)) for r in rows]
    kept = [(r, lab) for r, lab in kept if lab in classes]
    if not kept:
        return None
    y = np.zeros((len(kept), len(classes)))
    for i, (_, lab) in enumerate(kept):
        y[i, classes.index(lab)] = 1.0
    counts = y.sum(axis=0)
    per = np.where(counts > 0, len(kept) / (len(classes) * np.maximum(counts, 1)), 0.0)
    w = y @ per
    if weight is not None:
        w = w * np.array([weight(r) for r, _ in kept])
    return Task(
        name,
        "softmax",
        tuple(r.text for r, _ in kept),
        tuple(r.id or r.text for r, _ in kept),
        y,
        w,
    )


def token_cache() -> EmbeddingCache:
    """Token sums by text hash on disk: column ``POOLED_DIM`` holds sqrt(length). They do
    not depend on the tuned part, so one file serves every tuning run."""

    def compute(texts: list[str]) -> FloatArray:
        s, r = ew.pooled(encoder()._load()._model, [prepare(t) or "." for t in texts])
        return np.hstack([s, r[:, None]])

    return EmbeddingCache(cache_dir() / "token-sums.npz", compute=compute, dim=ew.POOLED_DIM + 1)


def tune(
    tasks: list[Task],
    start: dict[str, FloatArray],
    *,
    steps: int = STEPS,
    dev_mod: int = 0,
    seed: int = 0,
    token_level: bool = False,
) -> tuple[dict[str, FloatArray], dict[str, dict[str, float]]]:
    """Tune the sentence part (and with ``token_level`` the n-gram CNN too: ``start`` then
    holds both parts' weights, see :mod:`calmline.training.token_tune`). With ``dev_mod`` >
    0, a 1/dev_mod slice of every task is held out and scored before and after: that is how
    the steps and learning rate were chosen, never on held-out rows."""
    import jax
    import jax.numpy as jnp
    import optax

    from calmline.training import token_tune

    backend = encoder()._load()._model
    eps = float(backend.eps)
    tokens = token_tune.Tokens(backend)
    cache = token_cache()
    data: list[tuple[Task, Any, Any, np.ndarray]] = []
    for t in tasks:
        dev = np.array([dev_mod > 0 and bucket(k, dev_mod) == 0 for k in t.keys])
        if token_level:
            ids = tokens.ids([prepare(x) or "." for x in t.texts])
            data.append((t, ids, None, dev))
        else:
            sums = cache.embed(list(t.texts), f"token sums: {t.name}")
            data.append((t, sums[:, :-1], sums[:, -1], dev))
    per_task = TOKEN_BATCH if token_level else BATCH

    def sentence(p: dict[str, Any], s: Any, r: Any) -> Any:
        mean = s @ p["cnn_W"] + r[:, None] * p["cnn_b"]
        y0 = jax.nn.relu(mean @ p["d0"])
        y1 = jax.nn.relu(mean @ p["p1"] + y0 @ p["d1"])
        y2 = jax.nn.relu(y1 @ p["d2"])
        z = jnp.tanh(y1 @ p["p3"] + y2 @ p["d3"])
        return SCALE * z / jnp.sqrt(jnp.maximum(jnp.sum(z * z, axis=1, keepdims=True), 1e-12))

    def vectors(enc: dict[str, Any], x: Any) -> Any:
        if token_level:
            s, r = token_tune.forward(enc, x[0], x[1], eps)
            return sentence(enc, s, r)
        return sentence(enc, x[0], x[1])

    def task_loss(head: Any, z: Any, y: Any, kind: str) -> Any:
        logits = z @ head["W"] + head["b"]
        if kind == "softmax":
            return -jnp.mean(jnp.sum(y * jax.nn.log_softmax(logits), axis=1))
        return jnp.mean(optax.sigmoid_binary_cross_entropy(logits, y))

    enc0 = {k: jnp.asarray(v) for k, v in start.items()}
    heads = {
        t.name: {"W": jnp.zeros((512, t.y.shape[1])), "b": jnp.zeros(t.y.shape[1])} for t in tasks
    }
    order = [(t.name, t.kind) for t in tasks]

    def loss_fn(params: dict[str, Any], batch: tuple[Any, dict[str, Any]], frozen: bool) -> Any:
        enc = jax.lax.stop_gradient(params["enc"]) if frozen else params["enc"]
        z = vectors(enc, batch[0])  # every task's rows in one batch, task by task
        total: Any = 0.0
        for i, (name, kind) in enumerate(order):
            zi = z[i * per_task : (i + 1) * per_task]
            total = total + task_loss(params["heads"][name], zi, batch[1][name], kind)
        if not frozen:
            drift = sum(jnp.sum((enc[k] - enc0[k]) ** 2) for k in enc)
            total = total + ANCHOR * drift
        return total

    def make_step(frozen: bool, lr: float) -> tuple[Any, Any]:
        opt = optax.adam(lr)

        def step(params: Any, state: Any, batch: Any) -> tuple[Any, Any, Any]:
            loss, grads = jax.value_and_grad(loss_fn)(params, batch, frozen)
            updates, state = opt.update(grads, state, params)
            return optax.apply_updates(params, updates), state, loss

        return opt, jax.jit(step)  # not a decorator: JAX may be untyped (absent) in CI

    rng = np.random.default_rng(seed)

    def inputs(rows: list[tuple[Any, Any, np.ndarray]]) -> tuple[Any, ...]:
        """The encoder's input for (features, roots, index) of several tasks, stacked."""
        if token_level:
            group = [feats[i] for feats, _, at in rows for i in at]
            emb, mask = tokens.batch(group)
            return (jnp.asarray(emb), jnp.asarray(mask))
        s = np.concatenate([feats[at] for feats, _, at in rows])
        r = np.concatenate([roots[at] for _, roots, at in rows])
        return (jnp.asarray(s), jnp.asarray(r))

    def sample() -> tuple[Any, dict[str, Any]]:
        rows, ys = [], {}
        for t, feats, roots, dev in data:
            pool = np.flatnonzero(~dev)
            p = t.weight[pool] / t.weight[pool].sum()
            at = pool[rng.choice(len(pool), size=per_task, p=p)]
            rows.append((feats, roots, at))
            ys[t.name] = jnp.asarray(t.y[at])
        return inputs(rows), ys

    def dev_score(params: dict[str, Any]) -> dict[str, float]:
        out = {}
        for t, feats, roots, dev in data:
            if not dev.any():
                continue
            at = np.flatnonzero(dev)
            parts = [
                np.asarray(vectors(params["enc"], inputs([(feats, roots, at[i : i + 256])])))
                for i in range(0, len(at), 256)
            ]
            z = np.concatenate(parts)
            head = params["heads"][t.name]
            logits = z @ np.asarray(head["W"]) + np.asarray(head["b"])
            w = t.weight[at] / t.weight[at].sum()
            if t.kind == "softmax":
                acc = float((w * (t.y[at].argmax(axis=1) == logits.argmax(axis=1))).sum())
            else:
                hit = (logits > 0) == (t.y[at] > 0.5)
                acc = float((w[:, None] * hit).sum() / t.y.shape[1])
            out[t.name] = round(acc, 4)
        return out

    params: dict[str, Any] = {"enc": dict(enc0), "heads": heads}
    progress = Progress(PROBE_STEPS + steps, "tuning the encoder", stream=sys.stderr)
    opt, step = make_step(True, 1e-2)
    state = opt.init(params)
    for _ in range(PROBE_STEPS):
        params, state, _ = step(params, state, sample())
        progress.advance(1)
    report = {"probe": dev_score(params)} if dev_mod else {}
    opt, step = make_step(False, TOKEN_LR if token_level else LR)
    state = opt.init(params)
    for _ in range(steps):
        params, state, _ = step(params, state, sample())
        progress.advance(1)
    progress.close()
    if dev_mod:
        report["tuned"] = dev_score(params)
    tuned = {k: np.asarray(v, dtype=np.float32) for k, v in params["enc"].items()}
    return tuned, report


def save(weights: dict[str, FloatArray], path: Path) -> None:
    """Half precision: 3.3 MB, and the tuned vectors move by < 1e-3 (checked in tests)."""
    arrays: dict[str, Any] = {k: weights[k].astype(np.float16) for k in ew.TUNED}
    np.savez_compressed(path, **arrays)
