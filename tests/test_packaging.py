"""The wheel carries the product (assistant, bots, ingest) and leaves out evals/: the eval suite, the benchmarks, the
test doubles and the demo site run from a checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from assistant.infra.config import PROJECT_ROOT

pytestmark = pytest.mark.slow

SOURCES = ("pyproject.toml", "README.md", "assistant", "bots", "ingest", "evals")


@pytest.fixture(scope="module")
def wheel_files(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The file names in a wheel built (offline, no build isolation) from a copy of the tree, so the build leaves
    nothing (build/, *.egg-info) in the checkout and nothing stale from it gets in."""
    root = tmp_path_factory.mktemp("wheel")
    source, out = root / "source", root / "dist"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build")
    for name in SOURCES:
        path = PROJECT_ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=ignore)
        else:
            source.mkdir(exist_ok=True)
            shutil.copy2(path, source / name)
    command = [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--no-build-isolation"]
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INDEX": "1"}
    subprocess.run([*command, "-q", "-w", str(out)], check=True, env=env, cwd=root, timeout=300)
    (wheel,) = Path(out).glob("hms_assistenten-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def test_the_wheel_leaves_out_the_test_doubles_and_the_demo(wheel_files: list[str]):
    assert [name for name in wheel_files if name.startswith("evals/")] == []
    assert [name for name in wheel_files if "demo" in name.lower()] == []
    assert [
        name for name in wheel_files if Path(name).stem in ("fake_slack", "scripted_llm", "slack_payloads")
    ] == []


def test_the_wheel_carries_the_product(wheel_files: list[str]):
    for name in (
        "assistant/__init__.py",
        "assistant/infra/config.py",
        "bots/__init__.py",
        "bots/web/app.py",
        "bots/web/static/index.html",
        "bots/web/widget/widget.js",
        "bots/slack/__init__.py",
        "ingest/__init__.py",
    ):
        assert name in wheel_files, name
