"""The benchmark's profile names the product's functions by file and name; a module that moves must not leave a
profile line measuring nothing (after the layout move, two lines read 0 ms)."""

import ast
from pathlib import Path

from evals.bench_parts import PROFILE_STEPS

ASSISTANT = Path(__file__).resolve().parents[2] / "assistant"


def test_every_profiled_function_exists_in_the_named_file():
    for label, (filename, function) in PROFILE_STEPS.items():
        defined = {
            node.name
            for path in ASSISTANT.rglob(filename)
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.FunctionDef)
        }
        assert function in defined, f"{label}: no {function} in any assistant/**/{filename}"
