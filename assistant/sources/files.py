"""Read the corpus files so that an error names the file, the entry and the line (never a traceback).

YAML lists keep the line each entry starts on; a law JSON section is found by its `"section"` key. A field
that is missing or of the wrong kind is reported by `entry_problem()`, which `assistant.sources.corpus` wraps
around the code that builds each entry.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML_ID = re.compile(r"^\s*-?\s*(?:id|term):\s*['\"]?([^'\"#\n]+?)['\"]?\s*$")


class CorpusError(RuntimeError):
    """The corpus directory is missing or malformed; the message says where (Norwegian)."""


@dataclass(frozen=True)
class Entry:
    """One raw entry of a corpus file, with the (1-based) line it starts on."""

    raw: Any
    line: int


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CorpusError(f"{path}: filen finnes ikke.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: kan ikke leses ({type(exc).__name__}).") from None


def _yaml_entry_before(text: str, line: int) -> str:
    """' (i oppføringen «id»)' for the entry that starts last at or before ``line``, or ''."""
    for candidate in reversed(text.splitlines()[:line]):
        match = _YAML_ID.match(candidate)
        if match:
            return f" (i oppføringen «{match.group(1).strip()}»)"
    return ""


def _yaml_problem(path: Path, text: str, exc: yaml.MarkedYAMLError) -> str:
    """'<path>, linje 43: ugyldig YAML (did not find …; while parsing a flow sequence fra linje 36) (i …)'."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 0
    detail = exc.problem or exc.context or "ukjent feil"
    if exc.context and exc.context_mark and exc.problem_mark:
        detail += f"; {exc.context} fra linje {exc.context_mark.line + 1}"
    where = f"{path}, linje {line}" if mark else str(path)
    return f"{where}: ugyldig YAML ({detail}){_yaml_entry_before(text, line)}."


def read_yaml_list(path: Path, key: str) -> list[Entry]:
    """The entries of the top-level list ``key`` in a YAML file, each with its line number."""
    text = _read_text(path)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        raise CorpusError(_yaml_problem(path, text, exc)) from None
    except yaml.YAMLError as exc:
        raise CorpusError(f"{path}: ugyldig YAML ({exc}).") from None
    finally:
        loader.dispose()
    if node is None or not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise CorpusError(f"{path}: mangler listen «{key}:» øverst i filen.")
    items = next(value for name, value in node.value if name.value == key)
    return [Entry(raw, item.start_mark.line + 1) for raw, item in zip(data[key], items.value, strict=True)]


def read_yaml_mapping(path: Path) -> dict[str, Any]:
    """A YAML file whose top level is a mapping."""
    text = _read_text(path)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CorpusError(f"{path}: ugyldig YAML ({str(exc).splitlines()[0]}).") from None
    if not isinstance(data, dict):
        raise CorpusError(f"{path}: forventet en YAML-tabell med navngitte felt.")
    return data


def read_json(path: Path) -> tuple[dict[str, Any], str]:
    """A JSON object and the text it was read from (to find an entry's line later)."""
    text = _read_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        entry = _json_section_before(text, exc.lineno)
        raise CorpusError(
            f"{path}, linje {exc.lineno}, kolonne {exc.colno}: ugyldig JSON ({exc.msg}){entry}."
        ) from None
    if not isinstance(data, dict):
        raise CorpusError(f"{path}, linje 1: skal være et JSON-objekt.")
    return data, text


_JSON_SECTION = re.compile(r'"section"\s*:\s*"([^"]*)"')


def _json_section_before(text: str, line: int) -> str:
    for candidate in reversed(text.splitlines()[:line]):
        match = _JSON_SECTION.search(candidate)
        if match:
            return f" (i § {match.group(1)})"
    return ""


def json_section_line(text: str, section: object) -> int:
    """The line of `"section": "<section>"` in a law file's text (1 when it cannot be found)."""
    pattern = re.compile(r'"section"\s*:\s*' + re.escape(json.dumps(section, ensure_ascii=False)))
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 1


@contextmanager
def entry_problem(path: Path, line: int, what: str) -> Iterator[None]:
    """Turn a missing field or a value of the wrong kind while building ``what`` into a CorpusError."""
    try:
        yield
    except CorpusError:
        raise
    except KeyError as exc:
        raise CorpusError(f"{path}, linje {line}: {what} mangler feltet «{exc.args[0]}».") from None
    except (TypeError, ValueError, AttributeError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise CorpusError(f"{path}, linje {line}: {what} har en ugyldig verdi ({detail}).") from None
