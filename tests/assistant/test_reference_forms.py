"""Every way HR writes a reference (issue: HR look-ups), through the whole answer path: for each form, the law,
§, ledd, letter and punktum cited and the start of the text quoted; or what the answer names as not existing;
or the gap; or the table of contents. The hash embedder is enough: look-ups do not depend on embeddings."""

import pytest

from assistant.types import LawCitation

AML, IK, OML = "LOV-2005-06-17-62", "FOR-1996-12-06-1127", "FOR-2011-12-06-1355"
MISSING, GAP, CONTENTS = "missing", "gap", "contents"
# Rows: (text, law, §, ledd, letter, punktum, quote start); MISSING rows: (text, MISSING, what is named as not
# existing, …); GAP rows: (text, GAP, §, …); CONTENTS rows: (text, CONTENTS, law, chapter, number of §§, …).

FORMS = [
    ("§3-5", AML, "3-5", None, None, None, "(1) Arbeidsgiver skal gjennomg"),
    ("§ 3-5", AML, "3-5", None, None, None, "(1) Arbeidsgiver skal gjennomg"),
    ("paragraf 3-5", AML, "3-5", None, None, None, "(1) Arbeidsgiver skal gjennomg"),
    ("paragrafen 4-3", AML, "4-3", None, None, None, "(1) Arbeidet skal organiseres,"),
    ("aml 3-5", AML, "3-5", None, None, None, "(1) Arbeidsgiver skal gjennomg"),
    ("aml. § 3-5", AML, "3-5", None, None, None, "(1) Arbeidsgiver skal gjennomg"),
    ("arbml. § 3-5", AML, "3-5", None, None, None, "(1) Arbeidsgiver skal gjennomg"),
    ("Arbeidsmiljølovens § 4-3", AML, "4-3", None, None, None, "(1) Arbeidet skal organiseres,"),
    ("arbeidsmiljøloven § 3-5", AML, "3-5", None, None, None, "(1) Arbeidsgiver skal gjennomg"),
    ("arbeidsmiljølova § 3-5", AML, "3-5", None, None, None, "(1) Arbeidsgiver skal gjennomg"),
    ("arbeidsmiljoloven § 3-5", AML, "3-5", None, None, None, "(1) Arbeidsgiver skal gjennomg"),
    ("lov 17. juni 2005 nr. 62 § 3-5", AML, "3-5", None, None, None, "(1) Arbeidsgiver skal gjennomg"),
    ("LOV-2005-06-17-62 § 3-5", AML, "3-5", None, None, None, "(1) Arbeidsgiver skal gjennomg"),
    ("forskrift 6. desember 1996 nr. 1127 § 4", IK, "4", None, None, None, "Den som er ansvarlig for virks"),
    ("FOR-1996-12-06-1127 § 7", IK, "7", None, None, None, "Tilsynsmyndighet etter helse-,"),
    ("internkontrollforskriften § 7", IK, "7", None, None, None, "Tilsynsmyndighet etter helse-,"),
    ("ik § 4", IK, "4", None, None, None, "Den som er ansvarlig for virks"),
    ("IK-forskriften § 4", IK, "4", None, None, None, "Den som er ansvarlig for virks"),
    (
        "forskrift om organisering, ledelse og medvirkning § 3-19",
        OML,
        "3-19",
        None,
        None,
        None,
        "Opplæringens varighet skal vær",
    ),
    ("organiseringsforskriften § 3-8", OML, "3-8", None, None, None, "Alle arbeidstakere har stemmer"),
    ("§ 6-5 andre ledd", AML, "6-5", 2, None, None, "Verneombud skal få nødvendig t"),
    ("§ 6-5 annet ledd", AML, "6-5", 2, None, None, "Verneombud skal få nødvendig t"),
    ("§ 6-5 (2)", AML, "6-5", 2, None, None, "Verneombud skal få nødvendig t"),
    ("§ 6-5 2. ledd", AML, "6-5", 2, None, None, "Verneombud skal få nødvendig t"),
    ("§ 6-5 ledd 2", AML, "6-5", 2, None, None, "Verneombud skal få nødvendig t"),
    ("section 6-5 second paragraph", AML, "6-5", 2, None, None, "Verneombud skal få nødvendig t"),
    ("§ 10-6 femte ledd andre punktum", AML, "10-6", 5, None, 2, "Overtidsarbeidet må ikke overs"),
    ("§ 10-6 (5) 2. pkt.", AML, "10-6", 5, None, 2, "Overtidsarbeidet må ikke overs"),
    ("§ 10-6 (5) pkt. 2", AML, "10-6", 5, None, 2, "Overtidsarbeidet må ikke overs"),
    ("§ 10-6 (5), annet punktum", AML, "10-6", 5, None, 2, "Overtidsarbeidet må ikke overs"),
    ("aml § 10-9 første ledd tredje punktum", AML, "10-9", 1, None, 3, "Dersom arbeidstaker ikke fritt"),
    ("ik § 4 andre punktum", IK, "4", 1, None, 2, "Arbeidstakerne skal medvirke v"),
    ("§ 3-2 første ledd bokstav b", AML, "3-2", 1, "b", None, "at arbeidstaker som har til op"),
    ("§ 3-2 (1) b", AML, "3-2", 1, "b", None, "at arbeidstaker som har til op"),
    ("§ 3-2 (1) lit. b", AML, "3-2", 1, "b", None, "at arbeidstaker som har til op"),
    ("§ 3-2 (1) b)", AML, "3-2", 1, "b", None, "at arbeidstaker som har til op"),
    ("aml § 14-9 andre ledd bokstav b", AML, "14-9", 2, "b", None, "for arbeid i stedet for en ann"),
    ("§ 6-2 (2) bokstav c", AML, "6-2", 2, "c", None, "at arbeidstakerne får den nødv"),
    ("bokstav c i § 6-2 andre ledd", AML, "6-2", 2, "c", None, "at arbeidstakerne får den nødv"),
    ("letter b of section 14-9 (2)", AML, "14-9", 2, "b", None, "for arbeid i stedet for en ann"),
    (
        "forskrift om organisering, ledelse og medvirkning § 3-18 bokstav c",
        OML,
        "3-18",
        1,
        "c",
        None,
        "gi deltakerne kunnskap til å g",
    ),
    ("kap. 3", CONTENTS, AML, "3", 6, None, None),
    ("kapittel 6", CONTENTS, AML, "6", 5, None, None),
    ("kapittel 2 A", CONTENTS, AML, "2A", 8, None, None),
    ("kap. 14A", CONTENTS, AML, "14A", 6, None, None),
    ("aml kap. 3", CONTENTS, AML, "3", 6, None, None),
    ("arbeidsmiljøloven kapittel 6", CONTENTS, AML, "6", 5, None, None),
    ("kapittel 10 i arbeidsmiljøloven", CONTENTS, AML, "10", 13, None, None),
    ("chapter 14 of the working environment act", CONTENTS, AML, "14", 30, None, None),
    ("arbeidsmiljøloven", CONTENTS, AML, None, 197, None, None),
    ("aml", CONTENTS, AML, None, 197, None, None),
    ("LOV-2005-06-17-62", CONTENTS, AML, None, 197, None, None),
    ("lov 17. juni 2005 nr. 62", CONTENTS, AML, None, 197, None, None),
    ("internkontrollforskriften", CONTENTS, IK, None, 2, None, None),
    ("§§ 10-4 til 10-6", AML, "10-4", None, None, None, "(1) Den alminnelige arbeidstid"),
    ("§§ 10-4–10-6", AML, "10-4", None, None, None, "(1) Den alminnelige arbeidstid"),
    ("§ 10-4 flg.", AML, "10-4", None, None, None, "(1) Den alminnelige arbeidstid"),
    ("aml §§ 15-6 til 15-8", AML, "15-6", None, None, None, "(1) Blir arbeidstaker som skri"),
    ("§ 3-9", MISSING, "§ 3-9", None, None, None, None),
    ("§ 21-1", MISSING, "§ 21-1", None, None, None, None),
    ("§ 3-5 femte ledd", MISSING, "§ 3-5 femte ledd", None, None, None, None),
    ("§ 3-5 (5)", MISSING, "§ 3-5 femte ledd", None, None, None, None),
    ("§ 14-9 (2) bokstav z", MISSING, "§ 14-9 andre ledd bokstav z", None, None, None, None),
    ("§ 3-2 (1) bokstav d", MISSING, "§ 3-2 første ledd bokstav d", None, None, None, None),
    ("6-5 (2) i arbeidsmiljøloven", AML, "6-5", 2, None, None, "Verneombud skal få nødvendig t"),
    ("hva sier 3-14 i aml om nyansatte?", MISSING, "§ 3-14", None, None, None, None),
    ("bokstav k i aml 3-1 andre ledd", MISSING, "§ 3-1 andre ledd bokstav k", None, None, None, None),
    ("§ 10-6 første ledd andre punktum", MISSING, "§ 10-6 første ledd andre punktum", None, None, None, None),
    ("§ 10-9 (1) 9. pkt.", MISSING, "§ 10-9 første ledd niende punktum", None, None, None, None),
    ("aml kapittel 99", MISSING, "kapittel 99", None, None, None, None),
    ("internkontrollforskriften § 5", GAP, "5", None, None, None, None),
    ("ik § 6", GAP, "6", None, None, None, None),
    ("forskrift om organisering, ledelse og medvirkning § 3-1", GAP, "3-1", None, None, None, None),
    ("§ 2 A-1", AML, "2 A-1", None, None, None, "(1) Arbeidstaker har rett til "),
    ("§ 2A-1", AML, "2 A-1", None, None, None, "(1) Arbeidstaker har rett til "),
    ("§14-1 b", AML, "14-1 b", None, None, None, "(1) Arbeidstaker skal som hove"),
    ("§ 15-13 a", AML, "15-13 a", None, None, None, "(1) Arbeidsforholdet kan bring"),
]


