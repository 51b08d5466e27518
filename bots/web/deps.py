"""FastAPI dependencies, as `Annotated` aliases; the objects themselves are built once in the lifespan.

The getters are `async def`: FastAPI runs a plain `def` dependency in the thread pool, a thread hop per
dependency per request for what is an attribute read."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import Depends, Header, Request
from starlette.concurrency import run_in_threadpool

from assistant.config import Settings
from assistant.infra.state import RATE_LIMIT_MESSAGE, State, StateUnavailable, WidgetQuota
from assistant.service import Assistant
from bots.web.errors import ApiError

log = logging.getLogger("hms.web")

WIDGET_CLIENT = "widget"
WIDGET_CAP_MESSAGE = "Chatten på denne nettsiden har nådd dagens grense for spørsmål. Prøv igjen i morgen."


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_assistant(request: Request) -> Assistant:
    return request.app.state.assistant


async def get_storage(request: Request) -> State:
    return request.app.state.storage


async def get_quota(request: Request) -> WidgetQuota:
    return request.app.state.quota


def client_ip(request: Request, settings: Settings) -> str:
    """The caller's IP: the socket peer, or X-Forwarded-For's first hop when behind a trusted proxy."""
    if settings.trust_proxy_headers:
        forwarded = request.headers.get("x-forwarded-for", "").split(",")[0].strip()
        if forwarded:
            return forwarded
    return request.client.host if request.client else "unknown"


def rate_limit(request: Request) -> str:
    """Counts the request against HMS_RATE_LIMIT_PER_MINUTE for its client IP; 429 past the limit.
    Returns the client IP (stored only as a keyed hash)."""
    settings: Settings = request.app.state.settings
    ip = client_ip(request, settings)
    try:
        verdict = request.app.state.rate_limiter.hit(request.app.state.storage.user_hash(ip) or ip)
    except StateUnavailable:  # the state database is down: keep answering rather than refuse everyone
        log.warning("rate limit not counted: the state database is unavailable")
        return ip
    if not verdict.allowed:
        raise ApiError(429, "rate_limited", RATE_LIMIT_MESSAGE, retry_after=verdict.retry_after_s)
    return ip


SettingsDep = Annotated[Settings, Depends(get_settings)]
AssistantDep = Annotated[Assistant, Depends(get_assistant)]
StorageDep = Annotated[State, Depends(get_storage)]
QuotaDep = Annotated[WidgetQuota, Depends(get_quota)]
RateLimitedIP = Annotated[str, Depends(rate_limit)]


async def widget_cap(
    quota: QuotaDep,
    x_hms_client: Annotated[str | None, Header(description="'widget' when the embedded widget asks")] = None,
) -> str:
    """Counts widget answers against `HMS_WIDGET_DAILY_CAP`; returns the client kind ('web' or 'widget')."""
    if x_hms_client != WIDGET_CLIENT:
        return "web"
    try:
        taken = await run_in_threadpool(quota.take)
    except StateUnavailable:
        log.warning("widget quota not counted: the state database is unavailable")
        taken = True
    if not taken:
        raise ApiError(429, "widget_daily_cap", WIDGET_CAP_MESSAGE)
    return WIDGET_CLIENT


ClientDep = Annotated[str, Depends(widget_cap)]
