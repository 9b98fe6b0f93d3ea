"""``calmline backup`` and ``calmline restore`` for the embedded SQLite store.

Copying ``calmline.db`` with ``cp`` while the server runs is not a backup: in WAL mode the
newest commits live in ``calmline.db-wal`` until a checkpoint, and a copy taken during a
write can be torn. SQLite's online backup API copies pages through SQLite itself, so it sees
committed data only. We hold one read transaction on the live database for the whole copy:
in WAL mode that pins one snapshot — every page comes from the same moment — while the
server keeps writing (a WAL reader never blocks the writer). Without it, each write by the
server would restart the copy, and a busy server could keep it from ever finishing. The
copy goes in steps with a short pause, so it never hogs the disk.

A backup is written beside its destination under a temporary name and only renamed into
place once it has passed ``PRAGMA integrity_check``: a crash or a full disk never leaves a
half-written file under the name someone will later restore from. It is switched to the
rollback journal, so the backup is one self-contained file.

Restoring checks the source first (a SQLite file, intact, not truncated, with a schema
revision this calmline knows), never deletes the database it replaces (``--force`` moves it
aside to ``<name>.before-restore-<UTC time>``), refuses while another process has the
database open, and upgrades an older schema with the usual migrations.

PostgreSQL has its own tools; for it both commands name the ``pg_dump``/``pg_restore`` line
to run instead.
"""

from __future__ import annotations

import os
import shlex
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from calmline.settings import Settings
from calmline.store.service import StoreError

HEADER = b"SQLite format 3\x00"
PAGES_PER_STEP = 256  # 1 MiB at SQLite's default page size of 4 KiB
PAUSE = 0.002  # seconds between steps
BUSY_MS = 5000  # how long to wait for the server's write lock on the live database
SIDECARS = ("-wal", "-journal")  # hold data of their database: moved with it
INDEXES = ("-shm",)  # rebuilt by SQLite: removed


class BackupError(StoreError):
    """Why a backup or restore cannot go ahead, on one line."""


@dataclass(frozen=True)
class BackupInfo:
    """What a backup holds (or a restore put in place)."""

    path: Path
    size: int
    rows: dict[str, int]
    revision: str | None
    upgraded_from: str | None = None
    kept_aside: Path | None = None

    def summary(self) -> str:
        return (
            f"{self.path} ({_human(self.size)}, {len(self.rows)} tables, "
            f"{sum(self.rows.values())} rows, revision {self.revision or 'none'})"
        )


def database_path(settings: Settings, action: str, arg: Path) -> Path:
    """The SQLite file behind ``settings``; for PostgreSQL, a refusal that names the
    command to run instead (``action``: backup or restore, ``arg``: its file)."""
    try:
        url = make_url(settings.url)
    except ArgumentError:
        raise BackupError("CALMLINE_DATABASE_URL is not a database URL") from None
    if url.get_backend_name() == "postgresql":
        raise BackupError(postgres_advice(settings.url, action, arg))
    if url.get_backend_name() != "sqlite":
        raise BackupError(f"{action} supports SQLite and PostgreSQL, not {url.get_backend_name()}")
    if not url.database or url.database == ":memory:" or url.database.startswith("file:"):
        raise BackupError(f"{action} needs a SQLite file, not {url.database or 'memory'}")
    return Path(url.database)


def postgres_advice(url_text: str, action: str, arg: Path) -> str:
    """One line naming PostgreSQL's own tool for ``action``, with the host, port, user and
    database of the URL — never its password (libpq reads PGPASSWORD or ~/.pgpass)."""
    url = make_url(url_text)
    host = url.host or url.query.get("host")
    options = [f"--host={shlex.quote(host)}"] if isinstance(host, str) else []
    options += [f"--port={url.port}"] if url.port else []
    options += [f"--username={shlex.quote(url.username)}"] if url.username else []
    db = shlex.quote(url.database or "postgres")
    if action == "backup":
        file = arg / f"calmline-{_stamp()}.dump" if arg.is_dir() else arg
        words = ["pg_dump", "--format=custom", f"--file={shlex.quote(str(file))}", *options, db]
    else:
        words = ["pg_restore", "--clean", "--if-exists", "--no-owner", *options]
        words += [f"--dbname={db}", shlex.quote(str(arg))]
    line = " ".join(words)
    verb = "back it up" if action == "backup" else "restore it"
    return (
        f"the store is PostgreSQL (database {url.database or 'postgres'}); {verb} with the "
        f"PostgreSQL tool: {line} (password from PGPASSWORD or ~/.pgpass)"
    )


