"""The fake Slack's Socket Mode endpoint: a websocket that says hello, sends envelopes and collects acks."""

from __future__ import annotations

import json
import threading
from typing import Any

from websockets.sync.server import ServerConnection, serve

from evals.testing.fake_slack import FakeSlack


class FakeSocketMode:
    """Slack's Socket Mode side: a websocket that says hello, sends envelopes and collects the acks."""

    def __init__(self, fake: FakeSlack) -> None:
        self.acks: list[dict[str, Any]] = []
        self.cond = threading.Condition()
        self.connection: ServerConnection | None = None
        self.server = serve(self._handle, "127.0.0.1", 0)
        port = self.server.socket.getsockname()[1]
        fake.ws_url = f"ws://127.0.0.1:{port}/link"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def _handle(self, connection: ServerConnection) -> None:
        with self.cond:
            self.connection = connection
            self.cond.notify_all()
        connection.send(
            json.dumps({"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0HMS"}})
        )
        for message in connection:
            with self.cond:
                self.acks.append(json.loads(message))
                self.cond.notify_all()

    def send(self, envelope: dict[str, Any], timeout: float = 30) -> dict[str, Any]:
        """Send one envelope and return the client's ack for it."""
        with self.cond:
            if not self.cond.wait_for(lambda: self.connection is not None, timeout):
                raise AssertionError("the Socket Mode client never connected")
        assert self.connection is not None
        self.connection.send(json.dumps(envelope))
        with self.cond:
            if not self.cond.wait_for(
                lambda: any(a.get("envelope_id") == envelope["envelope_id"] for a in self.acks), timeout
            ):
                raise AssertionError(f"no ack for envelope {envelope['envelope_id']}")
            return next(a for a in self.acks if a.get("envelope_id") == envelope["envelope_id"])

    def close(self) -> None:
        self.server.shutdown()
