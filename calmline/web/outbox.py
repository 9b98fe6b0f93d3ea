"""The outbox page: what calmline still has to write to the team's helpdesk, what it wrote,
and what failed with the helpdesk's reason — with Retry for supervisors and admins (the
same functions as ``calmline outbox list|retry``)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from calmline.api.deps import StoreDep
from calmline.helpdesks.outbox import counts, list_items, retry
from calmline.store.models import aware
from calmline.web.auth import CsrfForm, SupervisorDep
from calmline.web.pages import render

router = APIRouter(include_in_schema=False)
STATUSES = ("pending", "failed", "delivered")


@router.get("/outbox")
def outbox_page(request: Request, me: SupervisorDep, store: StoreDep) -> Response:
    status = request.query_params.get("status") or None
    if status is not None and status not in STATUSES:
        raise HTTPException(400, f"status: one of {', '.join(STATUSES)}")
    with store.read() as s:
        items = list_items(s, status, 200)
        totals = counts(s)
    return render(
        request,
        "outbox.html",
        me=me,
        items=items,
        totals=totals,
        status=status or "",
        statuses=STATUSES,
        aware=aware,
        done=request.query_params.get("done", "")[:40],
    )


@router.post("/outbox/retry")
def outbox_retry(me: SupervisorDep, form: CsrfForm, store: StoreDep) -> Response:
    target = form.get("id", "")
    if target != "all" and not (target.isdigit() and 0 < int(target) < 2**31):
        raise HTTPException(422, "id: an outbox item id, or all")
    with store.session() as s:
        n = retry(s, None if target == "all" else int(target))
    return RedirectResponse(f"/outbox?done={n}", 303)
