"""GET /api/widget: lets widget.js check, before it shows its button, that the host page's origin may use the
chat. A page on an origin that is not allowed gets 403 without CORS headers, so the check fails there."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from bots.web.json_errors import ERROR_RESPONSES

router = APIRouter(prefix="/api", tags=["widget"])


class WidgetStatus(BaseModel):
    allowed: bool = True


@router.get("/widget", response_model=WidgetStatus, responses={403: ERROR_RESPONSES[403]})
def widget_status() -> WidgetStatus:
    """`{"allowed": true}` when the calling page's origin may embed the widget (else 403)."""
    return WidgetStatus()
