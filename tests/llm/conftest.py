"""Fixtures for the LLM answerer: a queued-response fake chat model (unit tests) and helpers that build the
retrieval results an answer starts from."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import Field

from assistant.llm.answerer import LLMAnswerer
from assistant.references.parse import ParsedRef
from assistant.references.resolve import ResolvedRef
from assistant.retrieval.embeddings import HashEmbedder
from assistant.retrieval.hits import Hit, RetrievalResult
from assistant.service import Assistant, StreamEvent
from assistant.sources.corpus import Corpus
from assistant.sources.glossary import Glossary
from evals.testing.scripted_llm import ReplyQueue, ScriptedServer
from tests.conftest import build_index, make_settings

AML = "LOV-2005-06-17-62"


@dataclass(frozen=True)
class Slow:
    """A scripted reply that arrives only after ``seconds``."""

    seconds: float
    text: str


@dataclass(frozen=True)
class Cut:
    """A scripted reply that ends with another finish reason than 'stop' (None: no finish reason at all)."""

    text: str
    finish: str | None


Reply = str | Slow | Cut | BaseException


class QueuedChatModel(GenericFakeChatModel):
    """langchain_core's generic fake chat model, replying from a queue in order and recording every prompt.
    A queued exception is raised (a provider fault); a Slow reply sleeps first; a Cut reply ends with its
    finish reason, any other with 'stop', as a provider says it. Streams word by word."""

    messages: Iterator[Any]  # of Reply: the base class's field holds only messages and strings
    calls: list[list[BaseMessage]] = Field(default_factory=list)

    def _generate(
        self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None, **kw: Any
    ) -> ChatResult:
        self.calls.append(list(messages))
        item: Reply | None = next(self.messages, None)
        if item is None:
            raise AssertionError("the fake chat model has no scripted reply left")
        if isinstance(item, BaseException):
            raise item
        if isinstance(item, Slow):
            time.sleep(item.seconds)
            item = item.text
        finish = item.finish if isinstance(item, Cut) else "stop"
        text = item.text if isinstance(item, Cut) else item
        metadata = {"finish_reason": finish} if finish else {}
        return ChatResult(
            generations=[ChatGeneration(message=AIMessage(content=text, response_metadata=metadata))]
        )

    def _stream(
        self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None, **kw: Any
    ) -> Iterator[ChatGenerationChunk]:
        message = self._generate(messages, stop, run_manager, **kw).generations[0].message
        for token in re.split(r"(\s)", str(message.content)):
            if token:
                yield ChatGenerationChunk(message=AIMessageChunk(content=token))
        if message.response_metadata:
            yield ChatGenerationChunk(
                message=AIMessageChunk(content=""), generation_info=message.response_metadata
            )


def queued(*replies: Reply) -> QueuedChatModel:
    return QueuedChatModel(messages=iter(replies))


def faq_result(corpus: Corpus, faq_id: str, question: str | None = None) -> RetrievalResult:
    """What retrieval returns for a question asked exactly as the FAQ words it."""
    question = question or corpus.faq[faq_id].question
    hit = Hit(f"faq:{faq_id}", "faq", 1.0, metadata={"faq_id": faq_id}, exact=True)
    return RetrievalResult(question, Glossary(corpus.glossary).expand(question), [], [hit], [])


def nothing_result(corpus: Corpus, question: str) -> RetrievalResult:
    """Retrieval found nothing relevant (an out-of-scope question)."""
    return RetrievalResult(question, Glossary(corpus.glossary).expand(question), [], [], [])


def lookup_result(corpus: Corpus, section: str) -> RetrievalResult:
    question = f"hva står i aml § {section}?"
    ref = ResolvedRef(ParsedRef(section, AML), AML, section, "found")
    return RetrievalResult(
        question, Glossary(corpus.glossary).expand(question), [ref], [], [], lookup_only=True
    )


def answerer(corpus: Corpus, model: QueuedChatModel, **kw: Any) -> LLMAnswerer:
    return LLMAnswerer(
        corpus=corpus,
        model=model,
        llm_timeout_s=kw.pop("llm_timeout_s", 5.0),
        answer_timeout_s=kw.pop("answer_timeout_s", 8.0),
        **kw,
    )


def shown_text(events: list[StreamEvent]) -> str:
    """What a front end shows after applying the events: deltas append, 'replace' resets."""
    text = ""
    for event in events:
        if event.kind == "delta":
            text += event.data
        elif event.kind == "replace":
            text = event.data["text"]
    return text


@pytest.fixture
def hash_llm_assistant(tmp_path: Any, corpus: Corpus) -> Iterator[Any]:
    """Build an Assistant on a temp hash-embedder index with an LLMAnswerer on the given fake model."""

    def build(model: QueuedChatModel, **kw: Any) -> Assistant:
        settings = make_settings(data_dir=tmp_path / "data", embedding_model="hash/64")
        embedder = HashEmbedder(64)
        build_index(settings, corpus, embedder)
        assistant = Assistant(
            settings=settings, corpus=corpus, embedder=embedder, answerer=answerer(corpus, model, **kw)
        )
        assistant.refresh()
        return assistant

    yield build


# -- a scripted OpenAI-compatible server (the real ChatOpenAI client talks HTTP to it) -----------------------
@pytest.fixture
def replies() -> ReplyQueue:
    """The scripted server's answers, queued by the test."""
    return ReplyQueue()


@pytest.fixture
def server(replies: ReplyQueue) -> Iterator[ScriptedServer]:
    with ScriptedServer(replies) as srv:
        yield srv
