"""Helpers for the real-browser tests: the app and the demo host page on real servers, Debian's chromium
through Playwright, asking a question the way a user does, axe-core, screenshots in evals/reports/."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.infra.config import PROJECT_ROOT
from assistant.infra.state import State, WidgetQuota
from bots.web.app import create_app
from evals.ports import free_port
from evals.testing.demo.host import make_server
from tests.conftest import make_settings, sqlite_state
from tests.web.conftest import ServerThread

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REPORTS = PROJECT_ROOT / "evals" / "reports"
VERNEOMBUD = "Må verneombudet ha 40 timers kurs?"
DAGLIG_LEDER = "Må jeg ha HMS-kurs som daglig leder?"
FRAME = 'iframe[title="HMS-assistenten – chat"]'


@dataclass
class Site:
    app_url: str
    allowed_host_url: str
    denied_host_url: str
    storage: State
    quota: WidgetQuota


@contextmanager
def demo_host(app_url: str) -> Iterator[str]:
    """The demo host page (the course provider's site with the widget) on its own origin."""
    port = free_port()
    server = make_server("127.0.0.1", port, app_url=app_url)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def serve_site(assistant: Any, data_dir: Path, **overrides: Any) -> Iterator[Site]:
    """The app on a real uvicorn server, plus the demo host page on an allowed and on a disallowed origin."""
    app_port, allowed_port = free_port(), free_port()
    app_url = f"http://127.0.0.1:{app_port}"
    settings = make_settings(
        database_path=data_dir / "web.sqlite3",
        allowed_origins=[app_url, f"http://127.0.0.1:{allowed_port}"],
        **overrides,
    )
    storage = sqlite_state(settings.database, pseudonym_key="test")
    app = create_app(settings, assistant=assistant, storage=storage)
    with ExitStack() as stack:
        stack.enter_context(ServerThread(app, app_port))
        server = make_server("127.0.0.1", allowed_port, app_url=app_url)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        stack.callback(server.server_close)
        stack.callback(server.shutdown)
        denied = stack.enter_context(demo_host(app_url))
        yield Site(app_url, f"http://127.0.0.1:{allowed_port}", denied, storage, app.state.quota)


def ask(page: Any, question: str, *, scope: Any = None) -> Any:
    """Type a question, press Enter, and wait until its answer is finished; returns the answer's locator."""
    scope = scope or page
    scope.locator("body[data-ready]").wait_for(state="attached")  # chat.js has wired up the form
    count = scope.locator(".turn").count()
    box = scope.get_by_label("Ditt spørsmål")
    box.fill(question)
    box.press("Enter")
    answer = scope.locator(f'.turn:nth-child({count + 1}) .answer[aria-busy="false"]')
    answer.wait_for()
    return answer


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    response = Axe().run(page).response
    return [v for v in response["violations"] if v.get("impact") in ("serious", "critical")]


def screenshot(page: Any, name: str, **kwargs: Any) -> Path:
    REPORTS.mkdir(parents=True, exist_ok=True)
    path = REPORTS / name
    page.screenshot(path=str(path), **kwargs)
    return path
