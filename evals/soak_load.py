"""The soak's load (evals/soak.py): POST /api/ask with feedback from concurrent clients, signed Slack events one
after another, and what came back: latencies, errors, the rows the server promised and Slack's answers."""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import httpx

from assistant.infra.stats import percentile
from bots.slack.texts import FAILED, HELP, NOT_READY, SLOW_DOWN
from evals.testing.fake_slack import FakeSlack
from evals.testing.slack_app import signed_headers
from evals.testing.slack_payloads import SIGNING_SECRET, direct_message, event_callback, mention

NOT_AN_ANSWER = {FAILED, HELP, NOT_READY, SLOW_DOWN}


class TimeBound(Exception):
    """The soak ran past its time bound."""


@dataclass
class Deadline:
    seconds: float
    started: float = field(default_factory=time.monotonic)

    def left(self) -> float:
        return self.seconds - (time.monotonic() - self.started)

    def check(self, doing: str) -> None:
        if self.left() <= 0:
            raise TimeBound(f"time bound of {self.seconds:.0f} s reached while {doing}")


def latency(values: list[float]) -> dict[str, float]:
    return {f"p{round(q * 100)}_ms": round(percentile(values, q) * 1000, 1) for q in (0.5, 0.95, 0.99)}


@dataclass
class WebResult:
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    feedback_latencies: list[float] = field(default_factory=list)
    feedback_errors: list[str] = field(default_factory=list)
    feedback_stored: dict[int, str] = field(default_factory=dict)  # row id from the 201 -> answer_id
    request_ids: set[str] = field(default_factory=set)  # of the answers (200)
    cited: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # question -> citation lists


async def _feedback(
    client: httpx.AsyncClient, result: WebResult, n: int, answer_id: str, *, feedback_every: int
) -> None:
    """POST /api/feedback on the n-th answer (every other one helpful, every fourth with a comment); the row id
    a 201 promises is kept, to be looked for in the database afterwards."""
    body: dict[str, Any] = {"answer_id": answer_id, "helpful": n % (2 * feedback_every) == 0}
    if n % (4 * feedback_every) == 0:
        body["comment"] = f"Soak {n}: svaret var {'nyttig' if body['helpful'] else 'uklart'}."
    started = time.perf_counter()
    try:
        response = await client.post("/api/feedback", json=body)
    except httpx.HTTPError as exc:
        result.feedback_errors.append(f"feedback {n}: {type(exc).__name__}: {exc}")
        return
    result.feedback_latencies.append(time.perf_counter() - started)
    if response.status_code != 201:
        result.feedback_errors.append(f"feedback {n}: HTTP {response.status_code} {response.text[:200]}")
    else:
        result.feedback_stored[int(response.json()["id"])] = answer_id


async def web_load(
    url: str,
    questions: list[str],
    *,
    requests: int,
    concurrency: int,
    feedback_every: int,
    deadline: Deadline,
    prefix: str = "soak-web",
) -> WebResult:
    """`requests` POST /api/ask from `concurrency` clients; feedback on every `feedback_every`-th answer."""
    result = WebResult()
    todo = iter(range(requests))

    async def client_loop(client: httpx.AsyncClient) -> None:
        for n in todo:
            deadline.check("sending POST /api/ask")
            question, request_id = questions[n % len(questions)], f"{prefix}-{n:05d}"
            started = time.perf_counter()
            try:
                response = await client.post(
                    "/api/ask", json={"question": question}, headers={"X-Request-ID": request_id}
                )
            except httpx.HTTPError as exc:
                result.errors.append(f"ask {n}: {type(exc).__name__}: {exc}")
                continue
            result.latencies.append(time.perf_counter() - started)
            if response.status_code != 200:
                result.errors.append(f"ask {n}: HTTP {response.status_code} {response.text[:200]}")
                continue
            answer = response.json()
            if answer.get("request_id") != request_id or not answer.get("answer_id"):
                result.errors.append(f"ask {n}: the answer carries request id {answer.get('request_id')!r}")
                continue
            result.request_ids.add(request_id)
            result.cited[question].add("; ".join(c.get("ref") or c["faq_id"] for c in answer["citations"]))
            if feedback_every and n % feedback_every == 0:
                await _feedback(client, result, n, answer["answer_id"], feedback_every=feedback_every)

    started = time.perf_counter()
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:
        await asyncio.gather(*(client_loop(client) for _ in range(concurrency)))
    result.seconds = time.perf_counter() - started
    return result


