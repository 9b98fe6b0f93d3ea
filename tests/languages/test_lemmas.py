"""The shipped lemma tables are exactly what ``calmline build-lemmas`` produces."""

from __future__ import annotations

import pytest

from calmline.analyzer.text import tokenize
from calmline.languages.lemmas import build_table, load_lemmas
from calmline.languages.loader import SUPPORTED


@pytest.mark.parametrize("code", SUPPORTED)
def test_table_is_in_sync_with_lexicons_and_simplemma(code: str) -> None:
    shipped = load_lemmas(code)
    assert shipped, f"no lemma table for {code}"
    assert build_table(code) == shipped, (
        f"languages/{code}/lemmas.tsv is stale: run `calmline build-lemmas {code}`"
    )


@pytest.mark.parametrize(
    ("code", "word", "lemma"),
    [("pl", "zabiję", "zabić"), ("de", "anwälte", "anwalt"), ("nl", "geslagen", "slaan")],
)
def test_inflected_forms_get_their_lemma(code: str, word: str, lemma: str) -> None:
    (token,) = tokenize(word, code)
    assert token.lemma == lemma
