"""The situation: one reading of a conversation, with evidence, that the guide follows.

Conversation-level behaviour: what the organisation already offered, promised or refused;
steps done from what the agent actually sent (a deflection is no question); what the
policy allows; hazards first; a resolved case gets follow-up guidance; and the limits the
reader states (latest 40 messages, times without a zone, another language).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from calmline.protocol.conversation import parse_conversation
from calmline.protocol.guide import guide_reading
from calmline.protocol.policy import load_policy
from calmline.protocol.situation import Situation, read

T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def _at(minutes: int) -> str:
    return (T0 + timedelta(minutes=minutes)).isoformat()


def thread(*turns: tuple[str, str], channel: str = "email", **extra: Any) -> dict[str, Any]:
    return {
        "channel": channel,
        "customer": {"name": "Marieke de Boer", "gender": "female"},
        "messages": [
            {"role": role, "text": text, "at": _at(10 * i)} for i, (role, text) in enumerate(turns)
        ],
        **extra,
    }


def situation(data: dict[str, Any]) -> Situation:
    return read(parse_conversation(data), load_policy())


# --- what the organisation already said ---

OFFERS = [
    (
        "nl",
        "Mijn waterkoker is kapot, ik wil mijn geld terug. Bestelling 5521-10.",
        "Wat vervelend! Ik heb de terugbetaling van € 29,95 in gang gezet; u ontvangt het "
        "bedrag binnen 5 werkdagen.",
    ),
    (
        "de",
        "Mein Wasserkocher ist kaputt, ich will mein Geld zurück. Bestellung 5521-10.",
        "Das tut mir leid. Ich habe die Erstattung von 29,95 € veranlasst; Sie erhalten den "
        "Betrag innerhalb von 5 Werktagen.",
    ),
    (
        "pl",
        "Czajnik jest zepsuty, chcę zwrotu pieniędzy. Zamówienie 5521-10.",
        "Przykro mi. Zleciłam zwrot 129,99 zł; pieniądze otrzyma Pani w ciągu 5 dni roboczych.",
    ),
    (
        "en",
        "My kettle is broken and I want my money back. Order 5521-10.",
        "I'm sorry about that. I have arranged a refund of £24.99, and you will receive it "
        "within 5 working days.",
    ),
]


@pytest.mark.parametrize(("lang", "customer", "agent"), OFFERS)
def test_an_offer_and_its_time_are_read_and_not_proposed_again(
    lang: str, customer: str, agent: str
) -> None:
    data = thread(
        ("customer", customer), ("agent", agent), ("customer", customer.split(".")[0] + "?")
    )
    s = situation(data)
    assert s.offered("refund"), s.acts
    promise = [a for a in s.acts if a.kind == "promise" and a.normalized == "P5D"]
    assert promise and promise[0].evidence.message == 1
    ev = s.acts_of("offer", "refund")[0].evidence
    assert data["messages"][1]["text"][ev.start : ev.end] == ev.text
    g = guide_reading(s, T0)
    assert "resolve" not in [n.step for n in g.next]


REFUSALS = [
    (
        "nl",
        "Ik wil mijn geld terug voor de stofzuiger die ik vier maanden geleden kocht.",
        "Helaas kan ik u geen terugbetaling geven: de aankoop is langer dan 60 dagen geleden.",
    ),
    (
        "de",
        "Ich will mein Geld für den Staubsauger zurück, den ich vor vier Monaten gekauft habe.",
        "Leider kann ich Ihnen den Betrag nicht erstatten, die Rückgabefrist von 60 Tagen ist "
        "abgelaufen.",
    ),
    (
        "en",
        "I want a refund for the vacuum cleaner I bought four months ago.",
        "I'm afraid I can't refund it, as the purchase was more than 60 days ago.",
    ),
]


@pytest.mark.parametrize(("lang", "customer", "agent"), REFUSALS)
def test_a_refusal_under_the_refund_window_is_held(lang: str, customer: str, agent: str) -> None:
    s = situation(thread(("customer", customer), ("agent", agent), ("customer", customer)))
    refusal = s.refused("refund")
    assert refusal is not None and refusal.reason == "refund_window", s.acts
    assert s.verdict is not None and s.verdict.decision == "never"
    assert s.verdict.rule == "never.refund_after_days"
    g = guide_reading(s, T0)
    resolve = [n for n in g.next if n.step == "resolve"]
    assert resolve and all(not x.key.startswith("offer_refund") for x in resolve[0].sentences)


def test_a_deflection_is_not_explore() -> None:
    s = situation(
        thread(
            ("customer", "Waar blijft mijn pakket? Ik wacht al een week."),
            ("agent", "Kunt u even in de track & trace kijken? Daar staat de status."),
            ("customer", "Daar staat niks!"),
        )
    )
    assert [a.kind for a in s.acts if a.evidence.message == 1] == ["deflection"]
    assert "explore" not in {st.step for st in s.agent_steps}


def test_the_guides_own_offer_sentence_counts_as_the_offer() -> None:
    from calmline.protocol.compose import Renderer

    first = thread(("customer", "My kettle is broken, I want a refund. Order 4471."))
    s = situation(first)
    sentence = Renderer(s).sentence("offer_refund", 5).text
    s2 = situation(
        thread(
            ("customer", "My kettle is broken, I want a refund. Order 4471."),
            ("agent", sentence),
            ("customer", "When do I get it?"),
        )
    )
    assert any(a.phrase == "offer_refund" for a in s2.acts), s2.acts
    assert "resolve" not in [n.step for n in guide_reading(s2, T0).next]


def test_a_resolved_case_gets_follow_up_guidance() -> None:
    s = situation(
        thread(
            ("customer", "De wasmachine lekt, ik wil dat hij gerepareerd wordt."),
            ("agent", "Onze monteur komt donderdag langs om de wasmachine te repareren."),
            status="resolved",
        )
    )
    g = guide_reading(s, T0)
    assert [n.step for n in g.next] == ["follow_up"]
    assert g.missing_facts == ()


# --- the reading itself ---


def test_a_promised_time_is_not_the_time_waited() -> None:
    s = situation(
        thread(("customer", "Ordered three weeks ago, promised within 4 working days. Order 881."))
    )
    assert s.facts["duration"] == "three weeks"
    roles = {(f.normalized, f.role) for f in s.facts_of("duration")}
    assert roles == {("P3W", "elapsed"), ("P4D", "promised")}


def test_relative_dates_resolve_against_each_messages_own_day() -> None:
    s = situation(
        {
            "messages": [
                {"role": "customer", "text": "Gestern kam nichts.", "at": "2026-11-24T09:00:00Z"},
                {"role": "customer", "text": "Gestern auch nicht.", "at": "2026-11-27T09:00:00Z"},
            ]
        }
    )
    assert [f.normalized for f in s.facts_of("date")] == ["2026-11-23", "2026-11-26"]


@pytest.mark.parametrize(
    ("lang", "text", "kind", "advice"),
    [
        ("nl", "Mijn waterkoker ruikt naar verbrand plastic.", "fire", "hazard_device"),
        ("de", "Seit heute riecht es im Keller nach Gas.", "gas", "hazard_gas"),
        ("pl", "Po farbie do włosów mam wysypkę na szyi.", "allergy", "hazard_health"),
        (
            "en",
            "The kettle smells of burning plastic and the plug gets really hot.",
            "fire",
            "hazard_device",
        ),
    ],
)
def test_a_hazard_puts_safety_advice_first(lang: str, text: str, kind: str, advice: str) -> None:
    s = situation(thread(("customer", text)))
    assert {h.kind for h in s.hazards} == {kind}
    g = guide_reading(s, T0)
    assert g.next[0].step == "hazard"
    assert g.next[0].sentences[0].key == advice
    assert "hazard" in [a.kind for a in g.alerts]


@pytest.mark.parametrize(
    ("text", "decision", "who"),
    [
        (
            "My espresso machine (£189.00) broke after a week, I want a refund. Order 5521.",
            "supervisor",
            "supervisor",
        ),
        ("My cable (£12.00) broke after a week, I want a refund. Order 5521.", "agent", None),
        (
            "The sofa (£1,299.00) broke after a week, I want a refund. Order 5521.",
            "supervisor",
            "manager",
        ),
    ],
)
def test_the_verdict_names_who_may_grant_the_refund(
    text: str, decision: str, who: str | None
) -> None:
    s = situation(thread(("customer", text)))
    assert s.primary_want == "refund"
    assert s.verdict is not None
    assert (s.verdict.decision, s.verdict.who) == (decision, who)


def test_sarcasm_reads_as_an_irritated_complaint() -> None:
    s = situation(
        thread(("customer", "Oh brilliant. Truly outstanding service, thanks for nothing."))
    )
    assert s.sarcastic and s.complaint
    assert s.heat[-1] >= 0.35


# --- limits the reader states plainly ---


def test_ten_thousand_messages_read_the_latest_forty_of_each_side() -> None:
    turns = []
    for i in range(5000):
        turns.append(("customer", f"Waar blijft bestelling {1000 + i}?"))
        turns.append(("agent", "Ik zoek het voor u uit."))
    s = situation(thread(*turns))
    assert s.considered == 40 and s.agent_considered == 40
    assert any("latest 40 of 5000 customer messages" in n for n in s.notes)
    assert any("latest 40 of 5000 agent messages" in n for n in s.notes)


def test_a_time_without_a_zone_is_read_as_utc_and_said_so() -> None:
    s = situation(
        {"messages": [{"role": "customer", "text": "Gisteren niets.", "at": "2026-11-24T10:00"}]}
    )
    assert any("without a zone" in n for n in s.notes)
    assert s.facts_of("date")[0].normalized == "2026-11-23"


def test_agent_messages_in_another_language_are_read_in_theirs() -> None:
    s = situation(
        thread(
            ("customer", "Mijn bestelling 5521 is niet gekomen, ik wil mijn geld terug."),
            (
                "agent",
                "I have arranged a refund for you, you will receive it within 5 working days.",
            ),
        )
    )
    assert s.offered("refund")
    assert any("agent messages in en" in n for n in s.notes)


def test_no_time_no_resolution_and_it_is_said() -> None:
    s = situation({"messages": [{"role": "customer", "text": "Gestern kam niemand."}]})
    assert s.facts_of("date")[0].normalized is None
    assert any("relative dates" in n for n in s.notes)


def test_to_dict_carries_evidence_for_every_item() -> None:
    data = thread(
        ("customer", "Bestellung 5521-10 ist seit drei Wochen unterwegs. Danke für nichts."),
        ("agent", "Das tut mir leid. Ich prüfe das und melde mich bis morgen."),
    )
    out = situation(data).to_dict()
    texts = [m["text"] for m in data["messages"]]
    items = out["facts"] + out["sarcasm"] + out["organisation"]
    assert items
    for item in items:
        ev = item["evidence"]
        assert texts[ev["message_index"]][ev["start"] : ev["end"]] == ev["text"]
