"""Guard rails on the web front end: rate limits, answer timeouts, request ids, privacy of what is stored."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import logging
import os
import sqlite3
import subprocess
import sys
import time

import pytest
from fastapi.testclient import TestClient

from assistant.infra.logs import JsonFormatter
from assistant.infra.privacy import redact
from bots.web.app import create_app
from tests.conftest import CORPUS_DIR, make_settings, sqlite_state

pytestmark = pytest.mark.integration
QUESTION = "Må jeg ha HMS-kurs som daglig leder? Ring meg på 912 34 567 eller ola@firma.no, fnr 01019012345"


def client_for(real_assistant, tmp_path, **overrides):
    settings = make_settings(database_path=tmp_path / "hms.sqlite3", **overrides)
    storage = sqlite_state(settings.database, pseudonym_key="test-key", log_questions=settings.log_questions)
    return TestClient(create_app(settings, assistant=real_assistant, storage=storage)), storage


def test_rate_limit_per_client_ip_with_a_norwegian_429(real_assistant, tmp_path):
    client, _ = client_for(real_assistant, tmp_path, rate_limit_per_minute=3)
    with client:
        codes = [client.post("/api/ask", json={"question": "aml 3-5"}).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        limited = client.post("/api/ask", json={"question": "aml 3-5"})
        assert limited.json()["error"]["code"] == "rate_limited"
        assert "Vent litt" in limited.json()["error"]["message"]
        assert 0 < int(limited.headers["retry-after"]) <= 61
        assert client.get("/api/search", params={"q": "verneombud"}).status_code == 429
        assert client.get("/healthz").status_code == 200  # health checks are never limited


def test_answer_timeout_is_a_json_504(real_assistant, tmp_path):
    client, _ = client_for(real_assistant, tmp_path)
    client.app.state.settings = client.app.state.settings.model_copy(update={"answer_timeout_s": 0.0001})
    with client:
        response = client.post("/api/ask", json={"question": "Må verneombudet ha 40 timers kurs?"})
    assert response.status_code == 504
    assert response.json()["error"]["code"] == "answer_timeout"


def test_request_id_is_propagated_to_the_answer_the_header_and_the_audit(real_assistant, tmp_path):
    client, storage = client_for(real_assistant, tmp_path)
    with client:
        response = client.post("/api/ask", json={"question": "aml 6-5"}, headers={"X-Request-ID": "req-123"})
        generated = client.post("/api/ask", json={"question": "aml 6-5"})
    assert response.headers["x-request-id"] == "req-123" and response.json()["request_id"] == "req-123"
    assert generated.headers["x-request-id"] == generated.json()["request_id"]
    rows = storage.audit_rows()
    assert rows[0]["request_id"] == "req-123" and rows[0]["cited"] == "aml § 6-5"


def test_nothing_stored_holds_the_raw_question_or_identifiers(real_assistant, tmp_path):
    client, storage = client_for(real_assistant, tmp_path)
    with client:
        answer = client.post("/api/ask", json={"question": QUESTION, "conversation_id": "c1"}).json()
        client.post(
            "/api/feedback",
            json={
                "answer_id": answer["answer_id"],
                "helpful": False,
                "comment": "Svaret hjalp ikke. Kontakt kari@firma.no / 22 33 44 55",
            },
        )
    audit = storage.audit_rows()[0]
    assert audit["question"] is None  # HMS_LOG_QUESTIONS is off
    assert audit["user_hash"] and audit["user_hash"] != "testclient" and len(audit["user_hash"]) == 16
    assert audit["law_as_of"] == "2026-01-01" and audit["model"] == "extractive" and audit["index_version"]
    dump = (tmp_path / "hms.sqlite3").read_bytes()
    for secret in (b"912 34 567", b"ola@firma.no", b"01019012345", b"kari@firma.no", b"22 33 44 55"):
        assert secret not in dump
    comment = storage.feedback()[0]["comment"]
    assert "[e-post]" in comment and "[telefon]" in comment


def test_log_questions_stores_them_redacted(real_assistant, tmp_path):
    client, storage = client_for(real_assistant, tmp_path, log_questions=True)
    with client:
        client.post("/api/ask", json={"question": QUESTION})
    question = storage.audit_rows()[0]["question"]
    assert (
        question.startswith("Må jeg ha HMS-kurs")
        and "[telefon]" in question
        and "01019012345" not in question
    )


def test_redaction_patterns():
    assert redact("fnr 010190 12345 og 01019012345") == "fnr [fødselsnummer] og [fødselsnummer]"
    assert redact("ring +47 912 34 567 eller 22334455") == "ring [telefon] eller [telefon]"
    assert redact("skriv til a.b@c.no") == "skriv til [e-post]"
    assert redact("aml § 3-5 og 40 timer i 2026") == "aml § 3-5 og 40 timer i 2026"


def test_data_past_retention_is_deleted(tmp_path):
    storage = sqlite_state(tmp_path / "hms.sqlite3")
    storage.add_feedback(answer_id="a", helpful=True, comment=None, source="web")
    storage.add_turn("c1", "Må jeg ha HMS-kurs?", "a")
    with contextlib.closing(sqlite3.connect(tmp_path / "hms.sqlite3")) as conn, conn:
        conn.execute("UPDATE feedback SET created_at = created_at - 40 * 86400")
    assert storage.purge(older_than_s=30 * 86400, turns_older_than_s=3600) == 1
    assert storage.feedback() == [] and storage.history("c1") == ["Må jeg ha HMS-kurs?"]
    with contextlib.closing(sqlite3.connect(tmp_path / "hms.sqlite3")) as conn, conn:
        conn.execute("UPDATE turns SET created_at = created_at - 7200")
    assert storage.purge(older_than_s=30 * 86400, turns_older_than_s=3600) == 1
    assert storage.history("c1") == []


def test_hms_audit_export_writes_csv(real_assistant, tmp_path):
    client, _ = client_for(real_assistant, tmp_path)
    with client:
        client.post("/api/ask", json={"question": "aml 3-5"}, headers={"X-Request-ID": "r-1"})
    env = {
        **os.environ,
        "HMS_DATABASE_PATH": str(tmp_path / "hms.sqlite3"),
        "HMS_CORPUS_DIR": str(CORPUS_DIR),
    }
    out = subprocess.run(
        [sys.executable, "-m", "bots.cli", "audit", "export"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert rows[0]["request_id"] == "r-1" and rows[0]["cited"] == "aml § 3-5" and rows[0]["question"] == ""


def test_json_log_lines_carry_the_request_id_and_no_question():
    from assistant.infra.logs import request_id_var

    record = logging.LogRecord("hms", logging.INFO, __file__, 1, "answered", (), None)
    record.cited = "aml § 3-5"
    token = request_id_var.set("rid-9")
    try:
        line = json.loads(JsonFormatter().format(record))
    finally:
        request_id_var.reset(token)
    assert line["request_id"] == "rid-9" and line["cited"] == "aml § 3-5" and line["msg"] == "answered"
    assert time.strptime(line["ts"][:19], "%Y-%m-%dT%H:%M:%S")
