"""Faults the service must survive: a killed ingest, a corrupt or missing index, an unloadable model,
concurrent ingest and queries, and a Chroma server that goes down and comes back."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypedDict

import httpx
import pytest

from assistant.index.errors import IndexNotReady
from assistant.index.versions import IndexStore
from assistant.retrieval.embeddings import EmbeddingError, HashEmbedder, make_embedder
from assistant.service import Assistant
from evals.ports import free_port
from tests.conftest import CORPUS_DIR, build_index, make_settings

pytestmark = pytest.mark.integration


def chroma_cli() -> str:
    """The `chroma` command installed beside this Python (the venv's bin/ need not be on PATH)."""
    beside = Path(sys.executable).parent / "chroma"
    return str(beside) if beside.is_file() else shutil.which("chroma") or "chroma"


def hms_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HMS_")}
    return {**env, "HMS_DATA_DIR": str(data_dir), "HMS_CORPUS_DIR": str(CORPUS_DIR), **extra}


def test_sigkill_during_ingest_leaves_the_previous_index_serving(tmp_path, corpus):
    """A real `hms ingest --force` with the real model, killed with SIGKILL while embedding."""
    settings = make_settings(data_dir=tmp_path)
    build_index(settings, corpus, HashEmbedder(64))  # a previous, complete index (hash model)
    store = IndexStore(index_dir=settings.index_dir)
    before = store.current_version()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bots.cli", "ingest", "--force"],
        env=hms_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    seen = ""
    while time.monotonic() < deadline and "Embedding:" not in seen:  # wait until it is embedding
        line = proc.stderr.readline() if proc.stderr else ""
        seen += line
        if proc.poll() is not None:
            break
    assert "Embedding:" in seen, seen
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert store.current_version() == before
    hash_assistant = Assistant(
        settings=settings.model_copy(update={"embedding_model": "hash/64"}),
        corpus=corpus,
        embedder=HashEmbedder(64),
        store=store,
    )
    assert hash_assistant.readiness()[0] is True
    # the next ingest completes and cleans up the half-written version
    report = subprocess.run(
        [sys.executable, "-m", "bots.cli", "ingest", "--force"],
        env=hms_env(tmp_path, HMS_EMBEDDING_MODEL="hash/64"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert report.returncode == 0, report.stderr
    versions = [p for p in (settings.index_dir / "versions").iterdir() if p.is_dir()]
    assert all((p / "manifest.json").is_file() for p in versions)


def test_corrupt_index_is_not_ready_with_a_reason_and_does_not_crash(tmp_path, corpus):
    settings = make_settings(data_dir=tmp_path, embedding_model="hash/64")
    store = build_index(settings, corpus, HashEmbedder(64))
    version = store.current_version()
    assert version is not None
    db = settings.index_dir / "versions" / version / "chroma.sqlite3"
    db.write_bytes(b"this is not a sqlite database" * 100)
    assistant = Assistant(settings=settings, corpus=corpus, embedder=HashEmbedder(64), store=store)
    ready, reason, _ = assistant.readiness()
    assert not ready and reason
    with pytest.raises(IndexNotReady):
        assistant.ask("Må jeg ha HMS-kurs som daglig leder?")
    # a rebuild recovers without a restart
    shutil.rmtree(settings.index_dir)
    build_index(settings, corpus, HashEmbedder(64))
    assert assistant.readiness()[0] is True
    assert assistant.ask("aml 3-5").citations


def test_missing_index_directory_is_not_ready(tmp_path, corpus):
    settings = make_settings(data_dir=tmp_path, embedding_model="hash/64")
    assistant = Assistant(settings=settings, corpus=corpus, embedder=HashEmbedder(64))
    ready, reason, _ = assistant.readiness()
    assert not ready and "hms ingest" in reason


def test_an_embedding_model_that_cannot_load_names_the_setting(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")  # no hub lookups (and their retries) on this offline machine
    with pytest.raises(EmbeddingError, match="HMS_EMBEDDING_MODEL"):
        make_embedder("sentence-transformers/ikke-en-modell-som-finnes")
    with pytest.raises(EmbeddingError, match="HMS_EMBEDDING_MODEL"):
        make_embedder("word2vec/whatever")
    out = subprocess.run(
        [sys.executable, "-m", "bots.cli", "status"],
        env=hms_env(Path("/nonexistent"), HMS_EMBEDDING_MODEL="foo/bar"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 3 and "HMS_EMBEDDING_MODEL" in out.stderr and "Traceback" not in out.stderr


def test_queries_keep_answering_from_the_old_index_during_an_ingest(tmp_path, corpus):
    settings = make_settings(data_dir=tmp_path, embedding_model="hash/64")
    store = build_index(settings, corpus, HashEmbedder(64))
    first = store.current_version()
    assistant = Assistant(settings=settings, corpus=corpus, embedder=HashEmbedder(64), store=store)
    errors: list[BaseException] = []
    answered: list[str | None] = []
    stop = threading.Event()

    def ask_loop() -> None:
        while not stop.is_set():
            try:
                assistant.ask("aml § 6-5")
                answered.append(assistant.index_version)
            except BaseException as exc:  # noqa: BLE001 - collect every failure
                errors.append(exc)

    threads = [threading.Thread(target=ask_loop) for _ in range(2)]
    for t in threads:
        t.start()
    from ingest.pipeline import ingest

    report = ingest(corpus, store=store, embedder=HashEmbedder(64), force=True, log=lambda _m: None)
    deadline = time.monotonic() + 60  # checked about once a second, then loaded beside the live index
    while report.version not in answered and time.monotonic() < deadline and not errors:
        time.sleep(0.1)
    stop.set()
    for t in threads:
        t.join()
    assert not errors
    assert first in answered and report.version in answered


class ChromaRun(TypedDict):
    proc: subprocess.Popen[bytes]
    url: str
    start: Callable[[], subprocess.Popen[bytes]]


@pytest.fixture
def chroma_server(tmp_path):
    port = free_port()
    path = tmp_path / "chroma"

    def start() -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(
            [chroma_cli(), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
        )
        for _ in range(100):
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).status_code == 200:
                    return proc
            except httpx.HTTPError:
                time.sleep(0.1)
        proc.kill()
        raise RuntimeError("chroma run did not start")

    server: ChromaRun = {"proc": start(), "url": f"http://127.0.0.1:{port}", "start": start}
    yield server
    server["proc"].kill()
    server["proc"].wait()


def test_chroma_server_mode_ingests_and_answers_with_the_real_model(
    chroma_server, tmp_path, corpus, real_embedder, real_settings
):
    settings = make_settings(data_dir=tmp_path, chroma_url=chroma_server["url"])
    local = IndexStore(index_dir=real_settings.index_dir)  # the local real index lends its vectors
    store = build_index(settings, corpus, real_embedder, seed=local)
    assert (settings.index_dir / "versions").exists() is False  # nothing written locally
    # two stateless "workers" share the one index
    workers = [Assistant(settings=settings, corpus=corpus, embedder=real_embedder) for _ in range(2)]
    for worker in workers:
        answer = worker.ask("Må jeg ha HMS-kurs som daglig leder?")
        assert [c.section for c in answer.citations if c.kind == "law"][0] == "3-5"
        assert worker.index_version == store.current_version()


def test_chroma_server_down_keeps_answers_coming_from_memory_and_recovers_without_restart(
    chroma_server, tmp_path, corpus
):
    """The live version's vectors are held in memory, so a dead Chroma server is not in the path of an answer:
    questions keep being answered, quickly, from the loaded version (the store's trouble goes to the log and the
    metrics); once the server is back, a new version ingested into it is picked up without a restart."""
    from ingest.pipeline import ingest
    from tests.serving import wait_for

    settings = make_settings(data_dir=tmp_path, chroma_url=chroma_server["url"], embedding_model="hash/64")
    store = build_index(settings, corpus, HashEmbedder(64))
    assistant = Assistant(settings=settings, corpus=corpus, embedder=HashEmbedder(64))
    loaded = assistant.refresh().version
    assert assistant.ask("aml 3-5").citations
    chroma_server["proc"].kill()
    chroma_server["proc"].wait()
    for _ in range(3):
        started = time.monotonic()
        assert assistant.ask("aml 3-5").citations
        assert time.monotonic() - started < 5
        time.sleep(1.1)  # past the pointer check interval: the store is asked, and is down
    assert assistant.readiness()[0] is True and assistant.index_version == loaded
    chroma_server["proc"] = chroma_server["start"]()
    newer = ingest(corpus, store=store, embedder=HashEmbedder(64), force=True, log=lambda _m: None).version
    assert newer != loaded
    wait_for(lambda: assistant.refresh().version == newer, timeout=60, what="the new version")
    assert assistant.ask("aml 3-5").citations
