"""The supervisors' dashboard (alerts, escalations, agents' hostile contacts, charts) and
the settings page where the policy is edited and validated."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from calmline.api.deps import PolicyDep, StoreDep
from calmline.protocol.policy import PolicyError
from calmline.store import insights
from calmline.store.config import policy_text, save_policy
from calmline.store.models import Alert, Case, now
from calmline.web.auth import CsrfForm, SupervisorDep
from calmline.web.pages import render

router = APIRouter(include_in_schema=False)

ALERT_ORDER = (
    "violence_threat",
    "hazard",
    "supervisor_needed",
    "agent_targeted",
    "response_overdue",
)
ALERT_NAMES = {
    "violence_threat": "Violent threat",
    "hazard": "Safety hazard",
    "supervisor_needed": "Supervisor needed",
    "agent_targeted": "Agent insulted",
    "response_overdue": "Response overdue",
}
CAUSE_NAMES = {
    "delivery": "Delivery",
    "defect": "Faulty product",
    "refund": "Refund",
    "billing": "Billing",
    "service": "Service received",
    "appointment": "Appointment",
    "account": "Account",
}


@router.get("/dashboard")
def dashboard(request: Request, me: SupervisorDep, store: StoreDep, policy: PolicyDep) -> Response:
    when = now()
    with store.read() as s:
        rows = s.execute(
            select(Alert, Case)
            .join(Case, Case.id == Alert.case_id)
            .where(Alert.acknowledged_at.is_(None))
            .order_by(Alert.created_at)
        ).all()
        alerts = sorted(
            ((a, c) for a, c in rows),
            key=lambda ac: (ALERT_ORDER.index(ac[0].kind), -ac[0].id),
        )
        recent = insights.window(s, when=when)
        loads = insights.agent_loads(s, policy, recent, when=when)
        heat = insights.heat_over_time(recent, when=when)
        causes = insights.top_causes(recent)
    compared = sum(x.compared for x in loads)
    fell = sum(x.fell for x in loads)
    return render(
        request,
        "dashboard.html",
        me=me,
        alerts=[(a, c) for a, c in alerts if a.kind != "supervisor_needed"],
        escalations=[(a, c) for a, c in alerts if a.kind == "supervisor_needed"],
        alert_names=ALERT_NAMES,
        loads=loads,
        heat=heat,
        causes=causes,
        cause_names=CAUSE_NAMES,
        fell=fell,
        compared=compared,
        when=when,
        high_load=insights.HIGH_LOAD,
    )


@router.get("/settings")
def settings_page(request: Request, me: SupervisorDep, store: StoreDep) -> Response:
    with store.read() as s:
        text = policy_text(s, request.app.state.settings.policy)
    saved = request.query_params.get("saved") == "1"
    return render(request, "settings.html", me=me, text=text, error="", saved=saved)


@router.post("/settings")
async def save_settings(
    request: Request, me: SupervisorDep, form: CsrfForm, store: StoreDep
) -> Response:
    text = form.get("policy", "").replace("\r\n", "\n")

    def save() -> str:
        try:
            with store.session() as s:
                request.app.state.policy = save_policy(s, text, me.user)
        except PolicyError as exc:
            return str(exc)
        return ""

    error = await run_in_threadpool(save)
    if error:  # nothing stored; the text stays in the form to be fixed
        return render(request, "settings.html", 422, me=me, text=text, error=error, saved=False)
    return RedirectResponse("/settings?saved=1", 303)
