"""Issue 13, "nothing lost": ``calmline import`` of generated JSONL and CSV exports.

Each property runs the command line in process (``calmline.cli.main``) on a fresh SQLite
store and holds for every file:

- the command ends with status 0 and no exception (a traceback fails the test);
- every row is accounted for: stored as a message, kept raw with its parse error, or the
  same message already there — and the store holds exactly what the summary line says;
- importing the file again stores nothing and names every row "already there";
- a row that is a valid export row is stored as a message, read back by its id.

Rows: arbitrary JSON values, the real rows of ``tests/data/tickets.*`` with fields replaced
by values of any type, invalid JSON, binary junk, CSV records with quotes, NUL, line breaks
in cells, large cells and the wrong number of fields.
"""

from __future__ import annotations

import contextlib
import copy
import csv
import io
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from calmline.cli import main
from calmline.ingest.importer import Report, import_file
from calmline.protocol.policy import load_policy
from calmline.settings import Settings
from calmline.store.db import Store
from calmline.store.models import Case, Message

DATA = Path(__file__).resolve().parents[1] / "data"
GOOD_ROWS = [
    json.loads(line)
    for line in (DATA / "tickets.jsonl").read_text(encoding="utf-8").splitlines()
    if line.startswith('{"')
]
COLUMNS = ["ticket", "text", "role", "at", "channel", "subject", "author", "email", "id"]
SUMMARY = re.compile(
    r"(\d+) messages stored in (\d+) cases, (\d+) already there, (\d+) kept unparsed"
)

FUZZ = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("import-fuzz")


# --- running the command line --------------------------------------------------------------


@dataclass
class Summary:
    stored: int
    cases: int
    duplicates: int
    unparsed: int

    @property
    def rows(self) -> int:
        return self.stored + self.duplicates + self.unparsed


def cli_import(data_dir: Path, path: Path, fmt: str) -> Summary:
    """``calmline import PATH --format FMT`` in process, on the SQLite store in
    ``data_dir``; any exception out of it fails the test with its traceback."""
    env = {"CALMLINE_DATA_DIR": str(data_dir)}
    out, err = io.StringIO(), io.StringIO()
    with (
        mock.patch.dict(os.environ, env),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        os.environ.pop("CALMLINE_DATABASE_URL", None)  # restored when the patch ends
        code = main(["import", str(path), "--format", fmt])
    assert code == 0, err.getvalue()
    assert "Traceback" not in out.getvalue() + err.getvalue()
    found = SUMMARY.search(out.getvalue())
    assert found is not None, out.getvalue()
    return Summary(*(int(n) for n in found.groups()))


def messages(data_dir: Path) -> list[Message]:
    store = Store(Settings(data_dir=data_dir, database_url=None), migrate=False)
    try:
        with store.session() as s:
            return list(s.scalars(select(Message).order_by(Message.id)))
    finally:
        store.close()


def check_import(path: Path, fmt: str, rows: int | None) -> tuple[Path, Summary]:
    """Import ``path`` twice into a fresh store and check that every row is accounted for
    (``rows``: how many the file has, where the test knows)."""
    data_dir = Path(tempfile.mkdtemp(dir=path.parent))
    first = cli_import(data_dir, path, fmt)
    if rows is not None:
        assert first.rows == rows, (first, rows)
    stored = messages(data_dir)
    raw = [m for m in stored if m.parse_error is not None]
    assert len(stored) == first.stored + first.unparsed, (first, len(stored))
    assert len(raw) == first.unparsed, (first, len(raw))
    for m in stored:
        if m.parse_error is None:
            assert m.text.strip() and m.raw is None, m.text
        else:
            assert m.parse_error.strip() and m.raw is not None and m.text == ""
    again = cli_import(data_dir, path, fmt)
    assert (again.stored, again.unparsed, again.duplicates) == (0, 0, first.rows), again
    assert len(messages(data_dir)) == len(stored)
    return data_dir, first


def _file(workdir: Path, suffix: str, content: bytes) -> Path:
    fd, name = tempfile.mkstemp(suffix=suffix, dir=workdir)
    with os.fdopen(fd, "wb") as f:
        f.write(content)
    return Path(name)


def _stored_text(text: str) -> str:
    """A row's text as the store keeps it: a lone surrogate (not UTF-8 at all) and NUL
    (which PostgreSQL refuses) each made U+FFFD."""
    return (
        text.encode("utf-8", "surrogatepass").decode("utf-8", "replace").replace("\x00", "\ufffd")
    )


# --- strategies ----------------------------------------------------------------------------

ODD = ["", " ", "\x00", "\ud800", "\u2028", "\u0085", "\x1c", "\u202e", "😡", '"', ",", "\r", "\n"]
texts = st.one_of(st.text(st.characters(exclude_categories=()), max_size=20), st.sampled_from(ODD))
json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**40), max_value=10**40),
        st.floats(),
        texts,
    ),
    lambda kids: st.one_of(
        st.lists(kids, max_size=3),
        st.dictionaries(st.one_of(st.sampled_from(COLUMNS), texts), kids, max_size=5),
    ),
    max_leaves=10,
)


