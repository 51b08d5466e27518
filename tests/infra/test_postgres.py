"""PostgreSQL specifics: migrations through `hms db upgrade`, a server refusing an old schema, the CLI, and a
database that stops under a running web app (feedback 503 in Norwegian, answers go on, audit rows spooled and
written after the restart, nothing acknowledged lost)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.infra.state import AuditSpool, State
from assistant.infra.state.migrate import latest
from assistant.infra.state.postgres import PostgresBackend
from assistant.service import Assistant
from bots.server import state_problem
from bots.web.app import create_app
from tests.conftest import CORPUS_DIR, make_settings
from tests.pg import PostgresServer


def hms(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("HMS_")}
    return subprocess.run(
        [sys.executable, "-m", "bots.cli", *args],
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_postgres_hms_db_upgrade_applies_each_migration_once(postgres_server, tmp_path):
    url = postgres_server.fresh_database()
    env = {"HMS_DATABASE_URL": url, "HMS_DATA_DIR": str(tmp_path)}
    status = hms("db", "status", env=env)
    assert status.returncode == 3 and f"skjemaversjon 0 av {latest('postgres')}" in status.stdout
    first = hms("db", "upgrade", env=env)
    assert first.returncode == 0 and "applied 0001_initial" in first.stdout, first.stderr
    again = hms("db", "upgrade", env=env)
    assert again.returncode == 0 and "applied" not in again.stdout
    assert PostgresBackend(url).schema_version() == latest("postgres")


def test_postgres_two_hosts_upgrading_at_once_apply_each_migration_once(postgres_server):
    url = postgres_server.fresh_database()
    applied: list[list[str]] = []
    threads = [
        threading.Thread(target=lambda: applied.append(PostgresBackend(url).upgrade())) for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    names = [name for batch in applied for name in batch]
    assert sorted(names) == sorted(set(names)) and len(names) == latest("postgres")


def test_postgres_server_start_refuses_an_outdated_schema_in_one_line(postgres_server, tmp_path):
    url = postgres_server.fresh_database()
    problem = state_problem(make_settings(data_dir=tmp_path, database_url=url))
    assert problem and "hms db upgrade" in problem and "\n" not in problem
    PostgresBackend(url).upgrade()
    assert state_problem(make_settings(data_dir=tmp_path, database_url=url)) is None
    down = state_problem(make_settings(data_dir=tmp_path, database_url="postgresql://hms@127.0.0.1:9/x"))
    assert down and "HMS_DATABASE_URL" in down and "\n" not in down


def test_postgres_audit_export_and_purge_through_the_cli(postgres_url, tmp_path):
    state = State(PostgresBackend(postgres_url), pseudonym_key="k")
    from assistant.types import Answer

    answer = Answer(question="q", answer="a", abstained=False, answer_id="b" * 32)
    state.audit(
        answer=answer, source="web", user="u", request_id="r1", model="extractive", index_version="v1"
    )
    env = {"HMS_DATABASE_URL": postgres_url, "HMS_DATA_DIR": str(tmp_path)}
    export = hms("audit", "export", env=env)
    assert export.returncode == 0 and "b" * 32 in export.stdout and "r1" in export.stdout
    purge = hms("purge", "--days", "0", env=env)
    assert purge.returncode == 0 and state.audit_rows() == []


@pytest.fixture
def own_postgres() -> Iterator[PostgresServer]:
    """A PostgreSQL server of its own, for tests that stop it."""
    server = PostgresServer()
    yield server
    server.close()


def test_postgres_stopped_under_the_web_app_answers_go_on_and_nothing_acknowledged_is_lost(
    own_postgres, hash_assistant: Assistant, tmp_path: Path
):
    url = own_postgres.fresh_database()
    PostgresBackend(url).upgrade()
    settings = make_settings(
        data_dir=tmp_path, database_url=url, embedding_model="hash/64", rate_limit_per_minute=3
    )
    state = State(PostgresBackend(url), pseudonym_key="test", spool=AuditSpool(tmp_path / "spool"))
    with TestClient(create_app(settings, assistant=hash_assistant, storage=state)) as client:

        def ask(n: int) -> str:
            response = client.post(
                "/api/ask",
                json={"question": "Hva sier aml § 3-5?"},
                headers={"X-Forwarded-For": f"10.0.0.{n}"},
            )
            assert response.status_code == 200, response.text
            return str(response.json()["answer_id"])

        before = [ask(1)]
        assert client.post("/api/feedback", json={"answer_id": before[0], "helpful": True}).status_code == 201
        own_postgres.stop()
        during = [
            ask(2) for _ in range(5)
        ]  # over the rate limit of 3: the limit cannot be counted, answers go on
        refused = client.post("/api/feedback", json={"answer_id": during[0], "helpful": False})
        assert refused.status_code == 503
        assert refused.json()["error"] == {
            "code": "storage_unavailable",
            "message": "Tilbakemeldingen kunne ikke lagres akkurat nå. Prøv igjen om litt.",
        }
        assert state.spool is not None and state.spool.pending()
        own_postgres.start()
        after = ask(3)
        deadline = time.monotonic() + 60
        while state.spool.pending() and time.monotonic() < deadline:
            time.sleep(0.2)  # the app writes the spool back as soon as the database answers
        stored = {r["answer_id"] for r in state.audit_rows()}
        assert {*before, *during, after} <= stored
        assert [r["answer_id"] for r in state.feedback()] == before  # the acknowledged vote survived


def test_postgres_shared_state_is_used_by_hms_serve_settings(postgres_url, tmp_path):
    """`open_state` picks PostgreSQL from HMS_DATABASE_URL, with the key kept in the database."""
    from assistant.infra.state import open_state

    settings = make_settings(data_dir=tmp_path, database_url=postgres_url, corpus_dir=CORPUS_DIR)
    one, two = open_state(settings), open_state(settings.model_copy(update={"data_dir": tmp_path / "other"}))
    assert one.backend.kind == "postgres" and one.user_hash("U1") == two.user_hash("U1")
    assert not (tmp_path / "pseudonym.key").exists()
