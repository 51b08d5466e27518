"""The soak's verdict: what the database and the server log hold, why the run failed (if it did) and the
Markdown tables (evals/soak.py runs the load; this module only counts, judges and prints)."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
from collections import Counter
from pathlib import Path
from typing import Any

from evals.soak_load import Deadline, SlackResult, WebResult


def audit_count(database: Path, ids: set[str]) -> Counter[str]:
    with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as conn:
        return Counter(r for (r,) in conn.execute("SELECT request_id FROM audit") if r in ids)


def wait_for_audit(database: Path, ids: set[str], *, deadline: Deadline, timeout: float = 20) -> None:
    """A Slack audit row is written just after its answer is posted: give the last ones a moment."""
    until = time.monotonic() + timeout
    while time.monotonic() < until and deadline.left() > 0 and len(audit_count(database, ids)) < len(ids):
        time.sleep(0.2)


def count_rows(database: Path, web: WebResult, slack: SlackResult) -> dict[str, Any]:
    with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as conn:
        feedback = dict(conn.execute("SELECT id, answer_id FROM feedback").fetchall())
    web_audit, slack_audit = audit_count(database, web.request_ids), audit_count(database, slack.event_ids)
    return {
        "feedback_rows": len(feedback),
        "feedback_missing": sorted(i for i, a in web.feedback_stored.items() if feedback.get(i) != a),
        "feedback_unexpected": sorted(set(feedback) - set(web.feedback_stored)),
        "web_audit_rows": sum(web_audit.values()),
        "web_audit_missing": sorted(web.request_ids - set(web_audit)),
        "web_audit_repeated": sorted(r for r, n in web_audit.items() if n > 1),
        "slack_audit_rows": sum(slack_audit.values()),
        "slack_audit_missing": sorted(slack.event_ids - set(slack_audit)),
        "slack_audit_repeated": sorted(r for r, n in slack_audit.items() if n > 1),
    }


def log_problems(path: Path) -> list[str]:
    """Error-level JSON log lines and raw tracebacks in the server log."""
    problems = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            if "Traceback" in line or "Error" in line:
                problems.append(line[:300])
            continue
        if isinstance(record, dict) and record.get("level") in ("error", "critical"):
            problems.append(
                f"{record.get('logger')}: {record.get('msg')} {str(record.get('exc', ''))[-300:]}"
            )
    return problems


def failures(r: dict[str, Any]) -> list[str]:
    """Why the soak failed (empty when it passed)."""
    if "aborted" in r:
        return [r["aborted"]]
    web, fb, slack, rows = r["web"], r["feedback"], r["slack"], r["rows"]
    found: dict[str, Any] = {
        "POST /api/ask errors": web["errors"],
        "questions answered with different citations under load": web["inconsistent"],
        "POST /api/feedback errors": fb["errors"],
        "feedback rows lost": rows["feedback_missing"],
        "unexpected feedback rows": rows["feedback_unexpected"],
        "web audit rows lost": rows["web_audit_missing"],
        "web audit rows written twice": rows["web_audit_repeated"],
        "Slack events not acked": slack["errors"],
        "Slack events answered more than once": slack["duplicates"],
        "Slack events not answered": slack["missing"],
        "Slack events answered with an error or help message": slack["not_answers"],
        "Slack audit rows lost": rows["slack_audit_missing"],
        "Slack audit rows written twice": rows["slack_audit_repeated"],
        "errors in the server log": r["log_problems"],
        "worker restarts": max(0, r["workers_seen"] - r["workers"]),
    }
    return [f"{len(v) if isinstance(v, list) else v} {name}" for name, v in found.items() if v]


def _load_rows(r: dict[str, Any]) -> list[str]:
    web, fb, slack = r["web"], r["feedback"], r["slack"]
    kinds = ", ".join(f"{n} {kind}" for kind, n in slack["kinds"].items())
    ack, answer = slack["ack"], slack["answer"]
    return [
        "| load | requests | concurrency | errors | p50 ms | p95 ms | p99 ms | throughput |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        f"| POST /api/ask | {web['requests']} | {web['concurrency']} | {len(web['errors'])} | {web['p50_ms']} | "
        f"{web['p95_ms']} | {web['p99_ms']} | {web['throughput_rps']} answers/s |",
        f"| POST /api/feedback (every 4th answer, same clients) | {fb['sent']} | (32) | {len(fb['errors'])} | "
        f"{fb['p50_ms']} | {fb['p95_ms']} | {fb['p99_ms']} | |",
        f"| signed Slack events ({kinds}), ack | {slack['events']} + {slack['resends']} resent | 1 | "
        f"{len(slack['errors'])} | {ack['p50_ms']} | {ack['p95_ms']} | {ack['p99_ms']} | "
        f"{slack['events'] / max(slack['seconds'], 1e-9):.1f} events/s |",
        f"| Slack event -> chat.postMessage | {slack['events']} | | {len(slack['not_answers'])} | "
        f"{answer['p50_ms']} | {answer['p95_ms']} | {answer['p99_ms']} | |",
    ]


def _lost_rows(r: dict[str, Any]) -> list[str]:
    web, fb, slack, rows = r["web"], r["feedback"], r["slack"], r["rows"]
    return [
        "| nothing lost | expected | found | lost or extra |",
        "| --- | --- | --- | --- |",
        f"| feedback rows (one per 201, matched by row id and answer id) | {fb['created']} | "
        f"{rows['feedback_rows']} | {len(rows['feedback_missing'])} lost, {len(rows['feedback_unexpected'])} extra |",
        f"| web audit rows (one per answer, by request id) | {web['answered']} | {rows['web_audit_rows']} | "
        f"{len(rows['web_audit_missing'])} lost, {len(rows['web_audit_repeated'])} twice |",
        f"| Slack events answered exactly once (one chat.postMessage) | {slack['events']} | "
        f"{slack['answered_once']} | {len(slack['missing'])} unanswered, {len(slack['duplicates'])} twice |",
        f"| Slack audit rows (one per event, by event id) | {slack['events']} | {rows['slack_audit_rows']} | "
        f"{len(rows['slack_audit_missing'])} lost, {len(rows['slack_audit_repeated'])} twice |",
        f"| questions answered with other citations when asked again under load | 0 | "
        f"{len(web['inconsistent'])} | |",
        f"| error lines or tracebacks in the server log | 0 | {len(r['log_problems'])} | |",
        f"| worker processes | {r['workers']} | {r['workers_seen']} | "
        f"{max(0, r['workers_seen'] - r['workers'])} restarts |",
    ]


def _memory_rows(r: dict[str, Any]) -> list[str]:
    lines = [
        "| process | samples | start MB | peak MB | end MB | first-quarter mean MB | last-quarter mean MB | growth |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for m in r["memory"]:
        lines.append(
            f"| {m['process']} | {m['samples']} | {m['start_mb']} | {m['peak_mb']} | {m['end_mb']} | "
            f"{m['first_quarter_mb']} | {m['last_quarter_mb']} | {m['growth_mb']:+} MB "
            f"({m['growth_pct']:+}%) |"
        )
    return lines


def markdown(r: dict[str, Any]) -> str:
    head = [
        "# Soak: load held, nothing lost, memory watched",
        "",
        f"{r['date']}; {r['machine']}; `hms serve --workers {r['workers']}` on 127.0.0.1 (real uvicorn, the "
        "real model and index, extractive answers); Slack in HTTP mode, answering to a fake Slack Web API. "
        f"The load generator and the fake Slack share the machine with the server. {r['questions']} eval "
        "questions, cycled. Produced by `make soak` (evals/soak.py).",
        "",
    ]
    if "aborted" in r:
        return "\n".join([*head, f"**FAILED: {r['aborted']}**", ""])
    verdict = "FAILED: " + "; ".join(r["failures"]) if r["failures"] else "PASSED"
    return "\n".join(
        [
            *head,
            f"After a warm-up, the web requests and the Slack events ran at the same time "
            f"({r['load_seconds']} s from the first request to the last Slack answer).",
            "",
            *_load_rows(r),
            "",
            *_lost_rows(r),
            "",
            "Memory (RSS, sampled every second from the end of the warm-up to the last answer; growth is the "
            "mean of the last quarter of the samples minus the mean of the first quarter):",
            "",
            *_memory_rows(r),
            "",
            f"**{verdict}**",
            "",
        ]
    )
