"""The normalized laws match the found sources, carry citation metadata, and record their gaps."""

import json
import re

from ingest.build_corpus import load_found, manifest
from ingest.legalize_md import parse_sections
from tests.conftest import CORPUS_DIR

AML = "LOV-2005-06-17-62"
IK = "FOR-1996-12-06-1127"
OLM = "FOR-2011-12-06-1355"


def test_normalized_files_are_up_to_date_with_found_sources():
    """Committed corpus/laws/*.json equal what `hms corpus` builds from corpus/laws/found/."""
    for law_id, law in load_found(CORPUS_DIR / "laws" / "found").items():
        committed = json.loads((CORPUS_DIR / "laws" / f"{law_id}.json").read_text(encoding="utf-8"))
        assert committed == json.loads(json.dumps(law, ensure_ascii=False)), law_id


def test_aml_is_complete_with_all_chapters(corpus):
    aml = corpus.laws[AML]
    assert aml.complete and len(aml.sections) == 197
    chapters = {s.chapter for s in aml.sections.values()}
    assert {"1", "2", "2A", "3", "6", "7", "14A", "19", "20"} <= chapters
    assert aml.abbreviation == "aml" and aml.version_date == "2026-01-01"


def test_aml_text_is_the_raw_source_modulo_whitespace_and_confirmed_letters(corpus):
    raw = parse_sections(CORPUS_DIR / "laws" / "found" / "lov-2005-06-17-62.legalize-no.raw.md")
    found = {
        s["section"]: s
        for s in json.loads((CORPUS_DIR / "laws" / "found" / f"{AML.lower()}.json").read_text())["sections"]
    }

    def squash(text: str) -> str:
        return re.sub(r"\s+", "", text)

    for number, section in corpus.laws[AML].sections.items():
        if number == "4-1":  # takes the text in force from 2026-07-01, from a newer copy
            continue
        text = section.text
        if str(found[number].get("list_markers", "")).startswith("confirmed"):
            text = re.sub(r"(?m)^[a-h]\. ", "", text)
        assert squash(text) == squash(raw[number]["body"]), number


def test_section_carries_citation_metadata(corpus):
    sec = corpus.laws[AML].sections["3-5"]
    assert sec.title.startswith("Plikt for arbeidsgiver")
    assert sec.chapter == "3" and sec.chapter_title == "Virkemidler i arbeidsmiljøarbeidet"
    assert [ledd.number for ledd in sec.ledd] == [1, 2]
    assert (
        sec.ledd[0].text == "(1) Arbeidsgiver skal gjennomgå opplæring i helse-, miljø- og sikkerhetsarbeid."
    )
    assert sec.url == "https://lovdata.no/lov/2005-06-17-62/§3-5"
    assert sec.version_date == "2026-01-01"
    assert corpus.laws[AML].sections["2 A-1"].url == "https://lovdata.no/lov/2005-06-17-62/§2a-1"
    assert corpus.laws[IK].sections["4"].url == "https://lovdata.no/forskrift/1996-12-06-1127/§4"


def test_list_letters_only_where_confirmed(corpus):
    aml = corpus.laws[AML]
    b = aml.sections["3-2"].ledd_no(1).items[1]
    assert (b.letter, b.text[:20]) == ("b", "at arbeidstaker som ")
    assert [i.letter for i in aml.sections["2-3"].ledd_no(2).items] == list("abcdefg")  # h is unconfirmed
    assert aml.sections["2 A-1"].ledd_no(2).items == ()  # unconfirmed list: no invented letters


def test_4_1_has_the_text_in_force_from_2026_07_01(corpus):
    sec = corpus.laws[AML].sections["4-1"]
    assert sec.version_date == "2026-07-01"
    assert "oversiktslister over hvem som til enhver tid er sysselsatt" in sec.ledd_no(7).text


def test_sections_that_may_differ_in_the_newer_version_carry_a_caution(corpus):
    aml = corpus.laws[AML]
    assert aml.sections["10-6"].caution and aml.sections["18-3"].caution
    assert aml.sections["3-5"].caution is None and aml.sections["18-6"].caution is None


def test_gaps_are_recorded_not_filled(corpus):
    ik = corpus.laws[IK]
    assert not ik.complete
    assert set(ik.sections) == {"4", "7"}
    assert {"1", "2", "3", "5", "6"} <= set(ik.not_covered)
    olm = corpus.laws[OLM]
    assert "3-20" in olm.not_covered and "3-19" in olm.sections
    assert not olm.sections["3-18"].complete and not olm.sections["3-18"].ledd[-1].complete


def test_manifest_lists_coverage():
    laws = load_found(CORPUS_DIR / "laws" / "found")
    entries = {e["law_id"]: e for e in manifest(laws)["laws"]}
    assert entries[IK]["not_covered"]["5"].startswith("Den norske teksten finnes ikke")
    assert entries[AML]["complete"] is True and len(entries[AML]["sections_covered"]) == 191
