"""`hms serve --workers N` as a subprocess for the benchmarks and the soak: its own process group on 127.0.0.1,
its output in a log file, ready when /readyz says so, and stopped with the whole group."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from assistant.infra.config import PROJECT_ROOT


class ServeProcess:
    def __init__(self, *, port: int, workers: int, env: dict[str, str], log: Path):
        self.url = f"http://127.0.0.1:{port}"
        self.log_path = log
        log.parent.mkdir(parents=True, exist_ok=True)
        self.log = open(log, "w")  # noqa: SIM115 - closed in stop()
        command = [
            "-m",
            "bots.cli",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ]
        self.proc = subprocess.Popen(
            [sys.executable, *command],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            cwd=PROJECT_ROOT,
        )

    def wait_ready(self, *, timeout: float = 240, check: Callable[[], None] | None = None) -> None:
        """Until /readyz answers 200; ``check`` runs on every poll (it may raise to give up sooner)."""
        until = time.monotonic() + timeout
        while time.monotonic() < until:
            if check is not None:
                check()
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited ({self.proc.returncode}); see {self.log_path}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}/readyz", timeout=2).status_code == 200:
                    return
            time.sleep(0.5)
        raise RuntimeError(f"the server did not become ready in {timeout:.0f} s; see {self.log_path}")

    def kill(self, sig: signal.Signals) -> None:
        with contextlib.suppress(OSError):
            os.killpg(self.proc.pid, sig)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.kill(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill(signal.SIGKILL)
                self.proc.wait(timeout=10)
        self.log.close()
