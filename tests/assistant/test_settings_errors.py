"""Bad settings are refused at start in one Norwegian line naming the HMS_ variable: no traceback, exit 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import SecretStr

from assistant.infra.config import reveal
from tests.conftest import make_settings

BAD_SETTINGS = [
    ("HMS_RETENTION_DAYS", "0"),  # deleted every feedback and audit row at start
    ("HMS_RETENTION_DAYS", "-1"),
    ("HMS_RATE_LIMIT_PER_MINUTE", "-1"),  # turned the limit off
    ("HMS_MAX_BODY_BYTES", "0"),  # every POST a 413
    ("HMS_ANSWER_TIMEOUT_S", "0"),  # every question a 504
    ("HMS_PORT", "abc"),  # a 22-line traceback
    ("HMS_CHROMA_URL", "127.0.0.1:8001"),  # silently became port 8000
    ("HMS_TRUST_PROXY_HEADERS", "true"),  # without HMS_FORWARDED_ALLOW_IPS: whose headers to trust?
    ("HMS_FORWARDED_ALLOW_IPS", "*"),  # every client a trusted proxy: the rate limit bypass again
]


def run_hms(tmp_path: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`hms` as a real process in an empty directory (no .env), without the developer's HMS_* variables."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("HMS_")}
    return subprocess.run(
        [sys.executable, "-m", "bots.cli", *args],
        cwd=tmp_path,
        env={**clean, "HMS_DATA_DIR": str(tmp_path / "data"), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(("variable", "value"), BAD_SETTINGS)
def test_a_bad_setting_is_refused_in_one_line_naming_it(tmp_path, variable, value):
    out = run_hms(tmp_path, "status", env={variable: value})
    lines = out.stderr.strip().splitlines()
    assert out.returncode == 2, (out.returncode, out.stderr[-2000:])
    assert len(lines) == 1 and lines[0].startswith("Feil: ") and variable in lines[0], out.stderr[-2000:]
    assert "Traceback" not in out.stderr and out.stdout == ""


def test_serve_refuses_a_port_that_is_not_a_number(tmp_path):
    out = run_hms(tmp_path, "serve", env={"HMS_PORT": "abc"})
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.strip() == "Feil: HMS_PORT må være et heltall (fikk 'abc')."


def test_good_edge_values_are_accepted():
    settings = make_settings(
        retention_days=1,
        rate_limit_per_minute=0,  # 0 = no limit, as documented
        chroma_url="http://127.0.0.1:8001",
        trust_proxy_headers=True,
        forwarded_allow_ips="10.0.0.0/8, 127.0.0.1",
    )
    assert settings.forwarded_allow_ips == ["10.0.0.0/8", "127.0.0.1"]


def test_tokens_and_keys_are_secret_strings():
    settings = make_settings(
        slack_bot_token="xoxb-1-2-abc", llm_api_key="sk-test", pseudonym_key="k", slack_signing_secret="s"
    )
    assert isinstance(settings.slack_bot_token, SecretStr) and isinstance(settings.llm_api_key, SecretStr)
    assert "xoxb-1-2-abc" not in repr(settings) and "sk-test" not in str(settings.model_dump())
    assert reveal(settings.slack_bot_token) == "xoxb-1-2-abc" and reveal(settings.slack_app_token) is None
