"""`make soak`: load held, nothing lost, memory watched, on loopback and within a time bound.

Starts `hms serve --workers 2` on a free 127.0.0.1 port (real uvicorn, the real index under HMS_DATA_DIR or
data/) with Slack in HTTP mode posting to a fake Slack Web API in this process, a temp SQLite database and
rate limits raised for the load. After a warm-up, at the same time:
  - POST /api/ask x 2,000 at concurrency 32 (the eval questions, cycled), each with its own X-Request-ID,
    and POST /api/feedback for every 4th answer;
  - 500 signed Slack events (app_mention in channels, every 5th a DM), every 10th sent twice as Slack
    resends it (X-Slack-Retry-Num), each in its own channel so its chat.postMessage can be counted.
Every non-2xx or failed request is an error. Afterwards the database must hold every feedback row a 201
promised and one audit row per answer (web by request id, Slack by event id), every event must be answered
exactly once with an answer (not an error message), each question must get the same citations every time,
and the server log must hold no error. The RSS of the uvicorn supervisor and its workers is sampled every
second (psutil).

Writes evals/reports/soak.md and soak.json and prints the tables; exits 1 on any error, lost write,
duplicate or missing answer, or when the time bound (default 20 minutes) is reached.
Usage: python -m evals.soak [--requests 2000 --concurrency 32 --events 500 --time-limit 1200]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import signal
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from assistant.infra.config import PROJECT_ROOT, get_settings
from assistant.sources.corpus import load_corpus
from evals.datasets import corpus_items, load_split
from evals.ports import free_port
from evals.serve_process import ServeProcess
from evals.soak_load import (
    Deadline,
    SlackResult,
    TimeBound,
    WebResult,
    latency,
    slack_load,
    slack_outcome,
    wait_for_answers,
    web_load,
)
from evals.soak_report import count_rows, failures, log_problems, markdown, wait_for_audit
from evals.soak_server import SERVER_LOG, MemorySampler, server_env
from evals.testing.fake_slack import FakeSlack

REPORTS = PROJECT_ROOT / "evals" / "reports"


async def load(
    url: str, questions: list[str], args: argparse.Namespace, deadline: Deadline
) -> tuple[WebResult, SlackResult]:
    web = web_load(
        url,
        questions,
        requests=args.requests,
        concurrency=args.concurrency,
        feedback_every=args.feedback_every,
        deadline=deadline,
    )
    slack = slack_load(url, questions, events=args.events, interval=args.slack_interval, deadline=deadline)
    return await asyncio.gather(web, slack)


async def warm_up(
    url: str, questions: list[str], fake: FakeSlack, *, concurrency: int, deadline: Deadline
) -> None:
    """Both workers load their model, index and thread pools, and make their first Slack calls."""
    slack = await slack_load(url, questions, events=4, interval=0, deadline=deadline, prefix="WARM")
    await web_load(
        url,
        questions,
        requests=2 * concurrency,
        concurrency=concurrency,
        feedback_every=0,
        deadline=deadline,
        prefix="soak-warmup",
    )
    wait_for_answers(fake, set(slack.sent), deadline, timeout=60, settle=0)


# -- the run -------------------------------------------------------------------------------------------
def questions() -> list[str]:
    """The canonical FAQ questions and the dev split, interleaved by group so that every kind comes early."""
    corpus = load_corpus(get_settings().corpus_dir)
    kinds: dict[str, list[str]] = defaultdict(list)
    for item in [i for i in corpus_items(corpus) if i.group == "canonical"] + load_split("dev"):
        kinds[item.group].append(item.question)
    longest = max(len(v) for v in kinds.values())
    return [v[i] for i in range(longest) for v in kinds.values() if i < len(v)]


def hard_stop(server: ServeProcess, after: float) -> None:
    """The last resort when something blocks past the bound: stop the server and exit."""
    print(f"FAILED: the soak was still running {after:.0f} s after it started; stopped.", file=sys.stderr)
    server.kill(signal.SIGKILL)
    os._exit(2)


def under_load(
    server: ServeProcess,
    fake: FakeSlack,
    qs: list[str],
    args: argparse.Namespace,
    deadline: Deadline,
    database: Path,
) -> tuple[WebResult, SlackResult, MemorySampler, float]:
    """Wait for the server, warm it up, then the load with its RSS sampled, until every answer and audit row is
    in: (web, Slack, the sampler, the load's seconds). Stops the server and the fake Slack; raises TimeBound."""
    watchdog = threading.Timer(args.time_limit + 120, hard_stop, args=(server, args.time_limit + 120))
    watchdog.daemon = True
    watchdog.start()
    sampler: MemorySampler | None = None
    try:
        server.wait_ready(check=lambda: deadline.check("waiting for the server"))
        asyncio.run(warm_up(server.url, qs, fake, concurrency=args.concurrency, deadline=deadline))
        sampler = MemorySampler(server.proc.pid)
        sampler.sample()
        sampler.start()
        started = time.monotonic()
        web, slack = asyncio.run(load(server.url, qs, args, deadline))
        wait_for_answers(fake, set(slack.sent), deadline)
        wait_for_audit(database, slack.event_ids, deadline=deadline)
        seconds = round(time.monotonic() - started, 1)
        sampler.stop()
        sampler.sample()
        return web, slack, sampler, seconds
    finally:
        watchdog.cancel()
        if sampler is not None:
            sampler.stop()
        server.stop()
        fake.close()


def summary(args: argparse.Namespace, web: WebResult, slack: SlackResult, fake: FakeSlack) -> dict[str, Any]:
    """The web, feedback and Slack sections of the report: counts, errors and latencies."""
    outcome = slack_outcome(fake, slack)
    return {
        "web": {
            "requests": args.requests,
            "concurrency": args.concurrency,
            "answered": len(web.request_ids),
            "errors": web.errors,
            "seconds": round(web.seconds, 1),
            "throughput_rps": round(args.requests / web.seconds, 1),
            **latency(web.latencies),
            "inconsistent": sorted(q for q, cited in web.cited.items() if len(cited) > 1),
        },
        "feedback": {
            "sent": len(web.feedback_latencies) + sum("HTTP" not in e for e in web.feedback_errors),
            "created": len(web.feedback_stored),
            "errors": web.feedback_errors,
            **latency(web.feedback_latencies),
        },
        "slack": {
            "events": len(slack.sent),
            "kinds": dict(slack.kinds),
            "resends": slack.resends,
            "errors": slack.errors,
            "seconds": round(slack.seconds, 1),
            "ack": latency(slack.ack_latencies),
            "answer": latency(outcome.pop("latencies")),
            **outcome,
        },
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    deadline = Deadline(args.time_limit)
    qs = questions()
    report: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "workers": args.workers,
        "questions": len(qs),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    }
    fake = FakeSlack()
    with tempfile.TemporaryDirectory(prefix="hms-soak-") as tmp:
        database = Path(tmp) / "soak.sqlite3"
        server = ServeProcess(
            port=free_port(), workers=args.workers, env=server_env(args, database, fake), log=SERVER_LOG
        )
        try:
            web, slack, sampler, report["load_seconds"] = under_load(
                server, fake, qs, args, deadline, database
            )
        except TimeBound as exc:
            report["aborted"] = str(exc)
            return report
        report["memory"], report["workers_seen"] = sampler.table(), sampler.workers_seen()
        report["rows"] = count_rows(database, web, slack)
    report["log_problems"] = log_problems(SERVER_LOG)
    report.update(summary(args, web, slack, fake))
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.soak", description=__doc__.split("\n", 1)[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--feedback-every", type=int, default=4)
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--slack-interval", type=float, default=0.1, help="seconds between Slack events")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--time-limit", type=float, default=1200, help="seconds before the soak gives up")
    args = parser.parse_args(argv)
    report = run(args)
    report["failures"] = failures(report)
    text = markdown(report)
    print(text)
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / "soak.md").write_text(text, encoding="utf-8")
    (REPORTS / "soak.json").write_text(
        json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    if report["failures"]:
        print(f"FAILED: {'; '.join(report['failures'])} (server log: {SERVER_LOG})", file=sys.stderr)
    return 1 if report["failures"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
