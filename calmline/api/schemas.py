"""Request bodies of the API, mirroring the CLI's JSON so one file works for both."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from calmline.protocol.conversation import MAX_MESSAGES

MAX_TEXT = 100_000  # characters per message or draft through the API


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
