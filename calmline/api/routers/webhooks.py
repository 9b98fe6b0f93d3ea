"""``POST /api/webhooks/{source}``: messages pushed by a helpdesk.

The signature is checked on the raw body before anything is parsed or stored (401 and
nothing stored when it does not match); each message is stored once, by the source's own
message id, so a helpdesk retrying a delivery creates no duplicates.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Request
from starlette.concurrency import run_in_threadpool

from calmline.api.deps import PolicyDep, SettingsDep, StoreDep
from calmline.api.models_out import WebhookResultOut
from calmline.api.schemas import ERRORS
from calmline.ingest.delivery import WebhookError, fresh, load, verify
from calmline.ingest.webhooks import parse, store_incoming

router = APIRouter(prefix="/api", tags=["webhooks"], responses=ERRORS)
log = logging.getLogger("calmline.webhooks")
Source = Literal["generic", "zendesk", "chatwoot", "freshdesk", "zammad"]


@router.post("/webhooks/{source}", operation_id="webhook", response_model=WebhookResultOut)
async def webhook(
    source: Annotated[Source, Path()],
    request: Request,
    settings: SettingsDep,
    store: StoreDep,
    policy: PolicyDep,
) -> dict[str, Any]:
    secret = settings.webhook_secrets.get(source)
    if not secret:
        raise HTTPException(404, f"no webhook secret configured for {source}")
    body = await request.body()
    headers = {k.lower(): v for k, v in request.headers.items()}
    if not verify(source, headers, body, secret):
        raise HTTPException(401, "signature does not match")
    if not fresh(source, headers, datetime.now(UTC), settings.webhook_tolerance):
        log.warning("webhook %s: signed timestamp outside the replay window, refused", source)
        raise HTTPException(401, "timestamp: outside the replay window")
    try:
        items = parse(source, load(body))
    except WebhookError as exc:
        raise HTTPException(422, str(exc)) from None
    return await run_in_threadpool(store_incoming, store, policy, source, items)
