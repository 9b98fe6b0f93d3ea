"""The store fixtures (SQLite and PostgreSQL) for the outbox tests."""

from tests.store.conftest import postgres_url, store

__all__ = ["postgres_url", "store"]
