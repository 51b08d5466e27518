"""`hms serve`: the web app under uvicorn."""

from __future__ import annotations

import logging
import os

import uvicorn

from assistant.config import Settings

log = logging.getLogger("hms.web")


def serve(
    settings: Settings, *, host: str | None = None, port: int | None = None, workers: int | None = None
) -> int:
    """Serve until stopped; returns the exit code. With workers > 1 every worker builds its own app
    (and Assistant) through the factory, reading the settings from the environment and .env."""
    host = host or settings.host
    port = port or settings.port
    workers = workers or settings.workers
    if workers < 1:
        print("Feil: antall workers må være minst 1.")
        return 2
    try:
        if workers > 1:
            # Each worker reads HMS_WORKERS, so its embedder takes its share of the cores.
            os.environ["HMS_WORKERS"] = str(workers)
            uvicorn.run("bots.web.app:create_app", factory=True, host=host, port=port, workers=workers,
                        proxy_headers=True, log_level="info")  # fmt: skip
        else:
            from bots.web.app import create_app

            uvicorn.run(create_app(settings), host=host, port=port, proxy_headers=True, log_level="info")
    except SystemExit as exc:  # uvicorn exits on a port in use or a failed start-up
        return int(exc.code) if isinstance(exc.code, int) else 1
    except KeyboardInterrupt:
        return 130
    return 0
