"""A broken corpus file is named in one line, with the entry and the line: `hms status` and `hms serve` print
it (no traceback) and exit; the same message comes from load_corpus."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from assistant.sources.corpus import CorpusError, load_corpus
from tests.assistant.test_settings_errors import run_hms
from tests.conftest import CORPUS_DIR

LAW = "LOV-2005-06-17-62.json"


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS_DIR, target, ignore=shutil.ignore_patterns("found", "seed"))
    return target


def invalid_yaml(corpus: Path) -> str:
    """An unclosed flow list in the second entry (kursinnhold) of faq.yaml."""
    path = corpus / "faq.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    n = next(i for i, line in enumerate(lines) if line.startswith("- id: kursinnhold"))
    lines[n + 4] = "  phrasings: [unclosed\n"
    path.write_text("".join(lines), encoding="utf-8")
    return rf"faq\.yaml, linje \d+: ugyldig YAML \(.* fra linje {n + 5}\) \(i oppføringen «kursinnhold»\)"


def missing_field(corpus: Path) -> str:
    path = corpus / "faq.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("- id: kursinnhold")
    line = text.count("\n", 0, start) + 1
    path.write_text(text[:start] + text[start:].replace("  topic: kurs\n", "", 1), encoding="utf-8")
    return rf"faq\.yaml, linje {line}: FAQ-oppføringen «kursinnhold» mangler feltet «topic»"


def truncated_law(corpus: Path) -> str:
    path = corpus / "laws" / LAW
    text = path.read_text(encoding="utf-8")
    cut = text.index('"section": "10-10"') + 40
    path.write_text(text[:cut], encoding="utf-8")
    return rf"laws/{LAW}, linje \d+, kolonne \d+: ugyldig JSON \(.*\) \(i § 10-10\)"


def section_without_url(corpus: Path) -> str:
    path = corpus / "laws" / LAW
    raw = json.loads(path.read_text(encoding="utf-8"))
    section = next(s for s in raw["sections"] if s["section"] == "6-2")
    del section["url"]
    text = json.dumps(raw, ensure_ascii=False, indent=1)
    path.write_text(text, encoding="utf-8")
    line = text.count("\n", 0, text.index('"section": "6-2"')) + 1
    return rf"laws/{LAW}, linje {line}: § 6-2 mangler feltet «url»"


BREAKAGES = [invalid_yaml, missing_field, truncated_law, section_without_url]


@pytest.mark.parametrize("breakage", BREAKAGES, ids=lambda f: f.__name__)
def test_load_corpus_names_the_file_the_entry_and_the_line(corpus_copy, breakage):
    expected = breakage(corpus_copy)
    with pytest.raises(CorpusError) as info:
        load_corpus(corpus_copy)
    assert re.search(expected, str(info.value)), str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("command", ["status", "serve"])
@pytest.mark.parametrize("breakage", BREAKAGES, ids=lambda f: f.__name__)
def test_status_and_serve_print_one_line_and_exit(tmp_path, corpus_copy, breakage, command):

    expected = breakage(corpus_copy)
    args = [command, "--port", "1"] if command == "serve" else [command]  # never binds: it stops before
    out = run_hms(tmp_path, *args, env={"HMS_CORPUS_DIR": str(corpus_copy)})
    assert out.returncode == 3, out.stderr[-3000:]
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Feil: ") and re.search(expected, lines[0]), out.stderr[
        -3000:
    ]
    assert "Traceback" not in out.stderr + out.stdout


def test_the_real_corpus_loads(corpus):
    assert len(corpus.faq) >= 30 and corpus.glossary and len(corpus.laws) == 3
