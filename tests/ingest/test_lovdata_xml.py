"""Lovdata's published XML/HTML format, on a real Lovdata file (matrikkellova) kept in tests/fixtures."""

from pathlib import Path

import pytest

from ingest.lovdata_xml import parse_lovdata

SAMPLE = (
    Path(__file__).resolve().parents[1]
    / "fixtures"
    / "FORMAT-SAMPLE.lovdata-nl-20050617-101.matrikkellova.raw.xml"
)


@pytest.fixture(scope="module")
def law():
    return parse_lovdata(SAMPLE)


def test_header(law):
    assert law["law_id"] == "LOV-2005-06-17-101"
    assert law["kind"] == "lov"
    assert law["title"] == "Lov om eigedomsregistrering (matrikkellova)"
    assert law["version_date"] == "2025-07-01"
    assert law["url"] == "https://lovdata.no/lov/2005-06-17-101"


def test_sections_chapters_and_ledd(law):
    sections = {s["section"]: s for s in law["sections"]}
    assert len(sections) == 54 and "5 a" in sections
    first = sections["1"]
    assert (first["chapter"], first["chapter_title"], first["title"]) == (
        "1",
        "Formål, verkeområde og definisjonar",
        "Formålet med lova",
    )
    assert [d["number"] for d in first["ledd"]] == [1, 2]
    assert (
        first["ledd"][1]["text"]
        == "(2) Lova skal vidare sikre tilgang til eit felles geodetisk grunnlag, jf. kapittel 8."
    )
    assert sections["40"]["chapter"] == "8"  # a chapter heading without the dot


def test_list_letters_come_from_data_name(law):
    definitions = next(s for s in law["sections"] if s["section"] == "3")
    items = definitions["ledd"][0]["items"]
    assert [i["letter"] for i in items] == list("abcdefghijkl")
    assert items[0]["text"].startswith("matrikkelen: landet sitt offisielle register")
    assert "\nb. matrikkeleining:" in definitions["text"]


def test_footnote_markers_and_amendment_notes(law):
    sections = {s["section"]: s for s in law["sections"]}
    assert "bestemmer. Kongen kan" in sections["50"]["text"]  # the footnote marker is not glued to the text
    assert sections["2"]["amendment_note"].startswith("Endra ved lov 27 juni 2008 nr. 71")
    assert sections["40"]["repealed"] and sections["40"]["ledd"] == []


def test_a_dropped_in_lovdata_file_is_normalized_by_build(tmp_path):
    """A Lovdata XML file in laws/found/ becomes a normalized law with the corpus schema."""
    from ingest.build_corpus import build

    found = tmp_path / "laws" / "found"
    found.mkdir(parents=True)
    (found / SAMPLE.name).write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    written = build(tmp_path)
    assert tmp_path / "laws" / "LOV-2005-06-17-101.json" in written
    from assistant.sources.corpus import load_law

    loaded = load_law(tmp_path / "laws" / "LOV-2005-06-17-101.json")
    assert loaded.sections["3"].ledd[0].items[1].letter == "b"
