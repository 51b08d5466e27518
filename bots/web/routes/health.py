"""GET /healthz (the process is up) and GET /readyz (the index is loaded, fresh and matches the model)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from bots.web.deps import AssistantDep
from bots.web.schemas import Health, Readiness

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health)
def healthz() -> Health:
    return Health()


@router.get(
    "/readyz", response_model=Readiness, responses={503: {"model": Readiness, "description": "Not ready"}}
)
async def readyz(assistant: AssistantDep) -> JSONResponse:
    ready, reason, version = await run_in_threadpool(assistant.readiness)
    body = Readiness(ready=ready, reason=reason, index_version=version)
    return JSONResponse(
        body.model_dump(), status_code=200 if ready else 503, headers={"Cache-Control": "no-store"}
    )
