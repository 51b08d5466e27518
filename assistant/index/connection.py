"""The connection to a Chroma server (HMS_CHROMA_URL): its URL, token, CA file, timeouts and guarded calls."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import chromadb
import httpx
from chromadb.config import Settings as ChromaSettings

from assistant.index.guard import ChromaHealth, GuardedCalls, GuardedCollection

INGEST_TIMEOUT_S = 300.0
SERVING_CALL_TIMEOUT_S = 30.0  # a slow call is waited for while the server answers pings (chroma_guard)


def chroma_settings() -> ChromaSettings:
    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


class ChromaServer:
    """One Chroma server: a shared HttpClient whose calls time out (HMS_CHROMA_TIMEOUT_S while serving, so a
    hung server is a fast 503) and, with ``ping_timeout_s`` (serving), calls abandoned once a heartbeat takes
    longer than that."""

    def __init__(
        self,
        url: str,
        *,
        token: str | None = None,
        timeout_s: float = INGEST_TIMEOUT_S,
        ca_file: Path | None = None,
        ping_timeout_s: float | None = None,
    ):
        self.url = url
        self.token = token
        self.timeout_s = timeout_s
        self.ca_file = ca_file
        self.ping_timeout_s = ping_timeout_s
        self._http: Any = None
        self._guard: GuardedCalls | None = None

    def client(self) -> Any:
        if self._http is None:
            self._http = self.new_client(self.timeout_s)
        return self._http

    def call(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """A call to the server, abandoned if the server stops answering pings (serving only)."""
        if not self.ping_timeout_s:
            return fn(*args, **kwargs)
        if self._guard is None:
            ping_client = self.new_client(self.ping_timeout_s)
            self._guard = GuardedCalls(ChromaHealth(ping_client.heartbeat), where=self.url)
        return self._guard.call(fn, *args, **kwargs)

    def guarded(self, collection: Any) -> Any:
        """The collection, its get/query/count guarded like ``call`` once guarded calls are in use."""
        return GuardedCollection(collection, self._guard) if self._guard is not None else collection

    def new_client(self, timeout_s: float) -> Any:
        """A chromadb HttpClient (token auth, https with an optional CA file) whose calls time out."""
        url = urlparse(self.url)
        settings = chroma_settings()
        if self.token:  # Chroma's token auth: the token goes in the X-Chroma-Token header
            settings.chroma_client_auth_provider = "chromadb.auth.token_authn.TokenAuthClientProvider"
            settings.chroma_client_auth_credentials = self.token
            settings.chroma_auth_token_transport_header = "X-Chroma-Token"
        if url.scheme == "https" and self.ca_file:  # a private CA (the default is the system's)
            settings.chroma_server_ssl_verify = str(self.ca_file)
        client = chromadb.HttpClient(
            host=url.hostname or "127.0.0.1",
            port=url.port or (443 if url.scheme == "https" else 8000),
            ssl=url.scheme == "https",
            settings=settings,
        )
        # chromadb's HTTP client waits forever by default; a hung server must fail the call instead
        session = getattr(getattr(client, "_server", None), "_session", None)
        if session is not None:
            session.timeout = httpx.Timeout(timeout_s, connect=min(timeout_s, 3.0))
        return client
