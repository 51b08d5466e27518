"""Origins and headers: who may call the API and frame the chat, and the strict Content-Security-Policy.

The chat page and the widget frame load only what the app serves (`default-src 'self'`, no inline script
or style). `frame-ancestors` lists the allowed origins, so a page elsewhere cannot show the widget, and
the API answers a browser request from another origin only when that origin is allowed (checked here on
the Origin header, not left to CORS, which only hides the response from the page).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# An origin as CSP and CORS need it: scheme://host[:port], nothing that could break out of a header.
_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.\-\[\]:]+$")

ORIGIN_NOT_ALLOWED = "Denne nettsiden har ikke tilgang til HMS-assistenten."
TOO_LARGE = "Forespørselen er for stor."
HOST_NOT_ALLOWED = "Denne adressen betjenes ikke av HMS-assistenten."
# Slack's interactivity payloads carry the whole message clicked on; Bolt checks their signature.
LARGER_BODIES = {"/slack/events": 1_000_000}
# Non-API paths that answer questions (the chat form without JavaScript) get the same origin check.
ORIGIN_CHECKED = frozenset({"/svar"})


def clean_origins(origins: Iterable[str]) -> list[str]:
    """The configured origins, normalized; '*' allows any origin; malformed entries are dropped."""
    cleaned = []
    for origin in origins:
        origin = origin.strip().rstrip("/").lower()
        if origin == "*" or _ORIGIN.match(origin):
            cleaned.append(origin)
    return cleaned


def page_csp(frame_ancestors: list[str]) -> str:
    ancestors = "*" if "*" in frame_ancestors else " ".join(["'self'", *frame_ancestors])
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        "connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
        f"frame-ancestors {ancestors}"
    )


# Swagger UI sets inline style attributes; its scripts still come only from the app.
DOCS_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)


class SecurityMiddleware:
    """Rejects API calls from origins that are not allowed and bodies over the size limit (JSON errors),
    and sets the security headers on every response."""

    def __init__(self, app: ASGIApp, *, allowed_origins: list[str], max_body_bytes: int):
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.allowed = clean_origins(allowed_origins)
        self.page_csp = page_csp(self.allowed)

    def origin_allowed(self, origin: str, scope: Scope, headers: Headers) -> bool:
        origin = origin.rstrip("/").lower()
        if "*" in self.allowed or origin in self.allowed:
            return True
        own = f"{scope.get('scheme', 'http')}://{headers.get('host', '')}".lower()
        return origin == own

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        if (
            (path.startswith("/api/") or path in ORIGIN_CHECKED)
            and origin is not None
            and not self.origin_allowed(origin, scope, headers)
        ):
            await self._error(send, 403, "origin_not_allowed", ORIGIN_NOT_ALLOWED)
            return
        limit = LARGER_BODIES.get(path, self.max_body_bytes)
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > limit:
            await self._error(send, 413, "request_too_large", TOO_LARGE)
            return
        receive = self._limited(receive, limit)
        csp = DOCS_CSP if path.startswith("/docs") else self.page_csp

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                raw = list(message.get("headers", []))
                names = {name.lower() for name, _ in raw}
                for name, value in (
                    (b"content-security-policy", csp.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"strict-origin-when-cross-origin"),
                    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
                ):
                    if name not in names:
                        raw.append((name, value))
                message["headers"] = raw
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _limited(self, receive: Receive, limit: int) -> Receive:
        """A receive that stops a body sent without Content-Length (chunked) once it passes the limit."""
        seen = 0

        async def receive_limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise HTTPException(413)  # rendered by the app's JSON error handler
            return message

        return receive_limited

    @staticmethod
    async def _error(send: Send, status: int, code: str, message: str) -> None:
        body = json.dumps({"error": {"code": code, "message": message}}, ensure_ascii=False).encode()
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"cache-control", b"no-store"),
                    (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class TrustedHosts:
    """Starlette's TrustedHostMiddleware (HMS_ALLOWED_HOSTS), answering a Host header that is not allowed with
    the app's JSON error (400 `host_not_allowed`) instead of a plain-text one."""

    _PASSED = "hms.trusted_host"

    def __init__(self, app: ASGIApp, *, allowed_hosts: list[str]):
        self.app = app
        self.check = TrustedHostMiddleware(self._allowed, allowed_hosts=allowed_hosts, www_redirect=False)

    async def _allowed(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope[self._PASSED] = True
        await self.app(scope, receive, send)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.check.allow_any:
            await self.app(scope, receive, send)
            return

        async def json_refusal(message: Message) -> None:
            if scope.get(self._PASSED):
                await send(message)
            elif message["type"] == "http.response.start":  # the check's plain-text 400 is replaced
                await SecurityMiddleware._error(send, 400, "host_not_allowed", HOST_NOT_ALLOWED)

        await self.check(scope, receive, json_refusal)
