"""Honest streaming, server side (issue 12, item 8), through the real web app's `POST /api/ask/stream` in LLM
mode: streamed text is a draft; a `replace` says in one sentence, in the question's language, why the answer
became the quoted sources; `done` carries the Answer whose `mode` says whether it is AI-written and verified."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from assistant.llm.messages import other, withdrawn
from assistant.service import Assistant
from bots.web.app import create_app
from evals.testing.scripted_llm import ReplyQueue, ScriptedServer
from tests.conftest import sqlite_state
from tests.web.conftest import sse_events

pytestmark = pytest.mark.integration

QUESTION = {"nb": "Må daglig leder ha HMS-kurs?", "en": "Does the managing director need HSE training?"}
GOOD = {
    "nb": "Ja. Loven sier at bedriftens øverste leder skal ha HMS kurs [S1]. Etter aml § 3-5 skal arbeidsgiver "
    "gjennomgå opplæring i helse-, miljø- og sikkerhetsarbeid [S2].",
    "en": "Yes. HMS Kontoret's FAQ says: «Loven sier at bedriftens øverste leder skal ha HMS kurs» [S1]. Under "
    "aml § 3-5 (1) the employer must complete training in health, safety and environment work [S2].",
}
WRONG_LEDD = {
    "nb": "Etter aml § 3-5 andre ledd skal arbeidsgiver gjennomgå opplæring [S1][S2].",
    "en": "Under section 3-5 second paragraph of the Act, the employer must complete the training [S1][S2].",
}


@pytest.fixture
def client(
    real_settings: Any, corpus: Any, real_embedder: Any, replies: ReplyQueue, tmp_path: Any
) -> Iterator[Any]:
    with ScriptedServer(replies) as server:
        values = {
            "llm": "openai:scripted-model",
            "llm_base_url": server.base_url,
            "llm_timeout_s": 20.0,
            "answer_timeout_s": 60.0,
            "database_path": tmp_path / "web.sqlite3",
        }
        settings = real_settings.model_copy(update=values)
        assistant = Assistant(settings=settings, corpus=corpus, embedder=real_embedder)
        storage = sqlite_state(settings.database, pseudonym_key="test-key")
        with TestClient(create_app(settings, assistant=assistant, storage=storage)) as test_client:
            yield test_client


def stream(client: TestClient, question: str) -> list[tuple[str, Any]]:
    response = client.post("/api/ask/stream", json={"question": question})
    assert response.status_code == 200, response.text
    return [(kind, json.loads(data)) for kind, data in sse_events(response.text)]


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_adversarial_web_stream_says_why_the_answer_became_the_sources(client, replies, lang):
    replies.push(WRONG_LEDD[lang], WRONG_LEDD[lang])
    events = stream(client, QUESTION[lang])
    kinds = [k for k, _ in events]
    assert kinds[0] == "sources" and kinds[-1] == "done" and "delta" in kinds[: kinds.index("replace")]
    replace = [d for k, d in events if k == "replace"][-1]
    assert set(replace) == {"text", "reason"}
    assert replace["reason"] == withdrawn("verification:wrong_ledd", lang)
    done = events[-1][1]
    assert done["mode"] == "llm-fallback" and done["answer"].startswith(replace["text"])
    assert "andre ledd" not in done["answer"] and "second paragraph" not in done["answer"]


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_adversarial_web_stream_withdraws_a_rejected_draft_before_the_retry(client, replies, lang):
    replies.push(WRONG_LEDD[lang], GOOD[lang])
    events = stream(client, QUESTION[lang])
    (withdrawal,) = [d for k, d in events if k == "replace"]
    assert withdrawal == {"text": "", "reason": other("retry", lang)}
    after = [d for k, d in events[[k for k, _ in events].index("replace") :] if k == "delta"]
    done = events[-1][1]
    assert (
        done["mode"] == "llm" and "".join(after) == done["answer"] and done["answer"].startswith(GOOD[lang])
    )


def test_a_verified_answer_streams_as_a_draft_and_is_marked_llm_at_done(client, replies):
    replies.push(GOOD["nb"])
    events = stream(client, QUESTION["nb"])
    assert "replace" not in [k for k, _ in events]
    done = events[-1][1]
    assert done["mode"] == "llm" and "".join(d for k, d in events if k == "delta") == done["answer"]
