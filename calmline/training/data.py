"""Training and evaluation data: the shared public sets and calmline's own examples.

The split rules live here, in one place, because training and evaluation must agree on
them exactly: a row is held out by a hash of its id (own examples) or of its text (public
sets without a validation split), never by chance.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Public sets whose licence allows shipping weights trained on them (see docs/data.md).
TRAINABLE_SOURCES = frozenset(
    {
        "umsab_xlmt_sentiment_german",
        "umsab_xlmt_sentiment_english",
        "germeval2018_offensive_de",
        "poleval2019_cyberbullying_pl",
        "xed_emotion_nl_de_pl_en",
        "stanford_politeness_en",
    }
)
# Sets with no validation split of their own: a fifth is held out by hash of the text.
HASH_SPLIT_SOURCES = frozenset(
    {
        "germeval2018_offensive_de",
        "poleval2019_cyberbullying_pl",
        "xed_emotion_nl_de_pl_en",
        "stanford_politeness_en",
    }
)
OWN_HELDOUT_MOD = 4  # a quarter of our own examples is held out
PUBLIC_HELDOUT_MOD = 5


@dataclass(frozen=True)
class Row:
    id: str
    source: str
    lang: str
    text: str
    split: str  # "train" | "heldout" | "eval_only"
    labels: dict[str, Any]


def bucket(key: str, mod: int) -> int:
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) % mod


def own_split(row_id: str) -> str:
    return "heldout" if bucket(row_id, OWN_HELDOUT_MOD) == 0 else "train"


def public_split(source: str, file_split: str, text: str) -> str:
    if source not in TRAINABLE_SOURCES:
        return "eval_only"
    if source in HASH_SPLIT_SOURCES:
        return "heldout" if bucket(text, PUBLIC_HELDOUT_MOD) == 0 else "train"
    return "train" if file_split == "train" else "heldout"


def default_shared_dir() -> Path:
    env = os.environ.get("CALMLINE_SHARED_DATA")
    if env:
        return Path(env)
    for base in (Path.cwd(), *Path.cwd().parents):
        candidate = base / "shared" / "data"
        if candidate.is_dir():
            return candidate
        sibling = base.parent / "shared" / "data"
        if sibling.is_dir():
            return sibling
    return Path("../shared/data")


def default_examples_dir() -> Path:
    return Path(os.environ.get("CALMLINE_EXAMPLES", "data/examples"))


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                yield json.loads(line)


OWN_SETS = ("examples", "sarcasm", "hazards", "threats", "long")


def _own_file(path: Path) -> bool:
    """A file of calmline's own written sets (``data/<set>/``), split by row id like training."""
    own = default_examples_dir().resolve().parent
    return path.parent.name in OWN_SETS and path.resolve().parent.parent == own


def classify_file(path: Path, obj: dict[str, Any]) -> str:
    """Split of a row read from ``path`` (own example or public set)."""
    source = str(obj.get("source", ""))
    if not source and ("hard_negative" in obj or _own_file(path)):
        return own_split(str(obj["id"]))
    file_split = path.name.rsplit(".", 2)[-2] if path.name.count(".") >= 2 else "train"
    return public_split(source, file_split, str(obj.get("text", "")))


def load_file(path: Path) -> list[Row]:
    rows = []
    for obj in read_jsonl(path):
        labels = {k: v for k, v in obj.items() if k not in ("id", "source", "lang", "text")}
        source = str(obj.get("source") or "calmline_examples")
        rows.append(
            Row(
                str(obj.get("id", "")),
                source,
                str(obj.get("lang", "")),
                str(obj.get("text", "")),
                classify_file(path, obj),
                labels,
            )
        )
    return rows


def shared_files(shared: Path) -> list[Path]:
    return sorted(shared.glob("*/*/*.jsonl"))


def own_files(examples: Path) -> list[Path]:
    return sorted(examples.glob("*.jsonl"))
