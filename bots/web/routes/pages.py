"""The chat page, the widget's frame and loader, and the offline API docs."""

from __future__ import annotations

import json
from functools import cache
from html import escape
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from bots.web.deps import AssistantDep, SettingsDep
from bots.web.reader.refs import law_slugs

WEB_DIR = Path(__file__).resolve().parent.parent
STATIC_DIR = WEB_DIR / "static"
WIDGET_JS = WEB_DIR / "widget" / "widget.js"

router = APIRouter(include_in_schema=False)

NO_CACHE = {"Cache-Control": "no-cache"}


@cache
def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def chat_html(mode: str, *, max_chars: int = 2000, laws: dict[str, str] | None = None) -> str:
    """The chat page; mode 'widget' is the compact layout shown inside the widget's iframe. The page gets the
    question limit and the law reader's name for each law id (its citation cards link into the reader)."""
    attrs = (
        f'data-mode="{mode}" data-max-chars="{int(max_chars)}" data-laws="{escape(json.dumps(laws or {}))}"'
    )
    page = _text(STATIC_DIR / "index.html").replace('data-mode="page"', attrs, 1)
    return page.replace("Høyst 2000 tegn.", f"Høyst {int(max_chars)} tegn.", 1)


def _chat(mode: str, assistant: AssistantDep, settings: SettingsDep) -> HTMLResponse:
    corpus = getattr(assistant, "corpus", None)
    laws = law_slugs(corpus) if corpus is not None else {}
    return HTMLResponse(chat_html(mode, max_chars=settings.max_question_chars, laws=laws), headers=NO_CACHE)


@router.get("/", response_class=HTMLResponse)
def chat_page(assistant: AssistantDep, settings: SettingsDep) -> HTMLResponse:
    return _chat("page", assistant, settings)


@router.get("/embed", response_class=HTMLResponse)
def widget_frame(assistant: AssistantDep, settings: SettingsDep) -> HTMLResponse:
    return _chat("widget", assistant, settings)


@router.get("/widget.js")
def widget_loader() -> Response:
    return Response(
        _text(WIDGET_JS),
        media_type="text/javascript; charset=utf-8",
        headers={"Cache-Control": "public, max-age=300"},
    )


@router.get("/docs", response_class=HTMLResponse)
def api_docs() -> HTMLResponse:
    """Swagger UI from the app's own files (no CDN), so /docs works offline and under the CSP."""
    return HTMLResponse(_text(STATIC_DIR / "docs.html"), headers=NO_CACHE)
