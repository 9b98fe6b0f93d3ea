"""Engines and sessions for the case store, and its migrations.

SQLite (the embedded default) runs in WAL mode with foreign keys on and a busy timeout,
so a reader never blocks the writer and a committed message survives a killed process.
The schema is created and upgraded by Alembic (``calmline db upgrade``, and on start).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, String, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from calmline.settings import Settings


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" event starts transactions
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(settings: Settings) -> Engine:
    url = settings.url
    if url.startswith("sqlite"):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        # take the write lock at BEGIN: a transaction that read first and then writes could
        # otherwise fail with "database is locked" instead of waiting its turn
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
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
    """An engine and its session factory; ``with store.session() as s:`` commits on exit."""

    def __init__(self, settings: Settings | None = None, migrate: bool = True) -> None:
        self.settings = settings or Settings()
        self.engine = make_engine(self.settings)
        if migrate:
            upgrade(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        event.listen(self._sessions, "before_flush", _without_nul)
        # SQLite has one writer at a time: threads of this process queue here, in order,
        # instead of polling the file lock
        self._lock = threading.Lock() if self.engine.dialect.name == "sqlite" else None

    @contextmanager
    def session(self) -> Iterator[Session]:
        if self._lock is None:
            with self._sessions() as s, s.begin():
                yield s
            return
        with self._lock, self._sessions() as s, s.begin():
            yield s

    def close(self) -> None:
        self.engine.dispose()
