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

from sqlalchemy import select
from sqlalchemy.orm import Session

from calmline.ingest.mail import MailItem, read_eml, read_mbox
from calmline.ingest.tickets import TicketRow, read_csv, read_jsonl
from calmline.protocol.policy import Policy
from calmline.store.db import Store
from calmline.store.models import Case, Message
from calmline.store.service import StoreError, add_message, clean_text, thread_case

FORMATS = ("eml", "mbox", "csv", "jsonl")


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
    case = thread_case(
        s, f"import-errors:{path.name}", "email", f"Unreadable messages in {path.name}"
    )
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
    if item.error is not None:
        if _store_broken(s, path, "email", item.message_id, item.raw or "", item.error):
            report.errors.append(f"{item.message_id}: {item.error}")
        else:
            report.duplicates += 1
        return
    if s.scalar(
        select(Message).where(Message.source == "email", Message.external_id == item.message_id)
    ):
        report.duplicates += 1
        return
    case = None
    for ref in item.refs:  # the thread this message answers
        parent = s.scalar(
            select(Message).where(Message.source == "email", Message.external_id == ref)
        )
        if parent is not None:
            case = s.get(Case, parent.case_id)
            break
    if case is None:
        key = f"email:{item.message_id}"
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
        external_id=item.message_id,
    )
    if item.attachments:
        msg.attachments = {"names": item.attachments}
    report.stored += 1
    report.cases.add(case.id)


def _ticket(
    s: Session, row: TicketRow, path: Path, policy: Policy, report: Report, source: str
) -> None:
    if row.error is not None:
        if _store_broken(s, path, source, row.message_id, row.raw or "", row.error):
            report.errors.append(row.error)
        else:
            report.duplicates += 1
        return
    if s.scalar(
        select(Message).where(Message.source == source, Message.external_id == row.message_id)
    ):
        report.duplicates += 1
        return
    name = row.author if row.role == "customer" else None
    key = f"{source}:{row.ticket}"
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
                external_id=row.message_id,
            )
    except StoreError as exc:  # e.g. an unreadable time: kept raw with the reason
        _store_broken(
            s, path, source, row.message_id, row.raw or row.text, f"line {row.line}: {exc}"
        )
        report.errors.append(f"line {row.line}: {exc}")
        return
    report.stored += 1
    report.cases.add(case.id)
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
    for item in items:
        with store.session() as s:
            if isinstance(item, MailItem):
                _mail(s, item, path, policy, report)
            else:
                _ticket(s, item, path, policy, report, f"{fmt}:{path.name}")
        if progress:
            progress(1)
    return report
