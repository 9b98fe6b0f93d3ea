"""Cases over real HTTP: auth, visibility, messages updating the case, queue and alerts."""

from __future__ import annotations

import httpx
import pytest

from tests.api.conftest import as_user

THREAT = "If my refund is not here tomorrow I will come to your shop and beat up that salesman."


def test_no_token_is_401_and_a_bad_token_too(client: httpx.Client) -> None:
    r = client.get("/api/cases")
    assert r.status_code == 401 and r.headers.get("www-authenticate") == "Bearer"
    r = client.get("/api/cases", headers={"Authorization": "Bearer cl_nope"})
    assert r.status_code == 401


def test_case_lifecycle(server: str, tokens: dict[str, str]) -> None:
    with as_user(server, tokens["ann"]) as ann:
        case = ann.post("/api/cases", json={"channel": "chat", "subject": "Late refund"})
        assert case.status_code == 201
        cid = case.json()["id"]
        r = ann.post(
            f"/api/cases/{cid}/messages",
            json={"role": "customer", "text": "My refund is two weeks late and I am furious!"},
        )
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["created"] and body["message"]["analysis"]["language"]["code"] == "en"
        assert body["case"]["heat"] > 0.5 and body["case"]["step"] == "name_emotion"
        again = ann.post(
            f"/api/cases/{cid}/messages",
            json={"role": "customer", "text": "Hello?", "source": "zendesk", "external_id": "7"},
        )
        dup = ann.post(
            f"/api/cases/{cid}/messages",
            json={"role": "customer", "text": "Hello?", "source": "zendesk", "external_id": "7"},
        )
        assert again.status_code == 201 and dup.status_code == 200
        assert dup.json()["created"] is False
        full = ann.get(f"/api/cases/{cid}").json()
        assert len(full["messages"]) == 2
        r = ann.patch(f"/api/cases/{cid}", json={"status": "resolved"})
        assert r.status_code == 200 and r.json()["status"] == "resolved"
        found = ann.get("/api/search", params={"q": "two weeks late"}).json()["items"]
        assert any(m["case_id"] == cid for m in found)


def test_agents_see_their_own_and_unassigned_cases(server: str, tokens: dict[str, str]) -> None:
    ann_id = 1  # users are created in this order by the fixture: ann, ben, sue
    with as_user(server, tokens["sue"]) as sue, as_user(server, tokens["ben"]) as ben:
        cid = sue.post("/api/cases", json={"subject": "for Ann"}).json()["id"]
        with as_user(server, tokens["ann"]) as ann:
            mine = ann.post("/api/cases", json={}).json()["id"]
            assert any(c["id"] == mine for c in ann.get("/api/cases").json()["items"])
        r = sue.patch(f"/api/cases/{cid}", json={"assignee_id": ann_id})
        assert r.status_code == 200
        assert ben.get(f"/api/cases/{cid}").status_code == 403
        assert cid not in [c["id"] for c in ben.get("/api/cases").json()["items"]]
        assert ben.patch(f"/api/cases/{mine}", json={"assignee_id": ann_id}).status_code == 403
        assert sue.get(f"/api/cases/{cid}").status_code == 200
        assert sue.get("/api/cases/999999").status_code == 404


def test_threats_go_first_in_the_queue_and_alerts_can_be_acknowledged(
    server: str, tokens: dict[str, str]
) -> None:
    with as_user(server, tokens["sue"]) as sue:
        calm = sue.post("/api/cases", json={}).json()["id"]
        sue.post(
            f"/api/cases/{calm}/messages",
            json={"role": "customer", "text": "I am very angry, this is the worst service ever!"},
        )
        hot = sue.post("/api/cases", json={}).json()["id"]
        sue.post(f"/api/cases/{hot}/messages", json={"role": "customer", "text": THREAT})
        queue = sue.get("/api/queue").json()["items"]
        assert queue[0]["id"] == hot and "violence_threat" in queue[0]["alerts"]
        alerts = sue.get("/api/alerts").json()["items"]
        threat = next(a for a in alerts if a["case_id"] == hot and a["kind"] == "violence_threat")
        r = sue.post(f"/api/alerts/{threat['id']}/ack")
        assert r.status_code == 200 and r.json()["acknowledged_by"] is not None
        still_open = [a["id"] for a in sue.get("/api/alerts").json()["items"]]
        assert threat["id"] not in still_open


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        ("post", "/api/cases", {"channel": "fax"}, "channel"),
        ("post", "/api/cases", {"bogus": 1}, "bogus"),
        ("patch", "/api/cases/1", {"status": "gone"}, "status"),
        ("patch", "/api/cases/1", {"assignee_id": 424242}, "assignee_id"),
        ("get", "/api/cases?limit=0", None, "query.limit"),
        ("get", "/api/search?q=x", None, "query.q"),
    ],
)
def test_invalid_case_input_is_422_with_the_field(
    server: str, tokens: dict[str, str], method: str, path: str, body: dict | None, field: str
) -> None:
    with as_user(server, tokens["sue"]) as sue:
        sue.post("/api/cases", json={})
        r = sue.request(method.upper(), path, json=body)
        assert r.status_code == 422, r.text
        assert field in [d["field"] for d in r.json()["detail"]]


