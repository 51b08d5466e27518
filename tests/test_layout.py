"""The layout holds: dependencies point one way, no import circles, and no function or module grows past what a
reader takes in at once. Read from the source (AST), so an import inside a function counts as much as one at
the top of a module."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from assistant.infra.config import PROJECT_ROOT

PACKAGES = ("assistant", "bots", "ingest", "evals")
MAX_FUNCTION_LINES = 60
MAX_MODULE_LINES = 300


@cache
def modules() -> dict[str, Path]:
    """{dotted module name: file} for every module of the project's packages (tests excluded)."""
    found = {}
    for package in PACKAGES:
        for path in sorted((PROJECT_ROOT / package).rglob("*.py")):
            parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imported(module: str, path: Path) -> Iterator[str]:
    """The project modules that ``module`` imports, anywhere in its file (`from a import b` names a.b when b is a
    module, else a)."""
    known = modules()
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = module.split(".") if is_package else module.split(".")[:-1]
                anchor = here[: len(here) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names
            ]
        else:
            continue
        yield from (target for target in targets if target in known)


@cache
def graph() -> dict[str, frozenset[str]]:
    return {module: frozenset(imported(module, path)) for module, path in modules().items()}


def top(module: str) -> str:
    """bots.web.app -> bots.web; assistant.retrieval.hybrid -> assistant; ingest.pipeline -> ingest."""
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == "bots" and len(parts) > 1 else parts[0]


FORBIDDEN = {  # importer's area -> areas it must not import
    "assistant": {"bots", "bots.web", "bots.slack", "bots.cli", "bots.server", "ingest", "evals"},
    "ingest": {"bots", "bots.web", "bots.slack", "bots.cli", "bots.server", "evals"},
    "bots.web": {"bots.slack", "bots.cli", "bots.server", "evals"},
    "bots.slack": {"bots.web", "bots.cli", "bots.server", "evals"},
}


def test_dependencies_point_one_way():
    """Nothing in assistant/ imports the front ends or ingest; the web and Slack front ends do not know each
    other (bots/server.py, the composition module, carries both); the product imports nothing from evals."""
    wrong = [
        f"{module} imports {target}"
        for module, targets in graph().items()
        for target in targets
        if top(target) in FORBIDDEN.get(top(module), set())
    ]
    assert wrong == []


def cycles(edges: dict[str, frozenset[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each a circle of imports."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in edges.get(node, ()):
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_module_imports_itself_through_others():
    assert cycles(graph()) == []


QUESTION_PATH = ("question", "references", "retrieval", "evidence", "answer", "verify")


def test_the_assistant_subpackages_form_a_path_without_circles():
    """assistant/'s subpackages (question, references, retrieval, evidence, answer, verify, llm, ...) depend on
    each other one way only, so the folder reads as the path of a question."""
    areas: dict[str, set[str]] = {}
    for module, targets in graph().items():
        if module.startswith("assistant."):
            area = module.split(".")[1]
            areas.setdefault(area, set()).update(
                t.split(".")[1] for t in targets if t.startswith("assistant.") and t.split(".")[1] != area
            )
    assert cycles({area: frozenset(targets) for area, targets in areas.items()}) == []
    backwards = [
        f"{area} imports {target}"
        for i, area in enumerate(QUESTION_PATH)
        for target in sorted(areas.get(area, ()))
        if target in QUESTION_PATH[i + 1 :]
    ]
    assert backwards == []


def test_the_checks_see_a_circle_and_a_forbidden_import():
    assert cycles({"a": frozenset({"b"}), "b": frozenset({"c"}), "c": frozenset({"a"})}) == [["a", "b", "c"]]
    assert cycles({"a": frozenset({"b"}), "b": frozenset()}) == []
    assert top("bots.web.routes.ask") == "bots.web" and "bots.slack" in FORBIDDEN["bots.web"]


def long_functions(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            lines = (node.end_lineno or node.lineno) - node.lineno + 1
            if lines > MAX_FUNCTION_LINES:
                yield f"{node.name} ({lines} lines)"


@pytest.mark.parametrize("package", PACKAGES)
def test_no_function_over_60_lines_and_no_module_over_300(package):
    too_long = []
    for module, path in modules().items():
        if module.split(".")[0] != package:
            continue
        length = len(path.read_text(encoding="utf-8").splitlines())
        if length > MAX_MODULE_LINES:
            too_long.append(f"{module}: {length} lines")
        too_long += [f"{module}.{name}" for name in long_functions(path)]
    assert too_long == []


def test_module_names_are_unique_in_meaning():
    """No two modules share a name (store.py/storage.py, verify.py/llm/verify.py were confused), except each
    front end's app.py, which is the same thing for each."""
    names: dict[str, list[str]] = {}
    for module, path in modules().items():
        if path.name not in ("__init__.py", "__main__.py"):
            names.setdefault(path.name, []).append(module)
    shared = {name: found for name, found in names.items() if len(found) > 1}
    assert shared == {"app.py": ["bots.slack.app", "bots.web.app"]}
