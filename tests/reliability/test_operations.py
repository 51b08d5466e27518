"""Operations, with real processes: a corpus update reaching live servers without a restart (embedded and
Chroma server mode), a hung Chroma server, a SIGKILLed `hms serve` parent, and ingest into a Chroma server
reusing the local index's vectors."""

from __future__ import annotations

import shutil
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil
import pytest
import yaml
from fastapi.testclient import TestClient

from assistant.retrieval.embeddings import HashEmbedder
from assistant.service import Assistant
from bots.web.app import create_app
from evals.ports import free_port
from ingest.pipeline import ingest_from_settings
from tests.conftest import CORPUS_DIR, build_index, make_settings, sqlite_state
from tests.serving import ChromaServer, HmsServer, hms, hms_env, wait_for

pytestmark = pytest.mark.integration
MARKER = "Denne setningen er lagt til i testen."
EDIT_WITHIN_S = 30.0


def faq_to_edit(corpus_dir: Path) -> tuple[str, str]:
    """(the canonical question of an FAQ entry about verneombud, its answer's last line)."""
    entries = yaml.safe_load((corpus_dir / "faq.yaml").read_text(encoding="utf-8"))["entries"]
    text = (corpus_dir / "faq.yaml").read_text(encoding="utf-8")
    for entry in entries:
        last = entry["answer"].splitlines()[-1].strip()
        if entry["topic"] == "verneombud" and entry["kind"] == "faq" and last and text.count(last) == 1:
            return entry["question"], last
    raise AssertionError("no FAQ entry to edit")


def edit_faq(corpus_dir: Path, last_line: str) -> None:
    path = corpus_dir / "faq.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(last_line, f"{last_line} {MARKER}"), encoding="utf-8"
    )


class Asker:
    """Asks one question over and over against some servers and records every outcome."""

    def __init__(self, urls: list[str], question: str):
        self.urls, self.question = urls, question
        self.failures: list[str] = []
        self.seen_edit: dict[str, float] = {}
        self.count = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        with httpx.Client(timeout=60) as client:
            while not self._stop.is_set():
                for url in self.urls:
                    try:
                        response = client.post(f"{url}/api/ask", json={"question": self.question})
                    except httpx.HTTPError as exc:
                        self.failures.append(f"{url}: {type(exc).__name__}")
                        continue
                    self.count += 1
                    if response.status_code != 200:
                        self.failures.append(f"{url}: {response.status_code} {response.text[:200]}")
                    elif MARKER in response.json()["answer"]:
                        self.seen_edit.setdefault(url, time.monotonic())

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=120)


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS_DIR, target)
    return target


@pytest.fixture
def seeded_data(tmp_path: Path, real_settings) -> Path:
    """A data dir holding a copy of the real test index (an ingest then embeds only what changed)."""
    data = tmp_path / "data"
    shutil.copytree(real_settings.index_dir, data / "index", ignore=shutil.ignore_patterns(".lock"))
    return data


def test_an_edited_faq_entry_is_served_within_30_s_of_hms_ingest_without_a_failed_request(
    corpus_copy: Path, seeded_data: Path, tmp_path: Path
):
    env = hms_env(corpus_dir=corpus_copy, data_dir=seeded_data, rate_limit_per_minute=1_000_000)
    hms("ingest", env=env)
    server = HmsServer(env, log_path=tmp_path / "serve.log")
    try:
        server.wait_ready()
        question, last = faq_to_edit(corpus_copy)
        asker = Asker([server.url], question)
        wait_for(lambda: asker.count >= 3, what="answers before the edit")
        edit_faq(corpus_copy, last)
        hms("ingest", env=env)
        ingested = time.monotonic()
        wait_for(lambda: server.url in asker.seen_edit, timeout=120, what="the edited answer")
        asker.stop()
        assert asker.seen_edit[server.url] - ingested <= EDIT_WITHIN_S
        assert asker.failures == []
    finally:
        server.stop()


@pytest.fixture
def chroma(tmp_path: Path) -> Iterator[ChromaServer]:
    server = ChromaServer(tmp_path / "chroma")
    yield server
    server.stop()


