"""``wrong_fact``: a promised time, a deadline or time lost restated as the time waited."""

from __future__ import annotations

import pytest

import calmline

# (language, the customer's message, a draft that turns the promise into the wait, a draft
# that restates the wait the customer reported)
CASES = [
    (
        "nl",
        "Ik heb op 3 maart besteld en jullie beloofden levering binnen vijf werkdagen. "
        "Inmiddels wacht ik al drie weken!",
        "Ik begrijp dat u inmiddels vijf werkdagen wacht op uw pakket.",
        "Ik begrijp dat u inmiddels drie weken wacht op uw pakket.",
    ),
    (
        "de",
        "Sie hatten Lieferung innerhalb von vier Tagen versprochen. "
        "Jetzt warte ich schon drei Wochen!",
        "Ich verstehe, dass Sie seit vier Tagen auf Ihr Paket warten.",
        "Ich verstehe, dass Sie seit drei Wochen auf Ihr Paket warten.",
    ),
    (
        "pl",
        "Obiecaliście dostawę w ciągu 4 dni, a czekam już trzy tygodnie!",
        "Rozumiem, że czeka Pani już 4 dni na paczkę.",
        "Rozumiem, że czeka Pani już trzy tygodnie na paczkę.",
    ),
    (
        "en",
        "You promised delivery within 4 days and I have now been waiting three weeks!",
        "I understand you have been waiting 4 days for your parcel.",
        "I understand you have been waiting three weeks for your parcel.",
    ),
]


def _conversation(lang: str, text: str) -> dict[str, object]:
    return {
        "language": lang,
        "channel": "email",
        "customer": {"name": "Anna Nowak", "gender": "female"},
        "messages": [{"role": "customer", "text": text}],
    }


@pytest.mark.parametrize(("lang", "customer", "wrong", "right"), CASES)
def test_a_promised_time_said_as_the_wait_is_a_wrong_fact(
    lang: str, customer: str, wrong: str, right: str
) -> None:
    conv = _conversation(lang, customer)
    found = [f for f in calmline.review(conv, wrong).findings if f.code == "wrong_fact"]
    assert len(found) == 1
    assert found[0].severity == "block" and found[0].start == 0  # the whole sentence
    assert found[0].rule.startswith("situation/duration.")
    assert "wrong_fact" not in {f.code for f in calmline.review(conv, right).findings}


@pytest.mark.parametrize(("lang", "customer"), [(c[0], c[1]) for c in CASES])
def test_calmlines_own_draft_states_no_wrong_fact(lang: str, customer: str) -> None:
    conv = _conversation(lang, customer)
    draft = calmline.draft(conv)
    assert "wrong_fact" not in {f.code for f in calmline.review(conv, draft.text).findings}


# (language, the customer's message, a draft with a transposed order number, the right one)
REFERENCES = [
    (
        "nl",
        "Mijn bestelling 48213 is nog steeds niet binnen!",
        "Ik heb uw bestelling 48231 nagekeken.",
        "Ik heb uw bestelling 48213 nagekeken.",
    ),
    (
        "de",
        "Meine Bestellung 48213 ist immer noch nicht da!",
        "Ich habe Ihre Bestellung 48231 geprüft.",
        "Ich habe Ihre Bestellung 48213 geprüft.",
    ),
    (
        "pl",
        "Zamówienie 48213 nadal nie dotarło!",
        "Sprawdziłam zamówienie nr 48231.",
        "Sprawdziłam zamówienie nr 48213.",
    ),
    (
        "en",
        "My order #48213 still has not arrived!",
        "I have checked your order 48231.",
        "I have checked your order #48213.",
    ),
]


@pytest.mark.parametrize(("lang", "customer", "wrong", "right"), REFERENCES)
def test_an_order_number_the_customer_did_not_give_is_a_wrong_fact(
    lang: str, customer: str, wrong: str, right: str
) -> None:
    conv = _conversation(lang, customer)
    found = [f for f in calmline.review(conv, wrong).findings if f.code == "wrong_fact"]
    assert [(f.text, f.rule) for f in found] == [("48231", "situation/order_number")]
    assert "wrong_fact" not in {f.code for f in calmline.review(conv, right).findings}
