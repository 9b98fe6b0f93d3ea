"""The server's background work: the policy's retention once a day, and the outbox worker
that delivers write-backs to helpdesks (``calmline.helpdesks.outbox``), each in a thread.

Started by the app's lifespan (never at import, never by merely creating the app), first
shortly after start and then every 24 hours; each run deletes in transactions of a few
hundred cases, so requests get the SQLite write lock between them. Shutdown stops the
thread between two batches and waits for it. Several server processes may each run it:
a second run finds nothing left to delete.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI

from calmline.helpdesks.outbox import OutboxWorker
from calmline.store.config import effective_policy
from calmline.store.db import Store
from calmline.store.privacy import run_retention
from calmline.store.removal import Counts

log = logging.getLogger("calmline.retention")

FIRST_DELAY = 60.0  # seconds after start: the server answers first, then cleans up
INTERVAL = 24 * 3600.0
RETRY = 600.0  # after a failed run (the database busy, PostgreSQL away)


class DailyRetention:
    """Calls ``run(stop)`` after ``first_delay`` seconds, then every ``interval``; ``stop``
    tells a long run to end between batches."""

    def __init__(
        self,
        run: Callable[[Callable[[], bool]], Counts],
        first_delay: float = FIRST_DELAY,
        interval: float = INTERVAL,
        retry: float = RETRY,
    ) -> None:
        self._run = run
        self.first_delay, self.interval, self.retry = first_delay, interval, retry
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="calmline-retention", daemon=True)
        self.runs = 0

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def _loop(self) -> None:
        delay = self.first_delay
        while not self._stop.wait(delay):
            try:
                counts = self._run(self._stop.is_set)
            except Exception:  # a failed run must not end the daily schedule
                log.exception("retention run failed; retrying in %.0f s", self.retry)
                delay = self.retry
                continue
            self.runs += 1
            if counts.total():
                log.info("retention: removed %s", counts.summary())
            delay = self.interval


@asynccontextmanager
async def retention_lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Run :class:`DailyRetention` while the app serves. The policy is read at each run:
    the one saved in the web app (by any process) applies, else this app's."""
    store: Store = app.state.store

    def run(stop: Callable[[], bool]) -> Counts:
        return run_retention(store, lambda s: effective_policy(s, app.state.policy), stop=stop)

    worker = DailyRetention(run, FIRST_DELAY, INTERVAL)  # read now: tests shorten them
    app.state.retention = worker
    worker.start()
    outbox = OutboxWorker(
        store,
        lambda: app.state.policy,
        parallel=app.state.settings.outbox_parallel,
        poll=app.state.settings.outbox_poll,
    )
    app.state.outbox = outbox
    if app.state.settings.outbox_worker:
        outbox.start()
    try:
        yield
    finally:
        await asyncio.to_thread(outbox.stop)
        await asyncio.to_thread(worker.stop)
