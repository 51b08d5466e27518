"""corpus/law_questions.yaml, the law's question index: every section in force has 3-6 questions (and
up to two more in English), and every question points to a section (and ledd) that exists, is in force and is whole."""

from collections import Counter

import pytest
import yaml

from assistant.sources.corpus import CorpusError, load_law_questions
from assistant.text import guess_language
from tests.conftest import CORPUS_DIR

RAW = yaml.safe_load((CORPUS_DIR / "law_questions.yaml").read_text(encoding="utf-8"))["sections"]


def test_every_section_in_force_has_three_to_six_questions_and_up_to_three_in_english(corpus):
    """3-6 questions as the issue asks (2-5 in Norwegian and one in English), and since English questions meet the
    Norwegian law text at lower cosines, up to two more in English: 2-3 English questions per section."""
    index = [q for q in corpus.law_questions if not q.case]
    english = [q for q in index if guess_language(q.text) == "en"]
    counts = Counter((q.law_id, q.section) for q in index if q not in english)
    counts_en = Counter((q.law_id, q.section) for q in english)
    in_force = {
        (law.law_id, n) for law in corpus.laws.values() for n, s in law.sections.items() if not s.repealed
    }
    assert set(counts) == in_force
    assert set(counts_en) == in_force
    assert {k: n for k, n in counts.items() if not 2 <= n <= 5} == {}
    assert {k: n for k, n in counts_en.items() if not 2 <= n <= 3} == {}


def test_cases_are_norwegian_questions_beside_the_index_and_at_most_eight_per_section(corpus):
    """Cases (questions that start from a case at work) come on top of a section's 3-6 questions; a section
    holds a few, so that no § wins a close call on the number of its questions alone."""
    cases = [q for q in corpus.law_questions if q.case]
    assert len(cases) >= 150
    assert [q.text for q in cases if guess_language(q.text) != "nb"] == []
    per_section = Counter((q.law_id, q.section) for q in cases)
    assert max(per_section.values()) <= 8
    raw = {(s["law"], str(s["section"])): s for s in RAW}
    for law_id, section in per_section:
        assert raw[(law_id, section)]["questions"], "a section with cases has index questions too"


def test_questions_point_to_whole_ledd_that_exist(corpus):
    for q in corpus.law_questions:
        section = corpus.laws[q.law_id].sections[q.section]
        assert not section.repealed
        if q.ledd is not None:
            assert section.ledd_no(q.ledd) is not None and section.ledd_no(q.ledd).complete


def test_a_ledd_that_does_not_exist_is_an_error_naming_the_file(tmp_path, corpus):
    path = tmp_path / "law_questions.yaml"
    path.write_text(
        "sections:\n- law: LOV-2005-06-17-62\n  section: '3-5'\n  questions:\n  - q: x?\n    ledd: 9\n"
    )
    with pytest.raises(CorpusError, match="law_questions.yaml"):
        load_law_questions(path, corpus.laws, [])


def test_cases_load_beside_the_questions_and_a_bad_ledd_in_them_is_an_error(tmp_path, corpus):
    path = tmp_path / "law_questions.yaml"
    path.write_text(
        "sections:\n- law: LOV-2005-06-17-62\n  section: '3-5'\n  questions:\n  - q: x?\n"
        "  cases:\n  - q: ny som daglig leder, må jeg ta kurs?\n    ledd: 1\n"
    )
    loaded = load_law_questions(path, corpus.laws, [])
    assert [(q.text, q.ledd, q.case) for q in loaded] == [
        ("x?", None, False),
        ("ny som daglig leder, må jeg ta kurs?", 1, True),
    ]
    path.write_text(path.read_text().replace("ledd: 1", "ledd: 9"))
    with pytest.raises(CorpusError, match="law_questions.yaml"):
        load_law_questions(path, corpus.laws, [])


@pytest.mark.parametrize("cases", ["bare tekst", "[ingen q]", "[{ledd: 1}]"])
def test_cases_that_are_not_a_list_of_questions_are_an_error_naming_the_line(tmp_path, corpus, cases):
    path = tmp_path / "law_questions.yaml"
    path.write_text(
        f"sections:\n- law: LOV-2005-06-17-62\n  section: '3-5'\n  questions:\n  - q: x?\n  cases: {cases}\n"
    )
    with pytest.raises(CorpusError, match="law_questions.yaml, linje 2"):
        load_law_questions(path, corpus.laws, [])


def test_a_section_no_longer_in_the_law_is_left_out_with_a_warning(tmp_path, corpus):
    path = tmp_path / "law_questions.yaml"
    path.write_text("sections:\n- law: LOV-2005-06-17-62\n  section: '99-1'\n  questions:\n  - q: x?\n")
    warnings: list[str] = []
    assert load_law_questions(path, corpus.laws, warnings) == [] and "99-1" in warnings[0]


@pytest.mark.parametrize("section", RAW, ids=lambda s: f"{s['law']}:{s['section']}")
def test_no_two_questions_of_a_section_are_the_same(section):
    texts = [q["q"].strip().lower() for q in section["questions"] + section.get("cases", [])]
    assert len(texts) == len(set(texts))
