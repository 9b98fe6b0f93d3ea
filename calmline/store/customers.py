"""Customers as the API shows and edits them: who sees one, renaming, merging two.

An agent sees a customer through the cases they see (their own and unassigned ones);
supervisors and admins see every customer and are the only ones who edit or merge. A
merge moves the other customer's identities and cases onto the kept one and deletes the
other, in the caller's transaction, and is audited (field names and counts only: the audit
log keeps what happened, not personal data).
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from calmline.store.inbox import visible
from calmline.store.models import Case, Customer, User
from calmline.store.service import NotAllowed, StoreError, audit, clean_text

GENDERS = ("female", "male", "unknown")
EDITORS = frozenset({"supervisor", "admin"})


class UnknownCustomer(LookupError):
    pass


def check_editor(user: User) -> None:
    if user.role not in EDITORS:
        raise NotAllowed("user: only supervisors and admins edit or merge customers")


def visible_case_ids(s: Session, user: User, customer_id: int) -> list[int]:
    query = visible(select(Case.id).where(Case.customer_id == customer_id), user)
    return list(s.scalars(query.order_by(Case.id)))


def customer_for_user(s: Session, user: User, customer_id: int) -> tuple[Customer, list[int]]:
    """The customer and the ids of their cases ``user`` may see. An agent who sees none of
    their cases is told no more than for an id that does not exist."""
    customer = s.get(Customer, customer_id)
    if customer is None:
        raise UnknownCustomer(customer_id)
    case_ids = visible_case_ids(s, user, customer_id)
    if user.role not in EDITORS and not case_ids:
        raise UnknownCustomer(customer_id)
    return customer, case_ids


def update_customer(
    s: Session, customer: Customer, user: User, changes: dict[str, str | None]
) -> None:
    """Apply ``name`` and ``gender`` from ``changes`` (only the keys given)."""
    check_editor(user)
    changed = []
    if "name" in changes:
        name = changes["name"]
        name = clean_text(name).strip()[:200] if name else None
        if customer.name != (name or None):
            customer.name = name or None
            changed.append("name")
    if "gender" in changes:
        gender = changes["gender"]
        if gender not in GENDERS:
            raise StoreError(f"gender: must be one of {', '.join(GENDERS)}")
        if customer.gender != gender:
            customer.gender = gender
            changed.append("gender")
    if changed:
        audit(s, "update_customer", "customer", customer.id, user, fields=changed)


def merge_customers(s: Session, keep: Customer, other: Customer, user: User) -> dict[str, int]:
    """Move ``other``'s identities and cases to ``keep`` and delete ``other``. An identity
    ``keep`` already has collapses into it. Returns what moved."""
    check_editor(user)
    if keep.id == other.id:
        raise StoreError("other: a customer cannot be merged with itself")
    held = {(i.kind, i.value) for i in keep.identities}
    moved = collapsed = 0
    for ident in list(other.identities):
        if (ident.kind, ident.value) in held:
            s.delete(ident)
            collapsed += 1
        else:
            ident.customer = keep
            held.add((ident.kind, ident.value))
            moved += 1
    on_other = Case.customer_id == other.id
    cases = len(list(s.scalars(select(Case.id).where(on_other))))
    s.execute(update(Case).where(on_other).values(customer_id=keep.id))
    if keep.name is None and other.name:
        keep.name = other.name
    if keep.gender == "unknown" and other.gender != "unknown":
        keep.gender = other.gender
    s.flush()
    s.delete(other)
    s.flush()
    counts = {"identities": moved, "collapsed": collapsed, "cases": cases}
    audit(s, "merge_customer", "customer", keep.id, user, other=other.id, **counts)
    return counts
