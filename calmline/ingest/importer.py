"""``calmline import FILE``: e-mails and ticket exports into the case store.

Each message is stored in its own transaction (a crash loses at most the message being
written); the same message imported twice is stored once (by Message-ID or the ticket row's
id); a message that cannot be parsed is stored raw, with the parse error, in a case of its
file's import errors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from calmline.ingest.mail import MailItem, read_eml, read_mbox
from calmline.ingest.tickets import TicketRow, bounded, read_csv, read_jsonl
from calmline.protocol.policy import Policy
from calmline.store.db import Store, StoreBusy
from calmline.store.models import Case, Message
from calmline.store.service import (
    StoreError,
    add_message,
    analyse_first,
    clean_text,
    thread_case,
)

FORMATS = ("eml", "mbox", "csv", "jsonl")


def _length(column: Any) -> int:
    length: int = column.type.length
    return length


# The keys a message and a thread are found again by, within their columns: the store cuts
# longer text to the column's length, so a file name, ticket or id above it was read back
# by its whole value and not found, and the insert hit the unique constraint (an
# IntegrityError that ended the import: a second import of "all-tickets-2026-03-04.jsonl",
# two rows of one long ticket id). Each is kept whole or ``bounded`` to its column.
SOURCE_LENGTH = _length(Message.__table__.c.source)
ID_LENGTH = _length(Message.__table__.c.external_id)
KEY_LENGTH = _length(Case.__table__.c.external_key)


def _key(value: str, limit: int) -> str:
    """``value`` as the store keeps it (NUL made U+FFFD, within the column), so that
    looking it up finds what an earlier row or import stored."""
    return bounded(clean_text(value), limit)


BUSY_TRIES = 5  # each waits Settings.busy_seconds for the write lock


@dataclass
class Report:
    stored: int = 0
    duplicates: int = 0
    errors: list[str] = field(default_factory=list)
    cases: set[int] = field(default_factory=set)


def detect(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    if suffix in ("mbx", "mbox") or path.name.lower() in ("mbox", "inbox"):
        return "mbox"
    with path.open("rb") as f:
        head = f.read(64)
    if head.startswith(b"From "):
        return "mbox"
    raise StoreError(f"{path}: unknown format (use --format {'|'.join(FORMATS)})")


def _store_broken(s: Session, path: Path, source: str, mid: str, raw: str, error: str) -> bool:
    if s.scalar(select(Message).where(Message.source == source, Message.external_id == mid)):
        return False
    key = _key(f"import-errors:{path.name}", KEY_LENGTH)
    case = thread_case(s, key, "email", f"Unreadable messages in {path.name}")
    # NUL bytes (which PostgreSQL cannot store) are written as the four characters \x00
    s.add(
        Message(
            case_id=case.id,
            role="customer",
            text="",
            source=source,
            external_id=mid,
            raw=raw.replace("\x00", "\\x00"),
            parse_error=clean_text(error),
        )
    )
    return True


def _mail(s: Session, item: MailItem, path: Path, policy: Policy, report: Report) -> None:
    mid = _key(item.message_id, ID_LENGTH)
    if item.error is not None:
        if _store_broken(s, path, "email", mid, item.raw or "", item.error):
            report.errors.append(f"{item.message_id}: {item.error}")
        else:
            report.duplicates += 1
        return
    if s.scalar(select(Message).where(Message.source == "email", Message.external_id == mid)):
        report.duplicates += 1
        return
    case = None
    for ref in item.refs:  # the thread this message answers
        parent = s.scalar(
            select(Message).where(
                Message.source == "email", Message.external_id == _key(ref, ID_LENGTH)
            )
        )
        if parent is not None:
            case = s.get(Case, parent.case_id)
            break
    if case is None:
        key = _key(f"email:{item.message_id}", KEY_LENGTH)
        case = thread_case(s, key, "email", item.subject, item.sender, item.sender_name)
    first = s.scalar(select(Message).where(Message.case_id == case.id).order_by(Message.id))
    customer_addr = first.author if first is not None else item.sender
    role = "customer" if item.sender == customer_addr or not item.sender else "agent"
    text = item.text or "(no text)"
    msg, _ = add_message(
        s,
        case,
        role,
        text,
        policy,
        at=item.at,
        author=item.sender or None,
        source="email",
        external_id=mid,
    )
    if item.attachments:
        msg.attachments = {"names": item.attachments}
    report.stored += 1
    report.cases.add(case.id)


def _ticket(
    s: Session, row: TicketRow, path: Path, policy: Policy, report: Report, source: str
) -> None:
    mid = _key(row.message_id, ID_LENGTH)
    if row.error is not None:
        if _store_broken(s, path, source, mid, row.raw or "", row.error):
            report.errors.append(row.error)
        else:
            report.duplicates += 1
        return
    if s.scalar(select(Message).where(Message.source == source, Message.external_id == mid)):
        report.duplicates += 1
        return
    name = row.author if row.role == "customer" else None
    key = _key(f"{source}:{row.ticket}", KEY_LENGTH)
    try:
        with s.begin_nested():  # a refused row leaves no empty case behind
            case = thread_case(s, key, row.channel or "email", row.subject, row.email, name)
            add_message(
                s,
                case,
                row.role,
                row.text,
                policy,
                at=row.at,
                author=row.author,
                source=source,
                external_id=mid,
            )
    except StoreError as exc:  # e.g. an unreadable time: kept raw with the reason
        _store_broken(s, path, source, mid, row.raw or row.text, f"line {row.line}: {exc}")
        report.errors.append(f"line {row.line}: {exc}")
        return
    report.stored += 1
    report.cases.add(case.id)


def import_file(
    store: Store,
    path: Path,
    policy: Policy,
    fmt: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> Report:
    fmt = fmt or detect(path)
    report = Report()
    items: Iterable[MailItem | TicketRow]
    if fmt == "eml":
        items = read_eml(path)
    elif fmt == "mbox":
        items = read_mbox(path)
    elif fmt == "csv":
        items = read_csv(path)
    elif fmt == "jsonl":
        items = read_jsonl(path)
    else:
        raise StoreError(f"format: must be one of {', '.join(FORMATS)}")
    source = _key(f"{fmt}:{path.name}", SOURCE_LENGTH)
    for item in items:
        if item.error is None and getattr(item, "role", "customer") == "customer":
            analyse_first([(item.text or "(no text)", item.at)])  # before the write lock
        for attempt in range(BUSY_TRIES):
            try:
                with store.session() as s:
                    if isinstance(item, MailItem):
                        _mail(s, item, path, policy, report)
                    else:
                        _ticket(s, item, path, policy, report, source)
                break
            except StoreBusy:  # the server is writing a lot: wait our turn, then give up
                if attempt == BUSY_TRIES - 1:
                    raise StoreError(
                        f"database: busy; {report.stored} messages stored so far — run the "
                        "import again to go on (stored rows are skipped)"
                    ) from None
        if progress:
            progress(1)
    return report
