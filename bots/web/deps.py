"""FastAPI dependencies, as `Annotated` aliases; the objects themselves are built once in the lifespan."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request

from assistant.config import Settings
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


SettingsDep = Annotated[Settings, Depends(get_settings)]
AssistantDep = Annotated[Assistant, Depends(get_assistant)]
StorageDep = Annotated[Storage, Depends(get_storage)]
QuotaDep = Annotated[WidgetQuota, Depends(get_quota)]


def widget_cap(
    quota: QuotaDep,
    x_hms_client: Annotated[str | None, Header(description="'widget' when the embedded widget asks")] = None,
) -> str:
    """Counts widget answers against `HMS_WIDGET_DAILY_CAP`; returns the client kind ('web' or 'widget')."""
    if x_hms_client != WIDGET_CLIENT:
        return "web"
    if not quota.take():
        raise ApiError(429, "widget_daily_cap", WIDGET_CAP_MESSAGE)
    return WIDGET_CLIENT


ClientDep = Annotated[str, Depends(widget_cap)]
