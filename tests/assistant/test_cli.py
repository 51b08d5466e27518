"""The CLI contract that front ends and external evaluators rely on (run as a real subprocess)."""

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.integration


def hms(real_settings, *args, stdin=None):
    env = {
        **os.environ,
        "HMS_DATA_DIR": str(real_settings.data_dir),
        "HMS_CORPUS_DIR": str(real_settings.corpus_dir),
    }
    return subprocess.run(
        [sys.executable, "-m", "bots.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_ask_json_contract(real_settings):
    out = hms(real_settings, "ask", "--json", "Må jeg ha HMS-kurs som daglig leder?")
    assert out.returncode == 0, out.stderr
    answer = json.loads(out.stdout)
    assert {"question", "answer", "abstained", "law_as_of", "latency_ms", "citations"} <= set(answer)
    law = next(c for c in answer["citations"] if c["kind"] == "law")
    assert set(law) >= {
        "kind",
        "law_id",
        "law_name",
        "section",
        "ledd",
        "letter",
        "ref",
        "url",
        "quote",
        "version_date",
    }
    assert (law["law_id"], law["section"], law["law_name"]) == (
        "LOV-2005-06-17-62",
        "3-5",
        "arbeidsmiljøloven",
    )
    faq = next(c for c in answer["citations"] if c["kind"] == "faq")
    assert set(faq) == {"kind", "faq_id", "question"}


def test_ask_readable(real_settings):
    out = hms(real_settings, "ask", "hva står i aml § 6-5?")
    assert out.returncode == 0
    assert (
        "aml § 6-5" in out.stdout
        and "Kilder:" in out.stdout
        and "lovdata.no/lov/2005-06-17-62/§6-5" in out.stdout
    )


def test_ask_stdin_one_json_object_a_line(real_settings):
    out = hms(real_settings, "ask", "--json", "-", stdin="aml 3-5\n\nhva er hovedstaden i Frankrike?\n\x00\n")
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(lines) == 3
    assert lines[0]["citations"][0]["section"] == "3-5"
    assert lines[1]["abstained"] is True
    assert lines[2]["error"]["code"] == "invalid_characters"
    assert out.returncode == 2


def test_bad_input_exit_code_and_no_traceback(real_settings):
    out = hms(real_settings, "ask", "   ")
    assert out.returncode == 2 and "Traceback" not in out.stderr and "tomt" in out.stderr


def test_missing_index_is_a_clear_error(real_settings, tmp_path):
    env = {**os.environ, "HMS_DATA_DIR": str(tmp_path), "HMS_CORPUS_DIR": str(real_settings.corpus_dir)}
    out = subprocess.run(
        [sys.executable, "-m", "bots.cli", "ask", "hei"], capture_output=True, text=True, env=env
    )
    assert out.returncode == 3 and "hms ingest" in out.stderr and "Traceback" not in out.stderr


def test_a_healthy_status_exits_cleanly(real_settings):
    out = hms(real_settings, "status")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.splitlines()[-1])["ready"] is True
    assert "Traceback" not in out.stderr
