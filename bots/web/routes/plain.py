"""POST /svar: the chat form's target when JavaScript is off. The question travels in the body, never in the
URL; the answer comes back as a plain page. Same limits as the API: rate limit, validation, timeout."""

from __future__ import annotations

import asyncio
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from assistant.index.errors import IndexNotReady
from assistant.question.validation import InvalidQuestion, validate_question
from assistant.types import Answer
from bots.web.conversation import remember
from bots.web.deps import AssistantDep, SettingsDep, StorageDep, rate_limit
from bots.web.json_errors import ApiError, status_for_invalid_question
from bots.web.plain_page import answer_page
from bots.web.routes.ask import ANSWER_TIMEOUT

router = APIRouter(include_in_schema=False)
NOT_A_FORM = "Skjemaet kunne ikke leses. Gå tilbake og prøv igjen."


def form_question(request: Request, raw: bytes) -> str | None:
    """The example button's question, else the text box's; None when the body is not a form."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != "application/x-www-form-urlencoded":
        return None
    form = parse_qs(raw.decode("utf-8", errors="replace"), keep_blank_values=True)
    chosen = [v for v in form.get("example", []) if v.strip()] or form.get("question", [""])
    return chosen[-1].replace("\r\n", "\n").strip()


@router.post("/svar", response_class=HTMLResponse)
async def plain_answer(
    request: Request, assistant: AssistantDep, storage: StorageDep, settings: SettingsDep
) -> HTMLResponse:
    question = form_question(request, await request.body())
    answer: Answer | None = None
    error, status = None, 200
    try:
        if question is None:
            raise ApiError(400, "invalid_body", NOT_A_FORM)
        ip = rate_limit(request)
        validate_question(question, max_chars=settings.max_question_chars)
        work = run_in_threadpool(assistant.ask, question)
        answer = await asyncio.wait_for(work, timeout=settings.answer_timeout_s)
        remember(storage, assistant, answer=answer, conversation_id=None, source="web", user=ip)
    except ApiError as exc:
        error, status = exc.message, exc.status
    except InvalidQuestion as exc:
        error, status = exc.message, status_for_invalid_question(exc)
    except IndexNotReady as exc:
        error, status = exc.reason, 503
    except TimeoutError:
        error, status = ANSWER_TIMEOUT, 504
    page = answer_page(question or "", answer, assistant.corpus, error=error)
    return HTMLResponse(page, status_code=status, headers={"Cache-Control": "no-store"})
