"""Alerts as supervisors see them: their texts, worded when shown, and acknowledging many
at once.

An alert's stored ``detail`` is what the guide said when it raised the alert; it stays
untouched for the audit. A time-bound alert (a response overdue) is worded again on every
view from the case's current state — "Waiting 5 h 10 min" must agree with the inbox, not
freeze at the minute the alert was raised — and channels are named in words, never by
their policy keys.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from jinja2 import pass_context
from starlette.concurrency import run_in_threadpool

from calmline.api.deps import StoreDep
from calmline.api.routers.cases import get_case
from calmline.protocol.policy import Policy
from calmline.store.models import Alert, Case, aware, now
from calmline.store.service import acknowledge
from calmline.web.auth import CsrfForm, SupervisorDep
from calmline.web.views import CHANNELS, duration

router = APIRouter(include_in_schema=False)

# the dashboard's order: the most urgent kind first
ALERT_NAMES = {
    "violence_threat": "Violent threat",
    "hazard": "Safety hazard",
    "supervisor_needed": "Supervisor needed",
    "agent_targeted": "Agent insulted",
    "response_overdue": "Response overdue",
}
ALERT_ORDER = tuple(ALERT_NAMES)
MAX_BULK = 500  # one form acknowledges at most this many alerts


def channel_words(channel: str) -> str:
    """``social_private`` → ``direct message``: how a person names the channel."""
    return CHANNELS.get(channel, channel.replace("_", " ")).lower()


def alert_text(alert: Alert, case: Case, policy: Policy, when: datetime | None = None) -> str:
    """The alert's text as of ``when`` (now): worded from its kind and the case's current
    state where time changes it, else what the guide said when it raised it."""
    if alert.kind != "response_overdue":
        return alert.detail
    when = when or now()
    target = policy.response_time.get(case.channel)
    goal = (
        f"the target for {channel_words(case.channel)} is {duration(target * 60)}"
        if target
        else f"{channel_words(case.channel)} has no response target"
    )
    if case.status != "open" or case.waiting_since is None:
        return f"Nobody is waiting for an answer now; {goal}."
    waited = (when - aware(case.waiting_since)).total_seconds()
    return f"Waiting {duration(waited)}; {goal}."


@pass_context
def alert_text_global(context: Any, alert: Alert, case: Case) -> str:
    """``alert_text`` for templates: the policy comes from the app serving the request."""
    policy: Policy = context["request"].app.state.policy
    return alert_text(alert, case, policy)


def alert_kind(request: Request) -> str | None:
    """The ``alert`` filter of a page: a known kind or nothing (400 naming the field)."""
    value = request.query_params.get("alert") or None
    if value is not None and value not in ALERT_NAMES:
        raise HTTPException(400, f"alert: unknown value {value[:40]!r}")
    return value


async def _ids(request: Request) -> list[int]:
    """Every ``ids`` value of the form (checkboxes repeat the name; ``1,2`` works too).
    The CSRF check has read the body already; this reads the repeated values it dropped."""
    body = (await request.body()).decode("utf-8", "replace")
    raw = [v for k, v in parse_qsl(body, keep_blank_values=True) if k == "ids"]
    parts = [p.strip() for v in raw for p in v.split(",") if p.strip()]
    if not parts:
        raise HTTPException(422, "ids: choose at least one alert")
    if len(parts) > MAX_BULK:
        raise HTTPException(422, f"ids: at most {MAX_BULK} alerts at once")
    bad = next((p for p in parts if not p.isdigit() or len(p) > 12), None)
    if bad is not None:
        raise HTTPException(422, f"ids: not an alert id: {bad[:40]!r}")
    return list(dict.fromkeys(int(p) for p in parts))


@router.post("/alerts/ack")
async def ack_many(
    request: Request, form: CsrfForm, me: SupervisorDep, store: StoreDep
) -> Response:
    """Acknowledge the chosen alerts in one transaction, each under the same rule as one
    (the case must be visible, the role a supervisor's or admin's): one refused id
    refuses them all, named, and nothing changes."""
    ids = await _ids(request)

    def save() -> None:
        with store.session() as s:
            for alert_id in ids:
                alert = s.get(Alert, alert_id)
                if alert is None:
                    raise HTTPException(422, f"ids: no alert {alert_id}")
                try:
                    get_case(s, me.user, alert.case_id)
                except HTTPException as exc:
                    raise HTTPException(exc.status_code, f"ids: alert {alert_id}") from None
                acknowledge(s, alert, me.user)

    await run_in_threadpool(save)
    back = form.get("back", "")
    return RedirectResponse(back if back.startswith("/dashboard") else "/dashboard", 303)
