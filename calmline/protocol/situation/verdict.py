"""What the policy allows for what the customer wants: may this agent grant it, does it need a
supervisor (who, and the agent's limit), or does the organisation never grant it (the rule)?

A draft that says "I have refunded the €189" when the agent may refund €50 cannot be sent;
deciding it here, once, lets the guide, the composer and the reviewer say the same thing.
"""

from __future__ import annotations

from decimal import Decimal

from calmline.protocol.policy import AUTHORITY_FLAGS, Policy
from calmline.protocol.situation.model import Fact, Verdict

MONEY_WANTS = {"refund": "refund_limit", "compensation": "compensation_limit"}
ALWAYS = frozenset({"apology", "explanation", "information", "delivery", "change"})


def _money(value: str) -> tuple[Decimal, str] | None:
    try:
        amount, currency = value.split(" ")
        return Decimal(amount), currency
    except (ValueError, ArithmeticError):
        return None


def _fmt(amount: Decimal | float, currency: str) -> str:
    return f"{Decimal(str(amount)).quantize(Decimal('0.01'))} {currency}"


def amounts_named(facts: tuple[Fact, ...]) -> list[tuple[Decimal, str] | None]:
    """Every amount the customer named, as (value, currency); None where one does not parse."""
    return [_money(f.normalized) for f in facts if f.kind == "amount" and f.normalized]


def amount_at_stake(facts: tuple[Fact, ...]) -> tuple[Decimal, str] | None:
    """The largest amount the customer named (what a refund would cost), if any."""
    found = [m for m in amounts_named(facts) if m is not None]
    return max(found, key=lambda m: m[0]) if found else None


def all_above_limit(want: str, facts: tuple[Fact, ...], policy: Policy) -> bool:
    """Every amount the customer named is above this agent's limit for the money ``want``
    (so any grant of it needs someone else's yes); False when none is known or one does
    not parse. The reviewer asks this of a grant that names no amount of its own."""
    limits: dict[str, float] = getattr(policy.agent, MONEY_WANTS[want])
    named = amounts_named(facts)
    if not named or any(m is None for m in named):
        return False
    return all(  # no limit in a currency: nothing in it is within this agent's authority
        m is not None and (m[1] not in limits or m[0] > Decimal(str(limits[m[1]]))) for m in named
    )


def verdict(
    want: str | None,
    facts: tuple[Fact, ...],
    policy: Policy,
    old_purchase: bool,
    delay: bool,
) -> Verdict | None:
    if want is None:
        return None
    if want in ALWAYS:
        return Verdict(want, "agent", "-", "Any agent may do this.")
    if want == "speak_to_manager":
        return Verdict(
            want,
            "supervisor",
            "escalation.on_manager_request",
            "The customer asks for a manager: pass the case on.",
            who="supervisor",
        )
    if want == "refund" and old_purchase:
        return Verdict(
            want,
            "never",
            "never.refund_after_days",
            f"No refunds on purchases older than {policy.refund_after_days} days.",
        )
    if want == "compensation" and delay and not policy.compensation_for_delay:
        return Verdict(
            want,
            "never",
            "never.compensation_for_delay",
            "The organisation does not compensate for delays.",
        )
    if want in MONEY_WANTS:
        key = MONEY_WANTS[want]
        agent_limits: dict[str, float] = getattr(policy.agent, key)
        super_limits: dict[str, float] = getattr(policy.supervisor, key)
        stake = amount_at_stake(facts)
        if stake is None:
            limits = ", ".join(_fmt(v, c) for c, v in sorted(agent_limits.items()))
            return Verdict(
                want,
                "check",
                f"authority.agent.{key}",
                f"The amount is not known yet; an agent may grant up to {limits}.",
                limit=limits,
            )
        amount, currency = stake
        agent = agent_limits.get(currency)
        boss = super_limits.get(currency)
        shown = _fmt(amount, currency)
        if agent is not None and amount <= Decimal(str(agent)):
            return Verdict(
                want,
                "agent",
                f"authority.agent.{key}.{currency}",
                f"{shown} is within the agent's limit of {_fmt(agent, currency)}.",
                limit=_fmt(agent, currency),
                amount=shown,
            )
        if boss is not None and amount <= Decimal(str(boss)):
            return Verdict(
                want,
                "supervisor",
                f"authority.supervisor.{key}.{currency}",
                f"{shown} is above the agent's limit"
                + (f" of {_fmt(agent, currency)}" if agent is not None else "")
                + f": a supervisor may grant up to {_fmt(boss, currency)}.",
                who="supervisor",
                limit=_fmt(agent, currency) if agent is not None else None,
                amount=shown,
            )
        if agent is None and boss is None:
            return Verdict(
                want,
                "supervisor",
                f"authority.{key}.{currency}",
                f"The policy sets no limit in {currency}: a supervisor decides on {shown}.",
                who="supervisor",
                amount=shown,
            )
        return Verdict(
            want,
            "supervisor",
            f"authority.supervisor.{key}.{currency}",
            f"{shown} is above what a supervisor may grant: a manager decides.",
            who="manager",
            limit=_fmt(agent, currency) if agent is not None else None,
            amount=shown,
        )
    if want in AUTHORITY_FLAGS:
        if getattr(policy.agent, want):
            return Verdict(want, "agent", f"authority.agent.{want}", "Any agent may do this.")
        if getattr(policy.supervisor, want):
            return Verdict(
                want,
                "supervisor",
                f"authority.supervisor.{want}",
                "Agents may not grant this; a supervisor may.",
                who="supervisor",
            )
        return Verdict(
            want, "never", f"authority.supervisor.{want}", "The policy does not allow this."
        )
    return None
