"""Spelling of the agent's draft, by Hunspell with Debian's dictionaries.

Hunspell is the spell checker of LibreOffice and Firefox; Debian packages it (``hunspell``)
with a dictionary per language (``hunspell-nl``, ``hunspell-de-de``, ``hunspell-pl``,
``hunspell-en-us``, ``hunspell-en-gb``). calmline talks to one ``hunspell -a`` process per
language over its documented Ispell pipe protocol rather than binding the C library: no
compiler is needed at install time and a crash in the checker cannot take the server down.
Where the program or a dictionary is missing, :func:`speller` returns ``None`` and the
review simply has no spelling findings (``calmline doctor``-style honesty: the web app and
the API say the check is off, they do not pretend the draft is clean).

Words are looked up one per line (``^word``), so an answer always belongs to one word and
no input can be read as a pipe command. Answers are cached per process.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from calmline.languages.loader import language_dir

DICT_DIRS = (Path("/usr/share/hunspell"), Path("/usr/share/myspell/dicts"))
# Debian's dictionary names per language; English accepts US and British spellings
DICTIONARIES = {"nl": ("nl_NL", "nl"), "de": ("de_DE",), "pl": ("pl_PL",), "en": ("en_US", "en_GB")}
MAX_WORD = 60  # longer "words" are codes or URLs, never looked up
MAX_SUGGESTIONS = 3
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass(frozen=True, slots=True)
class Verdict:
    """Hunspell's answer for one word: correct, or wrong with its suggestions (best first)."""

    correct: bool
    suggestions: tuple[str, ...] = ()


def _dictionary_paths(lang: str) -> list[str]:
    found: list[str] = []
    override = os.environ.get("CALMLINE_HUNSPELL_DIR")
    dirs = (Path(override),) if override else DICT_DIRS
    for name in DICTIONARIES.get(lang, ()):
        for folder in dirs:
            if (folder / f"{name}.dic").exists() and (folder / f"{name}.aff").exists():
                found.append(str(folder / name))
                break
        if found and lang != "en":
            break  # one dictionary is enough; English takes both spellings
    return found


class Speller:
    """One ``hunspell -a`` process for one language; thread-safe, answers cached."""

    def __init__(self, lang: str, program: str, dictionaries: list[str]) -> None:
        self.lang = lang
        self._cmd = [program, "-a", "-i", "utf-8", "-d", ",".join(dictionaries)]
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[str] | None = None
        self._cache: dict[str, Verdict] = {}

    def _start(self) -> subprocess.Popen[str]:
        proc = subprocess.Popen(
            self._cmd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
            bufsize=1,
        )
        assert proc.stdout is not None
        proc.stdout.readline()  # the version banner
        return proc

    def check(self, word: str) -> Verdict:
        """Hunspell's verdict on one word (a word outside WORD's shape counts as correct)."""
        if len(word) > MAX_WORD or not WORD.fullmatch(word):
            return Verdict(True)
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        with self._lock:
            verdict = self._ask(word)
            if not verdict.correct and "-" in word:  # "passief-agressief": each part a word
                parts = [p for p in word.split("-") if p]
                if parts and all(self._ask(p).correct for p in parts):
                    verdict = Verdict(True)
        self._cache[word] = verdict
        return verdict

    def _ask(self, word: str) -> Verdict:
        for attempt in (0, 1):  # a process that died is restarted once
            if self._proc is None or self._proc.poll() is not None:
                self._proc = self._start()
            proc = self._proc
            assert proc.stdin is not None and proc.stdout is not None
            try:
                proc.stdin.write(f"^{word}\n")
                proc.stdin.flush()
                lines = []
                while True:
                    line = proc.stdout.readline()
                    if line == "":
                        raise BrokenPipeError("hunspell closed its output")
                    if line == "\n":
                        break
                    lines.append(line.rstrip("\n"))
            except (BrokenPipeError, OSError):
                self._proc = None
                if attempt:
                    return Verdict(True)
                continue
            return _parse(lines)
        return Verdict(True)

    def close(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait()
            self._proc = None


def _parse(lines: list[str]) -> Verdict:
    """Ispell pipe answers: ``*``/``+``/``-`` correct, ``& w n o: s1, s2`` or ``# w o`` wrong."""
    if not lines:
        return Verdict(True)
    head = lines[0]
    if head[:1] in "*+-":
        return Verdict(True)
    if head.startswith("&"):
        suggestions = head.split(": ", 1)[1].split(", ") if ": " in head else []
        return Verdict(False, tuple(s for s in suggestions if s)[:MAX_SUGGESTIONS])
    if head.startswith("#"):
        return Verdict(False)
    return Verdict(True)


@cache
def accepted(lang: str) -> frozenset[str]:
    """Words of ``languages/<lang>/spelling.tsv`` (lower-cased): loanwords and trade terms an
    agent may write that the dictionary lacks. One word per line; a line with a space or a
    digit is an error, so the list cannot silently turn into phrases."""
    path = language_dir(lang) / "spelling.tsv"
    if not path.exists():
        return frozenset()
    words = set()
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        word = line.strip()
        if not word or word.startswith("#"):
            continue
        if not WORD.fullmatch(word):
            raise ValueError(f"languages/{lang}/spelling.tsv:{lineno}: not one word: {word!r}")
        words.add(word.lower())
    return frozenset(words)


def program() -> str | None:
    return os.environ.get("CALMLINE_HUNSPELL") or shutil.which("hunspell")


@cache
def speller(lang: str) -> Speller | None:
    """The speller for ``lang``, or ``None`` where Hunspell or its dictionary is missing."""
    exe = program()
    paths = _dictionary_paths(lang)
    if exe is None or not paths:
        return None
    return Speller(lang, exe, paths)


def available(lang: str) -> bool:
    return speller(lang) is not None
