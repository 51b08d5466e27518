"""A free TCP port on 127.0.0.1 for a server that the evals or the tests start."""

from __future__ import annotations

import socket


def free_port() -> int:
    """A port the OS has just handed out on 127.0.0.1 (free now; the caller binds it soon after)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
