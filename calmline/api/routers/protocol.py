"""Stateless endpoints: the same JSON as ``calmline analyze | guide | review | draft``."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Request

from calmline.api.batcher import Batcher
from calmline.api.deps import PolicyDep
from calmline.api.models_out import AnalysisOut, DraftOut, GuideOut, ReviewOut, SituationOut
from calmline.api.schemas import ERRORS, AnalyzeIn, GuideIn, ReviewIn
from calmline.protocol.conversation import parse_conversation

router = APIRouter(prefix="/api", tags=["protocol"], responses=ERRORS)


@router.post("/analyze", operation_id="analyze", response_model=AnalysisOut)
async def analyze(body: AnalyzeIn, request: Request) -> dict[str, Any]:
    """Analyse one customer message (batched with concurrent requests, see api/batcher)."""
    batcher: Batcher = request.app.state.batcher
    result = await asyncio.wrap_future(batcher.submit(body.text, body.lang))
    return result.to_dict()


@router.post("/guide", operation_id="guide", response_model=GuideOut)
def guide(body: GuideIn, policy: PolicyDep) -> dict[str, Any]:
    """What the agent should do next in the conversation."""
    from calmline.protocol.guide import guide as run

    return run(parse_conversation(body.conversation.plain()), policy).to_dict()


@router.post("/review", operation_id="review", response_model=ReviewOut)
def review(body: ReviewIn, policy: PolicyDep) -> dict[str, Any]:
    """Review the agent's draft as the next reply in the conversation."""
    from calmline.protocol.review import review as run

    return run(parse_conversation(body.conversation.plain()), body.draft, policy).to_dict()


@router.post("/situation", operation_id="situation", response_model=SituationOut)
def situation(body: GuideIn, policy: PolicyDep) -> dict[str, Any]:
    """What calmline reads in the conversation: facts with roles and values, wants and what
    the policy allows, sarcasm, hazards, what the organisation already said, steps done —
    each with its evidence (message index and span)."""
    from calmline.protocol.situation import read

    return read(parse_conversation(body.conversation.plain()), policy).to_dict()


@router.post("/draft", operation_id="draft", response_model=DraftOut)
def draft(body: GuideIn, policy: PolicyDep) -> dict[str, Any]:
    """A drafted reply in the customer's language and the policy's register."""
    from calmline.protocol.draft import draft as run

    return run(parse_conversation(body.conversation.plain()), policy).to_dict()
