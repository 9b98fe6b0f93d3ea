"""Historical tickets from a CSV or JSONL export: one row per message.

Columns (CSV header or JSON keys): ``ticket`` (the thread; also ``ticket_id``/``case``),
``text`` (also ``body``/``message``), optional ``role`` (customer/agent, default customer),
``at``, ``channel``, ``subject``, ``author``, ``email``, ``id`` (the message's own id; without
it one is derived from ticket, time and text, so re-importing is idempotent). A row that
cannot be read comes back with ``error`` and its raw text, never dropped.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ALIASES = {
    "ticket": ("ticket", "ticket_id", "case", "thread"),
    "text": ("text", "body", "message"),
}


@dataclass
class TicketRow:
    line: int
    ticket: str
    text: str
    role: str
    at: str | None
    channel: str | None
    subject: str
    author: str | None
    email: str | None
    message_id: str
    error: str | None = None
    raw: str | None = None


def _pick(row: dict[str, Any], key: str) -> Any:
    for name in ALIASES.get(key, (key,)):
        if row.get(name) not in (None, ""):
            return row[name]
    return None


def _row(line: int, row: Any, raw: str) -> TicketRow:
    if not isinstance(row, dict):
        return _broken(line, raw, "not an object")
    ticket, text = _pick(row, "ticket"), _pick(row, "text")
    if ticket is None:
        return _broken(line, raw, "ticket: missing")
    if not isinstance(text, str) or not text.strip():
        return _broken(line, raw, "text: missing or empty")
    if isinstance(ticket, bool) or not isinstance(ticket, str | int):
        return _broken(line, raw, "ticket: must be text or a whole number")
    for key in ("author", "email", "channel", "subject", "role"):
        value = row.get(key)
        if value is not None and not isinstance(value, str):
            return _broken(line, raw, f"{key}: must be text, not {type(value).__name__}")
    role = str(row.get("role") or "customer").lower()
    if role not in ("customer", "agent"):
        return _broken(line, raw, f"role: must be customer or agent, not {role!r}")
    at = row.get("at")
    if at is not None and not isinstance(at, str):
        return _broken(line, raw, f"at: must be an ISO-8601 text, not {type(at).__name__}")
    mid_raw = row.get("id")
    if mid_raw is not None and (isinstance(mid_raw, bool) or not isinstance(mid_raw, str | int)):
        return _broken(line, raw, "id: must be text or a whole number")
    mid = row.get("id") or hashlib.sha1(f"{ticket}|{at}|{text}".encode()).hexdigest()
    return TicketRow(
        line=line,
        ticket=str(ticket),
        text=text,
        role=role,
        at=str(at) if at else None,
        channel=row.get("channel") or None,
        subject=str(row.get("subject") or "")[:300],
        author=row.get("author") or None,
        email=(row.get("email") or None),
        message_id=str(mid),
        raw=raw,  # the whole row, should the store refuse it (a time out of range …)
    )


def _broken(line: int, raw: str, why: str) -> TicketRow:
    mid = hashlib.sha1(raw.encode("utf-8", "replace")).hexdigest()
    return TicketRow(
        line, "", "", "customer", None, None, "", None, None, mid, f"line {line}: {why}", raw
    )


def bounded(value: str, limit: int) -> str:
    """``value`` in at most ``limit`` characters, still telling different values apart: a
    longer one keeps its start and a digest of the whole. Cut to the column's length by the
    store, two ids that differ only after it were one message (the second dropped as a
    duplicate, or refused by the unique constraint) and two threads were one case."""
    if len(value) <= limit:
        return value
    digest = hashlib.sha1(value.encode("utf-8", "replace")).hexdigest()[:16]
    return f"{value[: limit - len(digest) - 1]}~{digest}"


def storable(value: Any) -> Any:
    """Every string in a decoded JSON value with its lone surrogates (``"\\ud800"`` is
    valid JSON, but no UTF-8 encoder takes it) replaced, so the row is stored, not lost."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
        return value
    if isinstance(value, dict):
        return {storable(k): storable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [storable(v) for v in value]
    return value


def read_jsonl(path: Path) -> Iterator[TicketRow]:
    """Rows of a JSONL export, one JSON object per line.

    Only "\\n" ends a line (``str.splitlines`` also splits at U+2028, U+0085 …, which a
    JSON string may hold raw); a BOM is skipped. A line that is no JSON object is kept raw
    with the reason, whatever ``json`` raises on it: too many digits for an int is a
    ValueError, too deep a nesting a RecursionError — either one ended the import."""
    data = path.read_bytes().decode("utf-8-sig", "replace")
    for n, line in enumerate(data.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _broken(n, line, f"not JSON ({exc.msg})")
            continue
        except RecursionError:
            yield _broken(n, line, "not JSON (nested too deeply)")
            continue
        except ValueError as exc:  # "Exceeds the limit (4300 digits) for integer string …"
            yield _broken(n, line, f"not JSON ({str(exc).partition(':')[0][:200]})")
            continue
        yield _row(n, storable(value), line)


MAX_FIELD = 16 * 1024 * 1024  # a pasted e-mail thread in one cell, not the default 128 KiB


def read_csv(path: Path) -> Iterator[TicketRow]:
    """Rows of a CSV export; a row the csv module cannot read is kept raw with the reason
    and the rows after it are still read."""
    data = path.read_bytes().decode("utf-8-sig", "replace")
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FIELD))
    reader = csv.DictReader(io.StringIO(data))
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            n = reader.line_num
            lines = data.splitlines()
            raw = lines[n - 1] if 0 < n <= len(lines) else ""
            yield _broken(n, raw[:100_000], f"unreadable CSV row ({exc})")
            continue
        n = reader.line_num
        raw = json.dumps(row, ensure_ascii=False)
        if None in row:  # more fields than the header names
            yield _broken(n, raw, "more fields than the header")
            continue
        yield _row(n, row, raw)
