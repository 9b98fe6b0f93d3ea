"""``calmline demo``: what ``make run`` shows until the web app exists."""

from __future__ import annotations

import json
from importlib import resources

from calmline.analyzer.pipeline import analyze_many
from calmline.commands.analyze import summary


def run_demo() -> int:
    path = resources.files("calmline.examples").joinpath("messages.jsonl")
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    results = analyze_many([r["text"] for r in rows])
    for row, result in zip(rows, results, strict=True):
        print("─" * 72)
        print(f"[{row['id']}] {row['text']}")
        print()
        print(summary(result))
    print("─" * 72)
    print('Try it yourself:  .venv/bin/calmline analyze "your message" --json')
    return 0
