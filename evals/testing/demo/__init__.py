"""The example host page: the seed's "HMS Kontoret" site with the widget's one script tag."""

from __future__ import annotations

from pathlib import Path

DEMO_DIR = Path(__file__).resolve().parent
DEFAULT_APP_URL = "http://127.0.0.1:8000"


def render_demo(app_url: str = DEFAULT_APP_URL) -> str:
    """index.html with the widget loaded from ``app_url`` ('' = the same origin as the page)."""
    html = (DEMO_DIR / "index.html").read_text(encoding="utf-8")
    return html.replace(f'src="{DEFAULT_APP_URL}/widget.js"', f'src="{app_url.rstrip("/")}/widget.js"')
