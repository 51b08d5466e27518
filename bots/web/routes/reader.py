"""The law reader's pages: /lov, /lov/{law} (table of contents, ?q= searches within the law) and
/lov/{law}/{section}. Server-rendered HTML, so they work without JavaScript, print, and can be linked to."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from assistant.formatting import capitalized
from assistant.index.errors import IndexNotReady
from assistant.question.validation import InvalidQuestion
from assistant.references.lookup import parse_section_number
from assistant.types import Law, SearchHit
from bots.web.deps import AssistantDep, rate_limit
from bots.web.json_errors import ApiError
from bots.web.reader.section import gap_page, section_page
from bots.web.reader.toc import index_page, missing_page, toc_page

router = APIRouter(include_in_schema=False)
HEADERS = {"Cache-Control": "no-cache"}
SEARCH_DOWN = "Søket er ikke tilgjengelig akkurat nå. Prøv igjen om litt."
MAX_NAME = 200


def html(text: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(text, status_code=status, headers=HEADERS)


def _law(assistant: AssistantDep, name: str) -> Law | None:
    return assistant.corpus.law(name) if len(name) <= MAX_NAME else None


def _unknown_law(name: str) -> HTMLResponse:
    return html(missing_page(f"Lovleseren har ingen lov eller forskrift som heter «{name[:80]}»."), 404)


@router.get("/lov", response_class=HTMLResponse)
def laws(assistant: AssistantDep) -> HTMLResponse:
    return html(index_page(assistant.corpus))


@router.get("/lov/{law}", response_class=HTMLResponse)
async def contents(
    law: str,
    request: Request,
    assistant: AssistantDep,
    q: Annotated[str, Query(max_length=200)] = "",
) -> HTMLResponse:
    """The table of contents by chapter; with ?q= also the search hits within the law (works without JS)."""
    found = _law(assistant, law)
    if found is None:
        return _unknown_law(law)
    query = q.strip()
    hits: list[SearchHit] | None = None
    error = None
    if query:
        try:
            rate_limit(request)
            hits = await run_in_threadpool(lambda: assistant.search(query, k=10, law=found.law_id))
        except (ApiError, InvalidQuestion) as exc:
            error = exc.message
        except IndexNotReady:
            error = SEARCH_DOWN
    return html(toc_page(found, query=query, hits=hits, error=error))


@router.get("/lov/{law}/{section}", response_class=HTMLResponse)
def section(law: str, section: str, assistant: AssistantDep) -> HTMLResponse:
    """One §, every ledd with its anchor; a § the sources lack is shown as a gap with the Lovdata link."""
    found = _law(assistant, law)
    if found is None:
        return _unknown_law(law)
    number = parse_section_number(section[:40])
    if number is None:
        return html(
            missing_page(f"«{section[:40]}» er ikke et paragrafnummer (skriv for eksempel 3-5).", found), 404
        )
    if number not in found.sections and number[-2:-1] == " " and number[:-2] in found.sections:
        number = number[:-2]  # '14-1a' read as § 14-1 letter a
    if number in found.sections:
        return html(section_page(found, number))
    if number in found.not_covered or not found.complete:
        reason = found.not_covered.get(number, "")
        return html(gap_page(found, number, reason))
    return html(missing_page(f"{capitalized(found.short_name)} har ingen § {number}.", found), 404)
