"""Issue 13, authority in one place: the API follows the web app's rules. Supervisors
acknowledge alerts, agents give tasks to themselves, an agent message is signed by the
signed-in user."""

from __future__ import annotations

from tests.api.conftest import as_user
from tests.api.test_cases_api import THREAT


def test_an_agent_cannot_acknowledge_an_alert_through_the_api(
    server: str, tokens: dict[str, str]
) -> None:
    with as_user(server, tokens["ann"]) as ann, as_user(server, tokens["sue"]) as sue:
        cid = ann.post("/api/cases", json={}).json()["id"]
        ann.post(f"/api/cases/{cid}/messages", json={"role": "customer", "text": THREAT})
        alert = next(a for a in ann.get("/api/alerts").json()["items"] if a["case_id"] == cid)
        r = ann.post(f"/api/alerts/{alert['id']}/ack")
        assert r.status_code == 403 and r.json()["detail"][0]["field"] == "user"
        assert alert["id"] in [a["id"] for a in ann.get("/api/alerts").json()["items"]]
        assert sue.post(f"/api/alerts/{alert['id']}/ack").status_code == 200


def test_an_agent_gives_tasks_to_themselves_only(server: str, tokens: dict[str, str]) -> None:
    due = "2026-12-31T10:00:00Z"
    with as_user(server, tokens["ann"]) as ann, as_user(server, tokens["sue"]) as sue:
        cid = sue.post("/api/cases", json={}).json()["id"]
        sues = sue.post(f"/api/cases/{cid}/tasks", json={"title": "Kijk mee", "due_at": due})
        sue_id = sues.json()["owner_id"]
        mine = ann.post("/api/cases", json={}).json()["id"]
        r = ann.post(
            f"/api/cases/{mine}/tasks",
            json={"title": "Bel terug", "due_at": due, "owner_id": sue_id},
        )
        assert r.status_code == 403, r.text
        own = ann.post(f"/api/cases/{mine}/tasks", json={"title": "Bel terug", "due_at": due})
        assert own.status_code == 201 and own.json()["owner_id"] != sue_id
        # a supervisor may still hand a task to an agent
        ann_id = own.json()["owner_id"]
        given = sue.post(
            f"/api/cases/{cid}/tasks", json={"title": "Voor Ann", "due_at": due, "owner_id": ann_id}
        )
        assert given.status_code == 201


def test_an_agent_message_is_signed_by_the_signed_in_user(
    server: str, tokens: dict[str, str]
) -> None:
    with as_user(server, tokens["ann"]) as ann:
        cid = ann.post("/api/cases", json={}).json()["id"]
        r = ann.post(
            f"/api/cases/{cid}/messages",
            json={"role": "agent", "text": "Ik kijk ernaar.", "author": "sue"},
        )
        assert r.status_code == 403 and r.json()["detail"][0]["field"] == "author"
        ok = ann.post(
            f"/api/cases/{cid}/messages", json={"role": "agent", "text": "Ik kijk ernaar."}
        )
        assert ok.status_code == 201 and ok.json()["message"]["author"] == "ann"


def test_a_long_case_is_read_in_pages(server: str, tokens: dict[str, str]) -> None:
    """Issue 13: a case of 10,000 messages came back as one 11 MB answer."""
    with as_user(server, tokens["sue"]) as sue:
        cid = sue.post("/api/cases", json={}).json()["id"]
        for i in range(7):
            sue.post(f"/api/cases/{cid}/messages", json={"role": "agent", "text": f"Bericht {i}"})
        first = sue.get(f"/api/cases/{cid}", params={"limit": 3}).json()
        assert [m["text"] for m in first["messages"]] == ["Bericht 4", "Bericht 5", "Bericht 6"]
        assert first["more"] is True
        older = sue.get(
            f"/api/cases/{cid}", params={"limit": 3, "before": first["next_before"]}
        ).json()
        assert [m["text"] for m in older["messages"]] == ["Bericht 1", "Bericht 2", "Bericht 3"]
        last = sue.get(f"/api/cases/{cid}", params={"limit": 3, "before": older["next_before"]})
        assert [m["text"] for m in last.json()["messages"]] == ["Bericht 0"]
        assert last.json()["more"] is False and last.json()["next_before"] is None
        assert sue.get(f"/api/cases/{cid}", params={"limit": 0}).status_code == 422
