"""Web fixtures: the app on the real index through TestClient, and real uvicorn servers for browser tests."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.infra.config import Settings
from assistant.infra.state import State
from assistant.service import Assistant
from bots.web.app import create_app
from evals.ports import free_port
from tests.conftest import make_settings, sqlite_state


class ServerThread:
    """A real uvicorn server for an app object, on 127.0.0.1 in a background thread."""

    def __init__(self, app: FastAPI | Any, port: int | None = None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name=f"uvicorn-{self.port}", daemon=True)

    def __enter__(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"uvicorn did not start on {self.url}")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


@pytest.fixture
def web_settings(tmp_path: Path) -> Settings:
    return make_settings(database_path=tmp_path / "web.sqlite3")


@pytest.fixture
def web_storage(web_settings: Settings) -> State:
    return sqlite_state(web_settings.database, pseudonym_key="test-key")


@pytest.fixture
def client(web_settings: Settings, real_assistant: Assistant, web_storage: State) -> Iterator[TestClient]:
    """The app on the real model and index (real_assistant), with its own temp SQLite database."""
    app = create_app(web_settings, assistant=real_assistant, storage=web_storage)
    with TestClient(app) as test_client:
        yield test_client


def sse_events(body: str) -> list[tuple[str, str]]:
    """(event, data) pairs from a text/event-stream body."""
    events = []
    for block in body.replace("\r\n", "\n").split("\n\n"):
        if not block.strip():
            continue
        kind, data = "message", []
        for line in block.split("\n"):
            if line.startswith("event:"):
                kind = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].removeprefix(" "))
        events.append((kind, "\n".join(data)))
    return events


# -- real-browser fixtures (tests/web/browser.py has the helpers) -----------------------------------------
@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from tests.web.browser import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: run `make browser`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def site(real_assistant: Assistant, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The app (real model and index) on uvicorn, with the demo host page on an allowed and a denied origin."""
    from tests.web.browser import serve_site

    with serve_site(real_assistant, tmp_path_factory.mktemp("web")) as served:
        yield served


def lovdata_stub(route: Any) -> None:
    """No internet here: Lovdata is answered by a stub, so following a link can be checked offline."""
    body = "<!doctype html><title>Lovdata (stub)</title><p>Lovdata</p>"
    route.fulfill(status=200, content_type="text/html", body=body)


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="nb-NO", reduced_motion="reduce", color_scheme="light"
    )
    context.set_default_timeout(30_000)
    context.route("https://lovdata.no/**", lovdata_stub)
    yield context
    context.close()


@pytest.fixture
def page(context: Any, site: Any) -> Any:
    page = context.new_page()
    page.goto(site.app_url + "/")
    return page
