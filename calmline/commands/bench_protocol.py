"""Timing the situation, ``guide`` and ``review`` on 10-message conversations (part of
``calmline bench``).

Two cases, because they cost very differently: *cold*, a conversation whose customer
messages were never analysed in this process (all five go through the analyzer), and
*warm*, the common case in a helpdesk — the thread was analysed when its messages arrived
and the agent asks again after typing (review) or after one new message (guide).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from calmline.commands.bench import _pct, sample_messages
from calmline.protocol import situation
from calmline.protocol.conversation import parse_conversation
from calmline.protocol.guide import guide
from calmline.protocol.policy import load_policy
from calmline.protocol.review import review
from calmline.protocol.situation import read

AGENT_LINES = (
    "I can see this has upset you. Could you tell me your order number?",
    "I am sorry this went wrong. I will look into it and reply within 2 working days.",
    "Thank you, I have passed this on and will get back to you within 1 working day.",
    "I have arranged a replacement; it will be with you within 7 working days.",
    "I understand. I will check the delivery and reply within 2 working days.",
)
DRAFT = (
    "I am sorry about this. I have arranged a refund; you will have it within 5 working "
    "days, and I will check with you in 3 days that everything is in order."
)


def conversations(n: int, seed: int = 7) -> list[dict[str, Any]]:
    """``n`` conversations of 10 messages: customer and agent alternate."""
    texts = sample_messages(n * 5)
    rng = random.Random(seed)
    out = []
    for k in range(n):
        msgs = []
        for j in range(5):
            msgs.append({"role": "customer", "text": texts[k * 5 + j] + f" ({k}.{j})"})
            msgs.append({"role": "agent", "text": rng.choice(AGENT_LINES)})
        msgs.pop()  # end on the customer
        msgs.append({"role": "customer", "text": texts[k * 5] + f" (again {k})"})
        out.append({"channel": "email", "messages": msgs})
    return out


def _stats(values: list[float]) -> dict[str, float]:
    return {"p50": round(_pct(values, 0.5), 2), "p90": round(_pct(values, 0.9), 2)}


def measure(n: int = 60) -> dict[str, Any]:
    policy = load_policy()
    convs = [parse_conversation(c) for c in conversations(n)]
    for conv in convs[:3]:  # load the encoder, lexicons and phrasebooks first
        guide(conv, policy)
        review(conv, DRAFT, policy)
    names = ("situation", "guide", "review")
    timings: dict[str, list[float]] = {f"{n}_{c}": [] for n in names for c in ("cold", "warm")}
    for conv in convs:
        calls: dict[str, Callable[[], object]] = {
            "situation": partial(read, conv, policy),
            "guide": partial(guide, conv, policy),
            "review": partial(review, conv, DRAFT, policy),
        }
        for name, call in calls.items():
            situation.clear_cache()
            for case in ("cold", "warm"):
                t0 = time.perf_counter()
                call()
                timings[f"{name}_{case}"].append((time.perf_counter() - t0) * 1000)
    return {"conversations": n, "messages": 10, **{k: _stats(v) for k, v in timings.items()}}