@st.composite
def mutated_row(draw: st.DrawFn) -> dict[str, Any]:
    """A real export row with up to three fields replaced by any value, or removed."""
    row: dict[str, Any] = copy.deepcopy(draw(st.sampled_from(GOOD_ROWS)))
    for _ in range(draw(st.integers(0, 3))):
        key = draw(st.sampled_from(COLUMNS))
        if draw(st.booleans()):
            row.pop(key, None)
        else:
            row[key] = draw(json_values)
    return row


def _dumps(value: Any, ascii_only: bool) -> bytes:
    return json.dumps(value, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")


jsonl_lines = st.one_of(
    st.tuples(json_values, st.booleans()).map(lambda t: _dumps(*t)),
    st.tuples(mutated_row(), st.booleans()).map(lambda t: _dumps(*t)),
    st.tuples(mutated_row(), st.integers(0, 200)).map(lambda t: _dumps(t[0], True)[: t[1]]),
    st.binary(max_size=60),
    st.integers(1, 3000).map(lambda n: b"[" * n),  # deeper than the parser recurses
    st.integers(4300, 5000).map(  # more digits than Python turns into an int
        lambda n: b'{"ticket": "big", "text": "x", "id": ' + b"7" * n + b"}"
    ),
    st.sampled_from(
        [
            b"",
            b"   ",
            b"{not json at all",
            b"null",
            b'{"ticket": "T", "text": "NaN", "n": NaN}',
            b'{"ticket": "T", "text": "\\ud800 lone"}',
            b'{"ticket": "T", "text": "a\xe2\x80\xa8b"}',  # a raw U+2028 in a string
            b'{"ticket": "T", "text": "x", "at": "9999-12-31T23:59:59-14:00"}',
            b'{"ticket": "T", "text": "x", "role": "\\ud800"}',
        ]
    ),
)


def _jsonl_rows(content: bytes) -> int:
    """The rows of a JSONL file: its non-blank lines (only "\\n" ends a line in JSONL)."""
    text = content.decode("utf-8-sig", "replace")
    return sum(1 for line in text.split("\n") if line.strip())


@st.composite
def jsonl_files(draw: st.DrawFn) -> bytes:
    lines = draw(st.lists(jsonl_lines, max_size=8))
    end = draw(st.sampled_from([b"\n", b"\r\n"]))
    bom = draw(st.sampled_from([b"", b"\xef\xbb\xbf"]))
    return bom + end.join(lines) + draw(st.sampled_from([b"", end]))


# a valid export row: what the documented columns allow
valid_text = st.text(st.characters(exclude_categories=()), min_size=1, max_size=40).filter(
    lambda t: bool(t.strip())
)
valid_rows = st.fixed_dictionaries(
    {"ticket": st.one_of(st.integers(-(10**12), 10**12), valid_text), "text": valid_text},
    optional={
        "role": st.sampled_from(["customer", "agent", "Agent", "CUSTOMER"]),
        "at": st.sampled_from(
            ["2026-03-03T09:00:00Z", "2025-06-01T10:00:00+02:00", "2024-02-29 23:59:59"]
        ),
        "channel": st.sampled_from(["email", "chat", "phone", "social"]),
        "subject": texts,
        "author": valid_text,
        "email": st.emails(),
    },
)


# --- the properties ------------------------------------------------------------------------


@FUZZ
@given(content=jsonl_files())
@example(
    content=b'{"ticket": "1", "text": "x", "id": '
    + b"9" * 5000
    + b'}\n{"ticket": "2", "text": "y"}'
)
@example(content=b"[" * 100_000 + b'\n{"ticket": "2", "text": "after a deep line"}')
@example(content=b'{"ticket": "1", "text": "hi \\ud800"}\n{"ticket": "2", "text": "after"}')
def test_jsonl_every_line_is_stored_or_kept_raw(workdir: Path, content: bytes) -> None:
    path = _file(workdir, ".jsonl", content)
    rows = _jsonl_rows(content)
    data_dir, _ = check_import(path, "jsonl", rows)
    lines = content.decode("utf-8-sig", "replace").split("\n")
    kept = {line.replace("\x00", "\\x00") for line in lines}
    for m in messages(data_dir):
        if m.parse_error is not None:
            assert m.raw in kept or (m.raw or "") + "\r" in kept, m.raw


@settings(FUZZ, max_examples=30)  # each row is analysed: the slowest to store
@given(
    rows=st.lists(valid_rows, min_size=1, max_size=5),
    ids=st.sampled_from(["int", "text", "none"]),
    ascii_only=st.booleans(),
    end=st.sampled_from(["\n", "\r\n"]),
    bom=st.booleans(),
)
@example(
    rows=[{"ticket": "T", "text": "a\u2028b"}], ids="text", ascii_only=False, end="\n", bom=False
)
@example(rows=[{"ticket": "T", "text": "hi"}], ids="none", ascii_only=True, end="\n", bom=True)
def test_jsonl_valid_rows_are_all_stored(
    workdir: Path,
    rows: list[dict[str, Any]],
    ids: str,
    ascii_only: bool,
    end: str,
    bom: bool,
) -> None:
    rows = [dict(row) for row in rows]  # the drawn rows stay as drawn, for the report
    for i, row in enumerate(rows):
        if ids == "int":
            row["id"] = i + 1
        elif ids == "text":
            row["id"] = f"m-{i}"
        else:
            row["text"] += f" #{i}"  # the derived id differs: no row is a duplicate
    text = end.join(json.dumps(r, ensure_ascii=ascii_only) for r in rows) + end
    content = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8", "surrogatepass")
    path = _file(workdir, ".jsonl", content)
    data_dir, first = check_import(path, "jsonl", len(rows))
    assert (first.stored, first.unparsed) == (len(rows), 0), first
    _read_back(data_dir, f"jsonl:{path.name}", rows, by_id=ids != "none")


def _read_back(data_dir: Path, source: str, rows: list[dict[str, Any]], by_id: bool) -> None:
    store = Store(Settings(data_dir=data_dir, database_url=None), migrate=False)
    try:
        with store.session() as s:
            stored = list(s.scalars(select(Message).where(Message.source == source)))
            assert len(stored) == len(rows), len(stored)
            by_text = {m.text: m for m in stored}
            for row in rows:
                want = _stored_text(str(row["text"]))
                if by_id:
                    m = s.scalar(
                        select(Message).where(
                            Message.source == source, Message.external_id == str(row["id"])
                        )
                    )
                    assert m is not None, row
                    assert m.text == want, (m.text, want)
                else:
                    m = by_text.get(want)
                    assert m is not None, (want, list(by_text))
                assert m.role == (str(row.get("role") or "customer")).lower()
                case = s.get(Case, m.case_id)
                assert case is not None and case.external_key is not None
                assert case.external_key.startswith(f"{source}:")
    finally:
        store.close()


line_ends = st.sampled_from(["\r\n", "\n"])


def _writer(out: io.StringIO, end: str) -> Any:
    """A csv writer ending lines with ``end``; it quotes a cell holding "\\r" only when
    "\\r" is in the line ending, so with "\\n" alone every cell is quoted."""
    if end == "\r\n":
        return csv.writer(out, lineterminator=end, quoting=csv.QUOTE_MINIMAL)
    return csv.writer(out, lineterminator=end, quoting=csv.QUOTE_ALL)


csv_cells = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=25),
    st.sampled_from(
        ['"', '""', ",", "\n", "\r\n", "\r", "\x00", "a\x00b", "\ufeff", "x" * 200_000, ""]
    ),
)


