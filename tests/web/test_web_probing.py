"""Holes found by probing (issue 10): the rate limit behind proxies, the widget's cap, the 504's worker thread,
the trusted-host check and the demo page's absence."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
from fastapi.testclient import TestClient

from assistant.answer.protocol import Draft
from assistant.infra.config import Settings
from assistant.infra.deadline import DeadlinePassed
from assistant.retrieval.embeddings import HashEmbedder
from assistant.service import Assistant
from assistant.sources.corpus import Corpus
from bots.web.app import create_app
from evals.ports import free_port
from tests.conftest import build_index, make_settings, sqlite_state

FEEDBACK = {"answer_id": "a1", "helpful": True}
WIDGET = {"X-HMS-Client": "widget"}


# -- 10: the rate limit keys on the nearest untrusted X-Forwarded-For hop ---------------------------------------
def proxied_client(tmp_path: Path, *, peer: str, **overrides: object) -> TestClient:
    settings = make_settings(database_path=tmp_path / "w.sqlite3", rate_limit_per_minute=2, **overrides)
    app = create_app(settings, assistant=None, storage=sqlite_state(settings.database, pseudonym_key="k"))
    return TestClient(app, client=(peer, 40000))


def statuses(client: TestClient, forwarded_for: list[str]) -> list[int]:
    return [
        client.post("/api/feedback", json=FEEDBACK, headers={"X-Forwarded-For": hops}).status_code
        for hops in forwarded_for
    ]


def test_a_client_chosen_first_hop_does_not_reset_the_rate_limit(tmp_path):
    """Through a trusted proxy (10.0.0.5), the client is the nearest untrusted hop; the hops the client wrote
    itself before it change nothing."""
    client = proxied_client(
        tmp_path, peer="10.0.0.5", trust_proxy_headers=True, forwarded_allow_ips=["10.0.0.0/8"]
    )
    spoofed = [f"198.51.100.{n}, 203.0.113.7" for n in range(6)]
    assert statuses(client, spoofed) == [201, 201, 429, 429, 429, 429]
    # another real client behind the same proxy has its own limit; a chain of trusted proxies is skipped
    assert statuses(client, ["203.0.113.8", "198.51.100.1, 203.0.113.8, 10.0.0.9"]) == [201, 201]


def test_forwarded_headers_from_a_peer_that_is_not_a_trusted_proxy_are_ignored(tmp_path):
    client = proxied_client(
        tmp_path, peer="203.0.113.50", trust_proxy_headers=True, forwarded_allow_ips=["10.0.0.0/8"]
    )
    assert statuses(client, [f"198.51.100.{n}" for n in range(4)]) == [201, 201, 429, 429]


def test_without_trusted_proxies_forwarded_headers_are_ignored(tmp_path):
    client = proxied_client(tmp_path, peer="127.0.0.1")
    assert statuses(client, [f"198.51.100.{n}" for n in range(4)]) == [201, 201, 429, 429]


def serve(tmp_path: Path, real_settings: Settings, **env: str) -> tuple[subprocess.Popen[bytes], str]:
    """`hms serve` as a real process on a free loopback port, on the real test index."""
    port = free_port()
    clean = {k: v for k, v in os.environ.items() if not k.startswith("HMS_")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "bots.cli", "serve", "--port", str(port)],
        cwd=tmp_path,
        env={
            **clean,
            "HMS_DATA_DIR": str(real_settings.data_dir),
            "HMS_CORPUS_DIR": str(real_settings.corpus_dir),
            "HMS_DATABASE_PATH": str(tmp_path / "serve.sqlite3"),
            "HMS_RATE_LIMIT_PER_MINUTE": "2",
            **env,
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if httpx.get(f"{url}/healthz", timeout=5).status_code == 200:
                return proc, url
        except httpx.TransportError:
            time.sleep(0.2)  # polling a starting server, not standing in for synchronisation
    os.killpg(proc.pid, signal.SIGKILL)
    raise RuntimeError(f"hms serve did not start (exit {proc.poll()})")


@pytest.mark.integration
@pytest.mark.parametrize(
    ("env", "hops"),
    [
        ({}, "198.51.100.{n}"),  # no proxy configured: uvicorn must not take X-Forwarded-For from loopback
        (
            {"HMS_TRUST_PROXY_HEADERS": "true", "HMS_FORWARDED_ALLOW_IPS": "127.0.0.1"},
            "198.51.100.{n}, 203.0.113.7",
        ),
    ],
    ids=["no-proxy", "trusted-loopback-proxy"],
)
def test_hms_serve_rate_limit_cannot_be_bypassed_with_x_forwarded_for(tmp_path, real_settings, env, hops):
    proc, url = serve(tmp_path, real_settings, **env)
    try:
        with httpx.Client(base_url=url, timeout=30) as http:
            codes = [
                http.post(
                    "/api/feedback", json=FEEDBACK, headers={"X-Forwarded-For": hops.format(n=n)}
                ).status_code
                for n in range(6)
            ]
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)
    assert codes == [201, 201, 429, 429, 429, 429]


# -- 11: the widget's daily cap is charged only for answered questions -------------------------------------------
@pytest.fixture
def widget_client(tmp_path, hash_assistant) -> Iterator[TestClient]:
    settings = make_settings(
        database_path=tmp_path / "w.sqlite3", rate_limit_per_minute=3, widget_daily_cap=2
    )
    app = create_app(
        settings, assistant=hash_assistant, storage=sqlite_state(settings.database, pseudonym_key="k")
    )
    with TestClient(app) as client:
        yield client


def test_rejected_widget_requests_do_not_use_up_the_cap(widget_client):
    quota = widget_client.app.state.quota
    for body in ({"question": ""}, {"question": "x" * 2001}, {"nothing": 1}):
        assert widget_client.post("/api/ask", json=body, headers=WIDGET).status_code in (400, 413, 422)
    assert widget_client.post("/api/ask", json={"question": "aml 3-5"}, headers=WIDGET).status_code == 429
    assert quota.used() == 0  # three refused by validation, one by the rate limit: none charged


def test_the_widget_cap_counts_answers_and_then_refuses(tmp_path, hash_assistant):
    settings = make_settings(
        database_path=tmp_path / "w.sqlite3", rate_limit_per_minute=0, widget_daily_cap=2
    )
    app = create_app(
        settings, assistant=hash_assistant, storage=sqlite_state(settings.database, pseudonym_key="k")
    )
    with TestClient(app) as client:
        answered = client.post("/api/ask", json={"question": "aml 3-5"}, headers=WIDGET)
        streamed = client.post("/api/ask/stream", json={"question": "aml 6-5"}, headers=WIDGET)
        refused = client.post("/api/ask", json={"question": "aml 3-5"}, headers=WIDGET)
        web = client.post("/api/ask", json={"question": "aml 3-5"})
    assert answered.status_code == 200 and streamed.status_code == 200 and "event: done" in streamed.text
    assert refused.status_code == 429 and refused.json()["error"]["code"] == "widget_daily_cap"
    assert web.status_code == 200 and app.state.quota.used() == 2


# -- 12: a 504 stops its worker thread at the next step ------------------------------------------------------------
class HeldEmbedder(HashEmbedder):
    """Holds every query embedding until the test releases it (an event, not a sleep)."""

    def __init__(self) -> None:
        super().__init__(64)
        self.entered = threading.Event()
        self.release = threading.Event()

    def embed_query(self, text: str) -> np.ndarray:
        self.entered.set()
        assert self.release.wait(timeout=120)
        return super().embed_query(text)


class RecordingAssistant(Assistant):
    """The real service; records how each ask ended and whether the answer step ran."""

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self.finished = threading.Event()
        self.outcome: BaseException | None = None
        real_answer = self.answerer.answer
        self.answered = 0

        def answer(*args: Any, **kw: Any) -> Draft:
            self.answered += 1
            return real_answer(*args, **kw)

        # counts the calls on this one answerer; mypy's docs give method-assign for exactly such a wrapper
        self.answerer.answer = answer  # type: ignore[method-assign]

    def ask(self, question, **kw):
        try:
            return super().ask(question, **kw)
        except BaseException as exc:
            self.outcome = exc
            raise
        finally:
            self.finished.set()


def test_a_timed_out_request_stops_its_worker_before_the_answer(tmp_path, corpus: Corpus):
    settings = make_settings(data_dir=tmp_path / "data", embedding_model="hash/64")
    build_index(settings, corpus, HashEmbedder(64))
    embedder = HeldEmbedder()
    assistant = RecordingAssistant(settings=settings, corpus=corpus, embedder=embedder)
    assistant.refresh()
    web = make_settings(database_path=tmp_path / "w.sqlite3", answer_timeout_s=1.0)
    storage = sqlite_state(web.database, pseudonym_key="k")
    try:
        with TestClient(create_app(web, assistant=assistant, storage=storage)) as client:
            question = {"question": "Må verneombudet ha kurs?", "conversation_id": "c1"}
            response = client.post("/api/ask", json=question)
            assert response.status_code == 504 and response.json()["error"]["code"] == "answer_timeout"
            assert embedder.entered.is_set()
            embedder.release.set()  # retrieval finishes only now, after the 504 was sent
            assert assistant.finished.wait(timeout=60)
    finally:
        embedder.release.set()
    assert isinstance(assistant.outcome, DeadlinePassed) and assistant.outcome.step == "answer"
    assert assistant.answered == 0 and storage.audit_rows() == [] and storage.history("c1") == []


# -- 13: trusted hosts, and no demo page in the product ------------------------------------------------------
def test_a_host_that_is_not_allowed_gets_a_json_400(tmp_path):
    settings = make_settings(
        database_path=tmp_path / "w.sqlite3", allowed_hosts=["hms.example.no", "*.hms.no"]
    )
    client = TestClient(create_app(settings, assistant=None), base_url="http://hms.example.no")  # no lifespan
    assert client.get("/healthz").status_code == 200
    assert client.get("/healthz", headers={"Host": "chat.hms.no"}).status_code == 200
    evil = client.get("/healthz", headers={"Host": "evil.example"})
    assert evil.status_code == 400 and evil.json()["error"]["code"] == "host_not_allowed"
    assert evil.json()["error"]["message"] and evil.headers["x-request-id"]


def test_the_demo_page_is_not_served_by_the_product(tmp_path):
    """The demo host page runs on its own origin (`make demo`), as a customer's site does: no /demo/ here."""
    client = TestClient(create_app(make_settings(database_path=tmp_path / "a.sqlite3"), assistant=None))
    for path in ("/demo", "/demo/", "/demo/demo.css"):
        assert client.get(path).status_code == 404, path
