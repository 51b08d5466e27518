"""The per-installation pseudonym key (SQLite mode): workers starting at once all read one complete key."""

from __future__ import annotations

import secrets
import threading

from assistant.infra.state import sqlite as sqlite_state_module
from assistant.infra.state.sqlite import installation_key


def test_workers_starting_at_once_read_the_same_complete_pseudonym_key(tmp_path, monkeypatch):
    """The first worker is held while it makes its key; the second starts meanwhile. Both must end up with
    the same non-empty key (a key file that exists but is still empty must never be read)."""
    first_is_making = threading.Event()
    second_is_done = threading.Event()
    real_token_hex = secrets.token_hex
    calls = []

    def slow_token_hex(n: int) -> str:
        calls.append(n)
        if len(calls) == 1:  # the first worker: wait until the second has read its key
            first_is_making.set()
            second_is_done.wait(timeout=10)
        return real_token_hex(n)

    monkeypatch.setattr(sqlite_state_module.secrets, "token_hex", slow_token_hex)
    keys: dict[str, str] = {}
    first = threading.Thread(target=lambda: keys.setdefault("first", installation_key(tmp_path)))
    first.start()
    assert first_is_making.wait(timeout=10)
    keys["second"] = installation_key(tmp_path)
    second_is_done.set()
    first.join(timeout=30)
    assert keys["first"] == keys["second"] and len(keys["first"]) == 64
    assert (tmp_path / "pseudonym.key").stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["pseudonym.key"]  # no temporary file left behind
