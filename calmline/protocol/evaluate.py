"""``calmline eval-review``: per-code precision and recall of the reviewer per language.

The labelled agent replies live in ``tests/data/replies/``. ``<code>.jsonl`` was written
before the reviewer existed; a third of it (by hash of the row id) is held out and never
used to tune the review lexicons. ``<code>-b.jsonl`` is a second batch written later by
authors who saw neither the lexicons nor the reviewer, and is held out entirely.
A prediction counts for a labelled flaw when the codes agree and, for flaws with a span,
the predicted span overlaps the labelled one.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from calmline.languages.loader import SUPPORTED
from calmline.protocol.conversation import parse_conversation
from calmline.protocol.phrasebook import CODES
from calmline.protocol.policy import Policy, load_policy
from calmline.protocol.review import review
from calmline.training.data import bucket

HELDOUT_MOD = 3


def split_of(row_id: str, path: Path) -> str:
    if path.stem.endswith("-b"):
        return "heldout"
    return "heldout" if bucket(row_id, HELDOUT_MOD) == 0 else "train"


def load_rows(folder: Path, lang: str, split: str) -> list[dict[str, Any]]:
    rows = []
    for path in sorted(folder.glob(f"{lang}*.jsonl")):
        if path.stem not in (lang, f"{lang}-b"):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if split == "all" or split_of(row["id"], path) == split:
                    rows.append(row)
    return rows


def _policy_for(base: Policy, lang: str, register: str) -> Policy:
    """The default policy with the row's register for its language."""
    return replace(base, register={**base.register, lang: register})


def _span(draft: str, span: str | None) -> tuple[int, int] | None:
    if span is None:
        return None
    i = draft.find(span)
    return (i, i + len(span)) if i >= 0 else None


@dataclass
class Tally:
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    rows: int = 0
    errors: list[str] = field(default_factory=list)

    def scores(self, code: str) -> tuple[float | None, float | None, int]:
        tp, fp, fn = self.tp[code], self.fp[code], self.fn[code]
        p = tp / (tp + fp) if tp + fp else None
        r = tp / (tp + fn) if tp + fn else None
        return p, r, tp + fn


# the codes the labelled replies carry; spelling is measured apart (calmline eval-drafts)
LABELLED = tuple(c for c in CODES if c != "spelling")


def evaluate_rows(rows: list[dict[str, Any]], policy: Policy) -> Tally:
    tally = Tally()
    for row in rows:
        tally.rows += 1
        conv = parse_conversation(row["conversation"])
        pol = _policy_for(policy, row["lang"], row["register"])
        result = review(conv, row["draft"], pol)
        for code in LABELLED:
            labels = [
                _span(row["draft"], lab["span"]) for lab in row["labels"] if lab["code"] == code
            ]
            preds = [(f.start, f.end) for f in result.findings if f.code == code]
            if not labels and not preds:
                continue
            hit = (
                bool(labels)
                and bool(preds)
                and all(
                    lab is None or any(p[0] < lab[1] and lab[0] < p[1] for p in preds)
                    for lab in labels
                )
            )
            if hit:
                tally.tp[code] += 1
            else:
                if labels:
                    tally.fn[code] += 1
                if preds:
                    tally.fp[code] += 1
                    text = next(f.text for f in result.findings if f.code == code)
                    tally.errors.append(f"{row['id']} FP {code}: {text[:60]!r}")
                if labels:
                    tally.errors.append(f"{row['id']} FN {code}")
    return tally


def run(
    folder: Path,
    split: str,
    policy_path: Path | None = None,
    languages: tuple[str, ...] = SUPPORTED,
) -> dict[str, Tally]:
    policy = load_policy(policy_path) if policy_path else load_policy()
    return {lang: evaluate_rows(load_rows(folder, lang, split), policy) for lang in languages}


def report(results: dict[str, Tally], split: str) -> str:
    """A Markdown table: one row per code, P / R (n) per language, then pooled."""
    langs = list(results)
    head = f"| code | {' | '.join(langs)} | all |"
    lines = [
        f"Reviewer on the {split} replies "
        f"({', '.join(f'{lang} {t.rows}' for lang, t in results.items())} drafts); "
        "P / R (labelled count)",
        "",
        head,
        "|---" * (len(langs) + 2) + "|",
    ]
    pooled = Tally()
    for t in results.values():
        pooled.tp.update(t.tp)
        pooled.fp.update(t.fp)
        pooled.fn.update(t.fn)

    def cell(t: Tally, code: str) -> str:
        p, r, n = t.scores(code)
        if p is None and r is None:
            return "–"
        ps = "–" if p is None else f"{p:.2f}"
        rs = "–" if r is None else f"{r:.2f}"
        return f"{ps} / {rs} ({n})"

    for code in LABELLED:
        cells = [cell(results[lang], code) for lang in langs]
        lines.append(f"| {code} | {' | '.join(cells)} | {cell(pooled, code)} |")
    tp, fp, fn = sum(pooled.tp.values()), sum(pooled.fp.values()), sum(pooled.fn.values())
    lines.append("")
    lines.append(
        f"micro-average over all codes and languages: P {tp / max(1, tp + fp):.3f}, "
        f"R {tp / max(1, tp + fn):.3f} (tp {tp}, fp {fp}, fn {fn})"
    )
    return "\n".join(lines)
