"""The soak's server environment (without the developer's HMS_* settings) and the RSS of its processes."""

from __future__ import annotations

import argparse
import contextlib
import os
import threading
from collections import defaultdict
from pathlib import Path
from typing import Any

import psutil

from assistant.infra.config import PROJECT_ROOT
from evals.testing.fake_slack import FakeSlack
from evals.testing.slack_payloads import BOT_TOKEN, SIGNING_SECRET

SERVER_LOG = PROJECT_ROOT / "data" / "soak-server.log"
PSEUDONYM_KEY = "soak-pseudonym-key-0f3c9a"


def server_env(args: argparse.Namespace, database: Path, fake: FakeSlack) -> dict[str, str]:
    """The environment without the developer's HMS_* settings, except where the index is."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("HMS_")}
    keep = ("HMS_DATA_DIR", "HMS_CORPUS_DIR", "HMS_EMBEDDING_MODEL", "HMS_CHROMA_URL", "HMS_COLLECTION")
    env.update({k: os.environ[k] for k in keep if k in os.environ})
    env.update(
        {
            "HMS_WORKERS": str(args.workers),
            "HMS_DATABASE_PATH": str(database),
            "HMS_PSEUDONYM_KEY": PSEUDONYM_KEY,
            "HMS_SLACK_MODE": "http",
            "HMS_SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "HMS_SLACK_BOT_TOKEN": BOT_TOKEN,
            "HMS_SLACK_API_URL": fake.api_url,
            "HMS_RATE_LIMIT_PER_MINUTE": "1000000",
            "HMS_SLACK_RATE_LIMIT_PER_MINUTE": "1000000",
            "HMS_LLM": "",
        }
    )
    return env


class MemorySampler(threading.Thread):
    """RSS (MB) of the uvicorn supervisor and its worker processes, once a second."""

    def __init__(self, pid: int, *, every: float = 1.0):
        super().__init__(daemon=True, name="rss-sampler")
        self.root = psutil.Process(pid)
        self.every = every
        self.stop_event = threading.Event()
        self.roles: dict[int, str] = {pid: "supervisor"}
        self.samples: dict[int, list[float]] = defaultdict(list)

    def role(self, proc: psutil.Process) -> str | None:
        if proc.pid not in self.roles:
            if "spawn_main" not in " ".join(proc.cmdline()):
                return None  # multiprocessing's resource tracker
            self.roles[proc.pid] = f"worker {self.workers_seen() + 1}"
        return self.roles[proc.pid]

    def sample(self) -> None:
        with contextlib.suppress(psutil.Error):
            for proc in [self.root, *self.root.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    if self.role(proc):
                        self.samples[proc.pid].append(proc.memory_info().rss / 2**20)

    def run(self) -> None:
        while not self.stop_event.wait(self.every):
            self.sample()

    def stop(self) -> None:
        self.stop_event.set()
        self.join(5)

    def workers_seen(self) -> int:
        return sum(role.startswith("worker") for role in self.roles.values())

    def table(self) -> list[dict[str, Any]]:
        """Per process: start, peak and end RSS, and the growth from the first to the last quarter's mean."""
        rows = []
        for pid, rss in self.samples.items():
            quarter = max(1, len(rss) // 4)
            first, last = sum(rss[:quarter]) / quarter, sum(rss[-quarter:]) / quarter
            rows.append(
                {
                    "process": self.roles[pid],
                    "pid": pid,
                    "samples": len(rss),
                    "start_mb": round(rss[0], 1),
                    "peak_mb": round(max(rss), 1),
                    "end_mb": round(rss[-1], 1),
                    "first_quarter_mb": round(first, 1),
                    "last_quarter_mb": round(last, 1),
                    "growth_mb": round(last - first, 1),
                    "growth_pct": round(100 * (last - first) / first, 1),
                }
            )
        return sorted(rows, key=lambda r: (r["process"] != "supervisor", r["process"]))
