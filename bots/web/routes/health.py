"""GET /healthz (the process is up) and GET /readyz (the index is loaded, fresh and matches the model).

/readyz tells the public only whether it is ready and a short reason; the details (the store's address, its
error) go to the log.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from assistant.index.errors import IndexNotReady
from bots.web.deps import AssistantDep
from bots.web.json_errors import public_not_ready
from bots.web.schemas import Health, Readiness

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health)
def healthz() -> Health:
    return Health()


@router.get(
    "/readyz", response_model=Readiness, responses={503: {"model": Readiness, "description": "Not ready"}}
)
async def readyz(assistant: AssistantDep) -> JSONResponse:
    try:
        index = await run_in_threadpool(assistant.refresh, force=True)
        body = Readiness(ready=True, reason="ok", index_version=index.version)
    except IndexNotReady as exc:
        body = Readiness(ready=False, reason=public_not_ready(exc), code=exc.code)
    return JSONResponse(
        body.model_dump(exclude_none=True) | {"index_version": body.index_version},
        status_code=200 if body.ready else 503,
        headers={"Cache-Control": "no-store"},
    )
