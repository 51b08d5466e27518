"""`hms serve`: the web app under uvicorn."""

from __future__ import annotations

import logging
import os
import sys

import uvicorn

from assistant.config import Settings

log = logging.getLogger("hms.web")


def startup_problem(settings: Settings) -> str | None:
    """A configuration that cannot work (corpus, embedding model, HMS_LLM) fails here, before uvicorn starts."""
    from assistant.corpus import CorpusError, load_corpus
    from assistant.embeddings import EmbeddingError, make_embedder
    from assistant.llm import LLMConfigError
    from bots.slack.config import SlackConfigError, check_slack_settings

    try:
        load_corpus(settings.corpus_dir)
        make_embedder(settings.embedding_model, threads=1)
        if settings.llm:
            from assistant.llm.provider import make_chat_model

            make_chat_model(settings)
        if settings.slack_mode == "http" and (settings.slack_signing_secret or settings.slack_bot_token):
            check_slack_settings(settings, mode="http")  # Slack in HTTP mode was asked for: it must start
    except (CorpusError, EmbeddingError, LLMConfigError, SlackConfigError) as exc:
        return str(exc)
    return None


def serve(
    settings: Settings, *, host: str | None = None, port: int | None = None, workers: int | None = None
) -> int:
    """Serve until stopped; returns the exit code. With workers > 1 every worker builds its own app
    (and Assistant) through the factory, reading the settings from the environment and .env."""
    from assistant.observability import configure_logging

    configure_logging()
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
    try:
        if workers > 1:
            # Each worker reads HMS_WORKERS, so its embedder takes its share of the cores.
            os.environ["HMS_WORKERS"] = str(workers)
            uvicorn.run("bots.web.app:create_app", factory=True, host=host, port=port, workers=workers,
                        proxy_headers=False, log_level="info", log_config=None, access_log=False)  # fmt: skip
        else:
            from bots.web.app import create_app

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
