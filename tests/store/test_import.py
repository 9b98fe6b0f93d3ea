"""Importing real e-mail files, an mbox and ticket exports into the store (SQLite and
PostgreSQL): threading, text extraction, attachments, idempotency, unparsable messages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import UTC
from pathlib import Path

from sqlalchemy import select

from calmline.ingest.importer import import_file
from calmline.protocol.policy import load_policy
from calmline.store.db import Store
from calmline.store.models import Case, CustomerIdentity, Message

DATA = Path(__file__).resolve().parents[1] / "data"
MAIL = DATA / "mail"
POLICY = load_policy()


def test_eml_files_are_threaded_into_one_case(store: Store) -> None:
    for name in ("01-complaint.eml", "02-agent-reply.eml", "03-customer-again.eml"):
        report = import_file(store, MAIL / name, POLICY)
        assert report.stored == 1 and not report.errors
    with store.session() as s:
        cases = s.scalars(select(Case)).all()
        assert len(cases) == 1
        case = cases[0]
        msgs = s.scalars(
            select(Message).where(Message.case_id == case.id).order_by(Message.id)
        ).all()
        assert [m.role for m in msgs] == ["customer", "agent", "customer"]
        first, reply, again = msgs
        assert "<b>" not in first.text and "boos" in first.text  # HTML became text
        assert first.attachments == {"names": ["factuur-48213.pdf"]}
        assert "schreef" not in reply.text and "lekt al na twee dagen" not in reply.text
        assert "acht dagen later" in again.text and "Het spijt me" not in again.text
        assert first.analysis is not None and first.analysis["language"]["code"] == "nl"
        assert case.subject.startswith("Kapotte koffiemachine")
        ident = s.scalar(
            select(CustomerIdentity).where(CustomerIdentity.value == "sanne@example.org")
        )
        assert ident is not None and case.customer_id == ident.customer_id


def test_mbox_import_is_idempotent_and_keeps_a_broken_message(store: Store) -> None:
    first = import_file(store, MAIL / "thread.mbox", POLICY)
    assert first.stored == 3 and len(first.errors) == 1
    again = import_file(store, MAIL / "thread.mbox", POLICY)
    assert again.stored == 0 and again.duplicates == 4
    with store.session() as s:
        broken = s.scalars(select(Message).where(Message.parse_error.is_not(None))).all()
        assert len(broken) == 1 and "not an e-mail" in (broken[0].raw or "")
        assert len(s.scalars(select(Message)).all()) == 4


def test_ticket_exports(store: Store) -> None:
    report = import_file(store, DATA / "tickets.csv", POLICY)
    assert report.stored == 3 and len(report.errors) == 3 and len(report.cases) == 1
    assert any("role" in e for e in report.errors) and any("time" in e for e in report.errors)
    jsonl = import_file(store, DATA / "tickets.jsonl", POLICY)
    assert jsonl.stored == 2 and len(jsonl.errors) == 2
    assert import_file(store, DATA / "tickets.csv", POLICY).stored == 0
    with store.session() as s:
        chat = s.scalar(select(Case).where(Case.external_key == "csv:tickets.csv:T-1001"))
        assert chat is not None and chat.channel == "chat"
        roles = [
            m.role
            for m in s.scalars(
                select(Message).where(Message.case_id == chat.id).order_by(Message.id)
            )
        ]
        assert roles == ["customer", "agent", "customer"]
        kept = s.scalars(select(Message).where(Message.parse_error.is_not(None))).all()
        assert len(kept) == 5  # 3 CSV rows + 2 JSONL lines, each with its reason
        refused = s.scalar(select(Case).where(Case.external_key == "csv:tickets.csv:T-1002"))
        assert refused is None  # the row with the unreadable time opened no empty case


def test_cli_import_reports_and_refuses_bad_files(tmp_path: Path) -> None:
    env = {**os.environ, "CALMLINE_DATA_DIR": str(tmp_path / "d")}
    cli = [sys.executable, "-m", "calmline.cli", "import"]
    ok = subprocess.run(
        [*cli, str(MAIL / "thread.mbox")], capture_output=True, text=True, env=env, timeout=120
    )
    assert ok.returncode == 0, ok.stderr
    assert "3 messages stored in 1 cases" in ok.stdout and "1 kept unparsed" in ok.stdout
    missing = subprocess.run(
        [*cli, str(tmp_path / "nope.eml")], capture_output=True, text=True, env=env, timeout=60
    )
    assert missing.returncode == 2 and "no such file" in missing.stderr
    odd = tmp_path / "notes.txt"
    shutil.copy(DATA / "tickets.csv", odd)
    unknown = subprocess.run([*cli, str(odd)], capture_output=True, text=True, env=env, timeout=60)
    assert unknown.returncode == 2 and "unknown format" in unknown.stderr
    forced = subprocess.run(
        [*cli, str(odd), "--format", "csv"], capture_output=True, text=True, env=env, timeout=120
    )
    assert forced.returncode == 0 and "3 messages stored" in forced.stdout


def test_a_row_of_the_wrong_type_is_kept_raw_and_the_next_rows_are_stored(
    store: Store, tmp_path: Path
) -> None:
    """Issue 13: a numeric author once aborted the import and lost every row after it."""
    import json

    path = tmp_path / "typed.jsonl"
    rows = [
        {"ticket": "T-num", "text": "Waar is mijn pakket?", "author": 123},
        {"ticket": "T-ok", "text": "Deze rij komt gewoon binnen."},
        {"ticket": "T-at", "text": "Tijd als getal", "at": 1717236000},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    report = import_file(store, path, POLICY)
    assert report.stored == 1
    assert any("author: must be text" in e for e in report.errors)
    assert any("at: must be" in e for e in report.errors)
    with store.session() as s:
        texts = [m.text for m in s.scalars(select(Message))]
    assert "Deze rij komt gewoon binnen." in texts


def test_a_csv_field_over_128_kib_is_stored_and_the_rest_follows(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "big.csv"
    big = "Lange klacht. " * 20_000  # about 280 KiB in one cell
    path.write_text(f'ticket,text\nB1,"{big}"\nB2,De rij erna.\n', encoding="utf-8")
    report = import_file(store, path, POLICY)
    assert report.stored == 2 and not report.errors


def test_an_offset_time_is_stored_in_utc(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "tz.jsonl"
    path.write_text(
        '{"ticket": "TZ", "text": "Hallo", "at": "2025-06-01T10:00:00+02:00"}\n', encoding="utf-8"
    )
    assert import_file(store, path, POLICY).stored == 1
    with store.session() as s:
        msg = s.scalars(select(Message).where(Message.text == "Hallo")).one()
    at = msg.at if msg.at.tzinfo is None else msg.at.astimezone(UTC).replace(tzinfo=None)
    assert (at.hour, at.minute) == (8, 0)
