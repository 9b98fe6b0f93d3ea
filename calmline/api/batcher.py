"""Concurrent analyses share one encoder call.

The sentence encoder is several times faster on a batch than on texts one by one, and a
server under load has many requests waiting at once. Requests put their text on a queue;
one worker thread takes whatever is waiting (up to ``MAX_BATCH``) and analyses it together.
Under light load a batch is a single text, so nobody waits for company.
"""

from __future__ import annotations

import queue
import threading
from concurrent.futures import Future

from calmline.analyzer.result import Analysis
from calmline.protocol.situation import analyses

MAX_BATCH = 32


class Batcher:
    def __init__(self) -> None:
        self._queue: queue.Queue[tuple[str, str | None, Future[Analysis]]] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def submit(self, text: str, lang: str | None = None) -> Future[Analysis]:
        future: Future[Analysis] = Future()
        self._queue.put((text, lang, future))
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="analyses", daemon=True)
                self._thread.start()
        return future

    def _run(self) -> None:
        while True:
            batch = [self._queue.get()]
            while len(batch) < MAX_BATCH:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            by_lang: dict[str | None, list[tuple[str, Future[Analysis]]]] = {}
            for text, lang, future in batch:
                by_lang.setdefault(lang, []).append((text, future))
            for lang, items in by_lang.items():
                try:
                    results = analyses([t for t, _ in items], lang)
                except Exception as exc:
                    for _, future in items:
                        future.set_exception(exc)
                    continue
                for (_, future), result in zip(items, results, strict=True):
                    future.set_result(result)
