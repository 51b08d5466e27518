"""POST /api/feedback: 👍/👎 on an answer, stored in SQLite for the eval report."""

from __future__ import annotations

import logging
import sqlite3

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from bots.web.deps import RateLimitedIP, StorageDep
from bots.web.errors import ERROR_RESPONSES, ApiError
from bots.web.schemas import FeedbackRequest, FeedbackStored

router = APIRouter(prefix="/api", tags=["feedback"])
log = logging.getLogger("hms.web")


@router.post("/feedback", response_model=FeedbackStored, status_code=201, responses=ERROR_RESPONSES)
async def feedback(body: FeedbackRequest, storage: StorageDep, ip: RateLimitedIP) -> FeedbackStored:
    try:
        row = await run_in_threadpool(
            lambda: storage.add_feedback(
                answer_id=body.answer_id,
                helpful=body.helpful,
                comment=body.comment or None,
                source="web",
                user=ip,
            )
        )
    except sqlite3.Error as exc:
        log.exception("could not store feedback")
        raise ApiError(503, "storage_unavailable", "Tilbakemeldingen kunne ikke lagres. Prøv igjen.") from exc
    return FeedbackStored(id=row)
