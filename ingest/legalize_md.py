"""Parse the legalize-no Markdown rendering of a Lovdata law (corpus/laws/found/*.legalize-no.raw.md).

Used to check the found JSON against the byte-exact raw source: every section's text must come from it.
"""

from __future__ import annotations

import re
from pathlib import Path

_CHAPTER = re.compile(r"^## Kapittel (.+?)\. (.*)$")
_SECTION = re.compile(r"^### § ([^.]+)\.\s?(.*)$")


def parse_sections(path: Path) -> dict[str, dict[str, str]]:
    """section number -> {chapter, title, body, note} as written in the Markdown."""
    sections: dict[str, dict[str, str]] = {}
    chapter = ""
    current: dict[str, str] | None = None
    body: list[str] = []

    def close() -> None:
        if current is not None:
            lines = [ln for ln in body if not ln.startswith("> ")]
            current["note"] = " ".join(ln[2:] for ln in body if ln.startswith("> "))
            current["body"] = "\n".join(lines).strip()

    for line in path.read_text(encoding="utf-8").split("\n"):
        if m := _CHAPTER.match(line):
            close()
            current, body, chapter = None, [], m.group(1)
        elif m := _SECTION.match(line):
            close()
            body = []
            current = {"chapter": chapter, "title": m.group(2).strip()}
            sections[m.group(1).strip()] = current
        elif current is not None:
            body.append(line)
    close()
    return sections
