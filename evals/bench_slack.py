"""`make bench-slack`: how fast the Slack bot acks, and how long from an event to its chat.postMessage.

The HTTP-mode app (FastAPI + the mounted Bolt route, real uvicorn on 127.0.0.1) answers with the real
Assistant on the real index (`make index`), and posts to the fake Slack Web API (evals/testing/fake_slack.py).
Every request is an app_mention event signed with the signing secret exactly as Slack signs it.

- ack: 100 events sent back to back (each waits for its HTTP 200); the answers are computed after the acks,
  in Bolt's worker threads, while the next events arrive. Measured at the client: request sent -> 200.
- event -> chat.postMessage: (a) one event at a time, (b) for the burst above (answers queue for the
  workers). Measured from just before the request to the fake Slack receiving chat.postMessage.
- for comparison, `Assistant.ask` alone on the same questions.

Client, server, Bolt workers and the fake Slack share one process and the machine's cores, so these are
conservative figures for a dedicated deployment.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from assistant.index.errors import IndexNotReady
from assistant.infra.config import get_settings
from assistant.infra.state import open_state
from assistant.infra.stats import percentile
from assistant.service import Assistant
from assistant.sources.corpus import Corpus
from bots.slack.http import mount
from evals.datasets import sample_questions
from evals.testing.fake_slack import FakeSlack
from evals.testing.slack_app import RunningApp
from evals.testing.slack_payloads import BOT_TOKEN, SIGNING_SECRET, event_callback, mention

REPORTS = Path(__file__).resolve().parent / "reports"


def summary(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "p50_ms": round(percentile(values, 0.50), 1),
        "p95_ms": round(percentile(values, 0.95), 1),
        "max_ms": round(max(values), 1),
        "mean_ms": round(statistics.fmean(values), 1),
    }


def questions(corpus: Corpus, n: int) -> list[str]:
    items = sample_questions(corpus)
    return [items[i % len(items)] for i in range(n)]


def send(app: RunningApp, question: str, channel: str) -> tuple[float, float]:
    """(moment sent, ack milliseconds) for one signed app_mention event."""
    started = time.perf_counter()
    response = app.event(event_callback(mention(question, channel=channel)))
    ack_ms = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"Slack event not acked: {response.status_code} {response.text}")
    return started, ack_ms


def ask_alone(assistant: Assistant, qs: list[str]) -> list[float]:
    """Milliseconds of `Assistant.ask` alone per question, after a warm-up."""
    for q in qs[:10]:  # warm the model and the caches, as a running bot is
        assistant.ask(q)
    direct = []
    for q in qs:  # the answer alone, for comparison: the rest is Slack plumbing
        t = time.perf_counter()
        assistant.ask(q)
        direct.append((time.perf_counter() - t) * 1000)
    return direct


def over_slack(
    app: RunningApp, fake: FakeSlack, qs: list[str]
) -> tuple[list[float], list[float], list[float]]:
    """(event -> chat.postMessage ms one event at a time, ack ms in a burst, event -> chat.postMessage ms in
    that burst)."""
    send(app, qs[0], "CWARMUP")  # the first request runs auth.test
    fake.wait_for("chat.postMessage", channel="CWARMUP")

    sequential = []
    for i, q in enumerate(qs):
        channel = f"CSEQ{i:04d}"
        started, _ = send(app, q, channel)
        (post,) = fake.wait_for("chat.postMessage", channel=channel)
        sequential.append((post.at - started) * 1000)

    sent: dict[str, float] = {}
    acks = []
    for i, q in enumerate(qs):
        channel = f"CBURST{i:04d}"
        sent[channel], ack_ms = send(app, q, channel)
        acks.append(ack_ms)
    burst = []
    for channel, started in sent.items():
        (post,) = fake.wait_for("chat.postMessage", channel=channel, timeout=300)
        burst.append((post.at - started) * 1000)
    return sequential, acks, burst


def run(n: int) -> dict[str, Any]:
    load_before = os.getloadavg()[0]
    fake = FakeSlack()
    with tempfile.TemporaryDirectory() as tmp:
        settings = get_settings().model_copy(
            update={
                "slack_bot_token": BOT_TOKEN,
                "slack_signing_secret": SIGNING_SECRET,
                "slack_api_url": fake.api_url,
                "slack_mode": "http",
                "slack_rate_limit_per_minute": 0,
                "database_path": Path(tmp) / "bench.sqlite3",
            }
        )
        assistant = Assistant(settings=settings)
        assistant.refresh()  # IndexNotReady says why (and to run `make index`)
        qs = questions(assistant.corpus, n)
        direct = ask_alone(assistant, qs)
        web = FastAPI()
        mount(web, assistant=assistant, storage=open_state(settings), settings=settings)
        app = RunningApp(web)
        try:
            sequential, acks, burst = over_slack(app, fake, qs)
        finally:
            app.close()
            fake.close()
    return {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "index_version": assistant.index_version,
        "embedding_model": settings.embedding_model,
        "answerer": getattr(assistant.answerer, "name", "?"),
        "events": n,
        "ack_burst": summary(acks),
        "post_sequential": summary(sequential),
        "post_burst": summary(burst),
        "ask_alone": summary(direct),
    }


def markdown(r: dict[str, Any]) -> str:
    def row(name: str, s: dict[str, float]) -> str:
        return f"| {name} | {s['n']} | {s['p50_ms']} | {s['p95_ms']} | {s['max_ms']} | {s['mean_ms']} |"

    return "\n".join(
        [
            "# Slack bot: ack time and event -> chat.postMessage",
            "",
            f"{r['date']}; {r['machine']}; index {r['index_version']}; {r['embedding_model']}; "
            f"answerer {r['answerer']}; 1-minute load average {r['load_average'][0]} before, "
            f"{r['load_average'][1]} after. Produced by `make bench-slack` (evals/bench_slack.py).",
            "",
            "Signed app_mention events over real HTTP to the HTTP-mode app (uvicorn + Bolt), the real Assistant "
            "and index; answers posted to the fake Slack Web API. Client, server and fake share one process.",
            "",
            "| measurement | n | p50 ms | p95 ms | max ms | mean ms |",
            "|---|---|---|---|---|---|",
            row(f"ack, {r['events']} events back to back (answers computed after the ack)", r["ack_burst"]),
            row("event -> chat.postMessage, one event at a time", r["post_sequential"]),
            row(
                f"event -> chat.postMessage, the burst of {r['events']} (queued for 5 workers)",
                r["post_burst"],
            ),
            row("for comparison: Assistant.ask alone, same questions, no Slack", r["ask_alone"]),
            "",
            "Slack's limit for the ack is 3,000 ms.",
            "",
        ]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("-n", type=int, default=100, help="events per measurement (default 100)")
    args = parser.parse_args()
    try:
        result = run(args.n)
    except IndexNotReady as exc:
        print(f"Feil: {exc.reason}", file=sys.stderr)
        return 3
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / "bench-slack.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (REPORTS / "bench-slack.md").write_text(markdown(result), encoding="utf-8")
    print(markdown(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
