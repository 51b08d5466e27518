"""Origins, CSP, the widget's daily cap, the catch-all error handler and a closed stream stopping the work."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from assistant.service import StreamEvent
from assistant.types import Answer, FaqCitation
from bots.web.app import create_app
from bots.web.security import clean_origins, page_csp
from evals.testing.demo import DEMO_DIR
from tests.conftest import make_settings
from tests.web.conftest import ServerThread

WEB_DIR = Path(__file__).resolve().parents[2] / "bots" / "web"
QUESTION = {"question": "Må verneombudet ha 40 timers kurs?"}


class FakeAssistant:
    """Stands in for the Assistant where the test is about the web layer's own behaviour."""

    def __init__(self, settings, *, deltas: int = 3, delay: float = 0.0, fail: str | None = None):
        self.settings = settings
        self.index_version = "fake"
        self.deltas = deltas
        self.delay = delay
        self.fail = fail
        self.produced = 0
        self.closed = threading.Event()

    def readiness(self):
        return True, "ok", "fake"

    def refresh(self):
        return None

    def ask(self, question, *, history=(), deadline=None):
        if self.fail == "ask":
            raise RuntimeError("secret internal detail /etc/passwd")
        return Answer(question=question, answer="svar", abstained=False, answer_id="a1")

    def stream(self, question, *, history=()) -> Iterator[StreamEvent]:
        try:
            yield StreamEvent("sources", [FaqCitation(faq_id="f", question="Q?")])
            for n in range(self.deltas):
                time.sleep(self.delay)
                if self.fail == "mid-stream" and n == 1:
                    raise RuntimeError("secret internal detail")
                self.produced += 1
                yield StreamEvent("delta", f"del {n} ")
            yield StreamEvent(
                "done", Answer(question=question, answer="ferdig", abstained=False, answer_id="a1")
            )
        finally:
            self.closed.set()


def fake_client(tmp_path, **fake_kwargs) -> tuple[TestClient, FakeAssistant]:
    settings = make_settings(database_path=tmp_path / "web.sqlite3")
    fake = FakeAssistant(settings, **fake_kwargs)
    app = create_app(settings, assistant=fake)  # type: ignore[arg-type]
    return TestClient(app, raise_server_exceptions=False), fake


# -- origins ----------------------------------------------------------------------------------------------
@pytest.mark.integration
def test_api_refuses_an_origin_that_is_not_allowed(tmp_path, real_assistant):
    settings = make_settings(database_path=tmp_path / "w.sqlite3", allowed_origins=["https://hmskontoret.no"])
    with TestClient(create_app(settings, assistant=real_assistant)) as client:
        evil = {"Origin": "https://evil.example"}
        for response in (
            client.post("/api/ask", json=QUESTION, headers=evil),
            client.post("/api/ask/stream", json=QUESTION, headers=evil),
            client.get("/api/search", params={"q": "verneombud"}, headers=evil),
            client.options("/api/ask", headers={**evil, "Access-Control-Request-Method": "POST"}),
        ):
            assert response.status_code == 403
            assert response.json()["error"]["code"] == "origin_not_allowed"
            assert "access-control-allow-origin" not in response.headers
        allowed = client.post("/api/ask", json=QUESTION, headers={"Origin": "https://hmskontoret.no"})
        assert allowed.status_code == 200
        assert allowed.headers["access-control-allow-origin"] == "https://hmskontoret.no"
        preflight = client.options(
            "/api/ask/stream",
            headers={
                "Origin": "https://hmskontoret.no",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type,x-hms-client",
            },
        )
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == "https://hmskontoret.no"
        # The app's own pages call it from its own origin; clients without Origin (curl) are not browsers.
        assert (
            client.post("/api/ask", json=QUESTION, headers={"Origin": "http://testserver"}).status_code == 200
        )
        assert client.post("/api/ask", json=QUESTION).status_code == 200


def test_configured_origins_are_cleaned_before_they_reach_a_header():
    assert clean_origins(
        ["https://a.no/", " HTTP://B.no:8080 ", "javascript:alert(1)", "https://x; script-src *", "*"]
    ) == ["https://a.no", "http://b.no:8080", "*"]
    assert page_csp(["https://a.no"]).endswith("frame-ancestors 'self' https://a.no")
    assert page_csp(["*"]).endswith("frame-ancestors *")


# -- CSP and the page's assets --------------------------------------------------------------------------------
def test_pages_carry_a_strict_csp(tmp_path):
    client, _ = fake_client(tmp_path)
    for path in ("/", "/embed", "/healthz"):
        csp = client.get(path).headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self';" in csp and "style-src 'self';" in csp
        assert "unsafe" not in csp
        assert "frame-ancestors 'self' http://127.0.0.1:8000 http://localhost:8000" in csp
    assert client.get("/").headers["x-content-type-options"] == "nosniff"
    assert 'data-mode="widget"' in client.get("/embed").text
    assert 'data-mode="page"' in client.get("/").text


