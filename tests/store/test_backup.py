"""``calmline backup`` and ``calmline restore`` on real SQLite files: a backup taken while
the server writes is one consistent moment, a restore into a fresh data directory gives back
every row, nothing is overwritten without ``--force``, and a bad source is one line."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select, text

from calmline.cli import main
from calmline.protocol.policy import load_policy
from calmline.settings import Settings
from calmline.store.backup import backup_sqlite, restore_sqlite, revisions
from calmline.store.db import Store, alembic_config, make_engine
from calmline.store.demo import load_demo
from calmline.store.models import Base, Case, Message, User, now
from calmline.store.service import add_message, add_note, add_task
from calmline.store.users import add_user

POLICY = load_policy()
Rows = dict[str, list[tuple[object, ...]]]


def rows(path: Path) -> Rows:
    """Every row of every table, in primary-key order."""
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
        names = [
            r[0]
            for r in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        found: Rows = {}
        for name in names:
            keys = [r[1] for r in db.execute(f'PRAGMA table_info("{name}")') if r[5]]
            order = ", ".join(f'"{k}"' for k in keys) or "rowid"
            found[name] = db.execute(f'SELECT * FROM "{name}" ORDER BY {order}').fetchall()
        return found


def schema(path: Path) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
        return db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()


def integrity(path: Path) -> list[str]:
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
        return [r[0] for r in db.execute("PRAGMA integrity_check")]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the demo cases, users, notes and tasks, built once and closed."""
    data = tmp_path_factory.mktemp("template")
    store = Store(Settings(data_dir=data))
    try:
        with store.session() as s:
            load_demo(s, POLICY)
            sue = s.scalars(select(User).where(User.name == "sue")).one()
            add_user(s, "olga", "admin", None)
            for case in s.scalars(select(Case).order_by(Case.id).limit(3)):
                add_note(s, case, sue, f"Called back about case {case.id}.", {"receipt": True})
                add_task(s, case, sue, "Send the refund", now() + timedelta(days=1))
    finally:
        store.close()
    db = data / "calmline.db"
    assert not Path(f"{db}-wal").exists()  # closed: one file to copy
    return db


