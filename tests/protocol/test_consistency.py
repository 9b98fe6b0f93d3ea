"""A draft that agrees with itself and with the customer's figures; currencies the policy
sets no limit for; dates restated inside a sentence."""

from __future__ import annotations

import pytest

import calmline
from calmline.protocol.consistency import _one_typo
from calmline.protocol.conversation import parse_conversation
from calmline.protocol.policy import load_policy
from calmline.protocol.situation import read


def _conv(lang: str, text: str) -> dict[str, object]:
    return {
        "language": lang,
        "channel": "email",
        "customer": {"name": "Mike Turner", "gender": "male"},
        "messages": [{"role": "customer", "text": text}],
    }


# (language, customer, a draft with two times for the next contact, the same with one)
TIMES = [
    (
        "en",
        "My kettle (order 55120) broke. I want my money back.",
        "I am sorry. I will check what I can do and let you know within 5 working days. "
        "I will look into this and get back to you within 2 working days.",
        "I am sorry. I will look into this and get back to you within 2 working days.",
    ),
    (
        "de",
        "Mein Wasserkocher (Bestellung 55120) ist kaputt. Ich will mein Geld zurück.",
        "Es tut mir leid. Ich sehe mir das genau an und melde mich innerhalb von 5 Werktagen "
        "bei Ihnen. Ich kümmere mich darum und gebe Ihnen innerhalb von 2 Werktagen Bescheid.",
        "Es tut mir leid. Ich kümmere mich darum und gebe Ihnen innerhalb von 2 Werktagen "
        "Bescheid.",
    ),
]


@pytest.mark.parametrize(("lang", "customer", "two", "one"), TIMES)
def test_two_times_for_the_next_contact_contradict(
    lang: str, customer: str, two: str, one: str
) -> None:
    conv = _conv(lang, customer)
    found = [f for f in calmline.review(conv, two).findings if f.code == "contradiction"]
    assert len(found) == 1 and found[0].severity == "tip"
    assert "contradiction" not in calmline.review(conv, one).codes


def test_options_and_conditions_each_keep_their_own_time() -> None:
    conv = _conv("en", "My parcel (order 51872) never arrived. I want it sent again.")
    draft = (
        "I am sorry. I have opened a trace and will email you the result within 2 working "
        "days. If the parcel cannot be found, we will send a replacement within 7 working days."
    )
    assert "contradiction" not in calmline.review(conv, draft).codes


@pytest.mark.parametrize(
    ("a", "b", "typo"),
    [
        ("18900", "19800", True),
        ("18900", "1890", True),
        ("4400", "4500", False),
        ("12", "12", False),
    ],
)
def test_an_amount_typo_is_a_swap_or_a_dropped_digit(a: str, b: str, typo: bool) -> None:
    assert _one_typo(a, b) is typo


def test_a_mistyped_amount_is_a_wrong_fact() -> None:
    conv = _conv("en", "My kettle cost £189.00 and broke after a week. I want a refund.")
    wrong = "I am sorry. My supervisor will decide on the £198.00 within one working day."
    right = "I am sorry. My supervisor will decide on the £189.00 within one working day."
    assert [f.text for f in calmline.review(conv, wrong).findings if f.code == "wrong_fact"] == [
        "£198.00"
    ]
    assert "wrong_fact" not in calmline.review(conv, right).codes


# (language, a request in a currency the policy sets no limit for, the currency)
NO_LIMIT = [
    (
        "nl",
        "Ik heb een hotel geboekt voor SEK 2.340 en het was overboekt. Ik wil mijn geld terug.",
        "SEK",
    ),
    (
        "de",
        "Ich habe 1.200 CZK für die Führung bezahlt, sie fiel aus. Ich will mein Geld zurück.",
        "CZK",
    ),
    ("pl", "Zapłaciłam 450 Kč za bilety, koncert odwołano. Chcę zwrotu pieniędzy.", "CZK"),
    ("en", "I paid NOK 900 for the tour and it was cancelled. I want a refund.", "NOK"),
]


