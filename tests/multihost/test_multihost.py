"""Two hosts on shared engines, as the README's "Running on several machines" sets them up: one PostgreSQL
(`hms db upgrade`), one `chroma run` behind a TLS gateway that requires Chroma's token, and two `hms serve`
instances on their own ports and data dirs (host B has no corpus files). The tests run in order on one
cluster: 1,000 asks over both hosts, follow-ups across hosts, a Slack retry on the other host, a global rate
limit, an ingest on A served by B, PostgreSQL stopped mid-run, and /metrics scraped from both.
The run's table goes to evals/reports/multihost.md.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import statistics
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from assistant.infra.config import PROJECT_ROOT
from assistant.infra.state import State
from assistant.infra.state.postgres import PostgresBackend
from assistant.infra.stats import percentile
from assistant.sources.corpus import load_corpus
from evals.ports import free_port
from evals.testing.fake_slack import FakeSlack
from evals.testing.slack_app import signed_headers
from evals.testing.slack_payloads import BOT_TOKEN, BOT_USER_ID, SIGNING_SECRET, event_callback, new_ts
from tests.conftest import CORPUS_DIR
from tests.pg import PostgresServer
from tests.reliability.test_operations import MARKER, edit_faq, faq_to_edit
from tests.serving import ChromaServer, HmsServer, TokenGateway, hms, hms_env, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.slow]
REPORT = PROJECT_ROOT / "evals" / "reports" / "multihost.md"
RATE_LIMIT = 20
ASKS = 1000
TOKEN = "hms-test-chroma-token-0123456789"


@dataclass
class Cluster:
    pg: PostgresServer
    pg_url: str
    chroma: ChromaServer
    gateway: TokenGateway
    corpus: Path
    env_a: dict[str, str]
    hosts: dict[str, HmsServer]
    metrics: dict[str, int]
    slack: FakeSlack
    table: dict[str, list[str]] = field(default_factory=dict)

    def state(self) -> State:
        return State(PostgresBackend(self.pg_url), pseudonym_key="unused")


def ask(client: httpx.Client, host: HmsServer, question: str, *, ip: str, **extra: object) -> httpx.Response:
    return client.post(
        f"{host.url}/api/ask", json={"question": question, **extra}, headers={"X-Forwarded-For": ip}
    )


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory, real_settings) -> Iterator[Cluster]:
    root = tmp_path_factory.mktemp("multihost")
    with contextlib.ExitStack() as stop:  # whatever started is stopped, also when a later step fails
        pg = PostgresServer()
        stop.callback(pg.close)
        url = pg.fresh_database()
        hms("db", "upgrade", env=hms_env(database_url=url, data_dir=root / "admin"))
        chroma = ChromaServer(root / "chroma")
        stop.callback(chroma.stop)
        gateway = TokenGateway(root / "gateway", upstream_port=chroma.port, token=TOKEN)
        stop.callback(gateway.stop)
        corpus = root / "corpus"
        shutil.copytree(CORPUS_DIR, corpus)
        data_a = root / "host-a"
        shutil.copytree(real_settings.index_dir, data_a / "index", ignore=shutil.ignore_patterns(".lock"))
        (root / "no-corpus").mkdir()
        slack = FakeSlack()
        stop.callback(slack.close)
        metrics = {"a": free_port(), "b": free_port()}
        shared = {
            "chroma_url": gateway.url,
            "chroma_token": TOKEN,
            "chroma_ca_file": gateway.ca_file,
            "database_url": url,
            "rate_limit_per_minute": RATE_LIMIT,
            "embedding_threads": 1,
            "slack_mode": "http",
            "slack_signing_secret": SIGNING_SECRET,
            "slack_bot_token": BOT_TOKEN,
            "slack_api_url": slack.api_url,
            "slack_rate_limit_per_minute": 1000,
            # The clients stand behind a proxy on loopback (as in the README): their address is X-Forwarded-For.
            "trust_proxy_headers": True,
            "forwarded_allow_ips": "127.0.0.1",
        }
        env_a = hms_env(**shared, data_dir=data_a, corpus_dir=corpus, metrics_port=metrics["a"])
        env_b = hms_env(
            **shared, data_dir=root / "host-b", corpus_dir=root / "no-corpus", metrics_port=metrics["b"]
        )
        hms("ingest", env=env_a)
        hosts: dict[str, HmsServer] = {}
        for name, env, workers in (("a", env_a, 2), ("b", env_b, 1)):
            hosts[name] = HmsServer(env, log_path=root / f"host-{name}.log", workers=workers)
            stop.callback(hosts[name].stop)
        made = Cluster(pg, url, chroma, gateway, corpus, env_a, hosts, metrics, slack)
        stop.callback(write_report, made)  # runs first: callbacks run last-in, first-out
        for host in hosts.values():
            host.wait_ready()
        yield made


def write_report(cluster: Cluster) -> None:
    if not cluster.table:
        return
    lines = [
        f"# Two-host run ({time.strftime('%Y-%m-%d %H:%M')}, 2 cores shared by both hosts)",
        "",
        "Host A: `hms serve --workers 2`; host B: `hms serve --workers 1`, no corpus files; one PostgreSQL; "
        "one `chroma run` behind a TLS gateway requiring the token. Measured by tests/multihost.",
        "",
    ]
    for title, rows in cluster.table.items():
        lines += [f"## {title}", "", *rows, ""]
    REPORT.write_text("\n".join(lines), encoding="utf-8")


def scrape(cluster: Cluster, name: str) -> str:
    return httpx.get(f"http://127.0.0.1:{cluster.metrics[name]}/metrics", timeout=30).text


def test_multihost_1000_asks_spread_over_both_hosts_all_answered_and_audited_in_one_table(cluster: Cluster):
    corpus = load_corpus(CORPUS_DIR)
    questions = [e.question for e in corpus.faq.values()] + ["aml § 3-5", "aml 6-5", "Hva sier aml § 2-3?"]
    results: dict[str, list[tuple[int, float, str]]] = {"a": [], "b": []}
    lock = threading.Lock()

    def one(n: int, client: httpx.Client) -> None:
        name = "ab"[n % 2]
        started = time.perf_counter()
        try:
            response = ask(
                client, cluster.hosts[name], questions[n % len(questions)], ip=f"10.2.{n % 250}.{n // 250}"
            )
            status, answer_id = response.status_code, response.json().get("answer_id", "")
        except httpx.HTTPError:
            status, answer_id = 0, ""
        with lock:
            results[name].append((status, time.perf_counter() - started, answer_id))

    started = time.perf_counter()
    with (
        httpx.Client(timeout=120, limits=httpx.Limits(max_connections=16)) as client,
        ThreadPoolExecutor(8) as pool,
    ):
        list(pool.map(lambda n: one(n, client), range(ASKS)))
    seconds = time.perf_counter() - started
    rows = ["| host | asks | errors | p50 ms | p95 ms |", "| --- | --- | --- | --- | --- |"]
    for name, got in results.items():
        latencies = [t * 1000 for _, t, _ in got]
        errors = sum(1 for status, _, _ in got if status != 200)
        rows.append(
            f"| {name.upper()} | {len(got)} | {errors} | {statistics.median(latencies):.0f} | {percentile(latencies, 0.95):.0f} |"
        )
    rows.append(f"| both | {ASKS} | {sum(s != 200 for g in results.values() for s, _, _ in g)} | | |")
    rows += [
        "",
        f"{ASKS} asks at concurrency 8 in {seconds:.1f} s ({ASKS / seconds:.1f} asks/s over both hosts).",
    ]
    answered = {a for g in results.values() for s, _, a in g if s == 200}
    wait_for(
        lambda: answered <= {r["answer_id"] for r in cluster.state().audit_rows()},
        timeout=120,
        what="every answer's audit row in PostgreSQL",
    )
    hosts_in_audit = {r["index_version"] for r in cluster.state().audit_rows()}
    rows.append(
        f"Audit rows in the one PostgreSQL table: {len(cluster.state().audit_rows())} "
        f"(index versions: {', '.join(sorted(v for v in hosts_in_audit if v))})."
    )
    cluster.table["1,000 asks over both hosts"] = rows
    assert all(status == 200 for g in results.values() for status, _, _ in g), rows
    assert len(answered) == ASKS


def test_multihost_a_follow_up_sent_to_the_other_host_keeps_its_context(cluster: Cluster):
    a, b = cluster.hosts["a"], cluster.hosts["b"]
    with httpx.Client(timeout=120) as client:
        conversation = f"mh-{uuid.uuid4().hex[:12]}"
        first = ask(client, a, "Må daglig leder ha HMS-kurs?", ip="10.3.0.1", conversation_id=conversation)
        follow = ask(client, b, "og for verneombud?", ip="10.3.0.1", conversation_id=conversation)
        standalone = ask(client, b, "Må verneombud ha HMS-kurs?", ip="10.3.0.2")
        alone = ask(client, b, "og for verneombud?", ip="10.3.0.3")
    assert first.status_code == follow.status_code == standalone.status_code == 200
    cited = [c.get("faq_id") or c.get("ref") for c in follow.json()["citations"]]
    assert cited == [c.get("faq_id") or c.get("ref") for c in standalone.json()["citations"]]
    assert cited != [
        c.get("faq_id") or c.get("ref") for c in alone.json()["citations"]
    ]  # the context mattered


def test_multihost_a_slack_event_and_its_retry_on_the_other_host_are_answered_once(cluster: Cluster):
    channel = f"C{uuid.uuid4().hex[:8].upper()}"
    event = {
        "type": "app_mention",
        "user": "U0MULTI",
        "text": f"<@{BOT_USER_ID}> Hva er et verneombud?",
        "ts": new_ts(),
        "channel": channel,
        "event_ts": new_ts(),
    }
    body = json.dumps(event_callback(event))
    headers = signed_headers(body, content_type="application/json")
    with httpx.Client(timeout=60) as client:
        first = client.post(f"{cluster.hosts['a'].url}/slack/events", content=body, headers=headers)
        retry = client.post(
            f"{cluster.hosts['b'].url}/slack/events",
            content=body,
            headers={**headers, "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"},
        )
    assert first.status_code == retry.status_code == 200
    cluster.slack.wait_for("chat.postMessage", channel=channel, timeout=120)

    def resent() -> float:
        return sum(
            metric_total(scrape(cluster, n), "hms_slack_events_total", outcome="resent")
            for n in cluster.hosts
        )

    wait_for(lambda: resent() >= 1, timeout=120, what="the retry seen as resent")
    assert len(cluster.slack.find("chat.postMessage", channel=channel)) == 1
    firsts = sum(
        metric_total(scrape(cluster, n), "hms_slack_events_total", outcome="first") for n in cluster.hosts
    )
    assert firsts == 1


def test_multihost_a_global_rate_limit_of_n_lets_exactly_n_through(cluster: Cluster):
    statuses = []
    with httpx.Client(timeout=60) as client:
        for n in range(RATE_LIMIT + 10):
            host = cluster.hosts["ab"[n % 2]]
            statuses.append(ask(client, host, "aml § 3-5", ip="10.9.9.9").status_code)
    assert statuses.count(200) == RATE_LIMIT and statuses.count(429) == 10, statuses
    cluster.table["Global rate limit"] = [
        f"Limit {RATE_LIMIT}/min for one client over both hosts: "
        f"{statuses.count(200)} answered, {statuses.count(429)} refused (429)."
    ]


def test_multihost_an_ingest_on_host_a_is_served_by_host_b_without_a_restart(cluster: Cluster):
    question, last = faq_to_edit(cluster.corpus)
    failures: list[str] = []
    seen: dict[str, float] = {}
    stop = threading.Event()

    def keep_asking() -> None:
        with httpx.Client(timeout=120) as client:
            n = 0
            while not stop.is_set():
                n += 1
                for name, host in cluster.hosts.items():
                    response = ask(client, host, question, ip=f"10.4.{n % 250}.{n // 250}")
                    if response.status_code != 200:
                        failures.append(f"{name}: {response.status_code}")
                    elif MARKER in response.json()["answer"]:
                        seen.setdefault(name, time.monotonic())

    asker = threading.Thread(target=keep_asking, daemon=True)
    asker.start()
    edit_faq(cluster.corpus, last)
    hms("ingest", env=cluster.env_a)
    ingested = time.monotonic()
    try:
        wait_for(lambda: len(seen) == 2, timeout=180, what="the edit on both hosts")
    finally:
        stop.set()
        asker.join(timeout=120)
    assert failures == [] and max(seen.values()) - ingested <= 30.0
    cluster.table["Corpus update"] = [
        f"`hms ingest` on A; the edited FAQ answer served by A after "
        f"{seen['a'] - ingested:.1f} s and by B after {seen['b'] - ingested:.1f} s, "
        f"no failed request."
    ]


def test_multihost_postgres_stopped_mid_run_answers_go_on_feedback_503_nothing_acknowledged_lost(
    cluster: Cluster,
):
    a, b = cluster.hosts["a"], cluster.hosts["b"]
    acked: list[str] = []
    answered: list[str] = []
    with httpx.Client(timeout=120) as client:

        def feedback(host: HmsServer, answer_id: str) -> httpx.Response:
            return client.post(
                f"{host.url}/api/feedback",
                json={"answer_id": answer_id, "helpful": True},
                headers={"X-Forwarded-For": "10.5.0.9", "Idempotency-Key": uuid.uuid4().hex},
            )

        for n, host in enumerate((a, b)):
            response = ask(client, host, "Hva er et verneombud?", ip=f"10.5.0.{n}")
            answered.append(response.json()["answer_id"])
            assert feedback(host, answered[-1]).status_code == 201
            acked.append(answered[-1])
        cluster.pg.stop()
        during = []
        for n in range(10):
            response = ask(client, (a, b)[n % 2], "aml § 3-5", ip=f"10.5.1.{n}")
            during.append(response.status_code)
            answered.append(response.json().get("answer_id", ""))
        refused = feedback(b, answered[-1])
        cluster.pg.start()
        wait_for(
            lambda: feedback(a, answered[0]).status_code == 201,
            timeout=120,
            what="feedback after the restart",
        )
    assert during == [200] * 10
    assert refused.status_code == 503
    assert (
        refused.json()["error"]["message"]
        == "Tilbakemeldingen kunne ikke lagres akkurat nå. Prøv igjen om litt."
    )
    wait_for(
        lambda: set(answered) <= {r["answer_id"] for r in cluster.state().audit_rows()},
        timeout=120,
        what="audit rows spooled during the outage",
    )
    assert set(acked) <= {r["answer_id"] for r in cluster.state().feedback()}
    cluster.table["PostgreSQL stopped mid-run"] = [
        "10 asks during the outage: all answered (200); feedback: 503 with a Norwegian message; after the restart "
        "every acknowledged vote and every answer's audit row (spooled on the host) is in PostgreSQL."
    ]


def metric_total(text: str, name: str, **labels: str) -> float:
    """The sum of the samples of ``name`` whose labels include ``labels``."""
    total = 0.0
    for line in text.splitlines():
        match = re.match(r"^([a-z_]+)(?:\{(.*)\})? ([0-9.e+-]+)$", line)
        if not match or match[1] != name:
            continue
        found = dict(re.findall(r'([a-z_]+)="([^"]*)"', match[2] or ""))
        if all(found.get(k) == v for k, v in labels.items()):
            total += float(match[3])
    return total


def test_multihost_metrics_are_scraped_from_each_host_off_the_public_port(cluster: Cluster):
    texts = {
        name: httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=30).text
        for name, port in cluster.metrics.items()
    }
    rows = []
    for name, text in texts.items():
        asks = metric_total(text, "hms_http_requests_total", route="/api/ask", method="POST", status="200")
        pg_errors = metric_total(text, "hms_store_errors_total", store="postgres")
        assert asks >= ASKS / 2, (name, asks)
        assert metric_total(text, "hms_answers_total") > 0 and "hms_answer_seconds_bucket" in text
        assert pg_errors >= 1
        assert metric_total(text, "hms_index_info") >= 1
        assert httpx.get(f"{cluster.hosts[name].url}/metrics", timeout=30).status_code == 404
        rows.append(
            f"Host {name.upper()}: {asks:.0f} answered POST /api/ask, {pg_errors:.0f} PostgreSQL errors counted."
        )
    cluster.table["Metrics (scraped from each host's metrics port)"] = rows
