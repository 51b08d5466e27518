"""GET /api/search: ranked FAQ entries and law sections, without an answer."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from assistant.types import SearchHit
from bots.web.deps import AssistantDep, RateLimitedIP
from bots.web.json_errors import ERROR_RESPONSES
from bots.web.routes.laws import NOT_FOUND

router = APIRouter(prefix="/api", tags=["search"])


@router.get("/search", response_model=list[SearchHit], responses={**ERROR_RESPONSES, **NOT_FOUND})
def search(
    q: Annotated[str, Query(description="What to search for")],
    assistant: AssistantDep,
    _ip: RateLimitedIP,
    k: Annotated[int, Query(ge=1, le=50, description="How many hits")] = 10,
    law: Annotated[
        str | None,
        Query(
            max_length=200, description="Only this law's sections (`aml`, the short name or the Lovdata id)"
        ),
    ] = None,
) -> list[SearchHit]:
    """Ranked FAQ entries and law sections; with `law`, only that law's sections (the law reader's search)."""
    return assistant.search(q, k=k, law=law)
