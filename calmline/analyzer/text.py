"""Text artifacts computed once per message and shared by every detector.

Tokens keep their offsets into the scoring view (see ``cleaning``) and carry a lemma, so
lexicons can list base forms once instead of every inflection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import simplemma

TOKEN = re.compile(r"[^\W_](?:[\w]|['’-](?=[^\W_]))*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    surface: str  # lower-cased
    lemma: str  # lower-cased


@lru_cache(maxsize=200_000)
def lemma(word: str, lang: str) -> str:
    """simplemma's lemma, lower-cased; cached because customers repeat themselves."""
    if lang not in ("nl", "de", "pl", "en"):
        return word
    try:
        return str(simplemma.lemmatize(word, lang=lang)).lower()
    except Exception:  # simplemma is data-driven; never let a lookup break analysis
        return word


def tokenize(text: str, lang: str) -> tuple[Token, ...]:
    out = []
    for m in TOKEN.finditer(text):
        surface = m.group().lower().replace("’", "'")
        out.append(Token(m.start(), m.end(), surface, lemma(surface, lang)))
    return tuple(out)
