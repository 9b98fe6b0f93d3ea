"""Engines and sessions for the case store, and its migrations.

SQLite (the embedded default) runs in WAL mode with foreign keys on, so a reader never
blocks the writer and a committed message survives a killed process. It has one writer at
a time — across processes, when ``calmline import`` runs beside the server — so:

- :meth:`Store.read` opens a read-only transaction that takes no write lock (token
  lookups, pages, searches);
- :meth:`Store.session` takes the write lock when it begins and, while another process
  holds it, retries with back-off for up to ``Settings.busy_seconds``; then it raises
  :class:`StoreBusy`, which the API answers with 503 and ``Retry-After``, not 500.

The schema is created and upgraded by Alembic (``calmline db upgrade``, and on start).
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, String, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from calmline.settings import Settings

# one wait inside SQLite's own busy handler while a write session retries; the retries
# around it make up the budget. Everything else (migrations, scripts) waits up to
# BUSY_DEFAULT_MS, as before.
BUSY_STEP_MS = 250
BUSY_DEFAULT_MS = 5000
_busy_ms = threading.local()  # this thread's wait for its next BEGIN IMMEDIATE


class StoreBusy(RuntimeError):
    """The database stayed locked by another writer for the whole wait: try again later."""

    retry_after = 2


def is_busy(exc: BaseException) -> bool:
    """Whether a database error means "locked by another writer" (SQLite)."""
    text = str(getattr(exc, "orig", exc)).lower()
    return isinstance(exc, OperationalError) and ("locked" in text or "busy" in text)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" event starts transactions
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # deleted rows are overwritten in the file, not left in free pages: an erased customer
    # or a retention run leaves no readable copy (Debian builds SQLite with it on already)
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_DEFAULT_MS}")
    cursor.close()


def _read_only(dbapi_connection: Any, record: Any) -> None:
    _sqlite_pragmas(dbapi_connection, record)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")  # a write through a reader fails loudly
    cursor.close()


def _begin_read(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")


def _begin_write(conn: Any) -> None:
    ms = getattr(_busy_ms, "value", None) or BUSY_DEFAULT_MS
    conn.exec_driver_sql(f"PRAGMA busy_timeout={int(ms)}")
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(settings: Settings, *, reader: bool = False) -> Engine:
    """The engine for writes, or (``reader``) one whose SQLite transactions only read."""
    url = settings.url
    if url.startswith("sqlite"):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _read_only if reader else _sqlite_pragmas)
        # writers take the write lock at BEGIN: a transaction that read first and then
        # writes could otherwise fail with "database is locked" instead of waiting its
        # turn; readers begin a snapshot and never wait for a writer
        event.listen(engine, "begin", _begin_read if reader else _begin_write)
        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option(
        "script_location", str(resources.files("calmline.store").joinpath("migrations"))
    )
    url = engine.url.render_as_string(hide_password=False)
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))  # configparser escaping
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration (idempotent)."""
    command.upgrade(alembic_config(engine), "head")


def _without_nul(session: Session, _context: object, _instances: object) -> None:
    """Every text a row is about to store, without NUL (PostgreSQL refuses it; nothing a
    person wrote needs it) and within its column's length (PostgreSQL refuses longer text,
    SQLite would keep it): one place for notes, tasks, subjects, authors and messages,
    whichever path wrote them. Inputs are validated with their limits before this; this
    is the net under every path."""
    for obj in list(session.new) + list(session.dirty):
        table = getattr(obj, "__table__", None)
        lengths = {
            c.key: c.type.length
            for c in (table.columns if table is not None else ())
            if isinstance(c.type, String) and c.type.length
        }
        for key, value in list(vars(obj).items()):
            if not isinstance(value, str) or key.startswith("_"):
                continue
            fixed = value.replace("\x00", "\ufffd") if "\x00" in value else value
            limit = lengths.get(key)
            if limit is not None and len(fixed) > limit:
                fixed = fixed[:limit]
            if fixed is not value:
                setattr(obj, key, fixed)


class Store:
    """An engine and its session factory; ``with store.session() as s:`` commits on exit,
    ``with store.read() as s:`` reads without taking the write lock."""

    def __init__(self, settings: Settings | None = None, migrate: bool = True) -> None:
        self.settings = settings or Settings()
        self.engine = make_engine(self.settings)
        if migrate:
            upgrade(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        event.listen(self._sessions, "before_flush", _without_nul)
        sqlite = self.engine.dialect.name == "sqlite"
        self._reader = make_engine(self.settings, reader=True) if sqlite else self.engine
        self._reads = sessionmaker(self._reader, expire_on_commit=False)
        # SQLite has one writer at a time: threads of this process queue here, in order,
        # instead of polling the file lock
        self._lock = threading.Lock() if sqlite else None

    @contextmanager
    def session(self, wait: float | None = None) -> Iterator[Session]:
        """A write transaction. On SQLite, waits up to ``wait`` seconds (default
        ``Settings.busy_seconds``) for the write lock, then raises :class:`StoreBusy`."""
        if self._lock is None:
            with self._sessions() as s, s.begin():
                yield s
            return
        budget = self.settings.busy_seconds if wait is None else wait
        deadline = time.monotonic() + budget
        if not self._lock.acquire(timeout=max(budget, 0.001)):
            raise StoreBusy("database: busy, try again")
        try:
            s = self._begin(deadline)
            with s:
                try:
                    yield s
                except BaseException:
                    s.rollback()
                    raise
                s.commit()
        finally:
            self._lock.release()

    def _begin(self, deadline: float) -> Session:
        """A session holding the SQLite write lock, retried with back-off (with jitter, so
        two waiting processes do not retry in step) until ``deadline``."""
        pause = 0.02
        while True:
            s = self._sessions()
            left = deadline - time.monotonic()
            _busy_ms.value = max(1, min(BUSY_STEP_MS, int(left * 1000)))
            try:
                s.begin()
                s.connection()  # BEGIN IMMEDIATE: the write lock, or "database is locked"
                return s
            except OperationalError as exc:
                s.close()
                if not is_busy(exc) or time.monotonic() >= deadline:
                    if is_busy(exc):
                        raise StoreBusy("database: busy, try again") from None
                    raise
            finally:
                _busy_ms.value = None
            time.sleep(min(pause * (0.5 + random.random()), max(deadline - time.monotonic(), 0)))
            pause = min(pause * 2, 0.5)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only transaction (a consistent snapshot); never waits for a writer."""
        with self._reads() as s, s.begin():
            yield s

    def close(self) -> None:
        self.engine.dispose()
        if self._reader is not self.engine:
            self._reader.dispose()