@pytest.fixture(scope="module")
def good_backup(template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("good") / "good.sqlite3"
    return backup_sqlite(Settings(data_dir=template.parent), dest).path


@pytest.fixture
def filled(template: Path, tmp_path: Path) -> Settings:
    """A data directory of its own with a copy of the template store."""
    data = tmp_path / "live"
    data.mkdir()
    shutil.copyfile(template, data / "calmline.db")
    return Settings(data_dir=data)


Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    """``calmline ARGS`` in this process with CALMLINE_DATA_DIR (or a database URL) set."""

    def run(
        *args: str, data_dir: Path | None = None, url: str | None = None
    ) -> tuple[int, str, str]:
        monkeypatch.setenv("CALMLINE_DATA_DIR", str(data_dir or "unused-data-dir"))
        if url:
            monkeypatch.setenv("CALMLINE_DATABASE_URL", url)
        else:
            monkeypatch.delenv("CALMLINE_DATABASE_URL", raising=False)
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def one_line_error(err: str) -> None:
    assert err.startswith("calmline: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err


def test_a_backup_taken_while_the_server_writes_is_one_consistent_moment(
    filled: Settings, tmp_path: Path
) -> None:
    store = Store(filled)
    with store.session() as s:
        case_id = s.scalars(select(Case.id).order_by(Case.id)).first()
        base = s.scalar(select(func.count(Message.id))) or 0
    written = 0
    stop = threading.Event()
    failures: list[BaseException] = []

    def writer() -> None:
        nonlocal written
        try:
            while not stop.is_set():
                with store.session() as s:
                    case = s.get(Case, case_id)
                    assert case is not None
                    add_message(s, case, "agent", f"Update {written}: it is on its way.", POLICY)
                written += 1
        except BaseException as exc:  # reported below, not lost in the thread
            failures.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while written < 5 and time.monotonic() < deadline:
            time.sleep(0.01)
        live_wal = Path(f"{filled.data_dir / 'calmline.db'}-wal")
        assert live_wal.exists() and live_wal.stat().st_size > 0  # commits not yet checkpointed
        before = written
        # one page per step: the copy takes long enough for the writer to commit meanwhile
        info = backup_sqlite(filled, tmp_path / "during.sqlite3", pages=1, pause=0.003)
        after = written
    finally:
        stop.set()
        thread.join()
        store.close()
    assert not failures, failures
    assert after > before  # the server did write during the copy
    assert integrity(info.path) == ["ok"]

    copy = rows(info.path)
    messages = {r[0] for r in copy["messages"]}
    # every message and its audit entry were written in one transaction: a consistent copy
    # holds both or neither
    audit = copy["audit_log"]
    with closing(sqlite3.connect(info.path)) as db:
        columns = [c[1] for c in db.execute("PRAGMA table_info(audit_log)")]
    action, detail = columns.index("action"), columns.index("detail")
    audited = {
        json.loads(str(r[detail]))["message_id"] for r in audit if r[action] == "add_message"
    }
    assert messages == audited
    assert base + before <= len(messages) <= base + after
    assert info.rows["messages"] == len(messages)

    fresh = Settings(data_dir=tmp_path / "fresh")
    restored = restore_sqlite(fresh, info.path)
    assert rows(restored.path) == copy
    assert integrity(restored.path) == ["ok"]


def test_backup_and_restore_through_the_cli_give_back_every_row(
    filled: Settings, tmp_path: Path, cli: Cli
) -> None:
    live = filled.data_dir / "calmline.db"
    backups = tmp_path / "backups"
    backups.mkdir()
    code, out, err = cli("backup", str(backups), data_dir=filled.data_dir)
    assert code == 0, err
    [made] = list(backups.iterdir())  # no temporary file is left behind
    assert re.fullmatch(r"calmline-\d{8}T\d{6}Z\.sqlite3", made.name)
    assert out.count("\n") == 1 and str(made) in out
    head = revisions()[0]
    assert f"revision {head}" in out and " rows, " in out
    assert made.stat().st_mode & 0o777 == 0o600  # it holds password and token hashes
    assert integrity(made) == ["ok"]

    fresh = tmp_path / "fresh"
    code, out, err = cli("restore", str(made), data_dir=fresh)
    assert code == 0, err
    assert out.startswith(f"restored {made} into {fresh / 'calmline.db'}")
    assert rows(fresh / "calmline.db") == rows(live)
    assert schema(fresh / "calmline.db") == schema(live)
    store = Store(Settings(data_dir=fresh))  # the server opens it as it is
    try:
        with store.session() as s:
            names = set(s.scalars(select(User.name)))
        assert {"ann", "sue", "olga"} <= names
    finally:
        store.close()


def test_backup_never_overwrites_without_force(filled: Settings, tmp_path: Path, cli: Cli) -> None:
    dest = tmp_path / "b.sqlite3"
    dest.write_bytes(b"yesterday's backup")
    code, _, err = cli("backup", str(dest), data_dir=filled.data_dir)
    assert code == 2 and "exists" in err and "--force" in err
    one_line_error(err)
    assert dest.read_bytes() == b"yesterday's backup"
    code, _, err = cli("backup", str(dest), "--force", data_dir=filled.data_dir)
    assert code == 0, err
    assert rows(dest) == rows(filled.data_dir / "calmline.db")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.sqlite3", "live"]

    code, _, err = cli("backup", str(tmp_path / "no" / "b.sqlite3"), data_dir=filled.data_dir)
    assert code == 2 and "no such directory" in err
    one_line_error(err)
    code, _, err = cli("backup", str(tmp_path / "c.sqlite3"), data_dir=tmp_path / "empty")
    assert code == 2 and "nothing to back up" in err
    one_line_error(err)


def test_restore_over_data_needs_force_and_keeps_the_old_database(
    filled: Settings, tmp_path: Path, cli: Cli
) -> None:
    other = Settings(data_dir=tmp_path / "other")
    store = Store(other)
    with store.session() as s:
        add_user(s, "nina", "supervisor", None)
    store.close()
    backup = backup_sqlite(other, tmp_path / "other.sqlite3").path
    live = filled.data_dir / "calmline.db"
    before = rows(live)

    code, _, err = cli("restore", str(backup), data_dir=filled.data_dir)
    assert code == 2 and "rows" in err and "--force" in err
    one_line_error(err)
    assert rows(live) == before

    code, out, err = cli("restore", str(backup), "--force", data_dir=filled.data_dir)
    assert code == 0, err
    [aside] = filled.data_dir.glob("calmline.db.before-restore-*")
    assert re.fullmatch(r"calmline\.db\.before-restore-\d{8}T\d{6}Z", aside.name)
    assert f"kept at {aside}" in out
    assert rows(aside) == before  # nothing is lost
    assert rows(live) == rows(backup)
    assert sorted(p.name for p in filled.data_dir.iterdir()) == sorted(["calmline.db", aside.name])


def test_restore_refuses_while_the_server_has_the_store_open(
    filled: Settings, tmp_path: Path, cli: Cli
) -> None:
    store = Store(filled)
    try:
        with store.session() as s:  # the pool keeps this connection open, as a server does
            s.scalars(select(User.id)).all()
        backup = backup_sqlite(filled, tmp_path / "b.sqlite3").path  # backing up is fine
        code, _, err = cli("restore", str(backup), "--force", data_dir=filled.data_dir)
        assert code == 2 and "in use" in err
        one_line_error(err)
    finally:
        store.close()
    code, _, err = cli("restore", str(backup), "--force", data_dir=filled.data_dir)
    assert code == 0, err


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _corrupt(path: Path) -> None:
    data = bytearray(path.read_bytes())
    third = len(data) // 3
    data[third : 2 * third] = b"\xab" * third
    path.write_bytes(bytes(data))


def _foreign(path: Path) -> None:
    path.unlink()
    with closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
        db.commit()


def _newer(path: Path) -> None:
    with closing(sqlite3.connect(path)) as db:
        db.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
        db.commit()


def _directory(path: Path) -> None:
    path.unlink()
    path.mkdir()


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda p: p.unlink(), "no such file"),
        (_directory, "not a file"),
        (lambda p: p.write_text("ticket,text\n1,where is my parcel\n"), "not a SQLite database"),
        (lambda p: p.write_bytes(b""), "not a SQLite database"),
        (_truncate, "truncated"),
        (_corrupt, "integrity check|malformed|not a database"),
        (_foreign, "not a calmline database"),
        (_newer, "newer than this calmline knows"),
    ],
    ids=["missing", "directory", "csv", "empty", "truncated", "corrupt", "foreign", "newer"],
)
def test_a_bad_source_is_one_line_and_changes_nothing(
    spoil: Callable[[Path], None],
    message: str,
    good_backup: Path,
    tmp_path: Path,
    cli: Cli,
) -> None:
    src = tmp_path / "source.sqlite3"
    shutil.copyfile(good_backup, src)
    spoil(src)
    fresh = tmp_path / "fresh"
    code, out, err = cli("restore", str(src), "--force", data_dir=fresh)
    assert code == 2 and out == ""
    one_line_error(err)
    assert re.search(message, err), err
    assert not (fresh / "calmline.db").exists()


