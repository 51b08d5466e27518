"""requirements.lock: every dependency pinned with hashes, in step with pyproject.toml, above the known-vulnerable
releases, and what `make setup` installs; the default install leaves out what only the extras need."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from assistant.infra.config import PROJECT_ROOT

LOCK = PROJECT_ROOT / "requirements.lock"
PYPROJECT = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PIN = re.compile(r"^([A-Za-z0-9._-]+)==(\S+) \\$", re.M)


def locked() -> dict[str, tuple[Version, int]]:
    """{name: (version, number of hashes)} from the lock."""
    text = LOCK.read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text)
    pins: dict[str, tuple[Version, int]] = {}
    for block in blocks:
        match = PIN.match(block)
        if match:
            pins[canonicalize_name(match.group(1))] = (Version(match.group(2)), block.count("--hash=sha256:"))
    return pins


def declared() -> list[Requirement]:
    project = PYPROJECT["project"]
    extras = [dep for deps in project["optional-dependencies"].values() for dep in deps]
    return [
        Requirement(dep)
        for dep in [*project["dependencies"], *extras, *PYPROJECT["build-system"]["requires"]]
    ]


def test_every_requirement_in_the_lock_is_pinned_with_hashes():
    text = LOCK.read_text(encoding="utf-8")
    requirement_lines = [line for line in text.splitlines() if line and not line.startswith((" ", "#"))]
    assert requirement_lines and all(PIN.match(line) for line in requirement_lines), requirement_lines[:5]
    assert all(hashes >= 1 for _version, hashes in locked().values())


def test_the_lock_covers_every_declared_dependency_within_its_range():
    pins = locked()
    for requirement in declared():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement} is not in requirements.lock: run `make lock`"
        version = pins[name][0]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"{name}=={version} not in {requirement}"
        )


@pytest.mark.parametrize(("name", "vulnerable"), [("starlette", "0.49.0"), ("langchain-core", "1.2.4")])
def test_known_vulnerable_releases_are_excluded(name, vulnerable):
    """Starlette < 0.49.1: Range-header DoS; langchain-core < 1.2.5: serialization injection."""
    floors = [r for r in declared() if canonicalize_name(r.name) == name]
    assert floors and not any(r.specifier.contains(vulnerable) for r in floors)
    assert locked()[name][0] > Version(vulnerable)


def test_torch_and_the_optional_backend_are_extras_not_the_default_install():
    default = {canonicalize_name(Requirement(dep).name) for dep in PYPROJECT["project"]["dependencies"]}
    assert not default & {"torch", "sentence-transformers", "langchain-chroma"}
    extras = PYPROJECT["project"]["optional-dependencies"]
    assert {"torch", "sentence-transformers"} <= {
        canonicalize_name(Requirement(d).name) for d in extras["sentence-transformers"]
    }
    assert locked()["torch"][0].local == "cpu"  # the CPU build, never a CUDA one from PyPI


def test_make_setup_installs_from_the_lock_with_hashes():
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    setup = makefile.split("$(STAMP):", 1)[1].split("\n\n", 1)[0]
    assert "--require-hashes" in setup and "-r $(LOCK)" in setup and "--no-deps" in setup
    assert "$(LOCK)" in setup.splitlines()[0]  # a changed lock re-runs the install


def test_the_environment_matches_the_lock():
    """What `make setup` installed is what the lock says (a stale .venv shows here first)."""
    wrong = {}
    for name, (version, _hashes) in locked().items():
        try:
            installed = Version(metadata.version(name))
        except metadata.PackageNotFoundError:
            installed = None
        if installed != version:
            wrong[name] = (str(version), str(installed))
    assert not wrong, wrong
