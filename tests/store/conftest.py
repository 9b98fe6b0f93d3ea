"""A fresh case store per test, on the embedded SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from calmline.settings import Settings
from calmline.store.db import Store
from tests.conftest import require
from tests.store.postgres import TempPostgres, available


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str | None]:
    reason = available()
    if reason is not None:
        yield None
        return
    # not under pytest's private tmp: the server may run as the 'postgres' user
    root = Path(tempfile.mkdtemp(prefix="calmline-pg-"))
    root.chmod(0o755)
    server = TempPostgres(root)
    try:
        yield server.start()
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        settings = Settings(data_dir=tmp_path / "data")
    else:
        url = request.getfixturevalue("postgres_url")
        require(url is not None, available() or "PostgreSQL unavailable")
        name = f"t_{uuid.uuid4().hex[:12]}"
        admin = create_engine(url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        settings = Settings(
            data_dir=tmp_path / "data", database_url=url.replace("/postgres?", f"/{name}?")
        )
    s = Store(settings)
    yield s
    s.close()
