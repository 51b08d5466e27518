"""Web benchmark: time to the first `sources` event and to `done` over HTTP, and /api/ask throughput.

Starts `hms serve --workers 2` as a subprocess on a free 127.0.0.1 port (real uvicorn, the real index under
HMS_DATA_DIR or data/), then:
  1. streams 50 questions one at a time through POST /api/ask/stream (p50/p95 to `sources` and to `done`);
  2. sends POST /api/ask at concurrency 1, 8 and 32 (a bounded number of requests each) and counts errors;
  3. compares with the in-process latency of Assistant.ask on the same questions (measured before the server
     starts, so the two do not share the CPU).
Prints a Markdown table and writes it to evals/reports/bench-web.md. Usage: python -m evals.bench_web
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import httpx

from assistant.infra.config import PROJECT_ROOT, get_settings
from assistant.infra.stats import percentile
from evals.bench_http import measure
from evals.ports import free_port
from evals.serve_process import ServeProcess

REPORT = PROJECT_ROOT / "evals" / "reports" / "bench-web.md"
LEVELS = (1, 8, 32)


def questions(n: int) -> list[str]:
    """n questions: the FAQ's canonical questions and the held-out law questions, interleaved, cycled."""
    from assistant.sources.corpus import load_corpus
    from evals.datasets import corpus_items, load_split

    corpus = load_corpus(get_settings().corpus_dir)
    faq = [item.question for item in corpus_items(corpus) if item.group == "canonical"]
    law = [item.question for item in load_split("dev") if item.group == "hr"]
    mixed = [q for pair in zip(faq, law, strict=False) for q in pair] + faq[len(law) :] + law[len(faq) :]
    return [mixed[i % len(mixed)] for i in range(n)]


def serve_env(workers: int) -> dict[str, str]:
    """A load test from one address: lift the per-IP rate limit and the widget cap for this server only."""
    return {
        **os.environ,
        "HMS_WORKERS": str(workers),
        "HMS_WIDGET_DAILY_CAP": "100000",
        "HMS_RATE_LIMIT_PER_MINUTE": "1000000",
    }


def stream_once(client: httpx.Client, url: str, question: str) -> tuple[float, float]:
    """(seconds to the `sources` event, seconds to the `done` event) for one streamed answer."""
    started = time.perf_counter()
    to_sources = to_done = None
    with client.stream("POST", f"{url}/api/ask/stream", json={"question": question}) as response:
        response.raise_for_status()
        for line in response.iter_lines():
            if line == "event: sources" and to_sources is None:
                to_sources = time.perf_counter() - started
            elif line == "event: done":
                to_done = time.perf_counter() - started
    if to_sources is None or to_done is None:
        raise RuntimeError(f"incomplete stream for {question!r}")
    return to_sources, to_done


@dataclass
class LoadResult:
    concurrency: int
    requests: int
    seconds: float
    errors: int
    latencies: list[float] = field(default_factory=list)

    @property
    def rps(self) -> float:
        return (self.requests - self.errors) / self.seconds


def load(url: str, qs: list[str], *, concurrency: int, requests: int) -> LoadResult:
    """`requests` POST /api/ask calls from `concurrency` threads; every non-200 or failure is an error."""
    lock = threading.Lock()
    todo: Iterator[int] = iter(range(requests))
    result = LoadResult(concurrency, requests, 0.0, 0)

    def worker() -> None:
        with httpx.Client(timeout=60) as client:
            while True:
                with lock:
                    n = next(todo, None)
                if n is None:
                    return
                t0 = time.perf_counter()
                try:
                    ok = client.post(f"{url}/api/ask", json={"question": qs[n % len(qs)]}).status_code == 200
                except httpx.HTTPError:
                    ok = False
                with lock:
                    result.latencies.append(time.perf_counter() - t0)
                    result.errors += 0 if ok else 1

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        for future in [pool.submit(worker) for _ in range(concurrency)]:
            future.result()
    result.seconds = time.perf_counter() - started
    return result


def in_process(qs: list[str]) -> list[float]:
    from assistant.service import Assistant

    assistant = Assistant(settings=get_settings())
    assistant.refresh()
    for q in qs[:3]:
        assistant.ask(q)  # warm-up
    return [assistant.ask(q).latency_ms / 1000 for q in qs]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


def measure_server(
    url: str, qs: list[str], *, per_level: int
) -> tuple[list[tuple[float, float]], list[LoadResult]]:
    """Against a ready server: the streamed timings of each question, then the load at each concurrency."""
    with httpx.Client(timeout=60) as client:
        for q in qs[:3]:
            stream_once(client, url, q)  # warm-up (both workers load lazily)
        timings = [stream_once(client, url, q) for q in qs]
    results = [load(url, qs, concurrency=c, requests=max(40, c * per_level)) for c in LEVELS]
    return timings, results


def markdown(
    *,
    workers: int,
    qs: list[str],
    local: list[float],
    http: dict[str, float],
    timings: list[tuple[float, float]],
    results: list[LoadResult],
) -> str:
    """The report: streaming latency beside the in-process ask, the HTTP layer alone, and the throughput."""
    sources = [t[0] for t in timings]
    done = [t[1] for t in timings]
    lines = [
        f"# Web benchmark ({time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, uvicorn {workers} workers)",
        "",
        f"Streaming, {len(qs)} questions one at a time through POST /api/ask/stream:",
        "",
        "| measure | p50 ms | p95 ms |",
        "| --- | --- | --- |",
        f"| time to first `sources` event | {ms(percentile(sources, 0.5))} | {ms(percentile(sources, 0.95))} |",
        f"| time to `done` | {ms(percentile(done, 0.5))} | {ms(percentile(done, 0.95))} |",
        f"| in-process `Assistant.ask` (same questions, no HTTP) | {ms(percentile(local, 0.5))} | {ms(percentile(local, 0.95))} |",
        "",
        "The HTTP layer alone (the app around a stub Assistant with a fixed answer; 1 worker, concurrency 8):",
        "",
        "| server CPU per request | requests/s | p50 ms | p95 ms |",
        "| --- | --- | --- | --- |",
        f"| {http['cpu_ms']:.2f} ms | {http['rps']:.0f} | {http['p50_ms']:.0f} | {http['p95_ms']:.0f} |",
        "",
        "POST /api/ask throughput:",
        "",
        "| concurrency | requests | errors | requests/s | p50 ms | p95 ms |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        lines.append(
            f"| {r.concurrency} | {r.requests} | {r.errors} | {r.rps:.1f} | "
            f"{ms(statistics.median(r.latencies))} | {ms(percentile(r.latencies, 0.95))} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.bench_web")
    parser.add_argument("--questions", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--per-level", type=int, default=8, help="requests per concurrent client at each level"
    )
    args = parser.parse_args(argv)
    qs = questions(args.questions)

    local = in_process(qs)
    http = measure()
    server = ServeProcess(
        port=free_port(),
        workers=args.workers,
        env=serve_env(args.workers),
        log=PROJECT_ROOT / "data" / "bench-web-server.log",
    )
    try:
        server.wait_ready(timeout=180)
        timings, results = measure_server(server.url, qs, per_level=args.per_level)
    finally:
        server.stop()

    table = markdown(workers=args.workers, qs=qs, local=local, http=http, timings=timings, results=results)
    print(table)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(table, encoding="utf-8")
    errors = sum(r.errors for r in results)
    if errors:
        print(f"FAILED: {errors} errors", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
