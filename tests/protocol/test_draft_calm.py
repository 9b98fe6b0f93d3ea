"""A calm customer who only asks gets an answer (or a time for one): no named emotion, no
apology for nothing; Polish greetings inflect the first name."""

from __future__ import annotations

from dataclasses import replace

import pytest

import calmline
from calmline.languages.pl.morphology import vocative
from calmline.protocol.conversation import parse_conversation
from calmline.protocol.draft_eval import _kinds
from calmline.protocol.policy import load_policy
from calmline.protocol.situation import read

QUESTIONS = [
    ("nl", "Goedemiddag, kan ik mijn bezorgadres nog wijzigen voor bestelling 55120? Groet, Eva"),
    ("de", "Guten Tag, kann ich die Lieferadresse für Bestellung 55120 noch ändern? Danke!"),
    ("pl", "Dzień dobry, czy mogę jeszcze zmienić adres dostawy zamówienia 55120? Dziękuję."),
    ("en", "Hi, can I still change the delivery address for order 55120? Thanks, Eva"),
]


@pytest.mark.parametrize(("lang", "text"), QUESTIONS)
def test_a_calm_question_is_answered_without_apology(lang: str, text: str) -> None:
    conv = {
        "language": lang,
        "channel": "email",
        "customer": {"name": "Eva Lindner", "gender": "female"},
        "messages": [{"role": "customer", "text": text}],
    }
    situation = read(parse_conversation(conv), load_policy())
    assert situation.calm_question and not situation.complaint and not situation.hot
    draft = calmline.draft(conv).text
    kinds = _kinds(draft, lang)
    assert not kinds["apology"] and not kinds["acknowledge"], draft
    assert kinds["time_frame"] or kinds["next_step"], draft
    review = calmline.review(conv, draft)
    assert not {"no_apology", "no_acknowledgment"} & review.codes


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Michał", "Michale"), ("Anna", "Anno"), ("Tomasz", "Tomaszu"), ("Kasia", "Kasiu")],
)
def test_polish_first_names_take_the_vocative(name: str, expected: str) -> None:
    assert vocative(name) == expected


def test_an_unknown_name_stays_as_written() -> None:
    assert vocative("Xqzw") == "Xqzw" and vocative("kasia_88") == "kasia_88"


def test_a_polish_informal_greeting_uses_the_vocative() -> None:
    conv = {
        "language": "pl",
        "channel": "chat",
        "customer": {"name": "Michał Szymański", "gender": "male"},
        "messages": [{"role": "customer", "text": "Cześć, mój zamówiony box nie dotarł."}],
    }
    policy = load_policy()
    informal = replace(policy, register={**policy.register, "pl": "informal"})
    text = calmline.draft(conv, informal).text
    assert text.split("\n", 1)[0] in ("Cześć, Michale,", "Hej, Michale,")


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("pralkę", "pralki"),
        ("ekspres do kawy", "ekspresu do kawy"),
        ("buty Nike", "butów Nike"),
        ("czajnik", "czajnika"),
        ("słuchawki", "słuchawek"),
        ("sofę narożną", None),  # the adjective would have to agree too: cited instead
        ("Tivoli", None),
    ],
)
def test_polish_products_go_into_the_genitive(phrase: str, expected: str | None) -> None:
    from calmline.languages.pl.morphology import genitive

    assert genitive(phrase) == expected


def test_a_polish_summary_inflects_the_product_and_asks_last() -> None:
    conv = {
        "language": "pl",
        "channel": "email",
        "customer": {"name": "Anna Nowak", "gender": "female"},
        "messages": [
            {"role": "customer", "text": "Kupiłam pralkę, która nie działa. Chcę zwrotu!"}
        ],
    }
    text = calmline.draft(conv).text
    assert "pralki" in text and "(pralkę)" not in text
    body = text.split("\n\n")[1]
    assert body.rstrip().endswith("?")  # the order number is missing: the question ends it
    assert body.count("?") == 1


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "de",
            "Bestellung 30418-77: der Wasserkocher (49,90 €) ist seit gestern kaputt. Geld zurück!",
        ),
        ("en", "My order 55120, a kettle for £35, broke on 3 March. I want a refund!"),
    ],
)
def test_complete_facts_are_restated_not_asked(lang: str, text: str) -> None:
    conv = {
        "language": lang,
        "channel": "email",
        "customer": {"name": "Anna Nowak", "gender": "female"},
        "messages": [{"role": "customer", "text": text}],
    }
    body = calmline.draft(conv).text.split("\n\n")[1]
    assert "?" not in body


# (language, a calm question the policy answers, words of the answer)
POLICY_QUESTIONS = [
    ("nl", "Goedemiddag, tot wanneer kan ik de jas nog terugsturen?", "60 dagen"),
    ("de", "Guten Tag, bis wann kann ich die Jacke noch zurückschicken?", "60 Tage"),
    ("pl", "Dzień dobry, do kiedy mogę zwrócić kurtkę?", "60 dni"),
    ("en", "Hi, how long does a refund take once you get my return?", "5 working days"),
]


@pytest.mark.parametrize(("lang", "text", "answer"), POLICY_QUESTIONS)
def test_a_question_the_policy_answers_is_answered_directly(
    lang: str, text: str, answer: str
) -> None:
    conv = {
        "language": lang,
        "channel": "email",
        "customer": {"name": "Eva Lindner", "gender": "female"},
        "messages": [{"role": "customer", "text": text}],
    }
    draft = calmline.draft(conv).text
    assert answer in draft
    kinds = _kinds(draft, lang)
    assert not kinds["apology"] and not kinds["acknowledge"], draft
    assert "[" not in draft  # no order-number placeholder for a question
    steps = calmline.guide(conv).next
    assert steps and steps[0].step == "resolve"
    assert any(answer in s.text for s in steps[0].sentences)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # two languages in one message
        (
            "nl",
            "Hoi, my order 55120 is nog steeds niet binnen. Can you check this please? Echt balen!",
        ),
        # two currencies in one thread, one without a policy limit
        (
            "en",
            "I paid €120 for the tour plus SEK 900 for the boat; both were cancelled. Refund me.",
        ),
        # a name with a particle, formal, gender known
        ("de", "Meine Bestellung 30418 ist kaputt angekommen. Ich will mein Geld zurück."),
    ],
)
def test_bad_input_gets_a_clear_safe_reply(lang: str, text: str) -> None:
    conv = {
        "language": lang,
        "channel": "email",
        "customer": {"name": "Clara von Arnim", "gender": "female"},
        "messages": [{"role": "customer", "text": text}],
    }
    draft = calmline.draft(conv)
    review = calmline.review(conv, draft.text)
    assert review.ready, [(f.code, f.text) for f in review.findings]
    assert not {"over_promise", "gives_in", "wrong_fact"} & review.codes
    if lang == "de":
        assert draft.text.startswith("Guten Tag Frau von Arnim,")
