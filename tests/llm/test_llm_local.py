"""Local models (issue 12, item 9) and the worker pool (issue 10, item 12), end to end with the real
langchain-openai client against the scripted server, which speaks the API of Ollama's /v1 and llama.cpp's
llama-server: Chat Completions, SSE chunks, `data: [DONE]`. No model weights are needed."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.llm.threads import wait_idle
from assistant.service import Assistant
from evals.testing.scripted_llm import Reply
from tests.llm.conftest import shown_text

pytestmark = pytest.mark.integration

QUESTION = "Må daglig leder ha HMS-kurs?"
GOOD = (
    "Ja. Loven sier at bedriftens øverste leder skal ha HMS kurs [S1]. Etter aml § 3-5 skal arbeidsgiver "
    "gjennomgå opplæring i helse-, miljø- og sikkerhetsarbeid [S2]."
)


@pytest.fixture
def assistant_for(real_settings: Any, corpus: Any, real_embedder: Any):
    def build(**values: Any) -> Assistant:
        assistant = Assistant(
            settings=real_settings.model_copy(update=values), corpus=corpus, embedder=real_embedder
        )
        assistant.refresh()
        return assistant

    return build


SETUPS = {
    # Ollama: HMS_LLM=ollama:<model> and its root URL; without langchain-ollama its /v1 API is used.
    "ollama-root": ("ollama:llama3.1:8b", "{root}", "llama3.1:8b"),
    # Ollama as documented: HMS_LLM=openai:<model>, HMS_LLM_BASE_URL=http://127.0.0.1:11434/v1
    "ollama-v1": ("openai:llama3.1:8b", "{root}/v1", "llama3.1:8b"),
    # llama.cpp: llama-server --port 8080, HMS_LLM_BASE_URL=http://127.0.0.1:8080/v1 (any model name)
    "llama-server": ("openai:local", "{root}/v1", "local"),
}


@pytest.mark.parametrize("streaming", [False, True], ids=["ask", "stream"])
@pytest.mark.parametrize("setup", SETUPS)
def test_a_local_openai_compatible_server_answers(assistant_for, replies, server, setup, streaming):
    spec, url, model = SETUPS[setup]
    root = server.base_url.removesuffix("/v1")
    assistant = assistant_for(
        llm=spec, llm_base_url=url.format(root=root), llm_timeout_s=20.0, answer_timeout_s=60.0
    )
    replies.push(GOOD)
    if streaming:
        events = list(assistant.stream(QUESTION))
        answer = events[-1].data
        assert shown_text(events) == answer.answer and "replace" not in {e.kind for e in events}
    else:
        answer = assistant.ask(QUESTION)
    assert answer.mode == "llm" and answer.answer.startswith(GOOD)
    (request,) = server.requests
    assert request["model"] == model and bool(request.get("stream")) is streaming
    assert request["max_tokens"] == assistant.settings.llm_max_answer_chars // 2  # a runaway reply is cut


@pytest.mark.parametrize("streaming", [False, True], ids=["ask", "stream"])
def test_an_abandoned_call_frees_its_worker_at_the_answers_deadline(
    assistant_for, replies, server, streaming
):
    """The server answers after 30 s; the client's own timeout is HMS_LLM_TIMEOUT_S (15 s). The answer falls
    back at its deadline, and the call's worker is free soon after, not 15 s later."""
    assistant = assistant_for(
        llm="openai:local", llm_base_url=server.base_url, llm_timeout_s=15.0, answer_timeout_s=8.0
    )
    replies.push(Reply(GOOD, delay_s=30.0))
    answer = list(assistant.stream(QUESTION))[-1].data if streaming else assistant.ask(QUESTION)
    assert answer.mode == "llm-fallback"
    assert assistant.answerer.metrics.snapshot()["fallback_reasons"] == {"provider:timeout": 1}
    assert wait_idle(timeout=6.0)


def test_a_stream_that_trickles_past_the_deadline_frees_its_worker(assistant_for, replies, server):
    assistant = assistant_for(
        llm="openai:local", llm_base_url=server.base_url, llm_timeout_s=15.0, answer_timeout_s=8.0
    )
    replies.push(Reply(" ".join([GOOD] * 40), chunk_delay_s=0.25))
    events = list(assistant.stream(QUESTION))
    assert events[-1].data.mode == "llm-fallback" and shown_text(events) == events[-1].data.answer
    assert wait_idle(timeout=6.0)