def backup_sqlite(
    settings: Settings,
    dest: Path,
    force: bool = False,
    *,
    pages: int = PAGES_PER_STEP,
    pause: float = PAUSE,
) -> BackupInfo:
    """Copy the live database to ``dest`` (a directory: ``calmline-<UTC time>.sqlite3``
    inside it), consistent while the server writes; ``force`` replaces an existing file."""
    live = database_path(settings, "backup", dest)
    if not live.is_file():
        raise BackupError(f"no database at {live}: nothing to back up (CALMLINE_DATA_DIR?)")
    target = dest / f"calmline-{_stamp()}.sqlite3" if dest.is_dir() else dest
    if not target.parent.is_dir():
        raise BackupError(f"{target.parent}: no such directory")
    if _same(target, live):
        raise BackupError(f"{target} is the live database itself")
    if target.exists() and not force:
        raise BackupError(f"{target} exists; --force replaces it")
    with _temporary_beside(target) as tmp:
        try:
            with closing(_connect(live, "rw")) as src, closing(_connect(tmp, "rwc")) as out:
                src.execute("BEGIN")  # one snapshot for the whole copy (module docstring)
                src.execute("SELECT count(*) FROM sqlite_master").fetchone()
                src.backup(out, pages=pages, progress=lambda *_: time.sleep(pause))
                src.execute("COMMIT")
                out.execute("PRAGMA journal_mode=DELETE").fetchone()  # one file, no -wal
        except sqlite3.Error as exc:
            raise BackupError(f"{live}: {_one_line(exc)}") from None
        try:
            info = inspect_file(tmp)
        except BackupError as exc:  # the copy is faithful: the live database is damaged
            raise BackupError(f"{live}: its copy does not pass the checks ({exc})") from None
        _sync(tmp)
        _publish(tmp, target, force)
    return replace(info, path=target)


