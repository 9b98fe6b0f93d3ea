"""Customers: reading one (anyone who sees one of their cases), editing and merging
(supervisors and admins, ``store/customers.py``), and a customer's data on request
(export) and its erasure (admins only, ``store/privacy.py``).

``NotAllowed`` is a 403 in the one error shape; an unknown customer is a 404 and nothing
is written.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from calmline.api.deps import StoreDep, UserDep
from calmline.api.models_out import CustomerOut, ExportOut, Gender
from calmline.api.schemas import ERRORS, MAX_ID, Id
from calmline.store import customers as store_customers
from calmline.store.models import Customer, User
from calmline.store.privacy import UnknownCustomer, check_allowed, erase_customer, export_customer
from calmline.store.removal import checkpoint

router = APIRouter(prefix="/api", tags=["customers"], responses=ERRORS)


class CustomerPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str | None = Field(default=None, max_length=200, description="null clears it")
    gender: Gender | None = None


class MergeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    other: int = Field(ge=1, le=MAX_ID, description="the customer merged into this one")


def customer_out(customer: Customer, case_ids: list[int]) -> CustomerOut:
    identities = sorted(customer.identities, key=lambda i: i.id)
    return CustomerOut.model_validate(
        {
            "id": customer.id,
            "name": customer.name,
            "gender": customer.gender,
            "identities": [{"kind": i.kind, "value": i.value} for i in identities],
            "case_ids": case_ids,
        }
    )


def _find(s: Session, user: User, customer_id: int) -> tuple[Customer, list[int]]:
    try:
        return store_customers.customer_for_user(s, user, customer_id)
    except store_customers.UnknownCustomer:
        raise HTTPException(404, f"no customer {customer_id}") from None


@router.get("/customers/{customer_id}", operation_id="read_customer")
def read_customer(customer_id: Id, store: StoreDep, user: UserDep) -> CustomerOut:
    """The customer's name, gender, identities (e-mail, social handle, phone) and the ids of
    their cases the user may see. Agents see a customer through their visible cases."""
    with store.read() as s:
        return customer_out(*_find(s, user, customer_id))


@router.patch("/customers/{customer_id}", operation_id="update_customer")
def update_customer(
    customer_id: Id, body: CustomerPatch, store: StoreDep, user: UserDep
) -> CustomerOut:
    """Change the name or gender (supervisors and admins; audited by field name)."""
    store_customers.check_editor(user)
    if "gender" in body.model_fields_set and body.gender is None:
        raise HTTPException(422, "gender: must be female, male or unknown")
    with store.session() as s:
        customer, _ = _find(s, user, customer_id)
        changes = {k: getattr(body, k) for k in body.model_fields_set}
        store_customers.update_customer(s, customer, user, changes)
        return customer_out(customer, store_customers.visible_case_ids(s, user, customer.id))


@router.post("/customers/{customer_id}/merge", operation_id="merge_customers")
def merge(customer_id: Id, body: MergeIn, store: StoreDep, user: UserDep) -> CustomerOut:
    """Merge customer ``other`` into this one: its identities and cases move here and it is
    deleted, in one transaction (supervisors and admins; audited)."""
    store_customers.check_editor(user)
    if body.other == customer_id:
        raise HTTPException(422, "other: a customer cannot be merged with itself")
    with store.session() as s:
        keep, _ = _find(s, user, customer_id)
        other = s.get(Customer, body.other)
        if other is None:
            raise HTTPException(404, f"no customer {body.other}")
        store_customers.merge_customers(s, keep, other, user)
        return customer_out(keep, store_customers.visible_case_ids(s, user, keep.id))


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


@router.get(
    "/customers/{customer_id}/export", operation_id="export_customer", response_model=ExportOut
)
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
