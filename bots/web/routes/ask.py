"""POST /api/ask and POST /api/ask/stream: a question in, the CLI's Answer JSON (or its events) out."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from assistant.infra.deadline import Deadline
from assistant.question.validation import validate_question
from assistant.types import Answer
from bots.web.conversation import recent_questions, remember
from bots.web.deps import (
    AssistantDep,
    ClientDep,
    QuotaDep,
    RateLimitedIP,
    SettingsDep,
    StorageDep,
    charge_widget,
)
from bots.web.json_errors import ERROR_RESPONSES, ApiError
from bots.web.schemas import AskRequest
from bots.web.streaming import EventPump, sse_response

router = APIRouter(prefix="/api", tags=["ask"])
ANSWER_TIMEOUT = "Svaret tok for lang tid. Prøv igjen, gjerne med et kortere spørsmål."

STREAM_DOC: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Server-Sent Events: `sources`, then `delta` (and possibly `replace`), then `done` "
        "with the Answer JSON; `error` if something fails after the stream started.",
        "content": {"text/event-stream": {}},
    }
}


@router.post("/ask", response_model=Answer, responses=ERROR_RESPONSES)
async def ask(
    body: AskRequest,
    assistant: AssistantDep,
    storage: StorageDep,
    settings: SettingsDep,
    quota: QuotaDep,
    ip: RateLimitedIP,  # the rate limit before the widget's cap, which is only charged for an answer
    client: ClientDep,
) -> Response:
    """Answer a question. With `conversation_id`, a short follow-up is read against the recent turns."""
    deadline = Deadline.after(settings.answer_timeout_s)

    def work() -> Answer:
        history = recent_questions(storage, body.conversation_id)
        return assistant.ask(body.question, history=history, deadline=deadline)

    try:
        answer = await asyncio.wait_for(run_in_threadpool(work), timeout=settings.answer_timeout_s)
    except TimeoutError as exc:  # also DeadlinePassed, from the worker
        deadline.cancel()  # the worker stops at its next step instead of finishing an answer nobody reads
        raise ApiError(504, "answer_timeout", ANSWER_TIMEOUT) from exc
    await run_in_threadpool(charge_widget, quota, client)
    await run_in_threadpool(
        lambda: remember(
            storage, assistant, answer=answer, conversation_id=body.conversation_id, source=client, user=ip
        )
    )
    # The Answer serializes itself (pydantic-core): FastAPI's response_model path would validate it again
    # and encode it twice; response_model stays for the OpenAPI schema.
    return Response(answer.model_dump_json(), media_type="application/json")


@router.post("/ask/stream", response_class=StreamingResponse, responses={**ERROR_RESPONSES, **STREAM_DOC})
async def ask_stream(
    body: AskRequest,
    request: Request,
    assistant: AssistantDep,
    storage: StorageDep,
    quota: QuotaDep,
    ip: RateLimitedIP,
    client: ClientDep,
) -> StreamingResponse:
    """The answer as Server-Sent Events. Errors before the first event are JSON errors with their status."""
    validate_question(body.question, max_chars=assistant.settings.max_question_chars)
    history = (
        await run_in_threadpool(recent_questions, storage, body.conversation_id)
        if body.conversation_id
        else []
    )
    pump = EventPump(assistant.stream(body.question, history=history))
    try:
        first = await run_in_threadpool(pump.next)
        if first is None:
            raise RuntimeError("the answer stream ended before its first event")
        await run_in_threadpool(charge_widget, quota, client)  # answered: its sources are ready
    except BaseException:
        pump.close()
        raise

    def on_done(answer: Answer) -> None:
        remember(
            storage, assistant, answer=answer, conversation_id=body.conversation_id, source=client, user=ip
        )

    return sse_response(request, pump, first, on_done=on_done)