@pytest.mark.parametrize(
    "path",
    [WEB_DIR / "static" / "index.html", WEB_DIR / "static" / "docs.html", DEMO_DIR / "index.html"],
    ids=["static/index.html", "static/docs.html", "demo/index.html"],
)
def test_html_has_no_inline_script_style_or_handlers_and_no_cdn(path):
    html = path.read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline <script>"
    assert "<style" not in html and not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"
    for url in re.findall(r'(?:src|href)="(https?://[^"]+)"', html):
        assert url == "http://127.0.0.1:8000/widget.js", url  # only the demo's widget tag points at the app


def test_every_asset_the_page_loads_is_served_by_the_app(tmp_path):
    client, _ = fake_client(tmp_path)
    html = client.get("/").text
    assets = re.findall(r'(?:src|href)="(/static/[^"]*)"', html)
    assert {"/static/chat.js", "/static/base.css", "/static/chat.css", "/static/favicon.svg"} <= set(assets)
    modules = [f"/static/js/{p.name}" for p in (WEB_DIR / "static" / "js").glob("*.js")]
    for asset in [*assets, *modules, "/static/reader.js", "/static/reader.css"]:
        response = client.get(asset)
        assert response.status_code == 200, asset
        if asset.endswith(".js"):  # module scripts need a JavaScript MIME type
            assert response.headers["content-type"].startswith("text/javascript"), asset
    widget = client.get("/widget.js")
    assert widget.status_code == 200 and widget.headers["content-type"].startswith("text/javascript")
    assert "/embed" in widget.text


@pytest.mark.parametrize(
    "path",
    sorted((WEB_DIR / "static").rglob("*.js")) + [WEB_DIR / "widget" / "widget.js"],
    ids=lambda p: p.name,
)
def test_the_scripts_never_write_html(path):
    js = path.read_text(encoding="utf-8")
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function", js)


# -- the widget's daily cap -----------------------------------------------------------------------------------
def test_widget_daily_cap(tmp_path):
    settings = make_settings(database_path=tmp_path / "w.sqlite3", widget_daily_cap=2)
    client = TestClient(create_app(settings, assistant=FakeAssistant(settings)))  # type: ignore[arg-type]
    widget = {"X-HMS-Client": "widget"}
    assert client.post("/api/ask", json=QUESTION, headers=widget).status_code == 200
    assert client.post("/api/ask/stream", json=QUESTION, headers=widget).status_code == 200
    capped = client.post("/api/ask", json=QUESTION, headers=widget)
    assert capped.status_code == 429
    assert (
        capped.json()["error"]["code"] == "widget_daily_cap" and "grense" in capped.json()["error"]["message"]
    )
    assert client.post("/api/ask", json=QUESTION).status_code == 200  # the page itself is not capped
    # The count lives in SQLite, so a second worker (a second app) sees it too.
    other = TestClient(create_app(settings, assistant=FakeAssistant(settings)))  # type: ignore[arg-type]
    assert other.post("/api/ask", json=QUESTION, headers=widget).status_code == 429


# -- failures -------------------------------------------------------------------------------------------------
def test_an_unexpected_error_is_a_500_with_a_norwegian_message_and_no_trace(tmp_path, caplog):
    client, _ = fake_client(tmp_path, fail="ask")
    response = client.post("/api/ask", json=QUESTION)
    assert response.status_code == 500
    assert response.json() == {
        "error": {"code": "internal_error", "message": "Noe gikk galt hos oss. Prøv igjen om litt."}
    }
    assert "secret" not in response.text and "Traceback" not in response.text
    assert "secret internal detail" in caplog.text  # logged for the operator


def test_an_error_after_the_stream_started_is_an_sse_error_event(tmp_path):
    client, _ = fake_client(tmp_path, fail="mid-stream")
    response = client.post("/api/ask/stream", json=QUESTION)
    assert response.status_code == 200
    assert "event: error" in response.text and "Noe gikk galt hos oss" in response.text
    assert "secret" not in response.text


def test_a_closed_connection_stops_the_work(tmp_path):
    settings = make_settings(database_path=tmp_path / "w.sqlite3")
    fake = FakeAssistant(settings, deltas=100, delay=0.05)
    with ServerThread(create_app(settings, assistant=fake)) as server:  # type: ignore[arg-type]
        with (
            httpx.Client(timeout=10) as http,
            http.stream("POST", f"{server.url}/api/ask/stream", json=QUESTION) as r,
        ):
            assert r.status_code == 200
            for line in r.iter_lines():
                if line.startswith("event: delta"):
                    break  # the reader goes away after the first piece
        assert fake.closed.wait(timeout=5), "the answer generator was not closed"
        produced = fake.produced
        time.sleep(0.3)
        assert fake.produced == produced < 100  # and nothing more was produced after it
