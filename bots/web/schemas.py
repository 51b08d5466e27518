"""Request and response bodies of the HTTP API (the answer itself is assistant.types.Answer)."""

from __future__ import annotations

from pydantic import BaseModel, Field, StrictBool, StrictStr

ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"
IDEMPOTENCY_KEY_PATTERN = r"^[A-Za-z0-9_.:-]{1,128}$"


class AskRequest(BaseModel):
    question: StrictStr = Field(description="The question, at most 2,000 characters")
    conversation_id: str | None = Field(
        default=None,
        pattern=ID_PATTERN,
        description="Keeps the recent turns so that a short follow-up is read in context",
    )


class FeedbackRequest(BaseModel):
    answer_id: str = Field(pattern=ID_PATTERN, description="`answer_id` from the answer")
    helpful: StrictBool
    comment: StrictStr | None = Field(default=None, max_length=2000)


class FeedbackStored(BaseModel):
    id: int
    stored: bool = True


class Health(BaseModel):
    status: str = "ok"


class Readiness(BaseModel):
    ready: bool
    reason: str
    index_version: str | None = None
    code: str | None = None
