"""Request bodies of the API, mirroring the CLI's JSON so one file works for both."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Path
from pydantic import BaseModel, ConfigDict, Field

from calmline.protocol.conversation import MAX_MESSAGES

MAX_TEXT = 100_000  # characters per message or draft through the API
MAX_ID = 2**31 - 1  # ids fit a 32-bit integer column in every database
Id = Annotated[int, Path(ge=1, le=MAX_ID)]


class MessageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: Literal["customer", "agent"]
    text: str = Field(max_length=MAX_TEXT)
    at: str | None = Field(default=None, description="ISO-8601 time", max_length=64)
    author: str | None = Field(default=None, max_length=200)


class CustomerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str | None = Field(default=None, max_length=200)
    gender: Literal["female", "male", "unknown"] = "unknown"


class ConversationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    channel: Literal["email", "chat", "social_public", "social_private", "phone"] = "email"
    customer: CustomerIn | None = None
    status: Literal["open", "waiting", "resolved", "closed"] = "open"
    messages: list[MessageIn] = Field(min_length=1, max_length=MAX_MESSAGES)

    def plain(self) -> dict[str, Any]:
        return self.model_dump(exclude_none=True)


class AnalyzeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    lang: str | None = Field(default=None, max_length=8)


class GuideIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    conversation: ConversationIn


class ReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    conversation: ConversationIn
    draft: str = Field(min_length=1, max_length=MAX_TEXT)


class ErrorItem(BaseModel):
    field: str
    message: str


class ErrorOut(BaseModel):
    """Every error response: which field (or ``body``/``request``) and why."""

    detail: list[ErrorItem]


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut, "description": why}
    for code, why in (
        (401, "missing or unknown bearer token"),
        (403, "not allowed for this user"),
        (404, "no such resource"),
        (413, "request body above the configured limit"),
        (422, "invalid input: the field and the reason"),
    )
}