@pytest.mark.parametrize(("lang", "text", "currency"), NO_LIMIT)
def test_a_currency_without_a_limit_goes_to_a_supervisor(
    lang: str, text: str, currency: str
) -> None:
    r = read(parse_conversation(_conv(lang, text)), load_policy())
    assert r.verdict is not None and r.verdict.decision == "supervisor"
    assert f"no limit in {currency}" in r.verdict.explanation
    draft = calmline.draft(_conv(lang, text))
    assert "escalate_supervisor" in {s.key for s in draft.sentences}
    assert not {"over_promise", "gives_in"} & calmline.review(_conv(lang, text), draft.text).codes


def test_a_grant_in_a_currency_without_a_limit_is_over_promise() -> None:
    conv = _conv(
        "en", "I paid SEK 2,340 for the hotel and it was overbooked. I want my money back."
    )
    review = calmline.review(conv, "I am sorry. I have refunded the SEK 2,340 today.")
    assert "over_promise" in review.codes


@pytest.mark.parametrize(
    ("lang", "text", "said", "not_said"),
    [
        (
            "nl",
            "Vorige week kocht ik een jas (bestelling 7730021). De rits is kapot. Geld terug.",
            "vorige week",
            "Vorige week gebeurd",
        ),
        (
            "de",
            "Montag kam mein Wasserkocher (Bestellung 30418) kaputt an. Ich will mein Geld zurück.",
            "Montag",
            "montag",
        ),
        (
            "en",
            "Last week my kettle (order 55120) arrived broken. I want a refund.",
            "last week",
            "is Last week",
        ),
    ],
)
def test_a_date_from_the_start_of_a_sentence_reads_inside_ours(
    lang: str, text: str, said: str, not_said: str
) -> None:
    draft = calmline.draft(_conv(lang, text)).text
    assert said in draft and not_said not in draft


@pytest.mark.parametrize(
    ("lang", "text", "said"),
    [
        ("de", "Bestellung 30418: mein Wasserkocher ist am 2. März kaputtgegangen.", "am 2. März"),
        (
            "en",
            "My kettle (order 55120) arrived broken on 3 March. Please repair it.",
            "on 3 March",
        ),
    ],
)
def test_a_bare_date_takes_its_preposition(lang: str, text: str, said: str) -> None:
    conv = _conv(lang, text)
    conv["messages"] = [{"role": "customer", "text": text, "at": "2026-03-10T09:00:00Z"}]
    assert said in calmline.draft(conv).text


def test_a_german_letter_goes_on_in_lower_case_after_the_salutation() -> None:
    conv = {
        "language": "de",
        "channel": "email",
        "customer": {"name": "Lena Berg", "gender": "female"},
        "messages": [{"role": "customer", "text": "Hallo, kann ich meine Adresse noch ändern?"}],
    }
    body = calmline.draft(conv).text.split("\n\n")[1]
    assert body[:1].islower() or body.split()[0] in ("Sie", "Ihre", "Ihr", "Ihnen"), body


# a grant whose amount has decimals is still a grant (the lexicon once stopped at the point)
DECIMAL_GRANTS = [
    (
        "de",
        "Meine Jacke hat 191,90 CHF gekostet. Ich will mein Geld zurück!",
        "Ich habe die Rückerstattung von 191.90 CHF heute veranlasst.",
    ),
    (
        "pl",
        "Robot kosztował 812,40 zł. Chcę zwrotu pieniędzy!",
        "Zwrot 812,40 zł został dziś zlecony.",
    ),
    (
        "en",
        "My sofa cost £749.00 and arrived broken. Refund me!",
        "A refund of £749.00 has been issued.",
    ),
    (
        "nl",
        "De machine kostte € 189,00 en is kapot. Ik wil mijn geld terug!",
        "Ik heb de terugbetaling van € 189,00 vandaag in gang gezet.",
    ),
]


@pytest.mark.parametrize(("lang", "customer", "grant"), DECIMAL_GRANTS)
def test_a_grant_with_a_decimal_amount_above_the_limit_is_over_promise(
    lang: str, customer: str, grant: str
) -> None:
    assert "over_promise" in calmline.review(_conv(lang, customer), grant).codes
