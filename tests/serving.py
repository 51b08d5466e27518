"""Real processes for operations tests: `hms serve`, `hms ingest` and `chroma run`, on loopback ports.

Every wait is on a condition with a generous deadline (the machine is a loaded 2-core one), never a sleep.
"""

from __future__ import annotations

import os
import shutil
import signal
import ssl
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from assistant.infra.config import PROJECT_ROOT
from evals.ports import free_port
from evals.serve_process import ServeProcess


def wait_for(condition: Callable[[], Any], *, timeout: float = 120.0, what: str = "a condition") -> Any:
    """Poll ``condition`` until it returns something truthy; raise after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = condition()
            if value:
                return value
        except (httpx.HTTPError, OSError):
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        time.sleep(0.1)


def hms_env(**settings: object) -> dict[str, str]:
    """The environment without the developer's HMS_* settings, plus ``settings`` as HMS_<NAME>."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("HMS_")}
    env.update({f"HMS_{k.upper()}": str(v) for k, v in settings.items()})
    return env


def hms(*args: str, env: dict[str, str], timeout: float = 600) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "bots.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=PROJECT_ROOT,
    )
    assert done.returncode == 0, f"hms {' '.join(args)} failed ({done.returncode}): {done.stderr[-2000:]}"
    return done


class HmsServer(ServeProcess):
    """`hms serve` in its own process group (evals.serve_process starts and stops it); its log in ``log_path``."""

    def __init__(self, env: dict[str, str], *, log_path: Path, port: int | None = None, workers: int = 1):
        self.port = port or free_port()
        super().__init__(port=self.port, workers=workers, env=env, log=log_path)

    def wait_ready(self, *, timeout: float = 240.0, check: Callable[[], None] | None = None) -> None:
        """As ServeProcess's, with the log's tail in the error (what CI shows)."""

        def ready() -> bool:
            if check is not None:
                check()
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"hms serve exited ({self.proc.returncode}): {self.log_path.read_text()[-3000:]}"
                )
            return httpx.get(f"{self.url}/readyz", timeout=10).status_code == 200

        wait_for(ready, timeout=timeout, what=f"hms serve on {self.url} to be ready")


def chroma_cli() -> str:
    """The `chroma` command installed beside this Python (the venv's bin/ need not be on PATH)."""
    beside = Path(sys.executable).parent / "chroma"
    return str(beside) if beside.is_file() else shutil.which("chroma") or "chroma"


class ChromaServer:
    """A real `chroma run` on a loopback port, its data in ``path``."""

    def __init__(self, path: Path, *, port: int | None = None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.path = path
        self.proc = self._start()

    def _start(self) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(
            [chroma_cli(), "run", "--path", str(self.path), "--host", "127.0.0.1", "--port", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
        )
        wait_for(
            lambda: httpx.get(f"{self.url}/api/v2/heartbeat", timeout=2).status_code == 200,
            timeout=120,
            what="chroma run",
        )
        return proc

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(
                signal.SIGCONT
            )  # a stopped process cannot act on SIGKILL's cleanup otherwise
            self.proc.kill()
        self.proc.wait(timeout=30)


GATEWAY_CONF = """
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log;
events {{ worker_connections 512; }}
http {{
    access_log off;
    client_body_temp_path {root}/tmp; proxy_temp_path {root}/tmp; fastcgi_temp_path {root}/tmp;
    uwsgi_temp_path {root}/tmp; scgi_temp_path {root}/tmp;
    client_max_body_size 64m;
    client_body_buffer_size 64m;  # in memory: the workers (nobody) cannot write to a root-owned temp dir
    map $http_x_chroma_token $token_ok {{ "{token}" 1; default 0; }}
    server {{
        listen 127.0.0.1:{port} ssl;
        ssl_certificate {root}/cert.pem;
        ssl_certificate_key {root}/key.pem;
        location / {{
            if ($token_ok = 0) {{ return 401; }}
            proxy_pass http://127.0.0.1:{upstream};
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_read_timeout 300s;
            proxy_request_buffering off;
            proxy_buffering off;
        }}
    }}
}}
"""


class TokenGateway:
    """Debian's nginx in front of `chroma run`: TLS (a self-signed certificate for 127.0.0.1) and Chroma's
    token header (X-Chroma-Token) required, as the README's 'Running on several machines' sets it up."""

    def __init__(self, root: Path, *, upstream_port: int, token: str):
        self.root, self.token = root, token
        self.port = free_port()
        self.url = f"https://127.0.0.1:{self.port}"
        (root / "tmp").mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                str(root / "key.pem"),
                "-out",
                str(root / "cert.pem"),
                "-days",
                "2",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1",
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )
        self.ca_file = root / "cert.pem"
        conf = root / "nginx.conf"
        conf.write_text(GATEWAY_CONF.format(root=root, port=self.port, upstream=upstream_port, token=token))
        self.proc = subprocess.Popen(
            ["nginx", "-p", str(root), "-c", str(conf), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        context = ssl.create_default_context(cafile=str(self.ca_file))
        wait_for(
            lambda: (
                httpx.get(
                    f"{self.url}/api/v2/heartbeat",
                    headers={"X-Chroma-Token": token},
                    verify=context,
                    timeout=2,
                ).status_code
                == 200
            ),
            timeout=60,
            what="the nginx gateway",
        )

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)
