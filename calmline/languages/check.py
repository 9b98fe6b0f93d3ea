"""Validate a language's lexicons and show what they match: ``python -m calmline.languages.check``.

Usage: ``python -m calmline.languages.check CODE ["message" ...]``. Exit status 2 when a
lexicon is invalid. Meant for the people who write the lexicons.
"""

from __future__ import annotations

import sys

from calmline.analyzer.matcher import Matcher
from calmline.analyzer.text import tokenize
from calmline.languages.loader import LexiconError, load_language


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("usage: python -m calmline.languages.check CODE [MESSAGE ...]", file=sys.stderr)
        return 2
    code, messages = args[0], args[1:]
    try:
        res = load_language(code)
    except LexiconError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for name, lex in res.lexicons.items():
        print(f"{code}/{name}.tsv: {len(lex.entries)} entries")
    matcher = Matcher(e for lex in res.lexicons.values() for e in lex.entries)
    for message in messages:
        tokens = tokenize(message, code)
        print(f"\n{message}")
        print("  lemmas:", " ".join(f"{t.surface}/{t.lemma}" for t in tokens))
        for m in sorted(matcher.scan(message, tokens), key=lambda m: m.start):
            extra = f" value={m.value!r}" if m.value else ""
            print(
                f"  {m.entry.lexicon}/{m.entry.kind} w={m.entry.weight} "
                f"[{m.start}:{m.end}] {message[m.start : m.end]!r}{extra} <- {m.entry.source!r}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
