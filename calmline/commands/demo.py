"""``calmline demo`` (``make demo``): the analysis of
the bundled messages, then guidance and a drafted reply for the bundled conversations."""

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
    _conversations()
    print("─" * 72)
    print('Try it yourself:  .venv/bin/calmline analyze "your message" --json')
    print("                  .venv/bin/calmline guide | draft CONVERSATION.json")
    return 0


def _conversations() -> None:
    from calmline.protocol.conversation import parse_conversation
    from calmline.protocol.draft import draft_reading
    from calmline.protocol.guide import guide_reading
    from calmline.protocol.policy import load_policy
    from calmline.protocol.situation import read

    policy = load_policy()
    folder = resources.files("calmline.examples").joinpath("conversations")
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if not item.name.endswith(".json"):
            continue
        conv = parse_conversation(json.loads(item.read_text("utf-8")))
        reading = read(conv, policy)
        g = guide_reading(reading)
        print("═" * 72)
        print(f"[{item.name}] {conv.channel} · {conv.messages[-1].text}")
        for alert in g.alerts:
            if alert.kind != "response_overdue":  # the bundled threads are old
                print(f"  ALERT {alert.kind}: {alert.message}")
        for step in g.next:
            print(f"  next: {step.step} — {step.sentences[0].text if step.sentences else ''}")
        print()
        print("  draft:")
        for line in draft_reading(reading).text.splitlines():
            print(f"    {line}")
