"""The reviewer: per-language tables of (customer message, draft, expected findings), and
the behaviour around them (spans index the draft, severities, bad drafts)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

import calmline
from calmline.protocol.policy import Policy, load_policy
from calmline.protocol.review import SEVERITY, ReviewError

ANGRY = {
    "nl": "Mijn pakket met bestelnummer 48213 is al twee weken te laat. Ik ben echt woedend!",
    "de": "Mein Paket mit der Bestellnummer 48213 ist schon zwei Wochen zu spät. Ich bin wirklich wütend!",
    "pl": "Moja paczka z zamówieniem 48213 spóźnia się już dwa tygodnie. Jestem naprawdę wściekły!",
    "en": "My parcel for order 48213 is two weeks late. I am really furious!",
}
VENT = {
    "nl": "Wat een waardeloze club. Ik ben er klaar mee.",
    "de": "Was für ein Saftladen. Ich habe die Nase voll.",
    "pl": "Co za beznadziejna firma. Mam dość.",
    "en": "What a useless company. I am fed up.",
}
THREAT = {
    "nl": "Als mijn geld er morgen niet is, kom ik langs en sla ik die verkoper in elkaar.",
    "de": "Wenn mein Geld morgen nicht da ist, komme ich vorbei und schlage den Verkäufer zusammen.",
    "pl": "Jeśli jutro nie będzie pieniędzy, przyjdę i pobiję tego sprzedawcę.",
    "en": "If my money is not here tomorrow I will come by and beat up that salesman.",
}
OLD = {
    "nl": "Ik heb deze mixer vier maanden geleden gekocht en wil mijn geld terug.",
    "de": "Ich habe diesen Mixer vor vier Monaten gekauft und will mein Geld zurück.",
    "pl": "Kupiłam ten mikser cztery miesiące temu i chcę zwrotu pieniędzy.",
    "en": "I bought this blender four months ago and I want my money back.",
}
CUSTOMERS = {"angry": ANGRY, "vent": VENT, "threat": THREAT, "old": OLD}

# (language, customer situation, draft, {code: expected span text or None})
CASES: list[tuple[str, str, str, dict[str, str | None]]] = [
    # --- English ---
    (
        "en",
        "angry",
        "I can see how frustrated you are about your order 48213, and I am sorry. "
        "I have sent a replacement; it will be with you within 7 working days.",
        {},
    ),
    (
        "en",
        "angry",
        "Please calm down. The parcel will arrive within 5 working days.",
        {"dismissive": "calm down"},
    ),
    (
        "en",
        "angry",
        "As I already explained, the courier is responsible for delays. "
        "It will arrive within 5 working days.",
        {"defensive": "As I already explained"},
    ),
    (
        "en",
        "angry",
        "You should have chosen express delivery. It will arrive within 5 working days.",
        {"blame_customer": "You should have"},
    ),
    (
        "en",
        "angry",
        "I AM DOING MY BEST HERE!!! It will arrive within 5 working days.",
        {"shouting": "DOING MY BEST HERE!!!"},
    ),
    (
        "en",
        "angry",
        "I can see how frustrated you are and I am sorry. We will look into it soon.",
        {"no_time_frame": None},
    ),
    (
        "en",
        "threat",
        "I am sorry about the delay. Your refund will be paid within 5 working days.",
        {"ignores_threat": None},
    ),
    (
        "en",
        "old",
        "I can see this is disappointing, and I am sorry. We will refund you in full "
        "within 5 working days.",
        {"gives_in": "We will refund you"},
    ),
    (
        "en",
        "angry",
        "I can see how frustrated you are, and I am sorry. As a goodwill gesture we "
        "will refund €200 within 5 working days.",
        {"over_promise": "€200"},
    ),
    (
        "en",
        "angry",
        "Lo sentimos mucho. Le enviaremos un reemplazo en un plazo de siete días laborables.",
        {"wrong_language": None},
    ),
    # --- Dutch ---
    (
        "nl",
        "angry",
        "Ik begrijp dat u erg boos bent over uw bestelling 48213, en het spijt me. "
        "Ik stuur een nieuw pakket; u heeft het binnen 7 werkdagen.",
        {},
    ),
    (
        "nl",
        "angry",
        "Rustig maar, het pakket komt binnen 5 werkdagen.",
        {"dismissive": "Rustig maar"},
    ),
    (
        "nl",
        "angry",
        "Zoals al gezegd ligt het aan de vervoerder. Het pakket komt binnen 5 werkdagen.",
        {"sarcasm": "Zoals al gezegd"},
    ),
    (
        "nl",
        "angry",
        "Ik begrijp dat je boos bent en het spijt me. Je pakket komt binnen 5 werkdagen.",
        {"register_mismatch": None},
    ),
    (
        "nl",
        "threat",
        "Het spijt me van de vertraging. Uw geld staat binnen 5 werkdagen op uw rekening.",
        {"ignores_threat": None},
    ),
    # --- German ---
    (
        "de",
        "angry",
        "Ich verstehe, dass Sie wütend sind, und es tut mir leid. Ich schicke Ihnen ein "
        "neues Paket; es ist innerhalb von 7 Werktagen bei Ihnen.",
        {},
    ),
    (
        "de",
        "angry",
        "Beruhigen Sie sich bitte. Das Paket kommt innerhalb von 5 Werktagen.",
        {"dismissive": "Beruhigen Sie sich"},
    ),
    (
        "de",
        "angry",
        "Ich verstehe, dass du wütend bist, und es tut mir leid. Das Paket kommt innerhalb "
        "von 5 Werktagen.",
        {"register_mismatch": None},
    ),
    (
        "de",
        "threat",
        "Es tut mir leid wegen der Verspätung. Ihr Geld ist innerhalb von 5 Werktagen da.",
        {"ignores_threat": None},
    ),
    (
        "de",
        "vent",
        "Ich kann Sie total verstehen, mir würde es genauso gehen. Was ist passiert?",
        {"premature_empathy": None},
    ),
    # --- Polish ---
    (
        "pl",
        "angry",
        "Rozumiem, że jest Pan bardzo zdenerwowany, i przepraszam. Wyślemy nową paczkę "
        "w ciągu 7 dni roboczych.",
        {},
    ),
    (
        "pl",
        "angry",
        "Proszę się uspokoić. Paczka dotrze w ciągu 5 dni roboczych.",
        {"dismissive": "Proszę się uspokoić"},
    ),
    (
        "pl",
        "angry",
        "Rozumiem, że jesteś zdenerwowany, i przepraszam. Paczka dotrze w ciągu 5 dni roboczych.",
        {"register_mismatch": None},
    ),
    (
        "pl",
        "threat",
        "Przepraszamy za opóźnienie. Pieniądze wrócą w ciągu 5 dni roboczych.",
        {"ignores_threat": None},
    ),
]


def _policy(lang: str, register: str = "formal") -> Policy:
    base = load_policy()
    return replace(base, register={**base.register, lang: register})


def _conv(
    lang: str, situation: str, gender: str = "male", channel: str = "email"
) -> dict[str, Any]:
    return {
        "channel": channel,
        "customer": {"name": "Alex", "gender": gender},
        "messages": [{"role": "customer", "text": CUSTOMERS[situation][lang]}],
    }


@pytest.mark.parametrize(("lang", "situation", "draft", "expected"), CASES)
def test_review_table(
    lang: str, situation: str, draft: str, expected: dict[str, str | None]
) -> None:
    review = calmline.review(_conv(lang, situation), draft, _policy(lang))
    codes = {f.code for f in review.findings}
    if not expected:
        assert not review.findings, [(f.code, f.text) for f in review.findings]
        assert review.ready and review.score == 100
    for code, span in expected.items():
        assert code in codes, (code, [(f.code, f.text) for f in review.findings])
        found = [f for f in review.findings if f.code == code]
        if span is not None:
            assert any(f.start <= draft.index(span) < f.end for f in found), (span, found)
    for f in review.findings:
        assert f.text == draft[f.start : f.end]
        assert f.severity == SEVERITY[f.code]
        assert f.message
    assert review.ready == (not any(f.severity == "block" for f in review.findings))


def test_block_findings_make_a_draft_not_ready_and_lower_the_score() -> None:
    good = calmline.review(_conv("en", "angry"), CASES[0][2], _policy("en"))
    bad = calmline.review(_conv("en", "angry"), CASES[1][2], _policy("en"))
    assert good.ready and not bad.ready
    assert bad.score < good.score
    assert bad.politeness < good.politeness


def test_suggestion_is_a_concrete_rewrite_in_the_conversation_language() -> None:
    review = calmline.review(_conv("de", "angry"), "Beruhigen Sie sich bitte.", _policy("de"))
    dismissive = next(f for f in review.findings if f.code == "dismissive")
    assert "Sie" in dismissive.suggestion and len(dismissive.suggestion) > 20
    assert not any(w in dismissive.suggestion.lower() for w in ("calm", "please", "the "))


def test_shouting_suggestion_is_the_sentence_in_normal_case() -> None:
    draft = "I AM DOING MY BEST HERE!!! It will arrive within 5 working days."
    review = calmline.review(_conv("en", "angry"), draft, _policy("en"))
    shouting = next(f for f in review.findings if f.code == "shouting")
    assert shouting.suggestion.endswith("I am doing my best here.")


def test_too_long_uses_the_channel_limit() -> None:
    policy = _policy("en")
    draft = "I am sorry. " * 40 + "It will arrive within 5 working days."
    chat = calmline.review(_conv("en", "angry", channel="chat"), draft, policy)
    email = calmline.review(_conv("en", "angry", channel="email"), draft, policy)
    assert "too_long" in {f.code for f in chat.findings}
    assert "too_long" not in {f.code for f in email.findings}


def test_repeated_reply() -> None:
    previous = "I will pass this on to the technical team."
    conv = {
        "channel": "chat",
        "messages": [
            {"role": "customer", "text": ANGRY["en"]},
            {"role": "agent", "text": previous},
            {"role": "customer", "text": "You said that yesterday! Nothing has happened."},
        ],
    }
    review = calmline.review(conv, previous, _policy("en"))
    assert "repeated_reply" in {f.code for f in review.findings}
    fresh = calmline.review(
        conv, "I am sorry. A technician will call you within 1 working day.", _policy("en")
    )
    assert "repeated_reply" not in {f.code for f in fresh.findings}


@pytest.mark.parametrize(
    ("gender", "draft", "mismatch"),
    [
        (
            "unknown",
            "Przepraszamy Pana za opóźnienie. Paczka dotrze w ciągu 5 dni roboczych.",
            True,
        ),
        (
            "unknown",
            "Przepraszamy Państwa za opóźnienie. Paczka dotrze w ciągu 5 dni roboczych.",
            False,
        ),
        (
            "female",
            "Przepraszamy Panią za opóźnienie. Paczka dotrze w ciągu 5 dni roboczych.",
            False,
        ),
        ("female", "Przepraszamy Pana za opóźnienie. Paczka dotrze w ciągu 5 dni roboczych.", True),
        ("male", "Przepraszamy Pana za opóźnienie. Paczka dotrze w ciągu 5 dni roboczych.", False),
    ],
)
def test_polish_formal_address_must_not_guess_the_gender(
    gender: str, draft: str, mismatch: bool
) -> None:
    review = calmline.review(_conv("pl", "angry", gender=gender), draft, _policy("pl"))
    assert ("register_mismatch" in {f.code for f in review.findings}) is mismatch


@pytest.mark.parametrize("draft", ["", "   \n\t "])
def test_empty_draft_is_refused(draft: str) -> None:
    with pytest.raises(ReviewError, match="draft: empty"):
        calmline.review(_conv("en", "angry"), draft, _policy("en"))


def test_draft_in_an_unsupported_language_is_reviewed_gracefully() -> None:
    draft = "Nous sommes vraiment désolés. Votre colis arrivera dans cinq jours ouvrables."
    review = calmline.review(_conv("nl", "angry"), draft, _policy("nl"))
    assert not review.ready
    wrong = next(f for f in review.findings if f.code == "wrong_language")
    assert "Nederlands" in wrong.message or "nl" in wrong.message


def test_huge_draft_is_reviewed_not_refused() -> None:
    draft = "Het spijt me. " * 5000
    review = calmline.review(_conv("nl", "angry"), draft, _policy("nl"))
    assert "too_long" in {f.code for f in review.findings}


def test_review_json_shape() -> None:
    out = calmline.review(_conv("en", "angry"), CASES[1][2], _policy("en")).to_dict()
    assert set(out) == {
        "score",
        "ready",
        "language",
        "steps_present",
        "findings",
        "politeness",
        "unavailable",
    }
    assert 0 <= out["score"] <= 100 and 0.0 <= out["politeness"] <= 1.0
    for f in out["findings"]:
        assert {"code", "step", "severity", "start", "end", "text", "message", "suggestion"} <= set(
            f
        )
