"""The supervisors' dashboard (alerts, escalations, agents' hostile contacts, charts) over
a date range, its figures as CSV, and the admins' TOML view of the policy
(``/settings/toml``; supervisors use the form in :mod:`calmline.web.settings_form`).

The CSV goes to spreadsheets, which run a cell starting with ``=``, ``+``, ``-`` or ``@`` as
a formula: agents' names are typed by people, so every such cell is quoted as text."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from calmline.api.deps import PolicyDep, StoreDep
from calmline.protocol.policy import Policy, PolicyError
from calmline.store import insights
from calmline.store.config import policy_text, save_policy
from calmline.store.models import Alert, Case, aware, now
from calmline.web.alerts import ALERT_NAMES, ALERT_ORDER, alert_kind
from calmline.web.auth import CsrfForm, SupervisorDep
from calmline.web.pages import render
from calmline.web.people import AdminDep

router = APIRouter(include_in_schema=False)

CAUSE_NAMES = {
    "delivery": "Delivery",
    "defect": "Faulty product",
    "refund": "Refund",
    "billing": "Billing",
    "service": "Service received",
    "appointment": "Appointment",
    "account": "Account",
}
DEFAULT_DAYS = 7
MAX_DAYS = 366
LIVE_HOURS = 4  # hostile contacts and break suggestions look at the last hours, whatever range
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# a spreadsheet runs a cell that starts with one of these as a formula (CSV injection)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Range:
    """The dashboard's dates: ``first`` to ``last`` inclusive, whole UTC days."""

    first: date
    last: date

    @property
    def since(self) -> datetime:
        return datetime.combine(self.first, datetime.min.time(), UTC)

    @property
    def until(self) -> datetime:
        return datetime.combine(self.last + timedelta(days=1), datetime.min.time(), UTC)

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def step(self) -> timedelta:
        """The chart's bars: hours for a day or two, days up to two months, then weeks."""
        if self.days <= 2:
            return timedelta(hours=1)
        return timedelta(days=1) if self.days <= 62 else timedelta(days=7)


def _day(request: Request, field: str, default: date) -> date:
    value = request.query_params.get(field) or ""
    if not value:
        return default
    try:
        if not DAY.fullmatch(value):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise HTTPException(400, f"{field}: not a date (YYYY-MM-DD): {value[:40]!r}") from None


def date_range(request: Request, when: datetime) -> Range:
    """``?from=&to=`` checked (400 naming the field); by default the last seven days."""
    today = when.astimezone(UTC).date()
    last = _day(request, "to", today)
    first = _day(request, "from", last - timedelta(days=DEFAULT_DAYS - 1))
    if first > last:
        raise HTTPException(400, "from: after to")
    if (last - first).days + 1 > MAX_DAYS:
        raise HTTPException(400, f"from: the range is longer than {MAX_DAYS} days")
    return Range(first, last)


@dataclass
class Figures:
    """What the dashboard's charts and table show for a range — and what the CSV exports."""

    range: Range
    loads: list[insights.AgentLoad]
    heat: list[insights.HeatBucket]
    causes: list[tuple[str, int]]

    @property
    def compared(self) -> int:
        return sum(x.compared for x in self.loads)

    @property
    def fell(self) -> int:
        return sum(x.fell for x in self.loads)


def figures(s: Session, policy: Policy, span: Range, when: datetime) -> Figures:
    """The range's messages read once; the live hostile contacts read beside them when the
    range does not reach back over the last hours."""
    shown = insights.window(s, since=span.since, until=span.until)
    live_from = when - timedelta(hours=LIVE_HOURS)
    extra = (
        [] if span.since <= live_from and span.until > when else insights.window(s, since=live_from)
    )
    seen = {m.id for m in shown}
    both = sorted([*shown, *(m for m in extra if m.id not in seen)], key=lambda m: (m.at, m.id))
    loads = insights.agent_loads(
        s, policy, both, LIVE_HOURS, when, since=span.since, until=span.until
    )
    heat = insights.heat_between(shown, span.since, span.until, span.step)
    return Figures(span, loads, heat, insights.top_causes(shown))


def open_alerts(s: Session, kind: str | None) -> list[tuple[Alert, Case]]:
    """Unacknowledged alerts with their cases, the most urgent kind first, newest first."""
    q = select(Alert, Case).join(Case, Case.id == Alert.case_id)
    q = q.where(Alert.acknowledged_at.is_(None))
    if kind is not None:
        q = q.where(Alert.kind == kind)
    rows = [(a, c) for a, c in s.execute(q.order_by(Alert.created_at))]
    return sorted(rows, key=lambda ac: (ALERT_ORDER.index(ac[0].kind), -ac[0].id))