def test_postgresql_names_pg_dump_and_pg_restore_never_the_password(
    tmp_path: Path, cli: Cli
) -> None:
    url = "postgresql+psycopg://calm:s3cret-pw@db.internal:5433/calmline_prod"
    code, _, err = cli("backup", str(tmp_path / "calmline.dump"), url=url)
    assert code == 2
    one_line_error(err)
    assert f"pg_dump --format=custom --file={tmp_path / 'calmline.dump'}" in err
    assert "--host=db.internal --port=5433 --username=calm calmline_prod" in err
    assert "s3cret" not in err
    code, _, err = cli("restore", "calmline.dump", url=url)
    assert code == 2
    one_line_error(err)
    assert "pg_restore --clean --if-exists" in err and "--dbname=calmline_prod calmline.dump" in err
    code, _, err = cli("backup", str(tmp_path), url="postgresql+psycopg://calm@/db?host=/run/pg")
    assert code == 2 and "--host=/run/pg" in err and f"--file={tmp_path}/calmline-" in err


def test_an_older_backup_is_restored_and_upgraded(tmp_path: Path, cli: Cli) -> None:
    old = Settings(data_dir=tmp_path / "old")
    engine = make_engine(old)
    command.upgrade(alembic_config(engine), "0002")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO customers (name, gender, created_at) "
                "VALUES ('Ada Old', 'unknown', '2026-01-01 00:00:00')"
            )
        )
    engine.dispose()
    backup = backup_sqlite(old, tmp_path / "old.sqlite3")
    assert backup.revision == "0002"

    fresh = tmp_path / "fresh"
    code, out, err = cli("restore", str(backup.path), data_dir=fresh)
    assert code == 0, err
    head = revisions()[0]
    assert f"revision {head}" in out and "upgraded from revision 0002" in out
    restored = rows(fresh / "calmline.db")
    assert restored["alembic_version"] == [(head,)]
    assert [r[1] for r in restored["customers"]] == ["Ada Old"]
    engine = make_engine(Settings(data_dir=fresh))
    try:
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    finally:
        engine.dispose()
