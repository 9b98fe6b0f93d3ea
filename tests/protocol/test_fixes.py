"""One-click fixes that fit: the exact span, the whole sentence, the right place, the agent's
own text shortened — never a canned draft pasted over a phrase."""

from __future__ import annotations

import calmline
from calmline.protocol.fixes import body_bounds, insertion, plan, shorten


def _conv(lang: str, text: str, channel: str = "email") -> dict[str, object]:
    return {
        "language": lang,
        "channel": channel,
        "customer": {"name": "Sabine Krüger", "gender": "female"},
        "messages": [{"role": "customer", "text": text}],
    }


LETTER = (
    "Sehr geehrte Frau Krüger,\n\nich habe Ihre Nachricht gelesen. Ich kümmere mich darum.\n\n"
    "Viele Grüße\nJonas Weber"
)


def test_body_bounds_skip_the_greeting_and_the_sign_off() -> None:
    start, end = body_bounds(LETTER)
    assert LETTER[start:end] == "ich habe Ihre Nachricht gelesen. Ich kümmere mich darum."


def test_an_opening_step_goes_after_the_greeting_and_a_next_step_before_the_sign_off() -> None:
    first = insertion(LETTER, "no_apology", "Es tut mir leid.").apply(LETTER)
    assert first.startswith("Sehr geehrte Frau Krüger,\n\nEs tut mir leid. ich habe")
    last = insertion(LETTER, "no_time_frame", "Ich melde mich bis Freitag.").apply(LETTER)
    assert "darum. Ich melde mich bis Freitag.\n\nViele Grüße\nJonas Weber" in last


def test_a_chat_line_without_frame_gets_the_sentence_at_its_ends() -> None:
    chat = "Ich schaue es mir an."
    assert insertion(chat, "no_apology", "Das tut mir leid.").apply(chat) == (
        "Das tut mir leid. Ich schaue es mir an."
    )
    assert insertion(chat, "no_time_frame", "Bis morgen.").apply(chat) == (
        "Ich schaue es mir an. Bis morgen."
    )


def test_a_phrase_fix_replaces_its_whole_sentence_and_says_so() -> None:
    draft = "Hallo,\n\ndas ist nicht unser Fehler, Sie hätten besser lesen sollen. Ich prüfe es."
    s = draft.index("nicht unser Fehler")
    fix = plan(draft, "defensive", s, s + 18, "Das tut mir leid.", "de", 1500)
    assert fix is not None and fix.action == "replace_sentence"
    assert fix.apply(draft) == "Hallo,\n\nDas tut mir leid. Ich prüfe es."


def test_a_spelling_fix_replaces_only_the_word() -> None:
    draft = "Ich habe die Rückerstatung veranlasst."
    s = draft.index("Rückerstatung")
    fix = plan(draft, "spelling", s, s + 13, "Rückerstattung", "de", 1500)
    assert fix is not None and fix.action == "replace"
    assert fix.apply(draft) == "Ich habe die Rückerstattung veranlasst."


def test_too_long_keeps_the_agents_own_important_sentences() -> None:
    filler = " ".join(f"Dazu noch ein Gedanke Nummer {i}." for i in range(30))
    draft = (
        "Hallo Frau Krüger,\n\nes tut mir leid, dass der Wasserkocher kaputt ist. "
        f"{filler} Ich melde mich innerhalb von 2 Werktagen bei Ihnen.\n\nViele Grüße\nJonas"
    )
    fix = shorten(draft, 300, "de")
    assert fix is not None and fix.action == "shorten"
    out = fix.apply(draft)
    assert len(out) <= 300
    assert "es tut mir leid" in out and "innerhalb von 2 Werktagen" in out
    assert out.startswith("Hallo Frau Krüger,") and out.endswith("Viele Grüße\nJonas")
    own = set(draft.replace("\n", " ").split())
    assert set(out.replace("\n", " ").split()) <= own  # nothing the agent did not write


def test_review_findings_carry_fixes_that_apply_cleanly() -> None:
    conv = _conv("de", "Mein Wasserkocher ist kaputt, das ist eine Frechheit! Bestellung 30418.")
    draft = "Sehr geehrte Frau Krüger,\n\nich sehe mir das an.\n\nViele Grüße\nJonas Weber"
    review = calmline.review(conv, draft)
    inserted = [f for f in review.findings if f.fix and f.fix.action == "insert"]
    assert inserted
    for f in inserted:
        assert f.fix is not None
        out = f.fix.apply(draft)
        assert out.startswith("Sehr geehrte Frau Krüger,") and out.endswith("Jonas Weber")
        assert f.replacement in out
        assert review.to_dict()["findings"][review.findings.index(f)]["fix"]["action"] == "insert"
