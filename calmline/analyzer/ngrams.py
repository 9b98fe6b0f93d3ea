"""Hashed character n-gram heads: the lexical half of the model layer.

The sentence encoder generalises across wording and languages but blurs exact words; a
linear model over character n-grams is the opposite (the classic TF-IDF baseline). calmline
averages the two, so each covers the other's blind spot. Features are hashed (CRC-32) into
2^18 buckets, so the weights are a fixed-size array and nothing else (no vocabulary) ships.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from calmline.analyzer.model import activate
from calmline.model import model_dir

N_BUCKETS = 1 << 18
NGRAMS = (2, 3, 4, 5)
MAX_CHARS = 2000
_WORD = re.compile(r"\w+", re.UNICODE)
IntArray = npt.NDArray[np.int64]


def features(text: str) -> IntArray:
    """Sorted unique bucket ids of the word-bounded character n-grams of ``text``."""
    grams: set[str] = set()
    for word in _WORD.findall(text[:MAX_CHARS].lower()):
        padded = f" {word} "
        for n in NGRAMS:
            if len(padded) < n:
                break
            grams.update(padded[i : i + n] for i in range(len(padded) - n + 1))
    ids = {zlib.crc32(g.encode("utf-8")) & (N_BUCKETS - 1) for g in grams}
    return np.fromiter(sorted(ids), dtype=np.int64, count=len(ids))


@dataclass(frozen=True)
class NgramHead:
    name: str
    kind: str  # "softmax" | "sigmoid"
    classes: tuple[str, ...]
    weight: npt.NDArray[np.float32]  # (N_BUCKETS, k)
    bias: npt.NDArray[np.float32]  # (k,)
    # n-grams do not transfer across languages: the head is used only for the languages
    # it saw enough training rows of (the encoder covers the others)
    languages: tuple[str, ...] = ()

    def predict(self, rows: list[IntArray]) -> npt.NDArray[np.float32]:
        z = np.zeros((len(rows), len(self.classes)), dtype=np.float32)
        for i, ids in enumerate(rows):
            if len(ids):
                z[i] = self.weight[ids].sum(axis=0) / np.sqrt(len(ids))
        return activate(z + self.bias, self.kind)


def ngrams_path() -> Path:
    return model_dir() / "ngrams.npz"


def save(heads: dict[str, NgramHead], path: Path) -> None:
    arrays: dict[str, npt.NDArray[np.generic]] = {}
    for name, h in heads.items():
        arrays[f"{name}.W"] = h.weight.astype(np.float16)
        arrays[f"{name}.b"] = h.bias.astype(np.float32)
        arrays[f"{name}.classes"] = np.array(h.classes)
        arrays[f"{name}.kind"] = np.array(h.kind)
        arrays[f"{name}.languages"] = np.array(h.languages or ("",))
    np.savez_compressed(path, **arrays)  # type: ignore[arg-type]


@cache
def load(path: str | None = None) -> dict[str, NgramHead]:
    p = Path(path) if path else ngrams_path()
    if not p.exists():
        return {}
    heads: dict[str, NgramHead] = {}
    with np.load(p, allow_pickle=False) as data:
        for name in sorted({k.split(".")[0] for k in data.files}):
            heads[name] = NgramHead(
                name,
                str(data[f"{name}.kind"]),
                tuple(str(c) for c in data[f"{name}.classes"]),
                np.asarray(data[f"{name}.W"], dtype=np.float32),
                np.asarray(data[f"{name}.b"], dtype=np.float32),
                tuple(str(c) for c in data[f"{name}.languages"] if str(c)),
            )
    return heads


def predict_all(
    texts: list[str], langs: list[str], heads: dict[str, NgramHead]
) -> list[dict[str, float]]:
    """Per text, ``{"head.class": p}`` from every head trained on the text's language."""
    rows = [features(t) for t in texts]
    out: list[dict[str, float]] = [{} for _ in texts]
    for name, head in heads.items():
        idx = [i for i, lang in enumerate(langs) if lang in head.languages]
        if not idx:
            continue
        probs = head.predict([rows[i] for i in idx])
        for k, i in enumerate(idx):
            for j, cls in enumerate(head.classes):
                out[i][f"{name}.{cls}"] = float(probs[k, j])
    return out
