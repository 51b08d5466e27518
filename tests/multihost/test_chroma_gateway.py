"""HMS_CHROMA_TOKEN and an https:// HMS_CHROMA_URL against a real `chroma run` behind the TLS gateway that
requires Chroma's token header (tests/serving.TokenGateway, the README's setup)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.index.versions import IndexStore
from assistant.infra.config import Settings
from assistant.retrieval.embeddings import HashEmbedder
from assistant.service import Assistant
from tests.conftest import build_index, make_settings
from tests.serving import ChromaServer, TokenGateway

pytestmark = pytest.mark.integration
TOKEN = "gateway-test-token-42"


@pytest.fixture(scope="module")
def gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TokenGateway]:
    root = tmp_path_factory.mktemp("gateway")
    chroma = ChromaServer(root / "chroma")
    try:
        gateway = TokenGateway(root / "nginx", upstream_port=chroma.port, token=TOKEN)
        try:
            yield gateway
        finally:
            gateway.stop()
    finally:
        chroma.stop()


def settings_for(gateway: TokenGateway, tmp: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "data_dir": tmp,
        "chroma_url": gateway.url,
        "chroma_token": TOKEN,
        "chroma_ca_file": gateway.ca_file,
        "embedding_model": "hash/64",
    }
    return make_settings(**{**values, **overrides})


def test_multihost_chroma_over_https_with_the_token_ingests_and_answers(gateway, corpus, tmp_path):
    settings = settings_for(gateway, tmp_path)
    store = IndexStore.from_settings(settings)
    build_index(settings, corpus, HashEmbedder(64), store=store)
    assistant = Assistant(settings=settings, corpus=corpus, embedder=HashEmbedder(64))
    assert assistant.readiness()[0] is True
    assert assistant.ask("aml § 3-5").citations
    assert store.snapshot(store.current_version() or "") is not None  # the corpus travels with the version


@pytest.mark.parametrize(
    "overrides",
    [{"chroma_token": "wrong-token"}, {"chroma_token": None}, {"chroma_ca_file": None}],
    ids=["wrong-token", "no-token", "unknown-ca"],
)
def test_multihost_chroma_refuses_a_bad_token_or_certificate_and_the_host_is_not_ready(
    gateway, corpus, tmp_path, overrides
):
    good = settings_for(gateway, tmp_path / "good")
    build_index(good, corpus, HashEmbedder(64), store=IndexStore.from_settings(good))
    bad = settings_for(gateway, tmp_path / "bad", **overrides)
    assistant = Assistant(settings=bad, corpus=corpus, embedder=HashEmbedder(64))
    ready, reason, _ = assistant.readiness()
    assert ready is False and "Chroma" in reason
