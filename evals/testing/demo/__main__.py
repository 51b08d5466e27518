"""`python -m evals.testing.demo [--port 8001] [--app-url http://127.0.0.1:8000]`: the demo host page on
its own origin. Add that origin to HMS_ALLOWED_ORIGINS, or the widget will (rightly) refuse to answer."""

from __future__ import annotations

import argparse

from evals.testing.demo import DEFAULT_APP_URL
from evals.testing.demo.host import make_server


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.testing.demo")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--app-url", default=DEFAULT_APP_URL)
    args = parser.parse_args()
    server = make_server(args.host, args.port, app_url=args.app_url)
    print(f"HMS Kontoret demo on http://{args.host}:{args.port}/ (widget from {args.app_url})")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
