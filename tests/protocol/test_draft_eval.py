"""``calmline eval-drafts``: the property checks, the injected violations, the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from calmline.protocol.conversation import parse_conversation
from calmline.protocol.draft_eval import _inject, _typo, check, evaluate
from calmline.protocol.policy import load_policy
from calmline.protocol.situation import read
from tests.protocol.test_cli_protocol import run

DATA = Path(__file__).parents[1] / "data" / "drafts"

ROW = {
    "id": "de-d-900",
    "lang": "de",
    "conversation": {
        "channel": "email",
        "customer": {"name": "Sabine Krüger", "gender": "female"},
        "messages": [
            {
                "role": "customer",
                "text": "Meine Kaffeemaschine (189,00 €, Bestellung 30418-77) ist nach zwei "
                "Wochen kaputt. Sie hatten Lieferung in vier Tagen versprochen, ich habe "
                "drei Wochen gewartet. Ich will mein Geld zurück!",
            }
        ],
    },
    "expected": {
        "register": "formal",
        "reply_lang": "de",
        "salutation": {"any": ["Frau Krüger"], "none": ["Sabine"]},
        "calm_question": None,
        "hazard": False,
        "wants": ["refund"],
        "above_limit": ["refund"],
        "refused": [],
        "never": [],
        "durations": [
            {"message": 0, "text": "vier Tagen", "role": "promised"},
            {"message": 0, "text": "drei Wochen", "role": "elapsed"},
        ],
    },
}
GOOD = (
    "Sehr geehrte Frau Krüger,\n\nes tut mir leid, dass Ihre Kaffeemaschine nach drei Wochen "
    "Wartezeit kaputt ist. Über eine Erstattung von 189,00 € entscheidet meine Teamleiterin; "
    "ich habe den Fall an sie weitergegeben, Sie hören bis morgen von uns.\n\nViele Grüße\n"
    "Jonas Weber"
)


def _reading() -> object:
    return read(parse_conversation(ROW["conversation"]), load_policy())


@pytest.mark.parametrize(
    ("draft", "failing"),
    [
        (GOOD, set()),
        (GOOD.replace("Frau Krüger", "Sabine Krüger"), {"salutation"}),
        (GOOD.replace("189,00 €", "198,00 €"), {"facts"}),
        (
            GOOD.replace(
                "es tut mir leid",
                "Sie warten seit vier Tagen, es tut mir leid",
            ),
            {"facts"},
        ),
        (
            GOOD.replace(
                "Über eine Erstattung von 189,00 € entscheidet meine Teamleiterin; ich habe den "
                "Fall an sie weitergegeben, Sie hören bis morgen von uns.",
                "Wir erstatten Ihnen den Kaufpreis.",
            ),
            {"authority"},
        ),
        (GOOD.replace("Sie hören", "du hörst"), {"register"}),
    ],
)
def test_each_property_fails_on_its_own_violation(draft: str, failing: set[str]) -> None:
    r = _reading()
    results = check(ROW, r, draft)  # type: ignore[arg-type]
    assert {k for k, ok in results.items() if not ok} == failing


def test_injections_break_what_they_say() -> None:
    r = _reading()
    kinds = dict(_inject(ROW, r, GOOD))  # type: ignore[arg-type]
    assert set(kinds) == {"authority", "wrong_elapsed"}
    assert "189,00 €" in kinds["authority"] and "vier Tagen" in kinds["wrong_elapsed"]
    assert kinds["authority"].startswith("Sehr geehrte Frau Krüger,\n\n")


def test_typos_change_the_word() -> None:
    assert _typo("Rückerstattung") != "Rückerstattung"
    assert sorted(_typo("bestelling")) == sorted("bestelling")


def test_the_reviewer_catches_the_violations_injected_into_composed_drafts() -> None:
    """No special case for calmline's own drafts: the broken variants of every composed
    draft on the train split are reviewed like a human's (a regression guard at the level
    measured in docs/benchmarks.md; the held-out figure lives there, not here)."""
    report = evaluate(DATA, ["nl", "de", "pl", "en"], "train", load_policy())
    pooled = report.pooled()
    assert pooled.rows >= 120
    for kind in ("missing_safety", "public_data"):
        assert pooled.caught[kind] == pooled.injected[kind] > 0
    assert sum(pooled.caught.values()) >= 0.85 * sum(pooled.injected.values())
    assert sum(pooled.false_flags.values()) == 0
    assert pooled.failed["language"] == 0 and pooled.failed["register"] == 0


def test_the_command_prints_a_table_and_json() -> None:
    args = ("eval-drafts", "--split", "train", "--no-spelling")
    out = run(*args, "en")
    assert out.returncode == 0, out.stderr
    assert "| salutation |" in out.stdout and "injected violations" in out.stdout
    data = json.loads(run(*args, "--json", "pl").stdout)
    assert data["languages"]["pl"]["rows"] > 20


def test_errors_are_refused_on_the_held_out_split() -> None:
    done = run("eval-drafts", "--errors", "--no-spelling", "en")
    assert done.returncode == 2 and "train split only" in done.stderr
    assert "Traceback" not in done.stderr
