"""GET /api/search: ranked FAQ entries and law sections, without an answer."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from assistant.types import SearchHit
from bots.web.deps import AssistantDep, RateLimitedIP
from bots.web.errors import ERROR_RESPONSES

router = APIRouter(prefix="/api", tags=["search"])


@router.get("/search", response_model=list[SearchHit], responses=ERROR_RESPONSES)
def search(
    q: Annotated[str, Query(description="What to search for")],
    assistant: AssistantDep,
    _ip: RateLimitedIP,
    k: Annotated[int, Query(ge=1, le=50, description="How many hits")] = 10,
) -> list[SearchHit]:
    return assistant.search(q, k=k)