@router.get("/dashboard")
def dashboard(request: Request, me: SupervisorDep, store: StoreDep, policy: PolicyDep) -> Response:
    when = now()
    span = date_range(request, when)
    kind = alert_kind(request)
    with store.read() as s:
        alerts = open_alerts(s, kind)
        shown = figures(s, policy, span, when)
    return render(
        request,
        "dashboard.html",
        me=me,
        alerts=[(a, c) for a, c in alerts if a.kind != "supervisor_needed"],
        escalations=[(a, c) for a, c in alerts if a.kind == "supervisor_needed"],
        alert_names=ALERT_NAMES,
        alert_filter=kind,
        span=span,
        loads=shown.loads,
        heat=shown.heat,
        heat_format="%H:00" if span.step < timedelta(days=1) else "%d %b",
        causes=shown.causes,
        cause_names=CAUSE_NAMES,
        fell=shown.fell,
        compared=shown.compared,
        when=when,
        aware=aware,
        high_load=insights.HIGH_LOAD,
    )


def csv_cell(value: Any) -> str:
    """A cell a spreadsheet shows as text: one that would start a formula gets a quote."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_rows(shown: Figures) -> list[list[Any]]:
    """The figures in long form — figure, item, measure, value — one row per number."""
    rows: list[list[Any]] = [
        ["figure", "item", "measure", "value"],
        ["range", "from", "date", shown.range.first.isoformat()],
        ["range", "to", "date", shown.range.last.isoformat()],
    ]
    for load in shown.loads:
        name = load.user.name
        rows.append(["agent", name, f"hostile contacts (last {LIVE_HOURS} h)", len(load.contacts)])
        rows.append(["agent", name, "replies", load.replies])
        rows.append(["agent", name, "replies compared", load.compared])
        rows.append(["agent", name, "heat fell after reply", load.fell])
    for b in shown.heat:
        at = b.start.isoformat(timespec="minutes")
        rows.append(["heat", at, "customer messages", b.count])
        if b.count:
            rows.append(["heat", at, "mean heat", f"{b.mean:.2f}"])
            rows.append(["heat", at, "peak heat", f"{b.peak:.2f}"])
    for key, n in shown.causes:
        rows.append(["cause", CAUSE_NAMES.get(key, key), "cases", n])
    rows.append(["heat fell", "all agents", "replies compared", shown.compared])
    rows.append(["heat fell", "all agents", "heat fell after reply", shown.fell])
    return rows


@router.get("/dashboard.csv")
def dashboard_csv(
    request: Request, _me: SupervisorDep, store: StoreDep, policy: PolicyDep
) -> Response:
    """The dashboard's figures for the range as a spreadsheet can open them safely."""
    when = now()
    try:
        span = date_range(request, when)
    except HTTPException as exc:  # plain text: a script fetching the CSV reads why
        return Response(f"{exc.detail}\n", exc.status_code, media_type="text/plain")
    with store.read() as s:
        shown = figures(s, policy, span, when)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([csv_cell(v) for v in row] for row in csv_rows(shown))
    name = f"calmline-dashboard-{span.first.isoformat()}-{span.last.isoformat()}.csv"
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/settings/toml")
def settings_toml(request: Request, me: AdminDep, store: StoreDep) -> Response:
    """The whole policy as TOML, for admins: what the form leaves out (languages,
    helpdesk connections, retention, authority flags) is edited here, with its comments."""
    with store.read() as s:
        text = policy_text(s, request.app.state.settings.policy)
    saved = request.query_params.get("saved") == "1"
    return render(request, "settings.html", me=me, text=text, error="", saved=saved)


@router.post("/settings/toml")
async def save_settings_toml(
    request: Request, me: AdminDep, form: CsrfForm, store: StoreDep
) -> Response:
    text = form.get("policy", "").replace("\r\n", "\n")
    path = request.app.state.settings.policy

    def save() -> str:
        try:
            with store.session() as s:
                request.app.state.policy = save_policy(s, text, me.user, path)
        except PolicyError as exc:
            return str(exc)
        return ""

    error = await run_in_threadpool(save)
    if error:  # nothing stored; the text stays in the form to be fixed
        return render(request, "settings.html", 422, me=me, text=text, error=error, saved=False)
    return RedirectResponse("/settings/toml?saved=1", 303)
