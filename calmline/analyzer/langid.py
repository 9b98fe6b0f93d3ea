"""Language identification restricted to what calmline supports, with honest fallbacks.

py3langid knows ~100 languages. We ask it for its full ranking and then decide: a
supported language wins when it leads (or nearly leads on a short, ambiguous text);
a confidently detected other language is reported as itself; anything else is ``und``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from calmline.analyzer.result import Language
from calmline.languages.loader import SUPPORTED

_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
# languages py3langid confuses with a supported neighbour on short texts
_NEIGHBOURS = {"af": "nl", "fy": "nl", "li": "nl", "nds": "de", "lb": "de", "sk": "pl", "cs": "pl"}


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def warm_up() -> None:
    _identifier()


def identify(text: str) -> Language:
    letters = len(_LETTER.findall(text[:4000]))
    if letters < 2:
        return Language("und", 0.0, False)
    ranked: list[tuple[str, float]] = _identifier().rank(text[:4000])
    top, top_p = ranked[0]
    probs = dict(ranked)
    best = max(SUPPORTED, key=lambda code: probs.get(code, 0.0))
    best_p = probs.get(best, 0.0)
    if top in SUPPORTED and top_p >= 0.2:
        return Language(top, float(top_p), True)
    neighbour = _NEIGHBOURS.get(top)
    if neighbour and probs.get(neighbour, 0.0) >= 0.25 * top_p and top_p < 0.9:
        share = probs[neighbour] / (probs[neighbour] + top_p)
        return Language(neighbour, float(share), True)
    if top_p >= 0.3 and top != "zxx":
        return Language(str(top), float(top_p), False)
    if best_p >= 0.05 and letters >= 12:
        return Language(best, float(best_p), True)
    return Language("und", float(top_p), False)