@st.composite
def csv_files(draw: st.DrawFn) -> tuple[bytes, int]:
    """A CSV export written by the csv module (so the test knows its records), and how many
    rows it has: a header of any columns, records of any length."""
    header = draw(
        st.one_of(
            st.permutations(COLUMNS[2:]).map(lambda cols: ["ticket", "text", *cols[:3]]),
            st.lists(st.one_of(st.sampled_from(COLUMNS), csv_cells), max_size=6),
        )
    )
    records = draw(st.lists(st.lists(csv_cells, max_size=len(header) + 2), max_size=6))
    good = draw(st.lists(st.sampled_from(_good_csv_records()), max_size=3))
    records += [[rec.get(col, "") for col in header] for rec in good]
    buf = io.StringIO()
    _writer(buf, draw(line_ends)).writerows([header, *records])
    bom = "\ufeff" if draw(st.booleans()) else ""
    rows = sum(1 for r in records if r != [])  # the csv module skips an empty record
    return (bom + buf.getvalue()).encode("utf-8"), rows


def _good_csv_records() -> list[dict[str, str]]:
    with (DATA / "tickets.csv").open(encoding="utf-8", newline="") as f:
        return [{k: v for k, v in r.items() if k is not None} for r in csv.DictReader(f)]


@FUZZ
@given(drawn=csv_files())
def test_csv_every_record_is_stored_or_kept_raw(workdir: Path, drawn: tuple[bytes, int]) -> None:
    content, rows = drawn
    check_import(_file(workdir, ".csv", content), "csv", rows)


