"""The ``calmline`` command as a user runs it: a real subprocess, real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

CLI = [sys.executable, "-m", "calmline.cli"]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*CLI, *args], input=stdin, capture_output=True, timeout=120)


def test_analyze_text_as_json() -> None:
    proc = run("analyze", "Ik wil mijn geld terug voor bestelling #NL-22841!", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["language"]["code"] == "nl"
    assert any(f["kind"] == "order_number" for f in data["facts"])


@pytest.mark.parametrize("arg", [[], ["-"]])
def test_analyze_reads_stdin(arg: list[str]) -> None:
    proc = run("analyze", *arg, "--json", stdin=b"Wo bleibt mein Paket?")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["language"]["code"] == "de"


def test_human_summary_without_json() -> None:
    proc = run("analyze", "Where is my parcel?")
    assert proc.returncode == 0
    assert b"heat" in proc.stdout and b"language   en" in proc.stdout


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        (b"\xff\xfe\x00broken", b"not valid UTF-8"),
        (b"   \n", b"empty"),
    ],
)
def test_unreadable_or_empty_stdin_is_exit_2_one_line(stdin: bytes, message: bytes) -> None:
    proc = run("analyze", "--json", stdin=stdin)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert proc.stderr.count(b"\n") == 1
    assert b"Traceback" not in proc.stderr


def test_missing_file_and_bad_flags_are_exit_2() -> None:
    proc = run("analyze", "--file", "/nonexistent.jsonl")
    assert proc.returncode == 2 and b"no such file" in proc.stderr
    proc = run("analyze", "--bogus")
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    proc = run("analyze", "x", "--out", "y.jsonl")
    assert proc.returncode == 2 and b"--out needs --file" in proc.stderr


def test_jsonl_file_keeps_order_copies_keys_and_reports_bad_lines(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "Where is order #12345?", "channel": "chat"}),
        json.dumps({"id": "b", "body": "no text key"}),
        "{not json",
        json.dumps({"id": "c", "text": 42}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"id": "d", "text": "Ich bin sehr zufrieden, danke!"}),
    ]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = run("analyze", "--file", str(src), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(lines)
    assert rows[0]["id"] == "a" and rows[0]["channel"] == "chat" and "heat" in rows[0]
    assert "text" not in rows[0]
    assert rows[1]["id"] == "b" and "missing key 'text'" in rows[1]["error"]
    assert "invalid JSON" in rows[2]["error"] and rows[2]["line"] == 3
    assert "'text' must be a string" in rows[3]["error"]
    assert "expected a JSON object" in rows[4]["error"]
    assert "empty line" in rows[5]["error"]
    assert rows[6]["id"] == "d" and rows[6]["language"]["code"] == "de"
    assert b"analysing" in proc.stderr  # the progress bar
    assert b"5 of 7 lines had errors" in proc.stderr


def test_jsonl_with_invalid_utf8_loses_no_line(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(b'{"id": 1, "text": "caf\xe9 was cold"}\n{"id": 2, "text": "ok"}\n')
    proc = run("analyze", "--file", str(src))
    assert proc.returncode == 0
    rows = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [r["id"] for r in rows] == [1, 2]


def test_demo_runs() -> None:
    proc = run("demo")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count(b"language") >= 5


def test_eval_reports_metrics(tmp_path: Path) -> None:
    src = tmp_path / "tiny.val.jsonl"
    rows = [
        {
            "id": "t-0",
            "source": "tiny",
            "lang": "en",
            "text": "I love it, thanks!",
            "sentiment": "positive",
        },
        {
            "id": "t-1",
            "source": "tiny",
            "lang": "en",
            "text": "Terrible, broken again.",
            "sentiment": "negative",
        },
    ]
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    proc = run("eval", str(src), "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)[str(src)]
    s = report["tasks"]["sentiment"]
    assert s["n"] == 2
    assert 0.0 <= s["macro_f1"] <= 1.0
    assert set(s["per_class"]) >= {"positive", "negative"}
    proc = run("eval", str(tmp_path / "missing.jsonl"))
    assert proc.returncode == 2 and b"no such file" in proc.stderr


@pytest.mark.parametrize(
    ("path", "tasks"),
    [
        ("data/hazards/nl.jsonl", {"hazard", "hazard_kind"}),
        ("data/threats/pl.jsonl", {"threat"}),  # threats against anyone
        ("data/long/de.jsonl", {"sentiment", "sarcasm"}),  # long, praise and blame mixed
    ],
)
def test_eval_scores_only_the_held_out_quarter_of_our_own_sets(path: str, tasks: set[str]) -> None:
    from calmline.training.data import own_split

    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]
    held_out = [r for r in rows if own_split(r["id"]) == "heldout"]
    proc = run("eval", path, "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)[path]
    assert report["scored"] == len(held_out) < len(rows)
    assert set(report["tasks"]) == tasks
    for task in tasks:
        assert report["tasks"][task]["n"] == len(held_out)


def test_eval_fast_scores_the_fast_path_on_the_same_rows() -> None:
    path = "data/long/en.jsonl"
    full = json.loads(run("eval", path, "--json").stdout)[path]
    proc = run("eval", path, "--json", "--fast")
    assert proc.returncode == 0, proc.stderr
    fast = json.loads(proc.stdout)[path]
    assert (full["path"], fast["path"]) == ("full", "fast")
    assert fast["scored"] == full["scored"]
    assert fast["tasks"]["sentiment"]["n"] == full["tasks"]["sentiment"]["n"]


def test_at_resolves_relative_dates_and_a_bad_time_is_exit_2(tmp_path: Path) -> None:
    proc = run("analyze", "Gestern kam niemand.", "--at", "2026-11-24T10:00:00Z", "--json")
    assert proc.returncode == 0, proc.stderr
    facts = json.loads(proc.stdout)["facts"]
    assert [(f["kind"], f["normalized"]) for f in facts] == [("date", "2026-11-23")]
    bad = run("analyze", "Gestern kam niemand.", "--at", "gestern")
    assert bad.returncode == 2 and b"--at" in bad.stderr and b"Traceback" not in bad.stderr
    lines = tmp_path / "in.jsonl"
    lines.write_text(
        '{"text": "Gestern kam nichts.", "at": "2026-11-24T10:00"}\n{"text": "x", "at": 5}\n',
        encoding="utf-8",
    )
    out = run("analyze", "--file", str(lines))
    rows = [json.loads(x) for x in out.stdout.decode().splitlines()]
    assert rows[0]["facts"][0]["normalized"] == "2026-11-23"
    assert "'at'" in rows[1]["error"]
