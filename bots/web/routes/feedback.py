"""POST /api/feedback: 👍/👎 on an answer, stored in the state database for the eval report.

An `Idempotency-Key` header makes a retry safe: the same key for the same answer stores one row and
returns its id again (a client that lost the first response can simply send the request again).
"""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Header
from starlette.concurrency import run_in_threadpool

from assistant.infra.metrics import FEEDBACK
from assistant.infra.state import StateUnavailable
from bots.web.deps import RateLimitedIP, StorageDep
from bots.web.json_errors import ERROR_RESPONSES, ApiError
from bots.web.schemas import IDEMPOTENCY_KEY_PATTERN, FeedbackRequest, FeedbackStored

router = APIRouter(prefix="/api", tags=["feedback"])
log = logging.getLogger("hms.web")
NOT_STORED = "Tilbakemeldingen kunne ikke lagres akkurat nå. Prøv igjen om litt."


@router.post("/feedback", response_model=FeedbackStored, status_code=201, responses=ERROR_RESPONSES)
async def feedback(
    body: FeedbackRequest,
    storage: StorageDep,
    ip: RateLimitedIP,
    idempotency_key: Annotated[
        str | None,
        Header(
            pattern=IDEMPOTENCY_KEY_PATTERN,
            description="A client-chosen key (e.g. a UUID): a retry with the same key stores nothing new",
        ),
    ] = None,
) -> FeedbackStored:
    try:
        row, created = await run_in_threadpool(
            lambda: storage.add_feedback_once(
                answer_id=body.answer_id,
                helpful=body.helpful,
                comment=body.comment or None,
                source="web",
                user=ip,
                key=idempotency_key,
            )
        )
    except StateUnavailable as exc:
        log.error("could not store feedback: %s", exc)
        raise ApiError(503, "storage_unavailable", NOT_STORED) from exc
    if created:
        FEEDBACK.labels(helpful=str(body.helpful).lower(), source="web").inc()
    else:
        log.info("feedback retry answered from its idempotency key")
    return FeedbackStored(id=row)
