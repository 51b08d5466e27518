"""`hms serve` sets PROMETHEUS_MULTIPROC_DIR before prometheus_client is first imported, so /metrics adds up
every worker's values. Importing the CLI or the server must therefore not import prometheus_client: when it did
(the server module imported the service at its top), a one-worker host served empty Slack and answer counters
(the multihost test caught it)."""

from __future__ import annotations

import subprocess
import sys

from assistant.infra.config import PROJECT_ROOT


def test_the_cli_and_the_server_import_no_metrics_before_serve_sets_them_up():
    probe = "import sys, bots.cli, bots.server; print(sorted(m for m in sys.modules if m.startswith('prometheus')))"
    out = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        cwd=PROJECT_ROOT,
        timeout=120,
    )
    assert out.stdout.strip() == "[]"
