"""The server that carries both front ends: the web chat and its API, with Slack's HTTP events mounted on it
when HMS_SLACK_MODE=http. `hms serve` (and `hms slack` in HTTP mode) run it under uvicorn; the web and Slack
front ends know nothing of each other, this module wires them."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from typing import TYPE_CHECKING

import uvicorn

from assistant.infra.config import Settings, get_settings

# Nothing that imports prometheus_client (the service, the state layer, the web app) is imported at the top:
# `serve` sets PROMETHEUS_MULTIPROC_DIR first, so the metrics of every worker add up in /metrics.
if TYPE_CHECKING:
    from fastapi import FastAPI

    from assistant.infra.state import State
    from assistant.service import Assistant

log = logging.getLogger("hms.web")

PARENT_ENV = "HMS_SERVE_PARENT"  # the pid of `hms serve`, for its uvicorn workers
PARENT_CHECK_S = 0.5
_watching = False
EXIT_GRACE_S = 10.0


def watch_parent() -> None:
    """In a uvicorn worker: stop when the `hms serve` process that started it is gone (even by SIGKILL,
    which uvicorn cannot pass on), so no orphan keeps the port. Graceful first (SIGTERM), then a hard exit."""
    global _watching
    expected = os.environ.get(PARENT_ENV, "")
    if not expected.isdigit() or _watching or os.getpid() == int(expected):
        return  # not a worker of `hms serve --workers N`, or already watching
    _watching = True

    def watch() -> None:
        while os.getppid() == int(expected):
            time.sleep(PARENT_CHECK_S)
        log.error("hms serve (pid %s) is gone; this worker stops", expected)
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(EXIT_GRACE_S)
        os._exit(1)

    threading.Thread(target=watch, name="hms-parent-watch", daemon=True).start()


def create_app(
    settings: Settings | None = None, *, assistant: Assistant | None = None, storage: State | None = None
) -> FastAPI:
    """The web app, with POST /slack/events mounted when HMS_SLACK_MODE=http (the uvicorn factory of
    `hms serve --workers N`). Without ``assistant`` (and ``storage``) they are built once at start-up."""
    from assistant.service import Assistant
    from bots.web.app import create_app as create_web_app

    watch_parent()  # in a worker of `hms serve --workers N`: first thing, even before the app exists
    settings = settings or get_settings()
    app = create_web_app(settings, assistant=assistant, storage=storage)
    if settings.slack_mode == "http" and settings.slack_signing_secret:
        from bots.slack.http import mount  # the Slack helper's module; imported only when configured

        if app.state.assistant is None:  # Slack's routes need it now; the app's lifespan then reuses it
            app.state.assistant = Assistant(settings=settings)
        mount(app, assistant=app.state.assistant, storage=app.state.storage, settings=settings)
    return app


def startup_problem(settings: Settings) -> str | None:
    """A configuration that cannot work (corpus, embedding model, HMS_LLM) fails here, before uvicorn starts."""
    from assistant.llm import LLMConfigError
    from assistant.retrieval.embeddings import EmbeddingError, make_embedder
    from assistant.sources.corpus import CorpusError, load_corpus
    from bots.slack.credentials import SlackConfigError, check_slack_settings

    try:
        if (
            settings.corpus_dir / "faq.yaml"
        ).is_file():  # a host without corpus files serves the index's copy
            load_corpus(settings.corpus_dir)
        make_embedder(settings.embedding_model, threads=1)
        if settings.llm:
            from assistant.llm.provider import make_chat_model

            make_chat_model(settings)
        if settings.slack_mode == "http" and (settings.slack_signing_secret or settings.slack_bot_token):
            check_slack_settings(settings, mode="http")  # Slack in HTTP mode was asked for: it must start
    except (CorpusError, EmbeddingError, LLMConfigError, SlackConfigError) as exc:
        return str(exc)
    return state_problem(settings)


def state_problem(settings: Settings) -> str | None:
    """With HMS_DATABASE_URL the database must be reachable at start and on the current schema."""
    if not settings.database_url:
        return None
    from assistant.infra.state import StateUnavailable, open_backend
    from assistant.infra.state.migrate import SchemaOutdated
    from assistant.infra.state.postgres import PostgresBackend

    backend = open_backend(settings)
    try:
        assert isinstance(backend, PostgresBackend)
        backend.check_schema()
    except SchemaOutdated as exc:
        return str(exc)
    except StateUnavailable as exc:
        return f"Databasen i HMS_DATABASE_URL kan ikke nås ({exc})."
    finally:
        backend.close()
    return None


def serve(
    settings: Settings, *, host: str | None = None, port: int | None = None, workers: int | None = None
) -> int:
    """Serve until stopped; returns the exit code. With workers > 1 every worker builds its own app
    (and Assistant) through the factory, reading the settings from the environment and .env."""
    from assistant.infra.logs import configure_logging

    configure_logging()
    metrics_dir = None
    if settings.metrics_port:  # before anything imports prometheus_client: the workers add up their values
        metrics_dir = tempfile.mkdtemp(prefix="hms-metrics-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
    try:
        return _serve(settings, host=host, port=port, workers=workers)
    finally:
        if metrics_dir:
            shutil.rmtree(metrics_dir, ignore_errors=True)


def _serve(settings: Settings, *, host: str | None, port: int | None, workers: int | None) -> int:
    host = host or settings.host
    port = port or settings.port
    workers = workers or settings.workers
    if workers < 1:
        print("Feil: antall workers må være minst 1.")
        return 2
    problem = startup_problem(settings)
    if problem:
        print(f"Feil: {problem}", file=sys.stderr)
        return 3
    if settings.metrics_port:
        from assistant.infra.metrics import serve_metrics

        try:
            serve_metrics(host=settings.metrics_host, port=settings.metrics_port)
        except OSError as exc:
            print(
                f"Feil: HMS_METRICS_PORT={settings.metrics_port} kan ikke brukes ({exc.strerror}).",
                file=sys.stderr,
            )
            return 2
    try:
        if workers > 1:
            # Each worker reads HMS_WORKERS, so its embedder takes its share of the cores.
            os.environ["HMS_WORKERS"] = str(workers)
            os.environ[PARENT_ENV] = str(os.getpid())
            uvicorn.run(
                "bots.server:create_app",
                factory=True,
                host=host,
                port=port,
                workers=workers,
                proxy_headers=False,
                log_level="info",
                log_config=None,
                access_log=False,
            )
        else:
            uvicorn.run(
                create_app(settings),
                host=host,
                port=port,
                proxy_headers=False,  # the app reads X-Forwarded-For itself (bots.web.app)
                log_level="info",
                log_config=None,
                access_log=False,  # our access log line carries the request id and no client IP
            )
    except SystemExit as exc:  # uvicorn exits on a port in use or a failed start-up
        return int(exc.code) if isinstance(exc.code, int) else 1
    except KeyboardInterrupt:
        return 130
    return 0
