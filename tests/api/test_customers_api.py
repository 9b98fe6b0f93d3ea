"""Privacy through the real HTTP server and the command line: an admin exports and erases a
customer, everyone else gets 403; ``calmline customer`` asks for ``--yes`` and writes
exports only its owner can read; ``calmline retention run`` and the server's daily run
apply the policy's ``[retention]``."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import os
import stat
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from calmline.api import retention
from calmline.api.app import create_app
from calmline.protocol.policy import default_path
from calmline.settings import Settings
from calmline.store.db import Store
from calmline.store.models import Case, CustomerIdentity, now
from calmline.store.removal import Counts
from tests.api.conftest import WEBHOOK_SECRETS, as_user


def _deliver(server: str, email: str, text: str) -> int:
    """A signed generic webhook from a new customer; returns the case id."""
    body = json.dumps(
        {
            "thread": f"t-{uuid.uuid4().hex}",
            "message_id": f"m-{uuid.uuid4().hex}",
            "role": "customer",
            "text": text,
            "subject": "Late parcel",
            "customer": {"name": "Petra Privacy", "email": email},
        }
    ).encode()
    mac = hmac.new(WEBHOOK_SECRETS["generic"].encode(), body, hashlib.sha256).hexdigest()
    headers = {"Content-Type": "application/json", "X-Calmline-Signature": f"sha256={mac}"}
    r = httpx.post(f"{server}/api/webhooks/generic", content=body, headers=headers, timeout=60)
    assert r.status_code == 200, r.text
    case_id: int = r.json()["cases"][0]
    return case_id


def _customer_id(data: Path, email: str) -> int:
    store = Store(Settings(data_dir=data), migrate=False)
    try:
        with store.session() as s:
            found = s.scalar(
                select(CustomerIdentity.customer_id).where(CustomerIdentity.value == email)
            )
    finally:
        store.close()
    assert found is not None
    return found


def test_an_admin_exports_and_erases_a_customer(
    server: str, tokens: dict[str, str], data_dir: Path
) -> None:
    email = f"petra-{uuid.uuid4().hex[:6]}@example.org"
    case_id = _deliver(server, email, "My parcel is late. Reference Zebracorn-17.")
    customer_id = _customer_id(data_dir, email)
    with as_user(server, tokens["ann"]) as ann:
        note = {"text": "Called Petra about Zebracorn-17"}
        assert ann.post(f"/api/cases/{case_id}/notes", json=note).status_code == 201
    with as_user(server, tokens["ada"]) as ada:
        r = ada.get(f"/api/customers/{customer_id}/export")
        assert r.status_code == 200, r.text
        data = r.json()
        assert data["customer"]["identities"] == [{"kind": "email", "value": email}]
        [case] = data["cases"]
        assert case["id"] == case_id
        assert "Zebracorn-17" in case["messages"][0]["text"]
        assert case["notes"][0]["text"] == note["text"]
        assert {e["entity_id"] for e in data["audit"] if e["entity"] == "case"} == {case_id}
        erased = ada.delete(f"/api/customers/{customer_id}")
        assert erased.status_code == 200, erased.text
        counts = erased.json()
        assert counts == {
            **counts,
            "customer_id": customer_id,
            "customers": 1,
            "identities": 1,
            "cases": 1,
            "messages": 1,
            "notes": 1,
            "tasks": 0,
        }
        assert set(counts) == {
            *("customer_id", "customers", "identities", "cases", "messages"),
            *("notes", "tasks", "alerts", "audit_scrubbed"),
        }
        assert counts["audit_scrubbed"] >= 3  # open, add_message, add_note
        gone = ada.get(f"/api/customers/{customer_id}/export")
        assert gone.status_code == 404
        assert gone.json() == {
            "detail": [{"field": "request", "message": f"no customer {customer_id}"}]
        }
        assert ada.delete(f"/api/customers/{customer_id}").status_code == 404
        assert ada.get(f"/api/cases/{case_id}").status_code == 404


@pytest.mark.parametrize("name", ["ann", "sue"])
def test_agents_and_supervisors_may_not(
    server: str, tokens: dict[str, str], data_dir: Path, name: str
) -> None:
    email = f"quinn-{uuid.uuid4().hex[:6]}@example.org"
    case_id = _deliver(server, email, "Where is my refund?")
    customer_id = _customer_id(data_dir, email)
    with as_user(server, tokens[name]) as user:
        for r in (
            user.get(f"/api/customers/{customer_id}/export"),
            user.delete(f"/api/customers/{customer_id}"),
            user.get("/api/customers/999999/export"),  # the same answer: ids are not probed
        ):
            assert r.status_code == 403, r.text
            [err] = r.json()["detail"]
            assert err["field"] == "user" and "only admins" in err["message"]
    with as_user(server, tokens["sue"]) as sue:  # nothing was removed
        assert sue.get(f"/api/cases/{case_id}").status_code == 200
    with httpx.Client(base_url=server, timeout=60) as anonymous:
        assert anonymous.delete(f"/api/customers/{customer_id}").status_code == 401


def test_unknown_and_invalid_customer_ids(server: str, tokens: dict[str, str]) -> None:
    with as_user(server, tokens["ada"]) as ada:
        r = ada.delete("/api/customers/2147483647")
        assert r.status_code == 404
        for bad in ("0", "-3", "abc", "2147483648"):
            r = ada.get(f"/api/customers/{bad}/export")
            assert r.status_code == 422, (bad, r.text)
            assert r.json()["detail"][0]["field"] == "path.customer_id"


# ---------------------------------------------------------------------------- CLI


def _cli(data: Path, *args: str, policy: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CALMLINE_DATA_DIR": str(data)}
    if policy is not None:
        env["CALMLINE_POLICY"] = str(policy)
    return subprocess.run(
        [sys.executable, "-m", "calmline.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def _seed(data: Path, email: str, status: str = "open", days_ago: int = 0) -> tuple[int, int]:
    """A customer with a case and one message, last changed ``days_ago`` days ago."""
    from calmline.protocol.policy import load_policy
    from calmline.store.service import add_message, customer_for, open_case

    store = Store(Settings(data_dir=data))
    try:
        with store.session() as s:
            customer = customer_for(s, "email", email, "Rosa Retain")
            assert customer is not None
            case = open_case(s, "email", "Broken kettle")
            case.customer_id = customer.id
            add_message(s, case, "customer", "The kettle broke. Tealeaf-42.", load_policy())
            case.status = status
            case.updated_at = now() - timedelta(days=days_ago)
            return customer.id, case.id
    finally:
        store.close()


def test_cli_erase_asks_for_yes_and_export_is_private(tmp_path: Path) -> None:
    customer_id, _ = _seed(tmp_path, "rosa@example.org")
    refused = _cli(tmp_path, "customer", "erase", str(customer_id))
    assert refused.returncode == 2
    assert refused.stderr == (
        f"calmline: error: add --yes to erase customer {customer_id} (1 cases, 1 messages)\n"
    )
    out = tmp_path / "export.json"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o644)  # an existing file loses its wider rights
    done = _cli(tmp_path, "customer", "export", str(customer_id), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["customer"]["name"] == "Rosa Retain"
    assert "Tealeaf-42" in data["cases"][0]["messages"][0]["text"]
    printed = _cli(tmp_path, "customer", "export", str(customer_id))
    assert json.loads(printed.stdout)["customer"]["id"] == customer_id
    erased = _cli(tmp_path, "customer", "erase", str(customer_id), "--yes")
    assert erased.returncode == 0, erased.stderr
    assert erased.stdout.startswith(f"customer {customer_id} erased: 1 customer, 1 identity")
    again = _cli(tmp_path, "customer", "export", str(customer_id))
    assert again.returncode == 2
    assert again.stderr == f"calmline: error: customer: no customer {customer_id}\n"
    bad = _cli(tmp_path, "customer", "erase", "0", "--yes")
    assert bad.returncode == 2 and "not a customer id" in bad.stderr


def test_cli_retention_run(tmp_path: Path) -> None:
    _seed(tmp_path, "old@example.org", "closed", days_ago=40)
    _, kept = _seed(tmp_path, "new@example.org", "closed", days_ago=5)
    policy = tmp_path / "calmline.toml"
    text = default_path().read_text(encoding="utf-8")
    policy.write_text(text.replace("closed_case_days = 0", "closed_case_days = 30"), "utf-8")
    dry = _cli(tmp_path, "retention", "run", "--dry-run", "--json", policy=policy)
    assert dry.returncode == 0, dry.stderr
    assert json.loads(dry.stdout) == {**json.loads(dry.stdout), "dry_run": True, "cases": 1}
    run = _cli(tmp_path, "retention", "run", policy=policy)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("retention (closed cases kept 30 days, resolved forever):")
    assert "removed 1 customer, 1 identity, 1 case, 1 message" in run.stdout
    again = _cli(tmp_path, "retention", "run", "--json", policy=policy)
    assert json.loads(again.stdout)["cases"] == 0
    store = Store(Settings(data_dir=tmp_path), migrate=False)
    try:
        with store.session() as s:
            assert list(s.scalars(select(Case.id))) == [kept]
    finally:
        store.close()
    broken = tmp_path / "broken.toml"
    broken.write_text(text.replace("closed_case_days = 0", "closed_case_days = -1"), "utf-8")
    bad = _cli(tmp_path, "retention", "run", policy=broken)
    assert bad.returncode == 2
    assert "retention.closed_case_days: must not be negative" in bad.stderr
    assert bad.stderr.count("\n") == 1


# ------------------------------------------------------------------ the daily run


def _wait(condition: Callable[[], bool], seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def test_the_daily_run_repeats_survives_failures_and_stops_promptly() -> None:
    calls: list[str] = []

    def run(stop: Callable[[], bool]) -> Counts:
        calls.append(threading.current_thread().name)
        if len(calls) == 1:
            raise RuntimeError("database away")
        return Counts(cases=1)

    worker = retention.DailyRetention(run, first_delay=0.01, interval=0.01, retry=0.01)
    worker.start()
    assert _wait(lambda: worker.runs >= 3)
    started = time.monotonic()
    worker.stop()
    assert not worker.alive and time.monotonic() - started < 5
    assert set(calls) == {"calmline-retention"}


def test_the_server_applies_retention_while_it_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, old_case = _seed(tmp_path, "old@example.org", "closed", days_ago=40)
    _, new_case = _seed(tmp_path, "new@example.org", "closed", days_ago=5)
    policy = tmp_path / "calmline.toml"
    text = default_path().read_text(encoding="utf-8")
    policy.write_text(text.replace("closed_case_days = 0", "closed_case_days = 30"), "utf-8")
    monkeypatch.setattr(retention, "FIRST_DELAY", 0.05)
    app = create_app(Settings(data_dir=tmp_path, policy=policy))
    store: Store = app.state.store
    assert not hasattr(app.state, "retention")  # creating the app starts nothing

    def cases() -> set[int]:
        with store.session() as s:
            return set(s.scalars(select(Case.id)))

    async def serve() -> retention.DailyRetention:
        async with app.router.lifespan_context(app):  # what uvicorn runs at start and stop
            worker: retention.DailyRetention = app.state.retention
            assert await asyncio.to_thread(_wait, lambda: worker.runs >= 1)
            assert cases() == {new_case}
            assert worker.alive
        return worker

    assert not asyncio.run(serve()).alive  # shutdown stopped it
    assert old_case not in cases()


# ------------------------------------------------- reading, editing and merging customers


def _user_id(data: Path, name: str) -> int:
    from calmline.store.models import User

    store = Store(Settings(data_dir=data), migrate=False)
    try:
        with store.session() as s:
            found = s.scalar(select(User.id).where(User.name == name))
    finally:
        store.close()
    assert found is not None
    return found


def _audit(data: Path, action: str, entity_id: int) -> list[dict[str, object]]:
    from calmline.store.models import AuditEntry

    store = Store(Settings(data_dir=data), migrate=False)
    try:
        with store.session() as s:
            rows = s.scalars(
                select(AuditEntry).where(
                    AuditEntry.action == action, AuditEntry.entity_id == entity_id
                )
            )
            return [dict(e.detail or {}) for e in rows]
    finally:
        store.close()


def _case_with_customer(user: httpx.Client, **customer: str) -> dict[str, object]:
    r = user.post("/api/cases", json={"subject": "Refund", "customer": customer})
    assert r.status_code == 201, r.text
    case: dict[str, object] = r.json()
    assert isinstance(case["customer_id"], int)
    return case


def test_a_case_is_opened_for_a_customer_and_read_back(
    server: str, tokens: dict[str, str], data_dir: Path
) -> None:
    email = f"Nora-{uuid.uuid4().hex[:6]}@Example.org"
    with as_user(server, tokens["ann"]) as ann:
        first = _case_with_customer(ann, name="Nora Nowak", email=email)
        again = _case_with_customer(ann, email=email.lower())  # the same address, any case
        assert again["customer_id"] == first["customer_id"]
        customer_id = first["customer_id"]
        r = ann.get(f"/api/customers/{customer_id}")
        assert r.status_code == 200, r.text
        assert r.json() == {
            "id": customer_id,
            "name": "Nora Nowak",
            "gender": "unknown",
            "identities": [{"kind": "email", "value": email.lower()}],
            "case_ids": [first["id"], again["id"]],
        }
        assert ann.get(f"/api/cases/{first['id']}").json()["customer_id"] == customer_id
        ann_id = _user_id(data_dir, "ann")
        for case in (first, again):
            r = ann.patch(f"/api/cases/{case['id']}", json={"assignee_id": ann_id})
            assert r.status_code == 200, r.text
    with as_user(server, tokens["ben"]) as ben:  # sees none of the cases: no customer
        r = ben.get(f"/api/customers/{customer_id}")
        assert r.status_code == 404
        assert r.json()["detail"] == [{"field": "request", "message": f"no customer {customer_id}"}]
    with as_user(server, tokens["sue"]) as sue:
        assert sue.get(f"/api/customers/{customer_id}").json()["case_ids"] == [
            first["id"],
            again["id"],
        ]
    assert _audit(data_dir, "link_customer", int(str(first["id"]))) == [
        {"customer_id": customer_id}
    ]


@pytest.mark.parametrize(
    "customer",
    [
        {},
        {"name": "Only A Name"},
        {"email": "   "},
        {"email": "a@example.org", "phone": "+48 600"},
        {"email": "a@example.org", "fax": "1"},
        {"email": "x" * 321},
        {"phone": "+48 600", "name": "n" * 201},
    ],
)
def test_a_bad_customer_on_a_new_case_is_422(
    server: str, tokens: dict[str, str], customer: dict[str, str]
) -> None:
    with as_user(server, tokens["ann"]) as ann:
        r = ann.post("/api/cases", json={"subject": "x", "customer": customer})
        assert r.status_code == 422, r.text
        assert r.json()["detail"][0]["field"].startswith("customer")


def test_supervisors_edit_a_customer_and_agents_may_not(
    server: str, tokens: dict[str, str], data_dir: Path
) -> None:
    with as_user(server, tokens["ann"]) as ann:
        case = _case_with_customer(ann, social=f"@olek{uuid.uuid4().hex[:6]}")
        customer_id = case["customer_id"]
        r = ann.patch(f"/api/customers/{customer_id}", json={"name": "Olek"})
        assert r.status_code == 403
        [err] = r.json()["detail"]
        assert err["field"] == "user" and "supervisors and admins" in err["message"]
        assert ann.get(f"/api/customers/{customer_id}").json()["name"] is None
    with as_user(server, tokens["sue"]) as sue:
        r = sue.patch(f"/api/customers/{customer_id}", json={"name": "Olek", "gender": "male"})
        assert r.status_code == 200, r.text
        assert r.json()["name"] == "Olek" and r.json()["gender"] == "male"
        r = sue.patch(f"/api/customers/{customer_id}", json={"gender": "unknown"})
        assert r.json()["name"] == "Olek" and r.json()["gender"] == "unknown"
        r = sue.patch(f"/api/customers/{customer_id}", json={"name": None})
        assert r.json()["name"] is None
        for bad in (
            {"gender": "other"},
            {"gender": None},
            {"name": "n" * 201},
            {"email": "a@example.org"},
        ):
            r = sue.patch(f"/api/customers/{customer_id}", json=bad)
            assert r.status_code == 422, (bad, r.text)
        assert sue.patch("/api/customers/2147483647", json={"name": "x"}).status_code == 404
        assert sue.get("/api/customers/2147483647").status_code == 404
        assert sue.get("/api/customers/0").status_code == 422
    assert _audit(data_dir, "update_customer", int(str(customer_id))) == [
        {"fields": ["name", "gender"]},
        {"fields": ["gender"]},
        {"fields": ["name"]},
    ]


def test_merging_two_customers_moves_identities_and_cases(
    server: str, tokens: dict[str, str], data_dir: Path
) -> None:
    tag = uuid.uuid4().hex[:6]
    with as_user(server, tokens["ann"]) as ann:
        keep_case = _case_with_customer(ann, name="Pia", email=f"pia-{tag}@example.org")
        other_cases = [_case_with_customer(ann, phone=f"+48 600 {tag}") for _ in range(2)]
        keep, other = keep_case["customer_id"], other_cases[0]["customer_id"]
        assert keep != other
        r = ann.post(f"/api/customers/{keep}/merge", json={"other": other})
        assert r.status_code == 403
    with as_user(server, tokens["sue"]) as sue:
        assert sue.patch(f"/api/customers/{other}", json={"gender": "female"}).is_success
        for bad in ({"other": keep}, {"other": 0}, {"other": "x"}, {}, {"other": 1, "x": 1}):
            r = sue.post(f"/api/customers/{keep}/merge", json=bad)
            assert r.status_code == 422, (bad, r.text)
        assert sue.post("/api/customers/2147483647/merge", json={"other": keep}).status_code == 404
        assert (
            sue.post(f"/api/customers/{keep}/merge", json={"other": 2147483647}).status_code == 404
        )
        r = sue.post(f"/api/customers/{keep}/merge", json={"other": other})
        assert r.status_code == 200, r.text
        assert r.json() == {
            "id": keep,
            "name": "Pia",
            "gender": "female",  # taken from the other where this one had none
            "identities": [
                {"kind": "email", "value": f"pia-{tag}@example.org"},
                {"kind": "phone", "value": f"+48 600 {tag}"},
            ],
            "case_ids": [keep_case["id"], *(c["id"] for c in other_cases)],
        }
        assert sue.get(f"/api/customers/{other}").status_code == 404
        for case in other_cases:
            assert sue.get(f"/api/cases/{case['id']}").json()["customer_id"] == keep
        # the phone now finds the kept customer
        again = _case_with_customer(sue, phone=f"+48 600 {tag}")
        assert again["customer_id"] == keep
        assert sue.post(f"/api/customers/{keep}/merge", json={"other": other}).status_code == 404
    assert _audit(data_dir, "merge_customer", int(str(keep))) == [
        {"other": other, "identities": 1, "collapsed": 0, "cases": 2}
    ]
