"""The outbox: every write to a helpdesk is stored first, then delivered by a worker.

Stored in the transaction that stored the customer's message, so a message is never kept
without its write-back, and a write-back never exists for a message that was not kept. A
key per ticket, message and kind makes a retried webhook a no-op (its message is a
duplicate, so nothing is enqueued; and the key is unique besides).

The worker (:class:`OutboxWorker`) delivers due items outside any transaction — a slow or
dead helpdesk never holds the database — several tickets at a time, each ticket's items in
the order they were stored. An item is claimed by moving its ``next_at`` forward (a lease),
so two server processes never deliver the same item at once. A 429 or 5xx answer, or no
answer, is retried with exponential back-off and never sooner than the helpdesk's
``Retry-After``; bad credentials or an unknown ticket fail the item at once with the reason,
visible in ``calmline outbox list`` and the web app, and ``retry`` puts it back.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from calmline.helpdesks.base import ConfigError, DeliveryError, WriteBack, helpdesk_for
from calmline.helpdesks.note import compose, tags_and_priority
from calmline.protocol.guide import guide_reading
from calmline.protocol.policy import Policy
from calmline.protocol.situation import read
from calmline.store.db import Store, StoreBusy
from calmline.store.models import Case, OutboxItem, aware, now
from calmline.store.service import conversation_of, recent_messages

log = logging.getLogger("calmline.outbox")

LEASE = timedelta(minutes=10)  # far longer than one delivery can take (a few 20 s calls)
MAX_ATTEMPTS = 15  # about a day of back-off; then the item waits for `outbox retry`
BACKOFF_CAP = 3600.0


def backoff(attempts: int) -> float:
    """Seconds before the next try: 2, 4, 8 … at most an hour."""
    return min(BACKOFF_CAP, 2.0**attempts)


def _link(case_id: int) -> str | None:
    """A signed, short-lived link to the case's sidebar page, when calmline's public
    address is configured (after it expires, the page asks the agent to sign in)."""
    from calmline.settings import Settings
    from calmline.web.embed_links import link

    base = Settings().public_url
    return link(base, case_id) if base else None


def enqueue(
    s: Session, policy: Policy, source: str, ticket: str, case: Case, message_key: str
) -> list[OutboxItem]:
    """The write-back for a new customer message on ``source``'s ``ticket``, stored now,
    when ``source`` is a configured helpdesk. Returns the items stored."""
    conn = policy.helpdesk(source)
    if conn is None or not (conn.write_note or conn.write_tags or conn.write_priority):
        return []
    kept = s.info.get(("reading", case.id))  # the reading refresh() just made
    if kept is not None:
        reading, guidance = kept
    else:
        conv = conversation_of(case, recent_messages(s, case, text_only=True))
        if not conv.customer_messages:
            return []
        reading = read(conv, policy)
        guidance = guide_reading(reading)
    items: list[WriteBack] = []
    key = f"{source}:{ticket}:{message_key}"
    if conn.write_note:
        note = compose(reading, guidance, _link(case.id))
        items.append(WriteBack("note", ticket, note=note, marker=f"[calmline {key}]"))
    tags, priority = tags_and_priority(reading, guidance, conn)
    tags = tags if conn.write_tags else ()
    priority = priority if conn.write_priority else None
    if tags or priority:
        items.append(WriteBack("tags", ticket, tags=tags, priority=priority))
    stored = []
    for item in items:
        item_key = f"{key}:{item.kind}"[:400]
        if s.scalar(select(OutboxItem.id).where(OutboxItem.key == item_key)) is not None:
            continue
        row = OutboxItem(
            key=item_key,
            helpdesk=source,
            ticket=ticket[:300],
            case_id=case.id,
            kind=item.kind,
            payload=item.to_dict(),
        )
        s.add(row)
        stored.append(row)
    return stored


@dataclass(frozen=True)
class Due:
    id: int
    helpdesk: str
    ticket: str
    attempts: int
    payload: dict[str, object]
    next_at: datetime


def due(s: Session, when: datetime, limit: int) -> list[Due]:
    """Pending items whose time has come, oldest first, leaving out any ticket that has an
    earlier item not yet delivered (so each ticket's writes arrive in order)."""
    rows = s.scalars(
        select(OutboxItem)
        .where(OutboxItem.status == "pending", OutboxItem.next_at <= when)
        .order_by(OutboxItem.id)
        .limit(limit)
    ).all()
    if not rows:
        return []
    # each ticket's oldest item not yet delivered, in one query (not one per row): only
    # that item may go; a later one waits behind it, pending or failed
    first = {
        (helpdesk, ticket): oldest
        for helpdesk, ticket, oldest in s.execute(
            select(OutboxItem.helpdesk, OutboxItem.ticket, func.min(OutboxItem.id))
            .where(
                OutboxItem.status != "delivered",
                OutboxItem.ticket.in_({row.ticket for row in rows}),
            )
            .group_by(OutboxItem.helpdesk, OutboxItem.ticket)
        )
    }
    return [
        Due(row.id, row.helpdesk, row.ticket, row.attempts, dict(row.payload), row.next_at)
        for row in rows
        if first.get((row.helpdesk, row.ticket)) == row.id
    ]


class OutboxWorker:
    """Delivers due items: ``run_once`` (tests, ``calmline outbox deliver``) or a thread."""

    def __init__(
        self,
        store: Store,
        policy_for: Callable[[], Policy],
        client: httpx.Client | None = None,
        parallel: int = 8,
        poll: float = 1.0,
    ) -> None:
        self.store, self.policy_for = store, policy_for
        self.client = client or httpx.Client()
        self.parallel, self.poll = parallel, poll
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _claim(self, item: Due, when: datetime) -> bool:
        with self.store.session() as s:
            result = s.execute(
                update(OutboxItem)
                .where(
                    OutboxItem.id == item.id,
                    OutboxItem.status == "pending",
                    OutboxItem.next_at == item.next_at,
                )
                .values(next_at=when + LEASE)
            )
            return bool(getattr(result, "rowcount", 0))

    def _finish(self, item_id: int, **values: object) -> None:
        with self.store.session() as s:
            s.execute(update(OutboxItem).where(OutboxItem.id == item_id).values(**values))

    def deliver(self, item: Due, policy: Policy) -> str:
        """Deliver one claimed item; returns its new status."""
        when = now()
        conn = policy.helpdesk(item.helpdesk)
        try:
            if conn is None:
                raise ConfigError(f"helpdesks.{item.helpdesk}: not configured in the policy")
            helpdesk_for(conn, self.client).deliver(
                WriteBack.from_dict(item.payload), retrying=item.attempts > 0
            )
        except (ConfigError, DeliveryError) as exc:
            retry = isinstance(exc, DeliveryError) and exc.retry
            attempts = item.attempts + 1
            if retry and attempts < MAX_ATTEMPTS:
                wait = max(backoff(attempts), getattr(exc, "retry_after", None) or 0.0)
                self._finish(
                    item.id,
                    attempts=attempts,
                    next_at=when + timedelta(seconds=wait),
                    last_error=str(exc)[:500],
                )
                return "pending"
            self._finish(item.id, attempts=attempts, status="failed", last_error=str(exc)[:500])
            log.warning("outbox %s: %s", item.id, exc)
            return "failed"
        self._finish(
            item.id,
            attempts=item.attempts + 1,
            status="delivered",
            delivered_at=now(),
            last_error=None,
        )
        return "delivered"

    def run_once(self, limit: int = 200) -> int:
        """Deliver what is due now; returns how many items were tried."""
        when = now()
        try:
            with self.store.read() as s:
                items = due(s, when, limit)
            claimed = [i for i in items if self._claim(i, when)]
        except StoreBusy:
            return 0
        if not claimed:
            return 0
        policy = self.policy_for()
        with ThreadPoolExecutor(max_workers=max(1, min(self.parallel, len(claimed)))) as pool:
            list(pool.map(lambda item: self.deliver(item, policy), claimed))
        return len(claimed)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="calmline-outbox", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        if self._thread is not None and self._thread.is_alive():
            self._thread.join(timeout)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                tried = self.run_once()
            except Exception:  # the worker must outlive one bad round
                log.exception("outbox round failed")
                tried = 0
            if not tried:
                self._stop.wait(self.poll)


def list_items(s: Session, status: str | None = None, limit: int = 100) -> list[OutboxItem]:
    query = select(OutboxItem).order_by(OutboxItem.id.desc()).limit(limit)
    if status is not None:
        query = query.where(OutboxItem.status == status)
    return list(s.scalars(query))


def retry(s: Session, item_id: int | None = None) -> int:
    """Put a failed item (or, with ``None``, every failed item) back in line, now."""
    query = update(OutboxItem).where(OutboxItem.status == "failed")
    if item_id is not None:
        query = query.where(OutboxItem.id == item_id)
    result = s.execute(query.values(status="pending", next_at=now(), attempts=0))
    return int(getattr(result, "rowcount", 0) or 0)


def counts(s: Session) -> dict[str, int]:
    rows = s.execute(select(OutboxItem.status, func.count()).group_by(OutboxItem.status)).all()
    return {status: int(n) for status, n in rows}


def waiting_since(item: OutboxItem) -> datetime:
    return aware(item.created_at)
