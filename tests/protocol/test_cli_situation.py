"""``calmline situation | eval-situation`` as a user runs them: a real subprocess, real files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.protocol.test_cli_protocol import EXAMPLES, _write, run

DATA = Path(__file__).resolve().parents[1] / "data" / "situations"


def test_situation_json_carries_facts_with_evidence(tmp_path: Path) -> None:
    conv = {
        "channel": "email",
        "customer": {"name": "Sabine Krüger", "gender": "female"},
        "messages": [
            {
                "role": "customer",
                "text": "Bestellung 5521-10: seit drei Wochen warte ich, versprochen waren 4 "
                "Werktage. Der Wasserkocher riecht verbrannt!",
                "at": "2026-11-24T09:00:00Z",
            }
        ],
    }
    proc = run("situation", str(_write(tmp_path, conv)), "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    facts = {(f["kind"], f["normalized"], f["role"]) for f in out["facts"]}
    assert ("order_number", "5521-10", None) in facts
    assert ("duration", "P3W", "elapsed") in facts
    assert ("duration", "P4D", "promised") in facts
    assert [h["kind"] for h in out["hazards"]] == ["fire"]
    assert out["customer"]["salutation_name"] == "Krüger"


def test_situation_human_output() -> None:
    proc = run("situation", str(EXAMPLES / "late-refund-nl.json"))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("language nl")
    assert "facts:" in proc.stdout


def test_situation_bad_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    proc = run("situation", str(_write(tmp_path, "{not json")))
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_eval_situation_scores_a_small_folder(tmp_path: Path) -> None:
    folder = tmp_path / "situations"
    folder.mkdir()
    rows = [json.loads(line) for line in (DATA / "en.jsonl").read_text().splitlines()[:6]]
    (folder / "en.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    proc = run("eval-situation", "--data", str(folder), "--split", "all", "--json", "en")
    assert proc.returncode == 0, proc.stderr
    fields = json.loads(proc.stdout)["languages"]["en"]["fields"]
    assert {"facts", "sarcasm", "hazards", "org", "steps"} <= set(fields)
    assert 0.0 <= fields["facts"]["precision"] <= 1.0


def test_eval_situation_refuses_to_show_held_out_errors(tmp_path: Path) -> None:
    folder = tmp_path / "situations"
    shutil.copytree(DATA, folder)
    proc = run("eval-situation", "--data", str(folder), "--errors", "en")
    assert proc.returncode == 2
    assert "train split only" in proc.stderr


def test_eval_situation_bad_data_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "situations"
    folder.mkdir()
    (folder / "nl.jsonl").write_text("{broken\n", encoding="utf-8")
    proc = run("eval-situation", "--data", str(folder), "--split", "all", "nl")
    assert proc.returncode == 2
    assert "nl.jsonl:1" in proc.stderr and "Traceback" not in proc.stderr
