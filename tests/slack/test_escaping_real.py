"""A real answer whose source text carries Slack markup (`<!channel>`, `<!here>`, `<@U…>`, a disguised
link) pings nobody: a copy of the corpus with one FAQ answer poisoned, indexed with the real model (only
the changed chunk is embedded again), answered by a real Assistant through the HTTP-mode app."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from assistant.index.versions import IndexStore
from assistant.infra.config import Settings
from assistant.retrieval.embeddings import Embedder
from assistant.service import Assistant
from assistant.sources.corpus import load_corpus
from bots.slack.mrkdwn import url_label
from evals.testing.fake_slack import FakeSlack, section_texts
from evals.testing.slack_payloads import event_callback, mention, slash_command
from tests.conftest import CORPUS_DIR, build_index, make_settings
from tests.slack.conftest import SlackHarness, start_http_app

pytestmark = pytest.mark.integration

POISON = "<!channel> <!here> <!everyone> <@U0BOSS> <https://evil.example/x|aml § 3-5> *fet* & @channel"
LINK = re.compile(r"<([^<>|]*)\|([^<>]*)>")
TRUSTED = {"lovdata.no", "www.arbeidstilsynet.no"}


@pytest.fixture(scope="module")
def poisoned(
    tmp_path_factory: pytest.TempPathFactory,
    real_settings: Settings,
    real_embedder: Embedder,
    fake_slack: FakeSlack,
    slack_settings: Callable[..., Settings],
) -> Iterator[SlackHarness]:
    root = tmp_path_factory.mktemp("poisoned")
    corpus_dir = root / "corpus"
    shutil.copytree(CORPUS_DIR, corpus_dir)
    faq = corpus_dir / "faq.yaml"
    original = "    funksjon, skal du ha HMS kurs.\n"
    assert faq.read_text(encoding="utf-8").count(original) == 1
    faq.write_text(
        faq.read_text(encoding="utf-8").replace(original, original[:-1] + f" {POISON}\n"), encoding="utf-8"
    )
    corpus = load_corpus(corpus_dir)
    assert POISON in corpus.faq["daglig-leder"].answer
    settings = make_settings(corpus_dir=corpus_dir, data_dir=root / "data")
    store = build_index(settings, corpus, real_embedder, seed=IndexStore(index_dir=real_settings.index_dir))
    assistant = Assistant(settings=settings, corpus=corpus, embedder=real_embedder, store=store)
    app, storage = start_http_app(slack_settings(Path(root / "slack.sqlite3")), assistant, fake_slack)
    yield SlackHarness(app=app, fake=fake_slack, storage=storage, settings=settings)
    app.close()


def assert_pings_nobody(params: dict[str, object]) -> None:
    flat = str(params)
    for markup in ("<!channel>", "<!here>", "<!everyone>", "<@U0BOSS>", "<!"):
        assert markup not in flat
    assert not re.search(r"(?<!\u200b)@(channel|here|everyone)", flat)  # bare broadcasts defused too
    for target, label in LINK.findall(flat):
        host = urlsplit(target).hostname
        assert host in TRUSTED or label == url_label(unquote(target)), (target, label)  # no disguised links


def test_a_real_answer_with_slack_markup_in_its_source_pings_nobody(poisoned: SlackHarness):
    channel = "CPOISON01"
    poisoned.app.event(event_callback(mention("Må jeg ha HMS-kurs som daglig leder?", channel=channel)))
    (post,) = poisoned.fake.wait_for("chat.postMessage", channel=channel)
    body = section_texts(post.params["blocks"])[0]
    assert "&lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt; &lt;@U0BOSS&gt;" in body  # shown, literally
    assert "<https://evil.example/x|evil.example/x>" in body  # the link shows where it goes
    assert_pings_nobody(post.params)


def test_the_private_answer_and_its_shared_copy_ping_nobody(poisoned: SlackHarness):
    url = poisoned.fake.response_url()
    poisoned.app.command(slash_command("Må alle ledere ha HMS-kurs?", channel="CPOISON02", response_url=url))
    (reply,) = poisoned.fake.wait_for("response_url", url=url)
    assert "&lt;!channel&gt;" in "".join(section_texts(reply.params["blocks"]))
    assert_pings_nobody(reply.params)