def test_there_are_at_least_sixty_forms():
    assert len(FORMS) >= 60


@pytest.fixture(scope="module")
def lookup_assistant(tmp_path_factory, corpus):
    from assistant.retrieval.embeddings import HashEmbedder
    from assistant.service import Assistant
    from tests.conftest import build_index, make_settings

    settings = make_settings(data_dir=tmp_path_factory.mktemp("forms") / "data", embedding_model="hash/64")
    embedder = HashEmbedder(64)
    build_index(settings, corpus, embedder)
    return Assistant(settings=settings, corpus=corpus, embedder=embedder)


@pytest.mark.parametrize(("text", "law", "section", "ledd", "letter", "punktum", "quote"), FORMS)
def test_reference_form(lookup_assistant, text, law, section, ledd, letter, punktum, quote):
    answer = lookup_assistant.ask(text)
    laws = [c for c in answer.citations if isinstance(c, LawCitation)]
    if law == MISSING:
        assert answer.abstained and not laws and f"ingen {section}" in answer.answer
    elif law == GAP:
        assert not laws and [g.section for g in answer.gaps] == [section]
    elif law == CONTENTS:
        assert answer.contents is not None and not laws
        assert (answer.contents.law_id, answer.contents.chapter, len(answer.contents.sections)) == (
            section,
            ledd,
            letter,
        )
    else:
        first = laws[0]
        assert (first.law_id, first.section, first.ledd, first.letter, first.punktum) == (
            law,
            section,
            ledd,
            letter,
            punktum,
        )
        assert first.quote.startswith(quote)
        assert answer.short_answer.endswith(f"({first.ref})")