@FUZZ
@given(
    content=st.one_of(
        st.binary(max_size=300),
        st.lists(st.binary(max_size=40), max_size=6).map(
            lambda ls: b"ticket,text\n" + b"\n".join(ls)
        ),
        st.sampled_from(
            [
                b'ticket,text\nT1,"never closed\nT2,after',
                b'ticket,text\nT1,"a"b"\nT2,ok',
                b"ticket,text\nT1,\x00\x00\nT2,\xff\xfe",
                b'\xef\xbb\xbfticket,text\r\nT1,"x"\r\n\r\n,\r\n',
            ]
        ),
    )
)
def test_csv_junk_is_accounted_for(workdir: Path, content: bytes) -> None:
    check_import(_file(workdir, ".csv", content), "csv", None)


@settings(FUZZ, max_examples=30)  # each row is analysed: the slowest to store
@given(
    rows=st.lists(valid_rows, min_size=1, max_size=5),
    order=st.permutations(COLUMNS),
    end=line_ends,
)
def test_csv_valid_rows_are_all_stored(
    workdir: Path, rows: list[dict[str, Any]], order: list[str], end: str
) -> None:
    rows = [{**row, "id": f"c-{i}"} for i, row in enumerate(rows)]
    buf = io.StringIO()
    out = _writer(buf, end)
    out.writerow(order)
    out.writerows([[row.get(col, "") for col in order] for row in rows])
    path = _file(workdir, ".csv", buf.getvalue().encode("utf-8", "surrogatepass"))
    data_dir, first = check_import(path, "csv", len(rows))
    assert (first.stored, first.unparsed) == (len(rows), 0), first
    _read_back(data_dir, f"csv:{path.name}", rows, by_id=True)


