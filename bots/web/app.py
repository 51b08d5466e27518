"""The web front end's FastAPI application: one Assistant and one State per process, built in the lifespan."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from assistant.index.errors import IndexNotReady
from assistant.infra.config import Settings, get_settings
from assistant.infra.metrics import process_exited
from assistant.infra.state import RateLimiter, State, StateUnavailable, WidgetQuota, open_state
from assistant.service import Assistant
from bots.web.json_errors import install_error_handlers
from bots.web.request_context import RequestContextMiddleware
from bots.web.routes import ask, feedback, health, laws, pages, plain, reader, search, widget
from bots.web.routes.pages import STATIC_DIR
from bots.web.security import SecurityMiddleware, TrustedHosts, clean_origins

log = logging.getLogger("hms.web")

DESCRIPTION = (
    "Svar på spørsmål om HMS-kurs og arbeidsmiljøloven, med presise lovhenvisninger. "
    'Errors are JSON `{"error": {"code", "message"}}` with a Norwegian message and a stable code.'
)


def _swagger_ui_dir() -> str:
    from swagger_ui_bundle import swagger_ui_path

    return str(swagger_ui_path)


PURGE_EVERY_S = 3600


SPOOL_EVERY_S = 5


async def purge_periodically(storage: State, settings: Settings) -> None:
    """Delete stored data past retention (and conversation turns past their TTL), now and every hour;
    write spooled audit rows (kept while the database was down) as soon as it is back."""
    last_purge = -float(PURGE_EVERY_S)
    while True:
        try:
            if storage.spool is not None and storage.spool.pending():
                await run_in_threadpool(storage.flush_spool)
            if asyncio.get_running_loop().time() - last_purge >= PURGE_EVERY_S:
                await run_in_threadpool(
                    storage.purge,
                    older_than_s=settings.retention_days * 86400,
                    turns_older_than_s=settings.conversation_ttl_minutes * 60,
                )
                last_purge = asyncio.get_running_loop().time()
        except StateUnavailable:
            log.warning("purge or spool replay failed: the state database is unavailable")
        await asyncio.sleep(SPOOL_EVERY_S)


def create_app(
    settings: Settings | None = None, *, assistant: Assistant | None = None, storage: State | None = None
) -> FastAPI:
    """Build the app. Without ``assistant`` (and ``storage``) they are built once at start-up."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if app.state.assistant is None:
            app.state.assistant = await run_in_threadpool(lambda: Assistant(settings=settings))
        try:
            await run_in_threadpool(app.state.assistant.refresh)
        except IndexNotReady as exc:
            log.warning("index not ready at start-up: %s", exc.reason)
        purger = asyncio.create_task(purge_periodically(app.state.storage, settings))
        try:
            yield
        finally:
            purger.cancel()
            process_exited()

    app = FastAPI(
        title="HMS-assistenten",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.assistant = assistant
    app.state.storage = storage = storage or open_state(settings)
    app.state.quota = WidgetQuota(storage.backend, daily_cap=settings.widget_daily_cap)
    app.state.rate_limiter = RateLimiter(storage.backend, per_minute=settings.rate_limit_per_minute)

    install_error_handlers(app)
    for module in (ask, laws, search, feedback, health, widget, pages, reader, plain):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.mount("/docs/assets", StaticFiles(directory=_swagger_ui_dir()), name="docs-assets")

    add_middleware(app, settings)
    return app


def add_middleware(app: FastAPI, settings: Settings) -> None:
    """The middleware stack, innermost first: CORS, the security headers and body cap, trusted hosts, the
    request id, and (outermost, when asked for) the client IP from a trusted proxy's headers."""
    origins = clean_origins(settings.allowed_origins)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=origins,
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type", "X-HMS-Client", "X-Request-Id"],
        max_age=600,
    )
    # runs before CORS:
    app.add_middleware(SecurityMiddleware, allowed_origins=origins, max_body_bytes=settings.max_body_bytes)
    app.add_middleware(TrustedHosts, allowed_hosts=settings.allowed_hosts)
    app.add_middleware(RequestContextMiddleware)  # every response and log line gets a request id
    # outermost: the client IP is the nearest hop that is not a trusted proxy
    if settings.trust_proxy_headers:
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.forwarded_allow_ips)
