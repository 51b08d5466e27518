"""Operator-facing behaviour of the web app: a safe feedback retry, and /readyz keeping internals private."""

from __future__ import annotations

import logging

from fastapi.testclient import TestClient

from assistant.retrieval.embeddings import HashEmbedder
from assistant.service import Assistant
from bots.web.app import create_app
from tests.conftest import make_settings, sqlite_state


def test_a_feedback_retry_with_an_idempotency_key_stores_one_row(client, web_storage):
    vote = {"answer_id": "a" * 32, "helpful": True, "comment": "Nyttig"}
    first = client.post("/api/feedback", json=vote, headers={"Idempotency-Key": "9f0c1d2e-retry"})
    retry = client.post("/api/feedback", json=vote, headers={"Idempotency-Key": "9f0c1d2e-retry"})
    assert first.status_code == retry.status_code == 201
    assert first.json()["id"] == retry.json()["id"]
    assert len(web_storage.feedback()) == 1
    other = client.post("/api/feedback", json=vote, headers={"Idempotency-Key": "another-click"})
    assert other.status_code == 201 and len(web_storage.feedback()) == 2
    bad = client.post("/api/feedback", json=vote, headers={"Idempotency-Key": "ikke gyldig!"})
    assert bad.status_code == 400 and len(web_storage.feedback()) == 2


def test_readyz_shows_no_internal_address_or_error_text_and_logs_them(corpus, tmp_path, caplog):
    url = "http://127.0.0.1:9"  # nothing listens there
    settings = make_settings(data_dir=tmp_path, chroma_url=url, embedding_model="hash/64")
    assistant = Assistant(settings=settings, corpus=corpus, embedder=HashEmbedder(64))
    app = create_app(settings, assistant=assistant, storage=sqlite_state(tmp_path / "hms.sqlite3"))
    with TestClient(app) as client, caplog.at_level(logging.WARNING):
        for response in (client.get("/readyz"), client.post("/api/ask", json={"question": "aml 3-5"})):
            assert response.status_code == 503
            assert "127.0.0.1" not in response.text and "Connect" not in response.text
            assert "Kunnskapsbasen er ikke tilgjengelig" in response.text
        ready = client.get("/readyz").json()
        assert ready == {
            "ready": False,
            "reason": ready["reason"],
            "code": "chroma_unreachable",
            "index_version": None,
        }
    assert any("127.0.0.1:9" in r.getMessage() for r in caplog.records)  # the details are in the log