@dataclass
class SlackResult:
    seconds: float = 0.0
    sent: dict[str, float] = field(default_factory=dict)  # channel -> perf_counter when sent
    event_ids: set[str] = field(default_factory=set)
    kinds: Counter[str] = field(default_factory=Counter)
    resends: int = 0
    ack_latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


async def slack_load(
    url: str,
    questions: list[str],
    *,
    events: int,
    interval: float,
    deadline: Deadline,
    prefix: str = "SOAK",
    dm_every: int = 5,
    resend_every: int = 10,
) -> SlackResult:
    """Signed events, one after another (each waits for its ack), `interval` seconds apart."""
    result = SlackResult()

    async def post(client: httpx.AsyncClient, payload: dict[str, Any], n: int, retry: int = 0) -> None:
        body = json.dumps(payload)
        headers = signed_headers(body, content_type="application/json", secret=SIGNING_SECRET)
        if retry:
            headers.update({"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"})
        started = time.perf_counter()
        try:
            response = await client.post("/slack/events", content=body.encode(), headers=headers)
        except httpx.HTTPError as exc:
            result.errors.append(f"event {n}: {type(exc).__name__}: {exc}")
            return
        result.ack_latencies.append(time.perf_counter() - started)
        if response.status_code != 200:
            result.errors.append(f"event {n}: HTTP {response.status_code} {response.text[:200]}")

    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        for n in range(events):
            deadline.check("sending Slack events")
            question, user = questions[(7 * n) % len(questions)], f"U{prefix}{n % 40:03d}"
            if n % dm_every == dm_every - 1:
                channel = f"D{prefix}{n:05d}"
                event, kind = direct_message(question, channel=channel, user=user), "direct messages"
            else:
                channel = f"C{prefix}{n:05d}"
                event, kind = mention(question, channel=channel, user=user), "app_mentions"
            payload = event_callback(event)
            result.sent[channel] = time.perf_counter()
            result.event_ids.add(payload["event_id"])
            result.kinds[kind] += 1
            await post(client, payload, n)
            if n % resend_every == 0:
                result.resends += 1
                await post(client, payload, n, retry=1)
            await asyncio.sleep(interval)
    result.seconds = time.perf_counter() - started
    return result


def wait_for_answers(
    fake: FakeSlack, channels: set[str], deadline: Deadline, *, timeout: float = 300, settle: float = 3.0
) -> None:
    """Until every channel has a chat.postMessage (or `timeout`), then `settle` seconds more for any
    duplicate; the ones still missing are reported, not waited for."""
    until = time.monotonic() + timeout
    while time.monotonic() < until:
        answered = {c.params.get("channel") for c in fake.find("chat.postMessage")}
        if channels <= answered:
            break
        deadline.check(f"waiting for Slack answers ({len(channels - answered)} missing)")
        time.sleep(0.2)
    time.sleep(settle)


def slack_outcome(fake: FakeSlack, slack: SlackResult) -> dict[str, Any]:
    """Per event: answered exactly once, with an answer (it has buttons), not an error or help message."""
    posts = sorted(
        (c for c in fake.find("chat.postMessage") if c.params.get("channel") in slack.sent),
        key=lambda c: c.at,
    )
    per_channel = Counter(str(c.params["channel"]) for c in posts)
    first: dict[str, Any] = {}
    for call in posts:
        first.setdefault(str(call.params["channel"]), call)
    not_answers = [
        channel
        for channel, call in first.items()
        if call.params.get("text") in NOT_AN_ANSWER
        or not any(b.get("type") == "actions" for b in call.params.get("blocks") or [])
    ]
    return {
        "answered_once": sum(per_channel[c] == 1 for c in slack.sent),
        "duplicates": sorted(c for c in slack.sent if per_channel[c] > 1),
        "missing": sorted(c for c in slack.sent if per_channel[c] == 0),
        "not_answers": sorted(not_answers),
        "latencies": [call.at - slack.sent[channel] for channel, call in first.items()],
    }