# --- regressions, on SQLite and PostgreSQL (the ``store`` fixture) -------------------------

POLICY = load_policy()


def _twice(store: Store, path: Path) -> tuple[Report, Report]:
    return import_file(store, path, POLICY), import_file(store, path, POLICY)


def test_a_long_file_name_imports_twice(store: Store, tmp_path: Path) -> None:
    """Was an IntegrityError on the second import: the source "jsonl:<name>" was cut to 40
    characters when stored, looked up whole, not found, and inserted again."""
    path = tmp_path / "helpdesk-export-2026-03-04-all-tickets.jsonl"
    path.write_text('{"ticket": "L-1", "text": "Waar blijft mijn pakket?"}\n', encoding="utf-8")
    first, again = _twice(store, path)
    assert (first.stored, again.stored, again.duplicates) == (1, 0, 1)


def test_long_ids_and_nul_in_ids_are_found_again(store: Store, tmp_path: Path) -> None:
    """Was an IntegrityError: a ticket over 400 characters (two rows of it: the case's key
    cut when stored, the second row opened the "same" case again), an id over 300 imported
    twice, a ticket with NUL in two rows (the same, stored with U+FFFD), and an id with
    NUL imported twice (looked up with NUL, not found: counted as stored again)."""
    rows = [
        {"ticket": "T" * 500, "text": "Eerste bericht over de lange zaak."},
        {"ticket": "T" * 500, "text": "Tweede bericht over de lange zaak.", "role": "agent"},
        {"ticket": "I", "id": "I" * 400 + "1", "text": "Een heel lang id."},
        {"ticket": "I", "id": "I" * 400 + "2", "text": "Net zo lang, op het eind anders."},
        {"ticket": "N\x00", "id": "n\x00", "text": "Een NUL in het id."},
        {"ticket": "N\x00", "text": "Tweede rij van de zaak met een NUL.", "role": "agent"},
    ]
    path = tmp_path / "long.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    first, again = _twice(store, path)
    assert (first.stored, first.duplicates, first.errors) == (6, 0, [])
    assert (again.stored, again.duplicates, again.errors) == (0, 6, [])
    with store.session() as s:
        long_case = s.scalars(
            select(Message.case_id).where(Message.text.like("%lange zaak%"))
        ).all()
    assert len(long_case) == 2 and len(set(long_case)) == 1  # one thread, one case


def test_a_row_the_store_refuses_is_kept_whole(store: Store, tmp_path: Path) -> None:
    """Was: a row refused by the store (a time beyond the calendar) kept only its text; its
    ticket, author, address and time were lost."""
    line = '{"ticket": "R-1", "author": "Ann", "text": "x", "at": "9999-12-31T23:59:59-14:00"}'
    path = tmp_path / "refused.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    report = import_file(store, path, POLICY)
    assert report.stored == 0 and len(report.errors) == 1
    with store.session() as s:
        kept = s.scalars(select(Message).where(Message.parse_error.is_not(None))).one()
    assert kept.raw == line and "at:" in (kept.parse_error or "")


def test_a_long_message_id_in_mail_imports_twice(store: Store, tmp_path: Path) -> None:
    """The same cut as for ticket ids, for a Message-ID over 300 characters."""
    mail = (DATA / "mail" / "01-complaint.eml").read_text(encoding="utf-8")
    path = tmp_path / "long-id.eml"
    path.write_text(
        mail.replace("<c1.48213@example.org>", "<" + "c" * 400 + "@example.org>"),
        encoding="utf-8",
    )
    first, again = _twice(store, path)
    assert (first.stored, again.stored, again.duplicates) == (1, 0, 1)