def restore_sqlite(settings: Settings, src: Path, force: bool = False) -> BackupInfo:
    """Put the backup ``src`` in place of the store's database. A database holding rows is
    replaced only with ``force``, and then kept aside; an older schema is upgraded."""
    target = database_path(settings, "restore", src)
    if not src.exists():
        raise BackupError(f"{src}: no such file")
    if not src.is_file():
        raise BackupError(f"{src}: not a file")
    if _same(src, target):
        raise BackupError(f"{src} is the live database itself")
    info = inspect_file(src)
    head, known = revisions()
    if info.revision is None:
        raise BackupError(f"{src}: not a calmline database (no schema revision)")
    if info.revision not in known:
        raise BackupError(
            f"{src}: schema revision {info.revision} is newer than this calmline knows "
            f"(up to {head}); restore it with the calmline version that wrote it"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    held = _rows_held(target)
    if held != 0 and not force:
        what = f"holds {held} rows" if held is not None else "cannot be read"
        raise BackupError(
            f"{target} {what}; --force moves it aside to "
            f"{target.name}.before-restore-<time> and restores"
        )
    with _temporary_beside(target) as tmp:
        try:
            with closing(_open_source(src)) as source, closing(_connect(tmp, "rwc")) as out:
                source.backup(out, pages=PAGES_PER_STEP)
                out.execute("PRAGMA journal_mode=DELETE").fetchone()  # the server sets WAL
        except sqlite3.Error as exc:
            raise BackupError(f"{src}: {_one_line(exc)}") from None
        _sync(tmp)
        aside = _clear(target, keep=held != 0)
        os.replace(tmp, target)
        _sync(target.parent)
    restored = replace(info, path=target, kept_aside=aside)
    if info.revision != head:
        _upgrade(settings, target, info.revision)
        restored = replace(restored, revision=head, upgraded_from=info.revision)
    return replace(restored, size=target.stat().st_size)


def inspect_file(path: Path) -> BackupInfo:
    """Rows per table and the schema revision of a SQLite file that passes
    ``integrity_check`` and is as long as its header says; anything else is a
    ``BackupError`` naming what is wrong."""
    with path.open("rb") as f:
        header = f.read(100)
    if len(header) < 100 or not header.startswith(HEADER):
        raise BackupError(f"{path}: not a SQLite database")
    size = path.stat().st_size
    expected = _size_in_header(header)
    if expected is not None and size < expected and not Path(f"{path}-wal").exists():
        raise BackupError(f"{path}: truncated (has {size} of {expected} bytes)")
    try:
        with closing(_open_source(path)) as db:
            problems = [row[0] for row in db.execute("PRAGMA integrity_check(3)")]
            if problems != ["ok"]:
                raise BackupError(f"{path}: fails the integrity check: {problems[0]}")
            rows = {name: _count(db, name) for name in _tables(db)}
            revision = _revision(db) if "alembic_version" in rows else None
    except sqlite3.Error as exc:
        raise BackupError(f"{path}: {_one_line(exc)}") from None
    return BackupInfo(path=path, size=size, rows=rows, revision=revision)


def _size_in_header(header: bytes) -> int | None:
    """The file size the header records, where it is valid: since SQLite 3.7.0 the page
    count at offset 28 counts when the "version valid for" number (offset 92) matches the
    change counter (offset 24)."""
    if header[92:96] != header[24:28]:
        return None
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    return page_size * int.from_bytes(header[28:32], "big")


def revisions() -> tuple[str | None, set[str]]:
    """The newest schema revision this calmline knows, and all it knows."""
    cfg = Config()
    where = resources.files("calmline.store").joinpath("migrations")
    cfg.set_main_option("script_location", str(where))
    script = ScriptDirectory.from_config(cfg)
    return script.get_current_head(), {s.revision for s in script.walk_revisions()}


def _upgrade(settings: Settings, target: Path, revision: str) -> None:
    """Migrate the restored file; a migration that fails leaves it restored, at its old
    revision, and says so on one line."""
    from calmline.store.db import make_engine, upgrade

    engine = make_engine(settings)
    try:
        upgrade(engine)
    except (SQLAlchemyError, CommandError) as exc:
        raise BackupError(
            f"{target}: restored at revision {revision}, but upgrading it failed: {_one_line(exc)}"
        ) from None
    finally:
        engine.dispose()


def _rows_held(target: Path) -> int | None:
    """Rows in the database about to be replaced (0: absent or only a schema; None:
    unreadable). Switching it out of WAL mode checkpoints it into one file, and fails while
    another process has it open: a running server would keep writing to the old file."""
    if not target.exists():
        return 0
    try:
        with closing(_connect(target, "rw", busy_ms=1000)) as db:
            db.execute("PRAGMA journal_mode=DELETE").fetchone()
            return sum(_count(db, t) for t in _tables(db) if t != "alembic_version")
    except sqlite3.Error as exc:
        if getattr(exc, "sqlite_errorname", "") in ("SQLITE_BUSY", "SQLITE_LOCKED"):
            raise BackupError(
                f"{target} is in use (is calmline serve running?); stop it and restore again"
            ) from None
        return None


def _clear(target: Path, keep: bool) -> Path | None:
    """Make room for the restored file: the old database and the files that hold its data
    move aside together when ``keep``; otherwise, and for its stale ``-shm``, they go."""
    aside = target.with_name(f"{target.name}.before-restore-{_stamp()}") if keep else None
    for suffix in ("", *SIDECARS):
        old = Path(f"{target}{suffix}")
        if not old.exists():
            continue
        if aside is not None:
            os.replace(old, Path(f"{aside}{suffix}"))
        else:
            old.unlink()
    for suffix in INDEXES:
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    return aside


def _publish(tmp: Path, target: Path, force: bool) -> None:
    """Rename the finished backup into place: atomically replacing with ``force``; without
    it, a hard link, which fails rather than overwrite a file that appeared meanwhile."""
    if force:
        os.replace(tmp, target)
    else:
        try:
            os.link(tmp, target)
        except FileExistsError:
            raise BackupError(f"{target} exists; --force replaces it") from None
        except OSError:  # a file system without hard links
            if target.exists():
                raise BackupError(f"{target} exists; --force replaces it") from None
            os.replace(tmp, target)
    _sync(target.parent)


@contextmanager
def _temporary_beside(target: Path) -> Iterator[Path]:
    """A new private (0600: it holds password hashes) file in the target's directory, so
    the final rename stays on one file system; removed with its journals if left over."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
    finally:
        for suffix in ("", *SIDECARS, *INDEXES):
            Path(f"{tmp}{suffix}").unlink(missing_ok=True)


def _connect(path: Path, mode: str, busy_ms: int = BUSY_MS) -> sqlite3.Connection:
    """A connection that never creates a database by accident (``mode``: ro, rw, rwc)."""
    return sqlite3.connect(
        f"{path.resolve().as_uri()}?mode={mode}",
        uri=True,
        isolation_level=None,
        timeout=busy_ms / 1000,
    )


def _open_source(path: Path) -> sqlite3.Connection:
    """Read a file without writing beside it: a WAL-mode file without its ``-wal`` (a
    database copied on its own) opens as immutable, since read-only WAL access would leave
    ``-wal`` and ``-shm`` files next to the source."""
    with path.open("rb") as f:
        wal_mode = f.read(20)[18:20] == b"\x02\x02"
    if wal_mode and not Path(f"{path}-wal").exists():
        return sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)
    return _connect(path, "ro")


def _tables(db: sqlite3.Connection) -> list[str]:
    query = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    return sorted(row[0] for row in db.execute(query))


def _count(db: sqlite3.Connection, table: str) -> int:
    quoted = '"' + table.replace('"', '""') + '"'
    count: int = db.execute(f"SELECT count(*) FROM {quoted}").fetchone()[0]
    return count


def _revision(db: sqlite3.Connection) -> str | None:
    row = db.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(row[0]) if row else None


def _same(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve()


def _sync(path: Path) -> None:
    """fsync a file or a directory (the rename), where the platform allows it."""
    with suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def _human(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{size} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} bytes"  # pragma: no cover


def _one_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
