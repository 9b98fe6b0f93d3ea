"""Supervisor work over real HTTP and in Chromium: alert texts worded when shown, many
alerts acknowledged at once under the one-alert rule, threat and hazard badges in the
inbox, the alert-kind filter, the dashboard's date range and its CSV export (with formula
cells quoted)."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from calmline.web.supervisor import csv_cell
from tests.web.conftest import api, login
from tests.web.test_security import sign_in

LEGAL_NL = "Ik schakel mijn advocaat in als dit niet vandaag is opgelost."


def overdue_case(web: str, token: str, channel: str, subject: str, minutes: int = 125) -> int:
    """A case whose customer has waited ``minutes``: its overdue alert is raised on arrival."""
    with api(web, token) as c:
        r = c.post("/api/cases", json={"channel": channel, "subject": subject})
        assert r.status_code == 201, r.text
        case_id = int(r.json()["id"])
        at = (datetime.now(UTC) - timedelta(minutes=minutes)).isoformat()
        r = c.post(
            f"/api/cases/{case_id}/messages",
            json={"role": "customer", "text": "Where is my order 7712?", "at": at},
        )
        assert r.status_code in (200, 201), r.text
    return case_id


def alerts_of(web: str, token: str, case_ids: set[int]) -> dict[int, dict[str, Any]]:
    """alert id → alert, for the cases' response-overdue alerts (open or acknowledged)."""
    with api(web, token) as c:
        items = c.get("/api/alerts", params={"open_only": "false"}).json()["items"]
    return {
        a["id"]: a for a in items if a["case_id"] in case_ids and a["kind"] == "response_overdue"
    }


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("ann", "ann"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (12, "12"),
        ("0.52", "0.52"),
    ],
)
def test_csv_cells_that_would_start_a_formula_are_quoted(value: Any, cell: str) -> None:
    assert csv_cell(value) == cell


def test_dates_are_checked_and_name_their_field(web: str) -> None:
    c, _ = sign_in(web, "sue")
    c.headers["Accept"] = "text/html"  # as a browser asks: the error page names the field
    for path in ("/dashboard", "/dashboard.csv"):
        for query, field in [
            ("from=2024-13-01", "from"),
            ("from=20240101", "from"),
            ("to=yesterday", "to"),
            ("from=2024-03-02&to=2024-03-01", "from"),
            ("from=2020-01-01&to=2024-01-01", "from"),
        ]:
            r = c.get(f"{path}?{query}")
            assert r.status_code == 400, (path, query)
            assert field in r.text, (path, query)
    r = c.get("/dashboard?alert=fax_overdue")
    assert r.status_code == 400 and "alert" in r.text
    assert c.get("/?alert=nope").status_code == 400
    ok = c.get("/dashboard?from=2024-03-01&to=2024-03-07")
    assert ok.status_code == 200 and 'value="2024-03-01"' in ok.text


def test_csv_export_of_the_figures_shown(web: str) -> None:
    c, _ = sign_in(web, "sue")
    today = datetime.now(UTC).date()
    r = c.get(f"/dashboard.csv?from={today - timedelta(days=2)}&to={today}")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    assert (
        f'filename="calmline-dashboard-{today - timedelta(days=2)}-{today}.csv"'
        in (r.headers["content-disposition"])
    )
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0] == ["figure", "item", "measure", "value"]
    figures = {row[0] for row in rows[1:]}
    assert {"range", "agent", "heat", "heat fell"} <= figures
    assert ["range", "from", "date", str(today - timedelta(days=2))] in rows
    assert any(row[:3] == ["agent", "ann", "replies"] for row in rows)
    assert sum(1 for row in rows if row[2] == "customer messages") == 3  # one bar per day
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    # agents cannot read it
    agent, _ = sign_in(web, "ben")
    assert agent.get("/dashboard.csv").status_code == 403


def test_the_overdue_text_is_worded_when_shown(web: str, web_tokens: dict[str, str]) -> None:
    case_id = overdue_case(web, web_tokens["sue"], "social_private", "Wording check 4471", 185)
    (alert,) = alerts_of(web, web_tokens["sue"], {case_id}).values()
    assert "social_private" in alert["detail"]  # the stored text stays as raised
    c, _ = sign_in(web, "sue")
    page = c.get("/dashboard?alert=response_overdue")
    item = re.search(rf'data-alert="{alert["id"]}".*?</li>', page.text, re.S)
    assert item is not None
    text = item.group(0)
    assert re.search(r"Waiting 3 h [5-9] min; the target for direct message is 2 h\.", text)
    assert "social_private" not in text
    # the filter shows overdue alerts only
    assert "alert-violence_threat" not in page.text
    # the case page words it the same way
    assert "the target for direct message is 2 h" in c.get(f"/cases/{case_id}").text


