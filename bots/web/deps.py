"""FastAPI dependencies, as `Annotated` aliases; the objects themselves are built once in the lifespan.

The getters are `async def`: FastAPI runs a plain `def` dependency in the thread pool, a thread hop per
dependency per request for what is an attribute read."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import Depends, Header, Request
from starlette.concurrency import run_in_threadpool

from assistant.infra.config import Settings
from assistant.infra.state import RATE_LIMIT_MESSAGE, State, StateUnavailable, WidgetQuota
from assistant.service import Assistant
from bots.web.json_errors import ApiError

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


def client_ip(request: Request) -> str:
    """The caller's IP: the socket peer, or, behind a proxy in HMS_FORWARDED_ALLOW_IPS, the nearest
    X-Forwarded-For hop that is not a trusted proxy (uvicorn's ProxyHeadersMiddleware, see bots.web.app)."""
    return request.client.host if request.client else "unknown"


def rate_limit(request: Request) -> str:
    """Counts the request against HMS_RATE_LIMIT_PER_MINUTE for its client IP; 429 past the limit.
    Returns the client IP (stored only as a keyed hash)."""
    ip = client_ip(request)
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


async def client_kind(
    quota: QuotaDep,
    x_hms_client: Annotated[str | None, Header(description="'widget' when the embedded widget asks")] = None,
) -> str:
    """'web' or 'widget'. A widget question is refused once today's `HMS_WIDGET_DAILY_CAP` is used up; it is
    counted only when answered (`charge_widget`), so rejected requests cannot drain the cap."""
    if x_hms_client != WIDGET_CLIENT:
        return "web"
    try:
        used_up = await run_in_threadpool(lambda: quota.used() >= quota.daily_cap)
    except StateUnavailable:  # the state database is down: the cap cannot be read, so it is not enforced
        log.warning("widget quota not read: the state database is unavailable")
        used_up = False
    if used_up:
        raise ApiError(429, "widget_daily_cap", WIDGET_CAP_MESSAGE)
    return WIDGET_CLIENT


def charge_widget(quota: WidgetQuota, client: str) -> None:
    """Count one answered widget question; 429 when the cap was reached meanwhile (the answer is not sent).
    With the state database down the question is answered and not counted."""
    if client != WIDGET_CLIENT:
        return
    try:
        taken = quota.take()
    except StateUnavailable:
        log.warning("widget quota not counted: the state database is unavailable")
        return
    if not taken:
        raise ApiError(429, "widget_daily_cap", WIDGET_CAP_MESSAGE)


ClientDep = Annotated[str, Depends(client_kind)]
