"""FastAPI dependencies, as `Annotated` aliases; the objects themselves are built once in the lifespan."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request

from assistant.config import Settings
from assistant.ratelimit import RATE_LIMIT_MESSAGE
from assistant.service import Assistant
from assistant.storage import Storage
from bots.web.errors import ApiError
from bots.web.quota import WidgetQuota

WIDGET_CLIENT = "widget"
WIDGET_CAP_MESSAGE = "Chatten på denne nettsiden har nådd dagens grense for spørsmål. Prøv igjen i morgen."


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_assistant(request: Request) -> Assistant:
    return request.app.state.assistant


def get_storage(request: Request) -> Storage:
    return request.app.state.storage


def get_quota(request: Request) -> WidgetQuota:
    return request.app.state.quota


def client_ip(request: Request) -> str:
    """The caller's IP: the socket peer, or, behind a proxy in HMS_FORWARDED_ALLOW_IPS, the nearest
    X-Forwarded-For hop that is not a trusted proxy (uvicorn's ProxyHeadersMiddleware, see bots.web.app)."""
    return request.client.host if request.client else "unknown"


def rate_limit(request: Request) -> str:
    """Counts the request against HMS_RATE_LIMIT_PER_MINUTE for its client IP; 429 past the limit.
    Returns the client IP (stored only as a keyed hash)."""
    ip = client_ip(request)
    verdict = request.app.state.rate_limiter.hit(request.app.state.storage.user_hash(ip) or ip)
    if not verdict.allowed:
        raise ApiError(429, "rate_limited", RATE_LIMIT_MESSAGE, retry_after=verdict.retry_after_s)
    return ip


SettingsDep = Annotated[Settings, Depends(get_settings)]
AssistantDep = Annotated[Assistant, Depends(get_assistant)]
StorageDep = Annotated[Storage, Depends(get_storage)]
QuotaDep = Annotated[WidgetQuota, Depends(get_quota)]
RateLimitedIP = Annotated[str, Depends(rate_limit)]


def client_kind(
    quota: QuotaDep,
    x_hms_client: Annotated[str | None, Header(description="'widget' when the embedded widget asks")] = None,
) -> str:
    """'web' or 'widget'. A widget question is refused once today's `HMS_WIDGET_DAILY_CAP` is used up; it is
    counted only when answered (`charge_widget`), so rejected requests cannot drain the cap."""
    if x_hms_client != WIDGET_CLIENT:
        return "web"
    if quota.used() >= quota.daily_cap:
        raise ApiError(429, "widget_daily_cap", WIDGET_CAP_MESSAGE)
    return WIDGET_CLIENT


def charge_widget(quota: WidgetQuota, client: str) -> None:
    """Count one answered widget question; 429 when the cap was reached meanwhile (the answer is not sent)."""
    if client == WIDGET_CLIENT and not quota.take():
        raise ApiError(429, "widget_daily_cap", WIDGET_CAP_MESSAGE)


ClientDep = Annotated[str, Depends(client_kind)]
