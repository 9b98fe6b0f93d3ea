"""A customer's data on request (export) and its erasure: admins only.

Who may do this is decided in ``store/privacy.py`` (``NotAllowed`` → 403 in the one error
shape); an unknown customer is a 404 and nothing is written.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel

from calmline.api.deps import StoreDep, UserDep
from calmline.api.schemas import ERRORS, Id
from calmline.store.privacy import UnknownCustomer, check_allowed, erase_customer, export_customer
from calmline.store.removal import checkpoint

router = APIRouter(prefix="/api", tags=["customers"], responses=ERRORS)


class ErasedOut(BaseModel):
    """What the erasure removed, by kind: counts only, never the data."""

    customer_id: int
    customers: int
    identities: int
    cases: int
    messages: int
    notes: int
    tasks: int
    alerts: int
    audit_scrubbed: int


@router.get("/customers/{customer_id}/export", operation_id="export_customer")
def export(customer_id: Id, store: StoreDep, user: UserDep) -> dict[str, Any]:
    """Everything held about the customer: identities, cases with every message (text,
    analysis, attachments), notes, tasks, alerts, and the audit entries about them."""
    check_allowed(user)  # before the lookup: nobody else learns which ids exist
    with store.session() as s:
        try:
            return export_customer(s, customer_id, user)
        except UnknownCustomer:
            raise HTTPException(404, f"no customer {customer_id}") from None


@router.delete("/customers/{customer_id}", operation_id="erase_customer")
def erase(customer_id: Id, store: StoreDep, user: UserDep) -> ErasedOut:
    """Remove the customer, their identities and cases with everything on them; audit
    entries about them keep what happened and when, not the detail."""
    check_allowed(user)
    with store.session() as s:
        try:
            counts = erase_customer(s, customer_id, user)
        except UnknownCustomer:
            raise HTTPException(404, f"no customer {customer_id}") from None
    checkpoint(store.engine)  # no copy of the removed rows left in SQLite's log
    data = counts.as_dict()
    data.pop("sessions")
    return ErasedOut(customer_id=customer_id, **data)
