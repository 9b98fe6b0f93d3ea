"""``calmline eval``: score the analyzer on labelled JSONL files, per file and task.

By default only rows that were never trained on are scored: the held-out part of the
sets we train on, and all of the sets we only evaluate on (see ``training/data.py``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from calmline.analyzer.pipeline import analyze_many
from calmline.analyzer.result import Analysis
from calmline.cli_progress import Progress
from calmline.training.data import Row, load_file
from calmline.training.metrics import Scores, score


def _bool(v: Any) -> str:
    return "true" if v else "false"


def _emotion(a: Analysis, label: str) -> bool:
    return any(e.label == label and e.detected for e in a.emotions)


def _band_gold(level: Any) -> str:
    return {"calm": "calm", "angry": "hot", "hostile": "hot"}.get(str(level), "")


def _band_pred(a: Analysis) -> str:
    return "calm" if a.heat.score < 0.35 else "hot" if a.heat.score >= 0.5 else "between"


def _hazard_kind(a: Analysis) -> str:
    return max(a.hazards, key=lambda h: h.score).kind if a.hazards else "none"


# task -> (gold label key, gold normaliser, prediction); an empty gold label is skipped
TASKS: dict[str, tuple[str, Callable[[Any], str], Callable[[Analysis], str]]] = {
    "sentiment": ("sentiment", str, lambda a: a.sentiment.label),
    "offensive": ("offensive", _bool, lambda a: _bool(a.offensive.detected)),
    "anger": ("anger", _bool, lambda a: _bool(_emotion(a, "anger"))),
    "threat": ("violence", _bool, lambda a: _bool(a.violent)),
    "heat": ("heat", str, lambda a: a.heat.level),
    # the calibration promise: calm messages below 0.35, angry and hostile ones at 0.5 or
    # more; the recall of "calm" and "hot" here is the share of rows that keep it
    "heat_band": ("heat", _band_gold, _band_pred),
    # data/sarcasm: sarcastic / sincere / complaint / neutral -> is it sarcasm?
    "sarcasm": ("label", lambda v: _bool(v == "sarcastic"), lambda a: _bool(a.sarcastic)),
    # data/hazards: a hazard kind or null -> is there a hazard, and which one
    "hazard": ("hazard", _bool, lambda a: _bool(a.hazards)),
    "hazard_kind": ("hazard", lambda v: str(v or "none"), _hazard_kind),
}


def _politeness(rows: list[Row]) -> Scores:
    """The reviewer's politeness score of each text on its own, polite at 0.5 or more."""
    from calmline.protocol.politeness import standalone

    gold, pred = [], []
    for lang in sorted({r.lang for r in rows}):
        sel = [r for r in rows if r.lang == lang]
        for r, p in zip(sel, standalone([r.text for r in sel], lang), strict=True):
            gold.append(str(r.labels["politeness"]))
            pred.append("polite" if p >= 0.5 else "impolite")
    return score(gold, pred)


def evaluate_rows(rows: list[Row], label: str, *, fast: bool = False) -> dict[str, Scores]:
    tasks = {t: spec for t, spec in TASKS.items() if any(spec[0] in r.labels for r in rows)}
    if not rows or not (tasks or any("politeness" in r.labels for r in rows)):
        return {}
    if not tasks:
        return {"politeness": _politeness(rows)}
    progress = Progress(len(rows), label)
    analyses: list[Analysis] = []
    for i in range(0, len(rows), 256):
        chunk = rows[i : i + 256]
        analyses.extend(_batch(chunk, fast))
        progress.advance(len(chunk))
    progress.close()
    out = {}
    polite = [r for r in rows if r.labels.get("politeness") in ("polite", "impolite")]
    if polite:
        out["politeness"] = _politeness(polite)
    for task, (key, norm, pred) in tasks.items():
        pairs = [
            (norm(r.labels[key]), pred(a))
            for r, a in zip(rows, analyses, strict=True)
            if key in r.labels
        ]
        pairs = [(g, p) for g, p in pairs if g]
        out[task] = score([g for g, _ in pairs], [p for _, p in pairs])
    return out


def _batch(rows: list[Row], fast: bool) -> list[Analysis]:
    by_lang: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        by_lang.setdefault(r.lang, []).append(i)
    out: list[Analysis | None] = [None] * len(rows)
    for lang, idx in by_lang.items():
        for i, a in zip(
            idx,
            analyze_many([rows[i].text for i in idx], lang=lang or None, fast=fast),
            strict=True,
        ):
            out[i] = a
    return [a for a in out if a is not None]


def run_eval(files: list[Path], *, as_json: bool, split: str, fast: bool = False) -> int:
    from calmline.errors import CliError

    report: dict[str, Any] = {}
    for path in files:
        if not path.is_file():
            raise CliError(f"cannot read {path}: no such file")
        try:
            rows = load_file(path)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise CliError(f"{path}: not a JSONL file ({exc})") from None
        used = rows if split == "all" else [r for r in rows if r.split != "train"]
        results = evaluate_rows(used, path.name, fast=fast)
        report[str(path)] = {
            "rows": len(rows),
            "scored": len(used),
            "split": split,
            "path": "fast" if fast else "full",
            "tasks": {t: s.to_dict() for t, s in results.items()},
        }
    if as_json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(format_report(report))
    return 0


def format_report(report: dict[str, Any]) -> str:
    lines = []
    for path, entry in report.items():
        lines.append(f"{path}  ({entry['scored']} of {entry['rows']} rows, split={entry['split']})")
        for task, s in entry["tasks"].items():
            lines.append(
                f"  {task:<10} n={s['n']:<6} accuracy={s['accuracy']:.3f} "
                f"macro-F1={s['macro_f1']:.3f}"
            )
            for cls, c in s["per_class"].items():
                lines.append(
                    f"    {cls:<10} P={c['precision']:.3f} R={c['recall']:.3f} "
                    f"F1={c['f1']:.3f} support={c['support']}"
                )
    return "\n".join(lines)
