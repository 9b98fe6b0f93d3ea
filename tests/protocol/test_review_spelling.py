"""``spelling``: Hunspell (Debian's dictionaries) on the agent's draft, with suggestions;
names, products and every word of the conversation are not misspellings."""

from __future__ import annotations

import pytest

import calmline
from calmline.languages import spelling
from tests.conftest import require

# (language, the customer's message, a draft, the words flagged, a suggestion expected for
# the first of them)
CASES = [
    (
        "nl",
        "Mijn Senseo-apparaat van Philips lekt sinds gisteren. Groet, Marieke de Boer",
        "Beste mevrouw De Boer,\n\nWat vervelend dat uw Senseo-apparaat lekt. Ik stuur u "
        "vandaag een retourlabel zodat wij het apparaat kunnen nakijken en het kapote deel "
        "vervangen.\n\nMet vriendelijke groet,\nSanne Visser",
        ["kapote"],
        "kapotte",
    ),
    (
        "de",
        "Meine Bestellung 30418-77 (Wasserkocher von Severin) ist kaputt. Sabine Krüger",
        "Sehr geehrte Frau Krüger,\n\nes tut mir leid, dass Ihr Wasserkocher von Severin kaputt "
        "ist. Die Rückerstatung für die Bestellung 30418-77 habe ich geprüft und melde mich "
        "morgen.\n\nViele Grüße\nJonas Weber",
        ["Rückerstatung"],
        "Rückerstattung",
    ),
    (
        "pl",
        "Pralka Beko, którą kupiłam, przecieka. Anna Nowak",
        "Szanowna Pani,\n\nprzykro mi, że pralka Beko przecieka. Przekazałem zgłoszenie do "
        "serwisu i zamowienie naprawy potwierdzę jutro.\n\nPozdrawiam\nTomasz Wójcik",
        ["zamowienie"],
        "zamówienie",
    ),
    (
        "en",
        "My Dyson V11 stopped charging after a week. Mike Turner",
        "Dear Mr Turner,\n\nI am sorry your Dyson V11 stopped charging. I will arrange a "
        "replacement and you will recieve it within five working days.\n\nKind regards,\n"
        "Priya Shah",
        ["recieve"],
        "receive",
    ),
]


def _conversation(lang: str, text: str) -> dict[str, object]:
    return {
        "language": lang,
        "channel": "email",
        "messages": [{"role": "customer", "text": text}],
    }


@pytest.mark.parametrize(("lang", "customer", "draft", "flagged", "suggestion"), CASES)
def test_misspelled_words_are_flagged_and_names_are_not(
    lang: str, customer: str, draft: str, flagged: list[str], suggestion: str
) -> None:
    require(spelling.available(lang), f"hunspell and its {lang} dictionary (Debian packages)")
    review = calmline.review(_conversation(lang, customer), draft)
    found = [f for f in review.findings if f.code == "spelling"]
    assert [f.text for f in found] == flagged
    assert [draft[f.start : f.end] for f in found] == flagged  # offsets into the draft
    assert found[0].replacement == suggestion
    assert found[0].severity == "warn"
    assert "spelling" not in review.unavailable


@pytest.mark.parametrize("lang", ["nl", "de", "pl", "en"])
def test_calmlines_own_drafts_are_spelled_correctly(lang: str) -> None:
    require(spelling.available(lang), f"hunspell and its {lang} dictionary (Debian packages)")
    customer = CASES[["nl", "de", "pl", "en"].index(lang)][1]
    conv = _conversation(lang, customer)
    draft = calmline.draft(conv)
    found = calmline.review(conv, draft.text).findings
    assert [f.text for f in found if f.code == "spelling"] == []


def test_without_a_dictionary_the_check_says_it_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALMLINE_HUNSPELL_DIR", "/nonexistent")
    spelling.speller.cache_clear()
    try:
        review = calmline.review(_conversation("en", "Where is my parcel?"), "I am sory.")
    finally:
        spelling.speller.cache_clear()
    assert "spelling" in review.unavailable
    assert "spelling" not in review.codes


def test_pipe_commands_in_a_draft_are_only_words() -> None:
    """Each word goes to Hunspell as ``^word``: a draft line starting with ``*`` or ``#``
    cannot add words to the session dictionary or end the process."""
    require(spelling.available("en"), "hunspell and its en dictionary (Debian packages)")
    conv = _conversation("en", "Where is my parcel?")
    for draft in ("*recieve\n#\n!\n", "recieve"):
        found = [f.text for f in calmline.review(conv, draft).findings if f.code == "spelling"]
        assert found == ["recieve"]


def test_the_accepted_word_lists_are_single_words() -> None:
    for lang in ("nl", "de", "pl", "en"):
        words = spelling.accepted(lang)
        assert words and all(spelling.WORD.fullmatch(w) for w in words)


@pytest.mark.parametrize("lang", ["nl", "de", "pl", "en"])
def test_every_phrase_of_the_phrasebook_passes_the_spell_check(lang: str) -> None:
    """Every sentence calmline can propose, in every register, is spelled as the language's
    Hunspell dictionary (plus the reviewed spelling.tsv) has it; slots are left out."""
    import re

    from calmline.protocol.phrasebook import phrasebook

    checker = spelling.speller(lang)
    require(checker is not None, f"hunspell and its {lang} dictionary (Debian packages)")
    assert checker is not None
    accepted = spelling.accepted(lang)
    book = phrasebook(lang)
    wrong = []
    texts = [(p.rule, p.text) for group in book.phrases.values() for p in group]
    texts += [(f"feedback:{code}", f"{fb.message} {fb.hint}") for code, fb in book.feedback.items()]
    for rule, raw in texts:
        text = re.sub(r"\{\w+\}", " ", raw)
        for word in spelling.WORD.findall(text):
            if len(word) < 3 or word.lower() in accepted or not word[1:].islower():
                continue
            if not checker.check(word).correct and not checker.check(word.lower()).correct:
                wrong.append((rule, word))
    assert wrong == []
