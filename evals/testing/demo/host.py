"""Serves the demo host page from its own origin, as a customer's site would (used by the browser tests)."""

from __future__ import annotations

from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from evals.testing.demo import DEFAULT_APP_URL, DEMO_DIR, render_demo


def make_server(host: str, port: int, *, app_url: str = DEFAULT_APP_URL) -> ThreadingHTTPServer:
    """A small HTTP server for / (the page, loading the widget from ``app_url``) and /demo.css."""
    page = render_demo(app_url).encode()
    css = (DEMO_DIR / "demo.css").read_bytes()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
            path = self.path.split("?", 1)[0]
            if path in ("/", "/index.html"):
                self._send(page, "text/html; charset=utf-8")
            elif path == "/demo.css":
                self._send(css, "text/css; charset=utf-8")
            else:
                self._send(b"Not found", "text/plain; charset=utf-8", HTTPStatus.NOT_FOUND)

        def _send(self, body: bytes, content_type: str, status: HTTPStatus = HTTPStatus.OK) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
            pass

    return ThreadingHTTPServer((host, port), Handler)
