"""`hms slack` in Socket Mode (the default: no public URL needed). In HTTP mode `hms slack` runs the server
that carries both front ends instead (bots/server.py), with POST /slack/events mounted on the web app."""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import NoReturn

from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.error import BoltError
from slack_bolt.util.utils import get_boot_message
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from assistant.infra.config import Settings, reveal
from assistant.infra.logs import configure_logging
from assistant.infra.state import State, open_state
from assistant.retrieval.embeddings import EmbeddingError
from assistant.service import Assistant
from bots.slack.app import build_app
from bots.slack.credentials import SlackConfigError, check_slack_settings

log = logging.getLogger("hms.slack")

EXIT_CONFIG = 2
EXIT_NOT_READY = 3


def socket_handler(
    settings: Settings, *, assistant: Assistant, storage: State, client: WebClient | None = None
) -> SocketModeHandler:
    """The Socket Mode handler for the app `build_app` makes (auth.test runs now: a bad token fails here)."""
    check_slack_settings(settings, mode="socket")
    app = build_app(settings, assistant=assistant, storage=storage, client=client)
    return SocketModeHandler(app, app_token=reveal(settings.slack_app_token))


def main(settings: Settings, *, serve_http: Callable[[Settings], int]) -> int:
    """Run the bot; in HTTP mode ``serve_http`` (the composed server) serves Slack's events instead."""
    configure_logging()
    try:
        check_slack_settings(settings)
    except SlackConfigError as exc:
        print(f"Feil: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    if settings.slack_mode == "http":
        return serve_http(settings)
    try:
        assistant = Assistant(settings=settings)
    except EmbeddingError as exc:
        print(f"Feil: {exc}", file=sys.stderr)
        return EXIT_NOT_READY
    ready, reason, version = assistant.readiness()
    if not ready:  # keep running: the bot tells users it is not ready until an index appears
        log.warning("index not ready: %s", reason)
    storage = open_state(settings)
    try:
        handler = socket_handler(settings, assistant=assistant, storage=storage)
    except BoltError as exc:
        print(f"Feil: Slack godtok ikke HMS_SLACK_BOT_TOKEN ({exc}).", file=sys.stderr)
        return EXIT_CONFIG
    log.info("slack bot starting in socket mode", extra={"index_version": version})
    try:
        handler.connect()
    except SlackApiError as exc:
        print(f"Feil: Slack godtok ikke HMS_SLACK_APP_TOKEN ({exc.response.get('error')}).", file=sys.stderr)
        return EXIT_CONFIG
    print(get_boot_message(), flush=True)
    try:
        wait_for_interrupt()
    except KeyboardInterrupt:
        stop(handler, storage)
    return 0


def _close_store(storage: State) -> None:
    try:
        storage.backend.close()
    except Exception:  # the store may be mid-operation in a worker thread; its last commit stands
        log.warning("state store did not close cleanly on exit", exc_info=True)


def _within(work: Callable[[], object], seconds: float, late: str) -> None:
    """Run ``work`` in a daemon thread and wait for it at most ``seconds``: an exit must not hang on it."""
    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        log.warning("%s after %.0f s; exiting without it", late, seconds)


def wait_for_interrupt(tick_s: float = 0.5) -> NoReturn:
    """Block until Ctrl-C. Bolt's ``handler.start()`` waits on an Event with no timeout. Python runs a signal's
    handler only in the main thread, when it next runs Python code, and the kernel may hand a process-wide SIGINT
    to another thread, which leaves an untimed wait in the main thread asleep. The bot did not stop on Ctrl-C in
    two full test runs in a row (never when run alone). Waking every ``tick_s`` makes the handler run within that
    time, whichever thread took the signal."""
    # A shell's background job starts with SIGINT ignored, and Python keeps it so: Ctrl-C must stop the bot anyway.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    while True:
        time.sleep(tick_s)


def stop(handler: SocketModeHandler, storage: State, *, grace_s: float = 5.0) -> NoReturn:
    """Close the Socket Mode connection on Ctrl-C, close the state store, and exit. The SDK's close joins its
    worker threads, and a normal interpreter exit then joins every other thread and runs every library's exit
    hook; on a loaded machine, with an index version loading in the background, that outlasted a supervisor's
    30 s. So: wait ``grace_s`` for the close (and as long for the state store's), then leave at once (an answer being written at that moment is not
    posted, as with any stop; what the state store holds is committed per operation)."""
    _within(handler.close, grace_s, "socket mode connection still closing")
    _within(lambda: _close_store(storage), grace_s, "state store still closing")
    log.info("slack bot stopped")
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
