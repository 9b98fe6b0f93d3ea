"""Analyses of customer messages, cached: re-reviewing a draft while the agent types, or
re-reading a case after each message, must not analyse the thread again.

The key is the text, the forced language and the day the message was written (relative
dates resolve against it); the API's threads share the cache under a lock.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from datetime import date, datetime

from calmline.analyzer.pipeline import analyze_many
from calmline.analyzer.result import Analysis

CACHE_SIZE = 4096
Key = tuple[str, str | None, date | None]

_cache: OrderedDict[Key, Analysis] = OrderedDict()
_lock = threading.Lock()


def clear_cache() -> None:
    """Forget every cached analysis (and every agent message's reading)."""
    from calmline.protocol.situation import org

    with _lock:
        _cache.clear()
    org.clear_cache()


def _day(at: datetime | date | None) -> date | None:
    return at.date() if isinstance(at, datetime) else at


def analyses(
    texts: Sequence[str],
    lang: str | None = None,
    at: Sequence[datetime | date | None] | None = None,
) -> list[Analysis]:
    """Analyses of ``texts`` (written at ``at``), from the cache where possible; the rest
    in one batch."""
    days = [_day(a) for a in at] if at is not None else [None] * len(texts)
    keys: list[Key] = [(t, lang, d) for t, d in zip(texts, days, strict=True)]
    found: dict[Key, Analysis] = {}
    with _lock:
        for key in dict.fromkeys(keys):
            hit = _cache.get(key)
            if hit is not None:
                _cache.move_to_end(key)
                found[key] = hit
    todo = [k for k in dict.fromkeys(keys) if k not in found]
    if todo:  # analysed outside the lock: other threads keep using the cache meanwhile
        fresh = analyze_many([k[0] for k in todo], lang=lang, at=[k[2] for k in todo])
        with _lock:
            for key, result in zip(todo, fresh, strict=True):
                _cache[key] = result
                found[key] = result
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
    return [found[k] for k in keys]
