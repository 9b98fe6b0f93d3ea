"""``calmline analyze``: one message, or a JSONL file streamed in batches."""

from __future__ import annotations

import json
import sys
from contextlib import nullcontext
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from calmline.analyzer.pipeline import analyze_many
from calmline.analyzer.result import Analysis
from calmline.cli_progress import Progress
from calmline.errors import CliError

BATCH = 128


def summary(a: Analysis) -> str:
    """A short human-readable report for the terminal."""
    lines = [
        f"language   {a.language.code} ({a.language.confidence:.2f})",
        f"heat       {a.heat.level} {a.heat.score:.2f}  ({'; '.join(a.heat.reasons)})",
        f"sentiment  {a.sentiment.label}",
    ]
    felt = [f"{e.label} {e.score:.2f}" for e in a.emotions if e.detected]
    lines.append(f"emotions   {', '.join(felt) or '-'}")
    if a.offensive.detected:
        spans = ", ".join(repr(f.text) for f in a.offensive.findings) or "(model)"
        lines.append(f"offensive  {a.offensive.score:.2f} {spans}")
    for t in a.threats:
        lines.append(f"threat     {t.kind} {t.score:.2f} {t.text!r}")
    for h in a.hazards:
        lines.append(f"hazard     {h.kind} {h.score:.2f} {h.text!r}")
    for x in a.sarcasm:
        lines.append(f"sarcasm    {x.score:.2f} {x.text!r}")
    for w in a.wants:
        lines.append(f"wants      {w.kind} {w.text!r}")
    for f in a.facts:
        value = f" = {f.normalized}" if f.normalized else ""
        role = f" ({f.role})" if f.role else ""
        lines.append(f"fact       {f.kind} {f.text!r}{value}{role}")
    if a.shouting.detected:
        lines.append(f"shouting   caps {a.shouting.caps_ratio:.0%}, {a.shouting.exclamations} '!'")
    if a.truncated:
        lines.append("note       only the first 20,000 characters were analysed")
    return "\n".join(lines)


def _time(value: str, where: str) -> datetime:
    from calmline.protocol.conversation import parse_time

    try:
        return parse_time(value)
    except (ValueError, OverflowError):
        raise CliError(f"{where}: not an ISO-8601 time: {value!r}") from None


def analyze_one(text: str, lang: str | None, as_json: bool, at: str | None = None) -> int:
    if not text.strip():
        raise CliError("the message is empty")
    when = _time(at, "--at") if at else None
    result = analyze_many([text], lang=lang, at=[when])[0]
    print(result.to_json() if as_json else summary(result))
    return 0


def _parse(n: int, line: str) -> tuple[dict[str, Any], str | None]:
    """The line's object and its text, or the object with an error to report."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"line": n}, f"line {n}: invalid JSON ({exc.msg} at column {exc.colno})"
    if not isinstance(obj, dict):
        return {"line": n}, f"line {n}: expected a JSON object"
    text = obj.get("text")
    if "text" not in obj:
        return obj, f"line {n}: missing key 'text'"
    if not isinstance(text, str):
        return obj, f"line {n}: 'text' must be a string"
    if not text.strip():
        return obj, f"line {n}: 'text' is empty"
    at = obj.get("at")
    if at is not None:
        try:
            obj = {**obj, "at": _time(at, f"line {n}: 'at'") if isinstance(at, str) else at}
        except CliError as exc:
            return obj, str(exc)
        if not isinstance(obj["at"], datetime):
            return obj, f"line {n}: 'at' must be an ISO-8601 string"
    return obj, None


def _flush(batch: list[tuple[dict[str, Any], str | None]], lang: str | None, out: TextIO) -> None:
    texts = [obj["text"] for obj, err in batch if err is None]
    times = [obj.get("at") for obj, err in batch if err is None]
    results = iter(analyze_many(texts, lang=lang, at=times))
    for obj, err in batch:
        keep = {k: v for k, v in obj.items() if k != "text"}
        if isinstance(keep.get("at"), datetime):
            keep["at"] = keep["at"].isoformat()
        row = {**next(results).to_dict(), **keep} if err is None else {**keep, "error": err}
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def analyze_file(path: Path, out_path: Path | None, lang: str | None) -> int:
    if not path.is_file():
        raise CliError(f"cannot read {path}: no such file")
    with path.open("rb") as raw:
        total = sum(1 for _ in raw)
    errors = 0
    progress = Progress(total, "analysing", stream=sys.stderr)
    out_cm = out_path.open("w", encoding="utf-8") if out_path else nullcontext(sys.stdout)
    with path.open(encoding="utf-8", errors="replace") as fh, out_cm as out:
        batch: list[tuple[dict[str, Any], str | None]] = []
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                batch.append(({"line": n}, f"line {n}: empty line"))
            else:
                batch.append(_parse(n, line))
            errors += batch[-1][1] is not None
            if len(batch) >= BATCH:
                _flush(batch, lang, out)
                progress.advance(len(batch))
                batch = []
        if batch:
            _flush(batch, lang, out)
            progress.advance(len(batch))
    progress.close()
    if errors:
        print(
            f"calmline: {errors} of {total} lines had errors (see their 'error' key)",
            file=sys.stderr,
        )
    return 0
