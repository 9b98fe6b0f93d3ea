"""A fresh case store per test: an embedded SQLite file in a temporary data directory."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from calmline.settings import Settings
from calmline.store.db import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(Settings(data_dir=tmp_path / "data"))
    yield s
    s.close()
