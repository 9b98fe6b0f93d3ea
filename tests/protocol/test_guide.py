"""The guide: steps done with evidence, heat and trend, next steps with ready sentences in
the customer's language, missing facts, and the four alerts."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

import calmline
from calmline.protocol.conversation import parse_conversation
from calmline.protocol.guide import guide
from calmline.protocol.policy import load_policy
from tests.protocol.scenarios import conversation

NOW = datetime(2026, 11, 20, 10, 30, tzinfo=UTC)


def _guide(data: dict[str, Any], now: datetime = NOW) -> Any:
    return guide(parse_conversation(data), load_policy(), now)


@pytest.mark.parametrize("lang", ["nl", "de", "pl", "en"])
def test_threat_overrides_everything(lang: str) -> None:
    g = _guide(conversation("threat", lang))
    assert g.alerts[0].kind == "violence_threat"
    assert [n.step for n in g.next] == ["threat"]
    assert g.missing_facts == ()
    assert len(g.next[0].sentences) >= 2


@pytest.mark.parametrize("lang", ["nl", "de", "pl", "en"])
def test_vented_customer_gets_name_emotion_then_explore(lang: str) -> None:
    g = _guide(conversation("vent_only", lang))
    steps = [n.step for n in g.next]
    assert steps[:2] == ["name_emotion", "explore"]
    assert all(2 <= len(n.sentences) <= 3 for n in g.next)
    assert "order_number" in [f for f, _ in g.missing_facts]


@pytest.mark.parametrize("lang", ["nl", "de", "pl", "en"])
def test_refund_guidance_offers_what_the_policy_allows(lang: str) -> None:
    g = _guide(conversation("refund", lang))
    resolve = next(n for n in g.next if n.step == "resolve")
    assert resolve.sentences[0].key == "offer_refund"
    assert "refund" in g.wants
    assert g.facts.get("order_number") == "48213"
    assert "order_number" not in [f for f, _ in g.missing_facts]
    assert g.language == lang


def test_manager_request_raises_supervisor_needed() -> None:
    g = _guide(conversation("manager", "en"))
    assert "supervisor_needed" in [a.kind for a in g.alerts]


def test_still_hot_after_two_replies_raises_supervisor_needed() -> None:
    hot = "This is a disgrace, you useless lot, I am furious!"
    data = {
        "channel": "chat",
        "messages": [
            {"role": "customer", "text": hot},
            {"role": "agent", "text": "I am sorry. Could you give me your order number?"},
            {"role": "customer", "text": "Still furious. Order 12345. Absolutely disgraceful!"},
            {"role": "agent", "text": "Thank you, I am looking into it now."},
            {
                "role": "customer",
                "text": "You are hopeless idiots, I am still absolutely furious about this!!!",
            },
        ],
    }
    g = _guide(data)
    assert "supervisor_needed" in [a.kind for a in g.alerts]
    assert len(g.heat) == 3


def test_response_overdue_uses_the_channel_target() -> None:
    data = conversation("calm_question", "en", channel="chat")  # chat: 5 minutes
    assert "response_overdue" in [a.kind for a in _guide(data).alerts]
    email = conversation("calm_question", "en", channel="email")  # e-mail: a day
    assert "response_overdue" not in [a.kind for a in _guide(email).alerts]


def test_insults_at_the_agent_suggest_a_break() -> None:
    data = {"messages": [{"role": "customer", "text": "You are a stupid idiot and useless."}]}
    assert "agent_targeted" in [a.kind for a in _guide(data).alerts]
    swearing = {"messages": [{"role": "customer", "text": "This fucking parcel is late again."}]}
    assert "agent_targeted" not in [a.kind for a in _guide(swearing).alerts]


def test_steps_done_carry_the_agent_message_span() -> None:
    data = {
        "messages": [
            {"role": "customer", "text": "My parcel is late and I am angry."},
            {
                "role": "agent",
                "text": "I am very sorry about that. Could you send me your order number?",
            },
            {"role": "customer", "text": "It is 48213."},
        ]
    }
    g = _guide(data)
    agent_text = data["messages"][1]["text"]
    steps = {s.step for s in g.steps_done}
    assert {"apologize", "explore"} <= steps
    for s in g.steps_done:
        assert s.message == 1 and agent_text[s.start : s.end] == s.text


def test_heat_trend_follows_the_customer() -> None:
    calming = {
        "messages": [
            {"role": "customer", "text": "This is outrageous, you useless idiots, I am furious!!!"},
            {"role": "agent", "text": "I am sorry. I will fix this today."},
            {"role": "customer", "text": "Thank you, that is kind of you."},
        ]
    }
    assert _guide(calming).trend == "falling"
    rising = {"messages": calming["messages"][::-1]}
    rising["messages"][1]["role"] = "agent"
    assert _guide(rising).trend == "rising"


def test_a_long_thread_reads_only_the_recent_customer_messages() -> None:
    msgs = []
    for i in range(5000):
        msgs.append({"role": "customer", "text": f"Where is my parcel? Message {i}."})
        msgs.append({"role": "agent", "text": "I am looking into it."})
    g = _guide({"messages": msgs})
    assert g.considered == 40
    assert g.heat[-1][0] == 9998


def test_guidance_json_shape() -> None:
    out = _guide(conversation("refund", "de")).to_dict()
    assert {"steps_done", "heat", "next", "missing_facts", "alerts", "language"} <= set(out)
    assert out["heat"]["trend"] in ("rising", "falling", "steady")
    assert all({"step", "reason", "sentences"} == set(n) for n in out["next"])


@pytest.mark.parametrize("lang", ["nl", "de", "pl", "en"])
def test_every_next_step_has_ready_sentences(lang: str) -> None:
    from tests.protocol.scenarios import SCENARIOS

    for scenario in SCENARIOS:
        g = _guide(conversation(scenario, lang))
        assert g.next, scenario
        for step in g.next:
            assert 1 <= len(step.sentences) <= 3, (scenario, step)
            assert step.reason
            for s in step.sentences:
                assert s.text and "{" not in s.text and "}" not in s.text, (scenario, s)
        for _fact, question in g.missing_facts:
            assert question.endswith("?") or lang == "pl", question


GUIDE_LANGS = ["nl", "de", "pl", "en"]
ANGRY = {
    "nl": "Dit is belachelijk! Mijn wasmachine (bestelling 77120) lekt al na een week!",
    "de": "Das ist eine Frechheit! Meine Waschmaschine (Bestellung 77120) leckt nach einer Woche!",
    "pl": "To skandal! Moja pralka (zamówienie 77120) cieknie już po tygodniu!",
    "en": "This is ridiculous! My washing machine (order 77120) is leaking after one week!",
}


@pytest.mark.parametrize("lang", GUIDE_LANGS)
def test_a_sent_sentence_is_never_proposed_again_and_its_step_is_done(lang: str) -> None:
    """The agent sends the guide's first sentence: that step is done, the next one shows
    first, and no step proposes a sentence already sent (issue 12)."""
    conv: dict[str, Any] = {
        "language": lang,
        "channel": "chat",
        "messages": [{"role": "customer", "text": ANGRY[lang]}],
    }
    before = calmline.guide(conv)
    first = before.next[0]
    sentence = first.sentences[0].text
    conv["messages"].append({"role": "agent", "text": sentence})
    after = calmline.guide(conv)
    proposed = [s.text for step in after.next for s in step.sentences]
    assert sentence not in proposed
    assert after.next[0].step != first.step


@pytest.mark.parametrize("lang", GUIDE_LANGS)
def test_no_step_proposes_any_sentence_of_an_earlier_reply(lang: str) -> None:
    """The agent used one sentence of every proposed step, then the customer wrote again:
    none of those sentences comes back, whichever step the lexicon thinks is still open."""
    conv: dict[str, Any] = {
        "language": lang,
        "channel": "chat",
        "messages": [{"role": "customer", "text": ANGRY[lang]}],
    }
    used = [step.sentences[-1].text for step in calmline.guide(conv).next if step.sentences]
    conv["messages"].append({"role": "agent", "text": " ".join(used)})
    conv["messages"].append({"role": "customer", "text": ANGRY[lang]})
    proposed = {s.text for step in calmline.guide(conv).next for s in step.sentences}
    assert used and not proposed & set(used)