def test_many_alerts_acknowledged_at_once_under_the_one_alert_rule(
    web: str, web_tokens: dict[str, str]
) -> None:
    sue = web_tokens["sue"]
    cases = {overdue_case(web, sue, "chat", f"Bulk ack {n} 5530") for n in range(3)}
    a1, a2, a3 = sorted(alerts_of(web, sue, cases))
    # an agent: refused, nothing changes
    agent, agent_csrf = sign_in(web, "ben")
    r = agent.post("/alerts/ack", data={"csrf": agent_csrf, "ids": f"{a1},{a2}"})
    assert r.status_code == 403
    # one unknown id: refused naming it, nothing changes
    c, csrf = sign_in(web, "sue")
    r = c.post("/alerts/ack", data={"csrf": csrf, "ids": [str(a1), "987654321"]})
    assert r.status_code == 422 and "987654321" in r.text
    assert all(a["acknowledged_at"] is None for a in alerts_of(web, sue, cases).values())
    # no CSRF token: refused
    assert c.post("/alerts/ack", data={"ids": str(a1)}).status_code == 403
    # exactly the chosen ones
    r = c.post("/alerts/ack", data={"csrf": csrf, "ids": [str(a1), str(a2)]})
    assert r.status_code == 303 and r.headers["location"] == "/dashboard"
    state = alerts_of(web, sue, cases)
    assert state[a1]["acknowledged_at"] and state[a2]["acknowledged_at"]
    assert state[a3]["acknowledged_at"] is None


def test_a_legal_threat_and_a_hazard_get_badges_in_the_inbox(
    web: str, web_tokens: dict[str, str]
) -> None:
    with api(web, web_tokens["sue"]) as c:
        ids = []
        for subject, text in [
            ("Advocaat badge 3301", LEGAL_NL),
            ("Gas badge 3302", "There is a gas smell from the boiler you installed."),
        ]:
            case_id = c.post("/api/cases", json={"channel": "email", "subject": subject}).json()
            ids.append(int(case_id["id"]))
            r = c.post(f"/api/cases/{ids[-1]}/messages", json={"role": "customer", "text": text})
            assert r.status_code in (200, 201), r.text
    client, _ = sign_in(web, "sue")
    page = client.get("/?status=all").text

    def row(case_id: int) -> str:
        found = re.search(rf'data-case="{case_id}".*?</li>', page, re.S)
        assert found is not None
        return found.group(0)

    assert "warn-legal" in row(ids[0]) and "legal threat" in row(ids[0])
    assert "warn-hazard" in row(ids[1]) and "hazard: gas" in row(ids[1])
    assert "warn-" not in row(ids[1]).replace("warn-hazard", "")
    # the inbox's alert filter
    hazards = client.get("/?status=all&alert=hazard").text
    assert f'data-case="{ids[1]}"' in hazards and f'data-case="{ids[0]}"' not in hazards


def test_a_supervisor_selects_two_alerts_and_acknowledges_them_at_once(
    page: Any, web: str, web_tokens: dict[str, str]
) -> None:
    sue = web_tokens["sue"]
    cases = {overdue_case(web, sue, "chat", f"Browser bulk {n} 6640") for n in range(3)}
    a1, a2, a3 = sorted(alerts_of(web, sue, cases))
    login(page, "sue")
    page.goto("/dashboard?alert=response_overdue")
    page.locator(f"#pick-{a1}").check()
    page.locator(f"#pick-{a2}").check()
    page.get_by_role("button", name="Acknowledge selected").click()
    page.wait_for_url(re.compile(r"/dashboard\?alert=response_overdue$"))
    assert page.locator(f"[data-alert='{a1}']").count() == 0
    assert page.locator(f"[data-alert='{a2}']").count() == 0
    assert page.locator(f"[data-alert='{a3}']").count() == 1
    assert page.get_by_label("Alert", exact=True).input_value() == "response_overdue"
    state = alerts_of(web, sue, cases)
    assert state[a1]["acknowledged_by"] == state[a2]["acknowledged_by"] is not None
    assert state[a3]["acknowledged_at"] is None
    assert page.errors == []
