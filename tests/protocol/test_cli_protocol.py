"""``calmline guide | review | draft | eval-review`` as a user runs them: a real subprocess,
real files; invalid input is one line on stderr and exit status 2, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.protocol.scenarios import conversation

CLI = [sys.executable, "-m", "calmline.cli"]
EXAMPLES = Path(__file__).resolve().parents[2] / "calmline" / "examples" / "conversations"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=180)


def _write(tmp_path: Path, data: Any, name: str = "c.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_draft_json_for_a_bundled_example() -> None:
    proc = run("draft", str(EXAMPLES / "late-refund-nl.json"), "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["language"] == "nl" and "apologize" in out["steps"]
    assert "5 werkdagen" in out["text"]


def test_guide_human_output_shows_the_threat_alert() -> None:
    proc = run("guide", str(EXAMPLES / "threat-de.json"))
    assert proc.returncode == 0, proc.stderr
    assert "ALERT violence_threat" in proc.stdout
    assert "next: threat" in proc.stdout


def test_review_with_draft_text_and_file(tmp_path: Path) -> None:
    conv = str(EXAMPLES / "late-refund-nl.json")
    proc = run("review", "--conversation", conv, "--draft", "Dat is ons beleid.", "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["ready"] in (True, False) and out["language"] == "nl"
    assert {"no_apology", "policy_hiding"} <= {f["code"] for f in out["findings"]}
    draft = tmp_path / "draft.txt"
    draft.write_text("Het spijt me. U krijgt uw geld binnen 5 werkdagen terug.", encoding="utf-8")
    proc = run("review", "--conversation", conv, "--draft-file", str(draft))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("score ")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "not JSON"),
        (json.dumps({"messages": []}), "no customer message"),
        (json.dumps({"messages": [{"role": "robot", "text": "hi"}]}), "messages[0].role"),
        (
            json.dumps({"messages": [{"role": "customer", "text": "hi", "at": "yesterday"}]}),
            "messages[0].at",
        ),
        (json.dumps({"channel": "fax", "messages": []}), "channel"),
        (json.dumps([1, 2]), "must be a JSON object"),
    ],
)
@pytest.mark.parametrize("command", ["guide", "draft"])
def test_invalid_conversation_is_one_line_and_exit_2(
    tmp_path: Path, content: str, expected: str, command: str
) -> None:
    proc = run(command, str(_write(tmp_path, content)))
    assert proc.returncode == 2
    assert expected in proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_binary_conversation_file(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_bytes(b"\xff\xfe\x00binary")
    proc = run("guide", str(path))
    assert proc.returncode == 2 and "not UTF-8" in proc.stderr


def test_empty_draft_and_bad_draft_file(tmp_path: Path) -> None:
    conv = str(EXAMPLES / "late-refund-nl.json")
    proc = run("review", "--conversation", conv, "--draft", "  ")
    assert proc.returncode == 2 and "draft: empty" in proc.stderr
    bad = tmp_path / "d.txt"
    bad.write_bytes(b"\xff\xfe\xfa")
    proc = run("review", "--conversation", conv, "--draft-file", str(bad))
    assert proc.returncode == 2 and "not UTF-8" in proc.stderr
    proc = run("review", "--conversation", conv)
    assert proc.returncode == 2 and "--draft" in proc.stderr


def test_invalid_policy_names_file_and_key(tmp_path: Path) -> None:
    policy = tmp_path / "calmline.toml"
    policy.write_text("[organisation]\nname = 3\n", encoding="utf-8")
    proc = run("draft", str(EXAMPLES / "late-refund-nl.json"), "--policy", str(policy))
    assert proc.returncode == 2
    assert str(policy) in proc.stderr and "organisation.name" in proc.stderr


def test_ten_thousand_message_thread_is_handled(tmp_path: Path) -> None:
    msgs = []
    for i in range(5000):
        msgs.append({"role": "customer", "text": f"Waar blijft mijn pakket? ({i})"})
        msgs.append({"role": "agent", "text": "Ik zoek het voor u uit."})
    proc = run("guide", str(_write(tmp_path, {"messages": msgs})), "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["customer_messages_considered"] == 40


def test_draft_for_every_channel_stays_within_the_email_limit(tmp_path: Path) -> None:
    path = _write(tmp_path, conversation("exchange", "en", "email"))
    proc = run("draft", str(path), "--json")
    assert proc.returncode == 0
    assert len(json.loads(proc.stdout)["text"]) <= 1500


def test_eval_review_on_a_small_labelled_folder(tmp_path: Path) -> None:
    rows = [
        {
            "id": "en-r-001",
            "lang": "en",
            "register": "formal",
            "conversation": conversation("exchange", "en"),
            "draft": "Please calm down. You will have new shoes within 7 working days.",
            "labels": [
                {"code": "dismissive", "span": "calm down"},
                {"code": "no_apology", "span": None},
            ],
            "note": "",
        }
    ]
    (tmp_path / "en-b.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    proc = run("eval-review", "--data", str(tmp_path), "en")
    assert proc.returncode == 0, proc.stderr
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("| dismissive"))
    assert "1.00 / 1.00 (1)" in line
    proc = run("eval-review", "--data", str(tmp_path / "missing"))
    assert proc.returncode == 2
