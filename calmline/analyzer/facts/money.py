"""Amounts of money: found with their currency and read in each language's conventions.

"€ 1.299,00", "1 299,00 zł", "£1,299.00" and "20,- €" are all ordinary; "1,000.000" is not
(a comma for thousands and a point for thousands again) and gets no value rather than a
wrong one. The value is a decimal with two places and the ISO currency: ``1299.00 EUR``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from calmline.languages.vocab import load_vocab

SYMBOLS = {"€": "EUR", "£": "GBP", "$": "USD", "zł": "PLN", "zl": "PLN", "fr.": "CHF", "kč": "CZK"}
# the policy's currencies, and others a customer may pay in: an amount in a currency the
# policy sets no limit for still has to be read, so the verdict can say so and escalate
CODES = ("EUR", "PLN", "GBP", "USD", "CHF", "SEK", "NOK", "DKK", "CZK", "HUF", "RON", "JPY")
_NUMBER = r"\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_DASH = r"(?:[.,][-–](?!\d))?"


@dataclass(frozen=True, slots=True)
class Amount:
    start: int
    end: int
    normalized: str | None
    reason: str


def _currency_words(lang: str) -> dict[str, str]:
    words = {code.lower(): code for code in CODES}
    words.update(SYMBOLS)
    for code in ("nl", "de", "pl", "en", lang):
        vocab = load_vocab(code) if code in ("nl", "de", "pl", "en") else None
        if vocab is None:
            continue
        for word, senses in vocab.single.items():
            for sense in senses:
                if sense.kind == "currency":
                    words[word] = sense.value
    return words


@cache
def _pattern(lang: str) -> tuple[re.Pattern[str], dict[str, str]]:
    words = _currency_words(lang)
    names = sorted(words, key=len, reverse=True)
    alt = "|".join(re.escape(w) for w in names)
    pattern = re.compile(
        rf"(?<![\w.,])(?:(?P<pre>{alt})\s?(?P<n1>{_NUMBER}){_DASH}(?![\d])"
        rf"|(?P<n2>{_NUMBER}){_DASH}\s?(?P<post>{alt}))(?![\w])",
        re.IGNORECASE,
    )
    return pattern, words


def parse_number(raw: str) -> Decimal | None:
    """A decimal from "1.299,00", "1 299,00", "1,299.00", "79,95", "20"; None if unclear."""
    s = re.sub(r"[\u00a0\u202f ]", " ", raw.strip())
    if " " in s:
        head, *groups = s.split(" ")
        last_group = re.split(r"[.,]", groups[-1])
        if any(len(g) != 3 for g in groups[:-1]) or len(last_group[0]) != 3:
            return None
        s = head + "".join(groups)
    seps = [(i, ch) for i, ch in enumerate(s) if ch in ".,"]
    try:
        if not seps:
            return Decimal(s)
        pos, last = seps[-1]
        tail = s[pos + 1 :]
        earlier = {ch for _, ch in seps[:-1]}
        if len(earlier) > 1:
            return None
        if earlier and last in earlier:  # "1.000.000": all thousands
            return Decimal(s.replace(last, "")) if len(tail) == 3 else None
        if len(tail) in (1, 2):  # the last separator is the decimal one
            return Decimal(s[:pos].replace(".", "").replace(",", "") + "." + tail)
        if len(tail) == 3 and not earlier:  # "1.299" or "1,299": thousands
            return Decimal(s.replace(last, ""))
    except InvalidOperation:
        return None
    return None


def find_amounts(text: str, lang: str) -> list[Amount]:
    pattern, words = _pattern(lang)
    out = []
    for m in pattern.finditer(text):
        number = m.group("n1") or m.group("n2")
        cur = (m.group("pre") or m.group("post") or "").lower()
        code = words.get(cur) or words.get(cur.upper().lower())
        if code is None:
            continue
        value = parse_number(number)
        if value is None:
            out.append(Amount(m.start(), m.end(), None, f"{number!r}: unclear separators"))
            continue
        normalized = f"{value.quantize(Decimal('0.01'))} {code}"
        out.append(Amount(m.start(), m.end(), normalized, f"{number} in {code}"))
    return out
