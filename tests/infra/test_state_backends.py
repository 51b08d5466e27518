"""The state layer on both backends, each test run against SQLite and a real PostgreSQL (Debian's).

"Two hosts" are two backend instances on the same database: what one host writes, the other sees, and the
counters hold under concurrent writers from both.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import TypedDict, TypeVar

import pytest

from assistant.infra.state import RateLimiter, SlackState, State, StateBackend, WidgetQuota
from assistant.infra.state.postgres import PostgresBackend
from assistant.infra.state.sqlite import SqliteBackend
from assistant.types import Answer

Hosts = Callable[[], StateBackend]
T = TypeVar("T")


class Vote(TypedDict):
    answer_id: str
    helpful: bool
    comment: str | None
    source: str
    user: str


@pytest.fixture(params=["sqlite", "postgres"])
def new_host(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Hosts]:
    """Makes backends ("hosts") on one database of the parametrized kind."""
    made: list[StateBackend] = []
    if request.param == "postgres":
        url = request.getfixturevalue("postgres_url")

        def make() -> StateBackend:
            made.append(PostgresBackend(url))
            return made[-1]
    else:

        def make() -> StateBackend:
            made.append(SqliteBackend(tmp_path / "hms.sqlite3"))
            return made[-1]

    yield make
    for backend in made:
        backend.close()


def hammer(calls: list[Callable[[], T]], *, threads: int = 8) -> list[T]:
    """Run the calls from several threads at once; results in call order."""
    results: dict[int, T] = {}
    todo = iter(range(len(calls)))
    lock = threading.Lock()
    start = threading.Barrier(threads)

    def work() -> None:
        start.wait()
        while True:
            with lock:
                n = next(todo, None)
            if n is None:
                return
            results[n] = calls[n]()

    pool = [threading.Thread(target=work) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return [results[n] for n in range(len(calls))]


def test_a_global_rate_limit_of_n_lets_exactly_n_through_from_two_hosts(new_host: Hosts):
    hosts = [RateLimiter(new_host(), per_minute=10), RateLimiter(new_host(), per_minute=10)]
    verdicts = hammer([partial(hosts[i % 2].hit, "client") for i in range(40)])
    assert sum(v.allowed for v in verdicts) == 10
    assert all(v.retry_after_s > 0 for v in verdicts if not v.allowed)


def test_the_rate_limit_slides_across_the_edge_of_a_minute(new_host: Hosts):
    """Three questions in the last seconds of a minute leave no room in the first seconds of the next (fixed minute
    windows let three more through there); one fits again a minute after the first."""
    now = [60 * 1_000_000 + 57.5]
    hosts = [RateLimiter(new_host(), per_minute=3, clock=lambda: now[0]) for _ in range(2)]
    assert [hosts[n % 2].hit("client").allowed for n in range(3)] == [True, True, True]
    now[0] += 4  # 1.5 s into the next minute
    refused = hosts[0].hit("client")
    assert not refused.allowed and refused.retry_after_s == 56  # the first left at 57 + 60 s
    now[0] += 55  # second 116: the three at second 57 are still within the last 60 seconds
    assert not hosts[1].hit("client").allowed  # refused retries are not counted, and do not lengthen the wait
    now[0] += 1
    assert [hosts[n % 2].hit("client").allowed for n in range(4)] == [True, True, True, False]
    assert hosts[0].hit("someone else").allowed


def test_the_rate_limit_leaves_no_lock_row_and_forgets_old_seconds(new_host: Hosts):
    backend = new_host()
    now = [600 * 1_000_000 + 5.0]
    limiter = RateLimiter(backend, per_minute=2, clock=lambda: now[0])
    assert limiter.hit("a").allowed and limiter.hit("b").allowed
    with backend._transaction() as run:  # type: ignore[attr-defined]
        assert run('SELECT count(*) FROM rate_limits WHERE "window" = 0').fetchone()[0] == 0
    now[0] += 65  # a counted hit at a tenth second forgets every second past the span
    assert limiter.hit("c").allowed
    with backend._transaction() as run:  # type: ignore[attr-defined]
        assert sorted(r[0] for r in run("SELECT key FROM rate_limits").fetchall()) == ["c"]


def test_the_widget_cap_holds_across_hosts(new_host: Hosts):
    hosts = [WidgetQuota(new_host(), daily_cap=7), WidgetQuota(new_host(), daily_cap=7)]
    taken = hammer([hosts[i % 2].take for i in range(30)])
    assert sum(bool(t) for t in taken) == 7 and hosts[0].used() == hosts[1].used() == 7


def test_a_feedback_retry_with_its_idempotency_key_stores_one_row(new_host: Hosts):
    a, b = State(new_host(), pseudonym_key="k"), State(new_host(), pseudonym_key="k")
    vote: Vote = {"answer_id": "a1", "helpful": True, "comment": None, "source": "web", "user": "10.0.0.1"}
    results = hammer(
        [partial((a if i % 2 else b).add_feedback_once, **vote, key="retry-1") for i in range(12)]
    )
    assert {r[0] for r in results} == {results[0][0]}
    assert sum(r[1] for r in results) == 1
    a.add_feedback(**vote)  # no key: every call is a new vote
    a.add_feedback(**vote, key="other-key")
    assert len(b.feedback()) == 3


def test_a_follow_up_keeps_its_context_on_the_other_host(new_host: Hosts):
    a, b = State(new_host(), pseudonym_key="k"), State(new_host(), pseudonym_key="k")
    a.add_turn("conv-1", "Må daglig leder ha HMS-kurs? Ring 912 34 567", "ans-1")
    assert b.history("conv-1") == ["Må daglig leder ha HMS-kurs? Ring [telefon]"]


def test_a_slack_retry_on_the_other_host_is_answered_once(new_host: Hosts):
    now = [1000.0]
    a = SlackState(new_host(), clock=lambda: now[0])
    b = SlackState(new_host(), clock=lambda: now[0])
    firsts = hammer([partial((a if i % 2 else b).first_delivery, "Ev123") for i in range(10)])
    assert sum(bool(f) for f in firsts) == 1


def test_a_private_answer_can_be_shared_from_the_other_host(new_host: Hosts):
    a, b = SlackState(new_host()), SlackState(new_host())
    answer = Answer(question="Ring 912 34 567 om aml 3-5", answer="…", abstained=False, answer_id="f" * 32)
    a.keep_answer(answer)
    shared = b.shared_answer("f" * 32)
    assert shared is not None and shared.question == "Ring [telefon] om aml 3-5"


def test_every_host_gets_the_same_pseudonym_key(new_host: Hosts):
    hosts = [new_host() for _ in range(4)]
    keys = hammer([hosts[i % 4].pseudonym_key for i in range(16)])
    assert len(set(keys)) == 1 and len(str(keys[0])) == 64
    users = [State(h).user_hash("U123") for h in hosts]
    assert len(set(users)) == 1


def test_the_ingest_lock_keeps_a_second_host_out(new_host: Hosts):
    a, b = new_host(), new_host()
    with a.lock("hms-ingest", wait_s=1), pytest.raises(TimeoutError), b.lock("hms-ingest", wait_s=0.5):
        pass
    with b.lock("hms-ingest", wait_s=5):  # released: the other host gets it
        pass


def test_purge_deletes_rows_past_retention_on_every_table(new_host: Hosts):
    clock = [1_000_000.0]
    state = State(new_host(), pseudonym_key="k", clock=lambda: clock[0])
    state.add_feedback(answer_id="old", helpful=True, comment=None, source="web")
    state.add_turn("c", "hva er HMS?", "old")
    answer = Answer(question="q", answer="a", abstained=True, answer_id="old")
    state.audit(
        answer=answer, source="web", user=None, request_id=None, model="extractive", index_version="v"
    )
    clock[0] += 40 * 86400
    state.add_feedback(answer_id="new", helpful=False, comment=None, source="web")
    assert state.purge(older_than_s=30 * 86400, turns_older_than_s=3600) == 3
    assert [r["answer_id"] for r in state.feedback()] == ["new"] and state.audit_rows() == []


def test_an_answer_is_audited_once_even_if_written_twice(new_host: Hosts):
    state = State(new_host(), pseudonym_key="k")
    answer = Answer(question="q", answer="a", abstained=False, answer_id="a" * 32)
    for _ in range(2):
        state.audit(answer=answer, source="web", user="1.2.3.4", request_id="r", model="m", index_version="v")
    rows = State(new_host()).audit_rows()
    assert len(rows) == 1 and rows[0]["user_hash"] and rows[0]["user_hash"] != "1.2.3.4"


def test_hosts_opening_a_new_sqlite_file_at_the_same_moment_all_get_through(tmp_path: Path):
    """Switching a new file to WAL fails at once, without SQLite's busy wait, when two connections switch
    together; the first Slack retry after a deploy met "database is locked" that way in a CI run."""
    for round_ in range(12):
        hosts = [SqliteBackend(tmp_path / f"r{round_}" / "hms.sqlite3") for _ in range(8)]
        states = [SlackState(host, clock=lambda: 1000.0) for host in hosts]
        try:
            firsts = hammer(
                [partial(state.first_delivery, "Ev1") for state in states for _ in "ab"], threads=8
            )
        finally:
            for host in hosts:
                host.close()
        assert sum(bool(f) for f in firsts) == 1
