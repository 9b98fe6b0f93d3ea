"""Sentiment macro-F1 per length band (sentences), on rows calmline was never trained on.

Run: ``.venv/bin/python bench/length_bands.py FILE.jsonl …`` (e.g. the PolEmo 2.0 and
GermEval 2017 files in ../shared/data/sentiment/). Training rows are skipped by the same split
rules as ``calmline eval``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from calmline.analyzer.pipeline import analyze_many
from calmline.analyzer.violence import sentence_spans
from calmline.training.data import load_file
from calmline.training.metrics import score

LABELS = ("negative", "neutral", "positive")


def band(text: str) -> str:
    n = len(sentence_spans(text))
    return "1-2" if n <= 2 else "3-4" if n <= 4 else "5-9" if n <= 9 else "10+"


def main(files: list[str]) -> int:
    print("| file | n | all | 1–2 sentences | 3–4 | 5–9 | 10+ |")
    print("|---|---|---|---|---|---|---|")
    for name in files:
        rows = [
            r
            for r in load_file(Path(name))
            if r.split != "train" and r.labels.get("sentiment") in LABELS
        ]
        if not rows:
            continue
        found = analyze_many([r.text for r in rows], lang=rows[0].lang or None)
        bands: dict[str, tuple[list[str], list[str]]] = {}
        for r, a in zip(rows, found, strict=True):
            gold, pred = bands.setdefault(band(r.text), ([], []))
            gold.append(str(r.labels["sentiment"]))
            pred.append(a.sentiment.label)
        everything = score(
            [g for gs, _ in bands.values() for g in gs], [p for _, ps in bands.values() for p in ps]
        )
        cells = []
        for key in ("1-2", "3-4", "5-9", "10+"):
            if key in bands:
                s = score(*bands[key])
                cells.append(f"{s.to_dict()['macro_f1']:.3f} ({len(bands[key][0])})")
            else:
                cells.append("–")
        total = f"{everything.to_dict()['macro_f1']:.3f}"
        print(f"| `{Path(name).name}` | {len(rows)} | {total} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
