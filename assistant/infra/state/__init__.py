"""Shared state behind one interface (`StateBackend`), with two backends: SQLite (the embedded default, one
host) and PostgreSQL (HMS_DATABASE_URL, several hosts). Not to be confused with the vector index
(assistant.index.versions)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.infra.state.base import StateBackend, StateUnavailable
from assistant.infra.state.limits import RATE_LIMIT_MESSAGE, RateLimiter, Verdict, WidgetQuota
from assistant.infra.state.slack import SlackState
from assistant.infra.state.spool import AuditSpool
from assistant.infra.state.state import State

if TYPE_CHECKING:
    from assistant.infra.config import Settings

__all__ = [
    "RATE_LIMIT_MESSAGE",
    "AuditSpool",
    "RateLimiter",
    "SlackState",
    "State",
    "StateBackend",
    "StateUnavailable",
    "Verdict",
    "WidgetQuota",
    "open_backend",
    "open_state",
]


def open_backend(settings: Settings) -> StateBackend:
    """PostgreSQL when HMS_DATABASE_URL is set, else the SQLite file (HMS_DATABASE_PATH)."""
    url: Any = getattr(settings, "database_url", None)
    if url:
        from assistant.infra.state.postgres import PostgresBackend  # psycopg only when configured

        return PostgresBackend(url.get_secret_value() if hasattr(url, "get_secret_value") else str(url))
    from assistant.infra.state.sqlite import SqliteBackend

    return SqliteBackend(settings.database)


def open_state(settings: Settings, *, backend: StateBackend | None = None) -> State:
    """The State for these settings (pseudonym key from HMS_PSEUDONYM_KEY, else the backend's shared one)."""
    key: Any = settings.pseudonym_key
    return State(
        backend or open_backend(settings),
        pseudonym_key=key.get_secret_value() if hasattr(key, "get_secret_value") else key,
        log_questions=settings.log_questions,
        spool=AuditSpool(settings.data_dir / "spool"),
    )
