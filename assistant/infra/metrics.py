"""Prometheus metrics for operators (prometheus-client).

`hms serve` points PROMETHEUS_MULTIPROC_DIR at a fresh directory before its workers start, so every worker
writes its values there and the one /metrics endpoint (on its own port, HMS_METRICS_PORT, not the public
origin) adds them up. Without that variable the values live in the process (tests, the CLI).
"""

from __future__ import annotations

import os
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, multiprocess, start_http_server

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"

REQUESTS = Counter("hms_http_requests", "HTTP requests by route and status", ["route", "method", "status"])
ANSWER_SECONDS = Histogram(
    "hms_answer_seconds",
    "Time to answer a question (retrieval, answer, verification)",
    ["mode"],
    buckets=(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48),
)
ANSWERS = Counter("hms_answers", "Answers by outcome", ["outcome"])  # answered | abstained
LLM_FALLBACKS = Counter("hms_llm_fallbacks", "LLM answers replaced by the extractive answer")
VERIFICATION_DROPS = Counter("hms_verification_drops", "Citations dropped because they did not verify")
FEEDBACK = Counter("hms_feedback", "Stored 👍/👎 votes", ["helpful", "source"])
INDEX_INFO = Gauge(
    "hms_index_info",
    "The index version this process answers from (1 = live)",
    ["version"],
    multiprocess_mode="liveall",
)
SLACK_EVENTS = Counter("hms_slack_events", "Slack events by outcome", ["outcome"])  # first | resent
STORE_ERRORS = Counter(
    "hms_store_errors", "Errors talking to a store", ["store"]
)  # chroma | postgres | sqlite


def observe_answer(answer: Any, *, dropped: int) -> None:
    """Count one finished answer (an assistant.types.Answer)."""
    ANSWER_SECONDS.labels(mode=str(answer.mode)).observe(float(answer.latency_ms) / 1000)
    ANSWERS.labels(outcome="abstained" if answer.abstained else "answered").inc()
    if answer.mode == "llm-fallback":
        LLM_FALLBACKS.inc()
    if dropped:
        VERIFICATION_DROPS.inc(dropped)


def index_swapped(old: str | None, new: str) -> None:
    if old:
        INDEX_INFO.labels(version=old).set(0)
    INDEX_INFO.labels(version=new).set(1)


def serve_metrics(*, host: str, port: int) -> None:
    """/metrics on its own port, in a background thread, adding up every worker's values."""
    registry: CollectorRegistry | None = None
    if os.environ.get(MULTIPROC_ENV):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    start_http_server(port, addr=host, registry=registry) if registry else start_http_server(port, addr=host)


def process_exited() -> None:
    """A worker stops: drop its live gauges (the index version it served)."""
    if os.environ.get(MULTIPROC_ENV):
        multiprocess.mark_process_dead(os.getpid())
