"""corpus/faq.yaml is built from the seed's FAQ: answers verbatim, nothing lost, duplicates merged."""

import re

import pytest
import yaml

from tests.conftest import CORPUS_DIR

SEED = (CORPUS_DIR / "seed" / "hmskontoret-site.txt").read_text(encoding="utf-8")
FAQ = yaml.safe_load((CORPUS_DIR / "faq.yaml").read_text(encoding="utf-8"))["entries"]


def seed_faq_blocks() -> list[str]:
    faq = SEED[SEED.index("\nFAQ\n") + 5 :]
    return [b.strip("\n") for b in faq.split("\n\n") if b.strip()]


def _lines(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.split("\n"))


@pytest.mark.parametrize("entry", FAQ, ids=lambda e: e["id"])
def test_answer_is_verbatim_from_the_seed(entry):
    assert _lines(entry["answer"]) in _lines(SEED)


@pytest.mark.parametrize("entry", FAQ, ids=lambda e: e["id"])
def test_entry_has_the_required_fields(entry):
    assert re.fullmatch(r"[a-z0-9-]+", entry["id"])
    assert entry["topic"] in {"kurs", "leder", "verneombud", "AMU", "ansatte", "dokumentasjon", "tilsyn"}
    assert entry["question"].endswith("?")
    assert len(entry["phrasings"]) >= 2
    assert len(entry["english"]) >= 1
    for ref in entry["refs"]:
        assert ref["law"] and ref["section"] and ref["cited_as"]


def test_every_seed_faq_paragraph_is_in_some_entry():
    answers = "\n\n".join(_lines(e["answer"]) for e in FAQ)
    for block in seed_faq_blocks():
        assert _lines(block) in answers, block[:60]


def test_the_duplicated_answer_is_merged_into_one_entry():
    blocks = seed_faq_blocks()
    duplicates = {b for b in blocks if blocks.count(b) > 1}
    assert duplicates, "the seed repeats the forsvarlighetsvurdering paragraph"
    for block in duplicates:
        assert sum(_lines(block) in _lines(e["answer"]) for e in FAQ) == 1


def test_ids_and_questions_are_unique():
    ids = [e["id"] for e in FAQ]
    questions = [q.lower() for e in FAQ for q in [e["question"], *e["phrasings"], *e["english"]]]
    assert len(ids) == len(set(ids))
    assert len(questions) == len(set(questions))


def test_roles_and_services_are_entries():
    kinds = {e["id"]: e["kind"] for e in FAQ}
    assert {kinds["rolle-leder"], kinds["rolle-verneombud"], kinds["rolle-hr"]} == {"role"}
    assert kinds["tjenester"] == "service"


def test_refs_quote_words_of_their_answer(corpus):
    for entry in corpus.faq.values():
        for ref in entry.refs:
            assert ref.cited_as.replace("\u00a0", " ") in entry.answer.replace("\u00a0", " ")
            law = corpus.laws[ref.law_id]
            assert ref.section in law.sections or ref.section in law.not_covered


@pytest.mark.parametrize("entry", [e for e in FAQ if e.get("rests_on")], ids=lambda e: e["id"])
def test_the_law_an_answer_rests_on_is_checked_against_the_section_text(entry, corpus):
    """rests_on (the law an answer rests on without naming it) is kept apart from refs/cited_as, and each ref's
    evidence excerpt is verbatim text of that § (of that ledd, when given)."""
    for ref in entry["rests_on"]:
        assert "cited_as" not in ref
        section = corpus.laws[ref["law"]].sections[str(ref["section"])]
        text = section.ledd_no(ref["ledd"]).text if ref.get("ledd") else section.text
        assert ref["evidence"] and ref["evidence"] in text


def test_the_entries_the_issue_names_carry_their_law():
    basis = {e["id"]: {(r["law"], str(r["section"])) for r in e.get("rests_on", [])} for e in FAQ}
    aml, ik, oml = "LOV-2005-06-17-62", "FOR-1996-12-06-1127", "FOR-2011-12-06-1355"
    assert (aml, "3-5") in basis["aksjeselskap-eneste-ansatt"]
    assert {(aml, "7-4"), (oml, "3-18")} <= basis["amu-opplaering"]
    assert {(aml, "3-1"), (ik, "4")} <= basis["hms-system-plikt"]
    assert (aml, "6-2") in basis["rolle-verneombud"]
    assert all((oml, "3-19") in basis[e] for e in ("verneombud-kortere-kurs", "hvem-40-timer"))


@pytest.mark.parametrize("entry", [e for e in FAQ if e.get("only_when")], ids=lambda e: e["id"])
def test_every_question_of_a_situational_entry_names_its_situation(entry, corpus):
    """only_when (the situation an entry is about) must let the entry's own questions through: the patterns are
    read from the entry, not from the questions users ask."""
    from assistant.evidence.faq_match import fits
    from assistant.retrieval.hits import Hit

    loaded = corpus.faq[entry["id"]]
    hit = Hit(f"faq:{entry['id']}", "faq", 0.9, metadata={"faq_id": entry["id"]})
    for question in loaded.questions:
        assert fits(loaded, hit, question), question
        assert fits(loaded, hit, question.replace("å", "a").replace("ø", "o").replace("æ", "ae")), question


@pytest.mark.parametrize("entry", [e for e in FAQ if e.get("not_when")], ids=lambda e: e["id"])
def test_not_when_leaves_the_entrys_own_questions_and_turns_away_what_it_names(entry, corpus):
    """not_when never turns away one of the entry's own questions (read in any case, with or without æøå); a
    question it names goes to the next entry that fits."""
    from assistant.evidence.faq_match import fits
    from assistant.retrieval.hits import Hit

    loaded = corpus.faq[entry["id"]]
    hit = Hit(f"faq:{entry['id']}", "faq", 0.9, metadata={"faq_id": entry["id"]})
    for question in loaded.questions:
        assert fits(loaded, hit, question.upper().replace("Å", "A").replace("Ø", "O")), question
    assert not fits(corpus.faq["kursbevis"], hit, "Utløper kursbeviset etter noen år?")
    assert fits(corpus.faq["kurs-gyldighet"], hit, "Utløper kursbeviset etter noen år?")


def test_a_bad_only_when_pattern_is_named_in_norwegian(tmp_path):
    from assistant.sources.corpus import load_faq
    from assistant.sources.files import CorpusError

    path = tmp_path / "faq.yaml"
    path.write_text(
        "entries:\n- id: x\n  topic: kurs\n  question: Hva?\n  answer: Svar.\n  only_when:\n  - 'eneste(('\n",
        encoding="utf-8",
    )
    with pytest.raises(CorpusError, match="only_when-mønsteret «eneste\\(\\(» er ugyldig"):
        load_faq(path)
