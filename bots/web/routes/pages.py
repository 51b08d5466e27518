"""The chat page, the widget's frame and loader, the demo host page and the offline API docs."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from bots.web.demo import DEMO_DIR, render_demo

WEB_DIR = Path(__file__).resolve().parent.parent
STATIC_DIR = WEB_DIR / "static"
WIDGET_JS = WEB_DIR / "widget" / "widget.js"

router = APIRouter(include_in_schema=False)
demo_router = APIRouter(include_in_schema=False)  # only with HMS_SERVE_DEMO=true

NO_CACHE = {"Cache-Control": "no-cache"}


@cache
def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def chat_html(mode: str) -> str:
    """The chat page; mode 'widget' is the compact layout shown inside the widget's iframe."""
    return _text(STATIC_DIR / "index.html").replace('data-mode="page"', f'data-mode="{mode}"', 1)


@router.get("/", response_class=HTMLResponse)
def chat_page() -> HTMLResponse:
    return HTMLResponse(chat_html("page"), headers=NO_CACHE)


@router.get("/embed", response_class=HTMLResponse)
def widget_frame() -> HTMLResponse:
    return HTMLResponse(chat_html("widget"), headers=NO_CACHE)


@router.get("/widget.js")
def widget_loader() -> Response:
    return Response(_text(WIDGET_JS), media_type="text/javascript; charset=utf-8",
                    headers={"Cache-Control": "public, max-age=300"})  # fmt: skip


@demo_router.get("/demo")
def demo_redirect() -> RedirectResponse:
    return RedirectResponse("/demo/")


@demo_router.get("/demo/", response_class=HTMLResponse)
def demo_page() -> HTMLResponse:
    """The example host page ("HMS Kontoret") with the widget, served from the app's own origin."""
    return HTMLResponse(render_demo(""), headers=NO_CACHE)


@demo_router.get("/demo/demo.css")
def demo_css() -> Response:
    return Response(_text(DEMO_DIR / "demo.css"), media_type="text/css; charset=utf-8", headers=NO_CACHE)


@router.get("/docs", response_class=HTMLResponse)
def api_docs() -> HTMLResponse:
    """Swagger UI from the app's own files (no CDN), so /docs works offline and under the CSP."""
    return HTMLResponse(_text(STATIC_DIR / "docs.html"), headers=NO_CACHE)
