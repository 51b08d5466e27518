"""What the HTTP layer alone costs: the real web app (middleware, validation, rate limit, audit row, JSON)
around a stub Assistant that returns a fixed Answer, under uvicorn with one worker. Reports the server's CPU
time per request (robust on a shared machine) and the wall-clock rate at concurrency 8.

Run by `make bench-web` (evals.bench_web); on its own: python -m evals.bench_http
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import psutil

from assistant.infra.config import PROJECT_ROOT, Settings
from assistant.infra.stats import percentile
from assistant.types import Answer, FaqCitation, LawCitation
from evals.ports import free_port

QUESTION = "Må daglig leder ha HMS-kurs?"


class StubAssistant:
    """Answers every question with the same realistic Answer (two citations, ~1 KB of text), instantly."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.index_version = "stub"
        self.answerer = None
        quote = "Arbeidsgiver skal gjennomgå opplæring i helse-, miljø- og sikkerhetsarbeid. " * 3
        citations: list[LawCitation | FaqCitation] = [
            LawCitation(
                law_id="LOV-2005-06-17-62",
                law_name="arbeidsmiljøloven",
                section="3-5",
                ledd=1,
                ref="aml § 3-5 (1)",
                url="https://lovdata.no/lov/2005-06-17-62/§3-5",
                quote=quote,
                version_date="2026-01-01",
                title="Opplæring",
            ),
            FaqCitation(faq_id="daglig-leder-kurs", question=QUESTION),
        ]
        self.base = Answer(question=QUESTION, answer="Ja. " * 250, abstained=False, citations=citations)

    def refresh(self, force: bool = False) -> Any:
        return type("Index", (), {"version": "stub"})()

    def readiness(self) -> tuple[bool, str, str | None]:
        return True, "ok", "stub"

    def ask(self, question: str, history: Any = (), **_: Any) -> Answer:
        return self.base.model_copy(update={"question": question, "answer_id": uuid.uuid4().hex})

    def stream(self, question: str, history: Any = (), **_: Any) -> Iterator[Any]:
        from assistant.service import StreamEvent

        answer = self.ask(question)
        yield StreamEvent("sources", answer.citations)
        yield StreamEvent("delta", answer.answer)
        yield StreamEvent("done", answer)


def app() -> Any:
    """uvicorn factory: the real app with the stub, its state in HMS_BENCH_HTTP_DIR."""
    from assistant.infra.state import AuditSpool, State
    from assistant.infra.state.sqlite import SqliteBackend
    from bots.web.app import create_app

    data = Path(os.environ["HMS_BENCH_HTTP_DIR"])
    settings = Settings(_env_file=None, data_dir=data, rate_limit_per_minute=10**9)  # type: ignore[call-arg]
    state = State(
        SqliteBackend(data / "hms.sqlite3"), pseudonym_key="bench", spool=AuditSpool(data / "spool")
    )
    return create_app(settings, assistant=StubAssistant(settings), storage=state)  # type: ignore[arg-type]


def load(url: str, *, requests: int, concurrency: int) -> tuple[float, list[float]]:
    todo = iter(range(requests))
    lock = threading.Lock()
    latencies: list[float] = []

    def worker() -> None:
        with httpx.Client(timeout=60) as client:
            while True:
                with lock:
                    if next(todo, None) is None:
                        return
                started = time.perf_counter()
                response = client.post(f"{url}/api/ask", json={"question": QUESTION})
                response.raise_for_status()
                with lock:
                    latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - started, latencies


def measure(*, requests: int = 800, concurrency: int = 8) -> dict[str, float]:
    """Server CPU ms per request, requests/s and p50 ms of the HTTP layer alone."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="hms-bench-http-") as tmp:
        env = {**os.environ, "HMS_BENCH_HTTP_DIR": tmp}
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "evals.bench_http:app",
                "--factory",
                "--port",
                str(port),
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=PROJECT_ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 120
            while True:
                try:
                    if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
            load(url, requests=50, concurrency=4)  # warm-up
            server = psutil.Process(proc.pid)
            before = server.cpu_times()
            seconds, latencies = load(url, requests=requests, concurrency=concurrency)
            after = server.cpu_times()
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    cpu = (after.user - before.user + after.system - before.system) / requests * 1000
    return {
        "cpu_ms": cpu,
        "rps": requests / seconds,
        "p50_ms": percentile(latencies, 0.5) * 1000,
        "p95_ms": percentile(latencies, 0.95) * 1000,
    }


if __name__ == "__main__":
    print(measure())
