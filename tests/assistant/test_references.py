"""The reference parser reads references the way people write them."""

import pytest

from assistant.references.parse import ReferenceParser, is_lookup
from assistant.references.resolve import resolve_refs

AML, IK, OLM = "LOV-2005-06-17-62", "FOR-1996-12-06-1127", "FOR-2011-12-06-1355"


@pytest.fixture(scope="module")
def parser(corpus):
    return ReferenceParser(corpus.aliases)


@pytest.mark.parametrize(
    ("text", "law", "section", "ledd", "letter"),
    [
        ("§ 3-5", AML, "3-5", None, None),
        ("aml 3-5", AML, "3-5", None, None),
        ("hva står i aml § 6-5?", AML, "6-5", None, None),
        ("arbeidsmiljøloven § 3-5 (2)", AML, "3-5", 2, None),
        ("§ 3-2 første ledd bokstav b", AML, "3-2", 1, "b"),
        ("AML. § 3-2 nr. 1 b", AML, "3-2", 1, "b"),
        ("§ 3-2 (1) b", AML, "3-2", 1, "b"),
        ("arbeidsmiljølovens § 4-2 bokstav e)", AML, "4-2", 2, "e"),
        ("aml 6-5 andre ledd", AML, "6-5", 2, None),
        ("§ 2 A-1", AML, "2 A-1", None, None),
        ("§ 2A-1", AML, "2 A-1", None, None),
        ("§14-1 b", AML, "14-1 b", None, None),
        ("§ 3-5 i arbeidsmiljøloven", AML, "3-5", None, None),
        ("section 6-5 of the Working Environment Act", AML, "6-5", None, None),
        ("internkontrollforskriften § 5", IK, "5", None, None),
        ("IK § 5", IK, "5", None, None),
        ("IK-forskriften § 4", IK, "4", None, None),
        ("forskrift om organisering, ledelse og medvirkning § 3-19", OLM, "3-19", None, None),
    ],
)
def test_parses_and_resolves(parser, corpus, text, law, section, ledd, letter):
    refs = resolve_refs(corpus, parser.parse(text))
    assert len(refs) == 1
    ref = refs[0]
    assert (ref.law_id, ref.section, ref.ledd, ref.letter) == (law, section, ledd, letter)


def test_lists_of_sections(parser):
    assert [r.section for r in parser.parse("lovens §§ 2-3, 3-1")] == ["2-3", "3-1"]
    assert [r.section for r in parser.parse("§ 3-5 og § 6-5")] == ["3-5", "6-5"]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("aml § 99-1", "missing"),
        ("§ 3-15", "missing"),
        ("IK § 5", "not_covered"),
        ("§ 3-20 i organiseringsforskriften", "not_covered"),
        ("arbeidsmiljøloven § 3-5 fjortende ledd", "missing"),  # ordinals past tenth are read too
        ("section 2-3 twelfth paragraph", "missing"),
    ],
)
def test_sections_we_do_not_have(parser, corpus, text, status):
    assert resolve_refs(corpus, parser.parse(text))[0].status == status


@pytest.mark.parametrize(
    "text",
    [
        "Må jeg ha HMS-kurs som daglig leder?",
        "Vi er 5 ansatte og 3-4 vikarer",
        "kl 10-12",
        "jobber 5-10 i uka",
    ],
)
def test_no_reference_in_ordinary_text(parser, text):
    assert parser.parse(text) == []


# written for this test: a § of a law we do not hold is that law's, not ours with the same number
@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("hva sier folketrygdloven § 8-7 om egenmelding?", "folketrygdloven"),
        ("Hva står det i § 7 i ferieloven?", "ferieloven"),
        ("ftrl § 8-2 opptjening", "folketrygdloven"),
        ("tek17 § 12-7", "tek17"),
        ("Hva sier hovedavtalen § 6-1 om tillitsvalgte?", "hovedavtalen"),
        ("hva sier forskrift om utførelse av arbeid § 3-1?", "forskrift om utførelse av arbeid"),
        ("brann- og eksplosjonsvernloven § 6", "brann- og eksplosjonsvernloven"),
        ("section 5 of the Holidays Act", "holidays act"),
        ("kapittel 8 i folketrygdloven", "folketrygdloven"),
    ],
)
def test_a_section_of_another_law_is_not_ours(parser, corpus, text, other):
    parsed = parser.parse(text)
    assert parsed and {r.other_law for r in parsed} == {other}
    assert resolve_refs(corpus, parsed) == []


@pytest.mark.parametrize(
    "text",
    [
        "arbeidsmiljølovens § 3-5",
        "§ 5 i internkontrollforskrifta",
        "forskrift om organisering, ledelse og medvirkning § 3-18",
        "etter loven § 3-5",  # the law the question is about
        "forskriften § 5",
        "under the Act section 3-5",
    ],
)
def test_a_section_of_a_law_we_hold_is_ours(parser, corpus, text):
    parsed = parser.parse(text)
    assert parsed and not any(r.other_law for r in parsed)
    assert resolve_refs(corpus, parsed)


def test_lookup_questions(parser):
    for text in [
        "hva står i aml § 6-5?",
        "aml 3-5",
        "§ 2A-1",
        "vis meg paragraf 4-3",
        "what does section 6-5 say?",
    ]:
        assert is_lookup(text, parser.parse(text)), text
    text = "Hva betyr § 3-5 for meg som daglig leder av et lite firma?"
    assert not is_lookup(text, parser.parse(text))
