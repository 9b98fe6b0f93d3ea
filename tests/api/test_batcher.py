"""Concurrent analyses are batched, and every caller gets the analysis of its own text."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from calmline.api.batcher import Batcher

TEXTS = [
    f"{base} ({i})"
    for i, base in enumerate(
        [
            "Waar blijft mijn pakket?",
            "Wo bleibt mein Paket?",
            "Gdzie jest moja paczka?",
            "Where is my parcel?",
        ]
        * 10
    )
]


def test_each_caller_gets_its_own_analysis() -> None:
    batcher = Batcher()
    with ThreadPoolExecutor(max_workers=16) as pool:
        futures = list(pool.map(batcher.submit, TEXTS))
    results = [f.result(timeout=60) for f in futures]
    for text, result in zip(TEXTS, results, strict=True):
        assert result.length == len(text)
    assert [r.language.code for r in results[:4]] == ["nl", "de", "pl", "en"]


def test_a_language_hint_is_honoured() -> None:
    result = Batcher().submit("ok", "de").result(timeout=60)
    assert result.language.code == "de"


def test_the_analysis_cache_is_safe_under_concurrent_eviction() -> None:
    from calmline.protocol import situation
    from calmline.protocol.situation import cache

    old = cache.CACHE_SIZE
    cache.CACHE_SIZE = 8  # evict constantly while threads read and write
    try:
        texts = [f"Where is my parcel number {i}?" for i in range(120)]
        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(lambda t: cache.analyses([t, t])[1], texts))
        assert [r.length for r in results] == [len(t) for t in texts]
    finally:
        cache.CACHE_SIZE = old
        situation.clear_cache()