def test_bad_message_input(server: str, tokens: dict[str, str]) -> None:
    with as_user(server, tokens["sue"]) as sue:
        cid = sue.post("/api/cases", json={}).json()["id"]
        for body, field in (
            ({"role": "robot", "text": "hi"}, "role"),
            ({"role": "customer", "text": ""}, "text"),
            ({"role": "customer", "text": "hi", "at": "soon"}, "at"),
            ({"role": "customer", "text": "   "}, "text"),
        ):
            r = sue.post(f"/api/cases/{cid}/messages", json=body)
            assert r.status_code == 422, (body, r.text)
            assert field in [d["field"] for d in r.json()["detail"]]
        assert (
            sue.post(
                "/api/cases/999999/messages", json={"role": "customer", "text": "x"}
            ).status_code
            == 404
        )


def test_notes_and_tasks(server: str, tokens: dict[str, str]) -> None:
    with as_user(server, tokens["sue"]) as sue:
        cid = sue.post("/api/cases", json={}).json()["id"]
        r = sue.post(
            f"/api/cases/{cid}/notes",
            json={"text": "Checked the receipt.", "documents_checked": {"receipt": True}},
        )
        assert r.status_code == 201 and r.json()["documents_checked"] == {"receipt": True}
        assert sue.post(f"/api/cases/{cid}/notes", json={"text": "  "}).status_code == 422
        notes = sue.get(f"/api/cases/{cid}/notes").json()["items"]
        assert [n["text"] for n in notes] == ["Checked the receipt."]
        t = sue.post(
            f"/api/cases/{cid}/tasks",
            json={"title": "Call the courier", "due_at": "2026-12-01T10:00:00Z"},
        )
        assert t.status_code == 201 and t.json()["kind"] == "own_it"
        done = sue.patch(f"/api/tasks/{t.json()['id']}", json={"done": True}).json()
        assert done["done_at"] is not None
        bad = sue.post(f"/api/cases/{cid}/tasks", json={"title": "x", "due_at": "someday"})
        assert bad.status_code == 422 and "due_at" in [d["field"] for d in bad.json()["detail"]]
        sue.patch(f"/api/cases/{cid}", json={"status": "resolved"})
        kinds = [x["kind"] for x in sue.get(f"/api/cases/{cid}/tasks").json()["items"]]
        assert sorted(kinds) == ["follow_up", "own_it"]


def test_a_hazard_raises_an_alert_and_the_case_situation_shows_it(
    server: str, tokens: dict[str, str]
) -> None:
    with as_user(server, tokens["ann"]) as ann:
        cid = ann.post("/api/cases", json={"channel": "email", "subject": "Kettle"}).json()["id"]
        assert ann.get(f"/api/cases/{cid}/situation").status_code == 404  # no message yet
        r = ann.post(
            f"/api/cases/{cid}/messages",
            json={
                "role": "customer",
                "text": "My new kettle smells of burning plastic and the plug gets really hot. "
                "Order 5521-10, I paid £89.99 yesterday.",
                "at": "2026-11-24T09:00:00Z",
            },
        )
        assert r.status_code == 201, r.text
        alerts = ann.get("/api/alerts").json()["items"]
        assert "hazard" in {a["kind"] for a in alerts if a["case_id"] == cid}
        s = ann.get(f"/api/cases/{cid}/situation").json()
        assert [h["kind"] for h in s["hazards"]][:1] == ["fire"]
        dates = [f for f in s["facts"] if f["kind"] == "date"]
        assert dates and dates[0]["normalized"] == "2026-11-23"  # resolved against the message
        queue = ann.get("/api/queue").json()["items"]
        ahead = [q for q in queue[: [q["id"] for q in queue].index(cid)]]
        assert all("violence_threat" in q["alerts"] or "hazard" in q["alerts"] for q in ahead)