def test_an_edited_faq_entry_reaches_two_chroma_mode_instances_without_corpus_files(
    chroma: ChromaServer, corpus_copy: Path, seeded_data: Path, tmp_path: Path
):
    ingest_env = hms_env(corpus_dir=corpus_copy, data_dir=seeded_data, chroma_url=chroma.url)
    hms("ingest", env=ingest_env)
    empty = tmp_path / "no-corpus"
    empty.mkdir()
    servers = [
        HmsServer(
            hms_env(
                corpus_dir=empty,
                data_dir=tmp_path / f"host{n}",
                chroma_url=chroma.url,
                rate_limit_per_minute=1_000_000,
            ),
            log_path=tmp_path / f"serve{n}.log",
        )
        for n in (1, 2)
    ]
    try:
        for server in servers:
            server.wait_ready()
        question, last = faq_to_edit(corpus_copy)
        asker = Asker([s.url for s in servers], question)
        wait_for(lambda: asker.count >= 4, what="answers before the edit")
        edit_faq(corpus_copy, last)
        hms("ingest", env=ingest_env)
        ingested = time.monotonic()
        wait_for(lambda: len(asker.seen_edit) == 2, timeout=120, what="the edited answer on both instances")
        asker.stop()
        assert all(seen - ingested <= EDIT_WITHIN_S for seen in asker.seen_edit.values())
        assert asker.failures == []
    finally:
        for server in servers:
            server.stop()


def test_a_hung_chroma_server_does_not_hold_up_answers_and_recovers_on_sigcont(
    chroma: ChromaServer, corpus, tmp_path: Path
):
    """The live version's vectors are held in memory (assistant.index.vectors), so a SIGSTOPped Chroma server no
    longer sits in the path of an answer: questions are answered from the loaded version within 2 s, /readyz
    answers within 2 s without the internal address, and a new version is picked up again after SIGCONT."""
    settings = make_settings(data_dir=tmp_path, chroma_url=chroma.url, embedding_model="hash/64")
    build_index(settings, corpus, HashEmbedder(64))
    assistant = Assistant(settings=settings, corpus=corpus, embedder=HashEmbedder(64))
    app = create_app(settings, assistant=assistant, storage=sqlite_state(tmp_path / "hms.sqlite3"))
    with TestClient(app) as client:
        assert client.post("/api/ask", json={"question": "aml § 3-5"}).status_code == 200
        chroma.proc.send_signal(signal.SIGSTOP)
        try:
            for path, call in (
                ("/api/ask", lambda: client.post("/api/ask", json={"question": "Hva er et verneombud?"})),
                ("/readyz", lambda: client.get("/readyz")),
                ("/api/ask", lambda: client.post("/api/ask", json={"question": "aml § 6-5"})),
            ):
                started = time.monotonic()
                response = call()
                took = time.monotonic() - started
                assert took <= 2.0, f"{path} took {took:.2f} s"
                if path == "/api/ask":
                    assert response.status_code == 200 and response.json()["citations"], response.text
                assert chroma.url.split("//")[1] not in response.text  # no internal address in public
        finally:
            chroma.proc.send_signal(signal.SIGCONT)
        wait_for(lambda: client.get("/readyz").status_code == 200, timeout=60, what="recovery")
        assert client.post("/api/ask", json={"question": "aml § 3-5"}).status_code == 200


def test_sigkill_of_the_serve_parent_stops_its_workers_and_frees_the_port(corpus, tmp_path: Path):
    settings = make_settings(data_dir=tmp_path, embedding_model="hash/64")
    build_index(settings, corpus, HashEmbedder(64))
    env = hms_env(data_dir=tmp_path, corpus_dir=CORPUS_DIR, embedding_model="hash/64")
    port = free_port()
    first = HmsServer(env, log_path=tmp_path / "first.log", port=port, workers=2)
    try:
        first.wait_ready()
        workers = psutil.Process(first.proc.pid).children(recursive=True)
        assert len([w for w in workers if "python" in w.name().lower()]) >= 2
        first.proc.send_signal(signal.SIGKILL)
        first.proc.wait(timeout=30)
        gone, alive = psutil.wait_procs(workers, timeout=60)
        assert alive == [], f"orphan workers still running: {[p.pid for p in alive]}"
        second = HmsServer(env, log_path=tmp_path / "second.log", port=port, workers=2)
        try:
            second.wait_ready()
        finally:
            second.stop()
    finally:
        first.stop()


def test_ingest_into_a_chroma_server_reuses_the_local_index_vectors(
    chroma: ChromaServer, seeded_data: Path, real_embedder
):
    settings = make_settings(data_dir=seeded_data, chroma_url=chroma.url)
    report = ingest_from_settings(settings, embedder=real_embedder)
    assert report.status == "built" and report.embedded == 0 and report.reused == report.chunks
