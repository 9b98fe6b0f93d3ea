"""Text artifacts computed once per message and shared by every detector.

Tokens keep their offsets into the scoring view (see ``cleaning``) and carry a lemma, so
lexicons can list base forms once instead of every inflection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from calmline.languages.lemmas import load_lemmas

TOKEN = re.compile(r"[^\W_](?:[\w]|['’-](?=[^\W_]))*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    surface: str  # lower-cased
    lemma: str  # lower-cased


def lemma(word: str, lang: str) -> str:
    """The lemma from the language's table (see ``languages/lemmas.py``), else the word."""
    return load_lemmas(lang).get(word, word)


def tokenize(text: str, lang: str) -> tuple[Token, ...]:
    out = []
    for m in TOKEN.finditer(text):
        surface = m.group().lower().replace("’", "'")
        out.append(Token(m.start(), m.end(), surface, lemma(surface, lang)))
    return tuple(out)
