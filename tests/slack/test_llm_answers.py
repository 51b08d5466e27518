"""LLM answers in Slack (issue 12): an AI-written answer carries a label, its sources are listed once (the
Kilder block, with the ids the text cites), and the extractive fallback carries no label. End to end: the real
ChatOpenAI client against the scripted OpenAI-compatible server, the real model and index, real Bolt handling
of signed payloads, the fake Slack."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from assistant.llm.answerer import LLMAnswerer
from assistant.service import Assistant
from evals.testing.fake_slack import FakeSlack, context_texts, section_texts
from evals.testing.scripted_llm import ReplyQueue, ScriptedServer
from evals.testing.slack_payloads import event_callback, mention
from tests.slack.conftest import SlackHarness, start_http_app

pytestmark = pytest.mark.integration

GOOD = (
    "Ja. Loven sier at bedriftens øverste leder skal ha HMS-kurs [S1]. Etter aml § 3-5 skal arbeidsgiver "
    "gjennomgå opplæring i helse-, miljø- og sikkerhetsarbeid [S2]."
)
INVENTED = "Ja, etter aml § 99-9 må alle ha kurs [S7]."  # an id and a § that do not exist: verification fails


@pytest.fixture(scope="module")
def replies() -> ReplyQueue:
    return ReplyQueue()


@pytest.fixture(scope="module")
def llm_slack(
    tmp_path_factory: pytest.TempPathFactory,
    real_settings,
    corpus,
    real_embedder,
    fake_slack: FakeSlack,
    slack_settings,
    replies: ReplyQueue,
) -> Iterator[SlackHarness]:
    with ScriptedServer(replies) as server:
        settings = real_settings.model_copy(
            update={
                "llm": "openai:scripted-model",
                "llm_base_url": server.base_url,
                "llm_timeout_s": 15.0,
                "answer_timeout_s": 30.0,
            }
        )
        assistant = Assistant(settings=settings, corpus=corpus, embedder=real_embedder)
        assert isinstance(assistant.answerer, LLMAnswerer)
        assistant.refresh()
        slack = slack_settings(tmp_path_factory.mktemp("llm-slack") / "hms.sqlite3")
        app, storage = start_http_app(slack, assistant, fake_slack)
        yield SlackHarness(app=app, fake=fake_slack, storage=storage, settings=slack)
        app.close()


def ask(slack: SlackHarness, question: str) -> list[dict]:
    channel = f"C{uuid.uuid4().hex[:10].upper()}"
    slack.app.event(event_callback(mention(question, channel=channel)))
    (post,) = slack.fake.wait_for("chat.postMessage", channel=channel)
    assert post.ok, post.result
    return post.params["blocks"]


def test_an_ai_written_answer_is_labelled_and_lists_its_sources_once(
    llm_slack: SlackHarness, replies: ReplyQueue
):
    replies.push(GOOD)
    blocks = ask(llm_slack, "Må daglig leder ha HMS-kurs?")
    assert blocks[0]["type"] == "context"
    assert blocks[0]["elements"][0]["text"].startswith(":robot_face: *Skrevet av KI* ut fra kildene under")
    body = "\n".join(section_texts(blocks))
    assert "bedriftens øverste leder skal ha HMS-kurs [S1]" in body
    assert "Kilder:" not in body and "«" not in body  # no second source list with quotes in the text
    sources = context_texts(blocks)
    assert sources[1] == "*Kilder*"
    assert sources[2].startswith("[S1] Fra HMS Kontorets FAQ: «")
    assert sources[3].startswith("[S2] <https://lovdata.no/lov/2005-06-17-62/%C2%A73-5|aml § 3-5")
    assert sum("aml § 3-5" in s for s in sources) == 1


def test_the_extractive_fallback_is_not_labelled(llm_slack: SlackHarness, replies: ReplyQueue):
    replies.push(INVENTED, INVENTED)  # rejected, retried, rejected: the extractive answer is shown
    blocks = ask(llm_slack, "Må daglig leder ha HMS-kurs?")
    assert not any("Skrevet av KI" in t for t in context_texts(blocks))
    assert "aml § 3-5 (1)" in " ".join(context_texts(blocks))
