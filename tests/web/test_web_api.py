"""The HTTP API through FastAPI's TestClient, against the real model and the real index."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from assistant.service import Assistant
from assistant.types import Answer
from bots.web.app import create_app
from tests.conftest import make_settings, sqlite_state
from tests.web.conftest import sse_events

pytestmark = pytest.mark.integration

VERNEOMBUD = "Må verneombudet ha 40 timers kurs?"
FORSKRIFT = "FOR-2011-12-06-1355"
AML = "LOV-2005-06-17-62"


def test_ask_returns_the_cli_json_contract_with_verbatim_citations(client, real_assistant):
    response = client.post("/api/ask", json={"question": VERNEOMBUD})
    assert response.status_code == 200
    answer = Answer.model_validate(response.json())
    assert set(response.json()) == set(Answer.model_fields)
    assert not answer.abstained and answer.answer_id and answer.language == "nb"
    faq = [c for c in answer.citations if c.kind == "faq"]
    laws = [c for c in answer.citations if c.kind == "law"]
    assert faq and "40 timer" in faq[0].question
    assert any(c.law_id == FORSKRIFT and c.section == "3-19" for c in laws)
    for c in laws:
        assert c.quote in real_assistant.corpus.laws[c.law_id].sections[c.section].text
        assert c.url.startswith("https://lovdata.no/")
    assert (
        answer.disclaimer.startswith("Dette er ikke juridisk rådgivning")
        and answer.disclaimer not in answer.answer
    )


def test_stream_sends_sources_first_then_deltas_then_done(client):
    response = client.post("/api/ask/stream", json={"question": VERNEOMBUD})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    events = sse_events(response.text)
    kinds = [kind for kind, _ in events]
    assert kinds[0] == "sources" and kinds[-1] == "done"
    assert set(kinds[1:-1]) == {"delta"} and len(kinds) > 3
    done = Answer.model_validate_json(events[-1][1])
    streamed = "".join(json.loads(data) for kind, data in events if kind == "delta")
    assert streamed == done.answer
    sources = json.loads(events[0][1])
    assert [c["kind"] for c in sources] == [c.kind for c in done.citations]


def test_stream_errors_before_the_first_event_are_json_with_status(client):
    empty = client.post("/api/ask/stream", json={"question": "   "})
    assert empty.status_code == 400
    assert empty.headers["content-type"].startswith("application/json")
    assert empty.json()["error"]["code"] == "empty_question"
    too_long = client.post("/api/ask/stream", json={"question": "a" * 2001})
    assert too_long.status_code == 413 and too_long.json()["error"]["code"] == "question_too_long"


def test_a_short_follow_up_is_read_against_the_conversation(client, web_storage):
    first = client.post(
        "/api/ask", json={"question": "Må jeg ha HMS-kurs som daglig leder?", "conversation_id": "c1"}
    )
    assert first.status_code == 200
    follow_up = client.post(
        "/api/ask", json={"question": "og for verneombud?", "conversation_id": "c1"}
    ).json()
    alone = client.post("/api/ask", json={"question": "og for verneombud?"}).json()
    assert web_storage.history("c1") == ["Må jeg ha HMS-kurs som daglig leder?", "og for verneombud?"]
    # In context it is a question about the verneombud's course; alone it is only about the role.
    follow_faq = [c["faq_id"] for c in follow_up["citations"] if c["kind"] == "faq"]
    alone_faq = [c["faq_id"] for c in alone["citations"] if c["kind"] == "faq"]
    assert follow_faq and "verneombud" in follow_faq[0] and follow_faq != alone_faq
    assert "40 timer" in follow_up["answer"]


def test_an_unrelated_question_does_not_inherit_the_previous_turn(client):
    """Issue 10, item 20: "aml § 99-1" after a question about ik § 5 is about aml § 99-1 alone."""
    first = client.post(
        "/api/ask", json={"question": "Hva står i internkontrollforskriften § 5?", "conversation_id": "leak"}
    ).json()
    assert [g["section"] for g in first["gaps"]] == ["5"]
    second = client.post("/api/ask", json={"question": "aml § 99-1", "conversation_id": "leak"}).json()
    alone = client.post("/api/ask", json={"question": "aml § 99-1"}).json()
    assert second["gaps"] == [] and "§ 5" not in second["answer"] and "internkontroll" not in second["answer"]
    assert (second["answer"], second["citations"]) == (alone["answer"], alone["citations"])


def test_streamed_answers_keep_the_conversation_too(client, web_storage):
    client.post(
        "/api/ask/stream", json={"question": "Må jeg ha HMS-kurs som daglig leder?", "conversation_id": "s1"}
    )
    assert web_storage.history("s1") == ["Må jeg ha HMS-kurs som daglig leder?"]
    assert len(web_storage.audit_rows()) == 1 and web_storage.audit_rows()[0]["source"] == "web"


@pytest.mark.parametrize("law", ["aml", "arbeidsmiljøloven", AML])
def test_section_lookup_accepts_abbreviation_short_name_and_lovdata_id(client, real_assistant, law):
    response = client.get(f"/api/laws/{law}/3-5")
    assert response.status_code == 200
    body = response.json()
    section = real_assistant.corpus.laws[AML].sections["3-5"]
    assert body["law_id"] == AML and body["section"] == "3-5" and body["text"] == section.text
    assert [d["number"] for d in body["ledd"]] == [d.number for d in section.ledd]
    assert body["url"] == "https://lovdata.no/lov/2005-06-17-62/§3-5"


def test_section_lookup_returns_ledd_with_their_letters(client, real_assistant):
    lettered = next(
        s
        for s in real_assistant.corpus.laws[AML].sections.values()
        if any(i.letter for d in s.ledd for i in d.items)
    )
    body = client.get(f"/api/laws/aml/{lettered.section}").json()
    letters = [i["letter"] for d in body["ledd"] for i in d["items"] if i["letter"]]
    assert letters == [i.letter for d in lettered.ledd for i in d.items if i.letter]
    assert all(i["text"] for d in body["ledd"] for i in d["items"])


def test_unknown_law_and_section_are_404_with_a_norwegian_message(client):
    unknown = client.get("/api/laws/aml/99-1")
    assert unknown.status_code == 404
    assert unknown.json()["error"]["code"] == "unknown_section"
    assert unknown.json()["error"]["url"].startswith("https://lovdata.no/")
    assert "ingen § 99-1" in unknown.json()["error"]["message"]
    law = client.get("/api/laws/skatteloven/1-1")
    assert law.status_code == 404 and law.json()["error"]["code"] == "unknown_law"
    nonsense = client.get("/api/laws/aml/hei")
    assert nonsense.status_code == 404 and "paragrafnummer" in nonsense.json()["error"]["message"]


def test_table_of_contents(client, real_assistant):
    body = client.get("/api/laws/aml").json()
    assert body["law_id"] == AML and body["law_name"] == "arbeidsmiljøloven"
    assert [s["section"] for s in body["sections"]] == list(real_assistant.corpus.laws[AML].sections)
    assert client.get("/api/laws/ukjentloven").status_code == 404


def test_search_ranks_sections_and_faq_entries_without_an_answer(client):
    response = client.get("/api/search", params={"q": "opplæring av verneombud", "k": 8})
    assert response.status_code == 200
    hits = response.json()
    assert 0 < len(hits) <= 8 and {h["kind"] for h in hits} == {"faq", "law"}
    assert "answer" not in hits[0]
    assert any(h["law_id"] == FORSKRIFT for h in hits if h["kind"] == "law")
    assert client.get("/api/search", params={"q": ""}).json()["error"]["code"] == "empty_question"
    assert client.get("/api/search").status_code == 400


def test_feedback_is_stored_in_sqlite(client, web_storage):
    answer = client.post("/api/ask", json={"question": VERNEOMBUD}).json()
    response = client.post(
        "/api/feedback",
        json={
            "answer_id": answer["answer_id"],
            "helpful": False,
            "comment": "Mangler info, ring meg på 912 34 567",
        },
    )
    assert response.status_code == 201 and response.json()["stored"] is True
    rows = web_storage.feedback()
    assert len(rows) == 1
    assert (
        rows[0]["answer_id"] == answer["answer_id"] and rows[0]["helpful"] == 0 and rows[0]["source"] == "web"
    )
    assert rows[0]["comment"] == "Mangler info, ring meg på [telefon]"  # redacted before storage


@pytest.mark.parametrize(
    "body",
    [
        {"answer_id": "abc"},
        {"answer_id": "abc", "helpful": "kanskje"},
        {"answer_id": "<script>", "helpful": True},
        {"answer_id": "abc", "helpful": True, "comment": "x" * 2001},
    ],
)
def test_bad_feedback_is_400(client, web_storage, body):
    response = client.post("/api/feedback", json=body)
    assert response.status_code == 400 and response.json()["error"]["message"]
    assert web_storage.feedback() == []


def test_feedback_when_storage_fails_is_503_not_a_crash(web_settings, real_assistant, tmp_path):
    broken = sqlite_state(tmp_path, pseudonym_key="k")  # a directory, not a database file
    with TestClient(create_app(web_settings, assistant=real_assistant, storage=broken)) as client:
        response = client.post("/api/feedback", json={"answer_id": "abc", "helpful": True})
        assert response.status_code == 503 and response.json()["error"]["code"] == "storage_unavailable"
        # Answers still work: the conversation turn is lost, the answer is not.
        assert (
            client.post("/api/ask", json={"question": VERNEOMBUD, "conversation_id": "x"}).status_code == 200
        )


BAD_INPUT = [
    ("empty", {"json": {"question": ""}}, 400, "empty_question"),
    ("blank", {"json": {"question": " \n\t "}}, 400, "empty_question"),
    ("missing", {"json": {}}, 400, "empty_question"),
    ("not text", {"json": {"question": 42}}, 400, "invalid_question"),
    ("2001 chars", {"json": {"question": "a" * 2001}}, 413, "question_too_long"),
    ("control chars", {"json": {"question": "hei\x00\x07"}}, 400, "invalid_characters"),
    (
        "invalid json",
        {"content": b'{"question": "hei"', "headers": {"content-type": "application/json"}},
        400,
        "invalid_json",
    ),
    ("json array", {"json": ["hei"]}, 400, "invalid_request"),
    (
        "text/plain",
        {"content": b'{"question": "hei"}', "headers": {"content-type": "text/plain"}},
        400,
        "unsupported_content_type",
    ),
    ("form", {"data": {"question": "hei"}}, 400, "unsupported_content_type"),
    ("no content type", {"content": b"question=hei"}, 400, "unsupported_content_type"),
    (
        "binary",
        {"content": bytes(range(256)) * 4, "headers": {"content-type": "application/json"}},
        400,
        "invalid_json",
    ),
    (
        "invalid utf-8",
        {"content": b'{"question": "hei \xff\xfe"}', "headers": {"content-type": "application/json"}},
        400,
        "invalid_body",
    ),
    (
        "binary octet-stream",
        {"content": b"\xff\xfe\x00\x01", "headers": {"content-type": "application/octet-stream"}},
        400,
        "unsupported_content_type",
    ),
    ("huge body", {"json": {"question": "a" * 20_000}}, 413, "request_too_large"),
]


@pytest.mark.parametrize("path", ["/api/ask", "/api/ask/stream"])
@pytest.mark.parametrize(
    ("name", "request_kwargs", "status", "code"), BAD_INPUT, ids=[b[0] for b in BAD_INPUT]
)
def test_bad_input_is_a_json_error_with_a_norwegian_message(client, path, name, request_kwargs, status, code):
    response = client.post(path, **request_kwargs)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == code
    assert re.search(r"[æøåÆØÅ]|Skriv|Send|Forespørsel|Spørsmål", error["message"]), error["message"]
    assert "Traceback" not in response.text and "pydantic" not in response.text


def test_exactly_2000_characters_is_accepted(client):
    question = ("Må verneombudet ha 40 timers kurs? " * 60)[:2000]
    assert client.post("/api/ask", json={"question": question}).status_code == 200


def test_chunked_body_over_the_limit_is_413(client):
    def chunks():
        for _ in range(40):
            yield b" " * 1000

    response = client.post("/api/ask", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413 and response.json()["error"]["code"] == "request_too_large"


def test_health_and_readiness(client, real_assistant):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"ready": True, "reason": "ok", "index_version": real_assistant.index_version}


def test_without_an_index_readyz_says_why_and_questions_get_503(tmp_path, corpus, real_embedder):
    settings = make_settings(data_dir=tmp_path / "empty", database_path=tmp_path / "web.sqlite3")
    assistant = Assistant(settings=settings, corpus=corpus, embedder=real_embedder)
    with TestClient(create_app(settings, assistant=assistant)) as client:
        assert client.get("/healthz").status_code == 200
        ready = client.get("/readyz")
        assert ready.status_code == 503
        assert ready.json()["ready"] is False and "hms ingest" in ready.json()["reason"]
        for path in ("/api/ask", "/api/ask/stream"):
            response = client.post(path, json={"question": VERNEOMBUD})
            assert response.status_code == 503
            assert response.json()["error"] == {"code": "index_missing", "message": ready.json()["reason"]}
        # Lookups need no index.
        assert client.get("/api/laws/aml/3-5").status_code == 200


def test_unknown_routes_and_methods_are_json(client):
    missing = client.get("/api/nope")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    wrong = client.get("/api/ask")
    assert wrong.status_code == 405 and wrong.json()["error"]["code"] == "method_not_allowed"


def test_the_assistant_is_built_once_in_the_lifespan(web_settings, monkeypatch, real_assistant):
    import bots.web.app as web_app

    built: list[Assistant] = []

    def build(*, settings):
        built.append(real_assistant)
        return real_assistant

    monkeypatch.setattr(web_app, "Assistant", build)
    app = create_app(web_settings)
    assert built == []  # not at import or app creation
    with TestClient(app) as client:
        for _ in range(3):
            assert client.post("/api/ask", json={"question": VERNEOMBUD}).status_code == 200
        client.get("/api/search", params={"q": "verneombud"})
    assert len(built) == 1


def test_openapi_and_offline_docs(client):
    spec = client.get("/openapi.json").json()
    assert {
        "/api/ask",
        "/api/ask/stream",
        "/api/laws/{law}/{section}",
        "/api/laws/{law}",
        "/api/search",
        "/api/feedback",
        "/healthz",
        "/readyz",
    } <= set(spec["paths"])
    docs = client.get("/docs")
    assert docs.status_code == 200
    scripts = re.findall(r'<script src="([^"]+)"', docs.text)
    assert scripts and all(src.startswith("/") for src in scripts)  # served by the app, no CDN
    for src in scripts:
        assert client.get(src).status_code == 200
    assert "cdn" not in docs.text.lower()
