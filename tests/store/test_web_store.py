"""What the web app reads from the store: the demo, the live queue, the edited policy and
the dashboard's insights — on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from calmline.protocol.policy import PolicyError, load_policy
from calmline.store import inbox, insights
from calmline.store.config import effective_policy, policy_text, save_policy
from calmline.store.db import Store
from calmline.store.demo import demo_cases, load_demo
from calmline.store.models import Alert, AppSetting, Case, Task, User, aware, now
from calmline.store.service import add_message, open_case
from calmline.store.users import add_user, check_password

POLICY = load_policy()


def test_the_demo_loads_once_with_what_the_issue_asks_for(store: Store) -> None:
    when = now()
    with store.session() as s:
        created = load_demo(s, POLICY, when)
    assert [(n, r) for n, r, _ in created] == [("ann", "agent"), ("sue", "supervisor")]
    with store.session() as s:
        ann = s.scalar(select(User).where(User.name == "ann"))
        assert ann is not None and check_password(ann, created[0][2])
        cases = s.scalars(select(Case)).all()
        assert len(cases) == len(demo_cases()) == 13
        assert {c.language for c in cases} == {"nl", "de", "pl", "en"}
        assert {"email", "chat", "social_public"} <= {c.channel for c in cases}
        violent = s.scalars(select(Alert).where(Alert.kind == "violence_threat")).all()
        assert len(violent) == 1
        assert s.scalar(select(Alert).where(Alert.kind == "supervisor_needed")) is not None
        assert s.scalar(select(Alert).where(Alert.kind == "agent_targeted")) is not None
        resolved = [c for c in cases if c.status == "resolved"]
        assert len(resolved) == 1
        follow = s.scalar(select(Task).where(Task.case_id == resolved[0].id))
        assert follow is not None and follow.kind == "follow_up"
        assert aware(follow.due_at) < when  # the follow-up is due
        queue = inbox.queue(s, ann, POLICY, when=when)
        assert queue[0].case.id == violent[0].case_id
        assert any(i.overdue for i in queue)
    with store.session() as s:
        assert load_demo(s, POLICY) == []  # a second start loads nothing twice
        assert s.scalar(select(func.count()).select_from(Case)) == 13


def test_waiting_counts_from_the_first_unanswered_message(store: Store) -> None:
    t0 = now() - timedelta(minutes=30)
    with store.session() as s:
        ann, _ = add_user(s, "ann", "agent")
        case = open_case(s, "chat", "slow chat")
        add_message(s, case, "customer", "Hello, where is my parcel?", POLICY, at=t0)
        add_message(s, case, "customer", "Hello??", POLICY, at=t0 + timedelta(minutes=20))
        item = inbox.queue(s, ann, POLICY)[0]
        assert item.waiting_s is not None and item.waiting_s >= 29 * 60  # from t0, not the last
        assert item.overdue and item.due_in_s is not None and item.due_in_s < -20 * 60
        overdue = s.scalar(select(Alert).where(Alert.kind == "response_overdue"))
        assert overdue is not None
        add_message(s, case, "agent", "Sorry for the wait, I am checking it now.", POLICY, user=ann)
        assert case.waiting_since is None and case.status == "waiting"
        assert overdue.acknowledged_by == ann.id  # answered: nobody waits any more
        assert inbox.queue(s, ann, POLICY) == []  # open cases only
        add_message(s, case, "customer", "Thanks, I'll wait.", POLICY)
        item = inbox.queue(s, ann, POLICY)[0]
        assert item.waiting_s is not None and item.waiting_s < 60 and not item.overdue


def test_queue_filters(store: Store) -> None:
    with store.session() as s:
        ann, _ = add_user(s, "ann", "agent")
        ben, _ = add_user(s, "ben", "agent")
        for channel, text, assignee in (
            ("email", "Where is my invoice?", ann),
            ("chat", "Wo ist meine Rechnung?", None),
            ("chat", "Waar is mijn factuur?", ben),
        ):
            case = open_case(s, channel, text)
            case.assignee_id = assignee.id if assignee else None
            add_message(s, case, "customer", text, POLICY)

        def subjects(**kw: object) -> set[str]:
            return {i.case.subject for i in inbox.queue(s, ann, POLICY, inbox.Filters(**kw))}  # type: ignore[arg-type]

        assert subjects() == {"Where is my invoice?", "Wo ist meine Rechnung?"}  # not ben's
        assert subjects(mine=True) == {"Where is my invoice?"}
        assert subjects(unassigned=True) == {"Wo ist meine Rechnung?"}
        assert subjects(channel="chat") == {"Wo ist meine Rechnung?"}
        assert subjects(language="en") == {"Where is my invoice?"}
        assert subjects(status="resolved") == set()


def test_the_edited_policy_is_validated_stored_and_used(store: Store) -> None:
    text = Path(POLICY.source).read_text("utf-8")
    with store.session() as s:
        sue, _ = add_user(s, "sue", "supervisor")
        with pytest.raises(PolicyError, match=r"^policy: response_time"):
            save_policy(s, text.replace("chat = 5", 'chat = "soon"'), sue)
        assert s.get(AppSetting, "policy") is None  # nothing stored
        assert effective_policy(s, POLICY).response_time["chat"] == 5
        saved = save_policy(s, text.replace("chat = 5", "chat = 9"), sue)
        assert saved.response_time["chat"] == 9
    with store.session() as s:
        policy, stored = effective_policy(s, POLICY), policy_text(s, None)
        assert policy.response_time["chat"] == 9 and "chat = 9" in stored


def test_insights_hostile_contacts_breaks_heat_and_causes(store: Store) -> None:
    when = now()
    with store.session() as s:
        ann, _ = add_user(s, "ann", "agent")
        add_user(s, "ben", "agent")
        case = open_case(s, "chat", "rude")
        case.assignee_id = ann.id
        add_message(
            s,
            case,
            "customer",
            "You useless idiot, my parcel is three weeks late!",
            POLICY,
            at=when - timedelta(minutes=20),
        )
        add_message(
            s,
            case,
            "agent",
            "I understand you are angry. I am sorry the parcel is late; I am tracing it now.",
            POLICY,
            at=when - timedelta(minutes=15),
            user=ann,
        )
        add_message(s, case, "customer", "Ok, thank you.", POLICY, at=when - timedelta(minutes=10))
        other = open_case(s, "email", "bill")
        add_message(s, other, "customer", "I was charged twice on my invoice.", POLICY)

        recent = insights.window(s, when=when)
        loads = {x.user.name: x for x in insights.agent_loads(s, POLICY, recent, when=when)}
        assert set(loads) == {"ann", "ben"}
        ann_load = loads["ann"]
        assert len(ann_load.contacts) == 1 and "offensive" in ann_load.contacts[0].kinds
        tense = ann_load.break_after(when)
        assert tense is not None and tense.case_id == case.id
        assert ann_load.break_after(when + timedelta(hours=2)) is None  # an hour has passed
        assert (ann_load.replies, ann_load.compared, ann_load.fell) == (1, 1, 1)
        assert loads["ben"].contacts == [] and loads["ben"].replies == 0

        buckets = insights.heat_over_time(recent, when=when)
        assert len(buckets) == 24 and sum(b.count for b in buckets) == 3
        assert max(b.peak for b in buckets) >= 0.5

        causes = dict(insights.top_causes(recent))
        assert causes.get("delivery") == 1 and causes.get("billing") == 1


def test_the_dashboard_window_keeps_the_newest_messages(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    when = now()
    monkeypatch.setattr(insights, "MAX_ROWS", 2)
    with store.session() as s:
        case = open_case(s, "email", "three")
        for minutes, text in ((30, "first"), (20, "second"), (10, "third")):
            add_message(s, case, "customer", text, POLICY, at=when - timedelta(minutes=minutes))
        old = open_case(s, "email", "old")
        add_message(s, old, "customer", "long ago", POLICY, at=when - timedelta(days=40))
        assert [m.text for m in insights.window(s, when=when)] == ["second", "third"]
        monkeypatch.setattr(insights, "MAX_ROWS", 100)
        assert [m.text for m in insights.window(s, when=when)] == ["first", "second", "third"]
