"""The law index's cases (questions that start from a case at work) count like its questions, and the eval's
ablation can leave them out."""

import numpy as np

from assistant.index.manifest import Record
from assistant.retrieval.fusion import FusionConfig
from assistant.retrieval.law_search import LawSearch

AML = "LOV-2005-06-17-62"


def _passage(section: str, vector: list[float]) -> Record:
    key = f"{AML}:{section}"
    meta = {"kind": "law", "key": key, "law_id": AML, "section": section, "ledd": 1}
    return Record(f"law-{section}", "tekst", meta, vector)


def _question(section: str, vector: list[float], *, case: bool, ledd: int) -> Record:
    key = f"{AML}:{section}"
    meta = {"kind": "law_q", "key": key, "law_id": AML, "section": section, "ledd": ledd, "case": case}
    return Record(f"q-{section}-{case}", "spørsmål", meta, vector)


def _search() -> LawSearch:
    passages = [_passage("4-3", [1.0, 0.0, 0.0]), _passage("2-1", [0.0, 1.0, 0.0])]
    questions = [
        _question("4-3", [0.0, 0.0, 1.0], case=False, ledd=1),
        _question("2-1", [0.6, 0.8, 0.0], case=False, ledd=1),
        _question("4-3", [0.3, 0.3, 0.9], case=True, ledd=3),
    ]
    return LawSearch(passages, questions)


def _query() -> np.ndarray:
    v = np.array([0.3, 0.4, 0.87], dtype=np.float32)
    return v / np.linalg.norm(v)


def test_a_case_that_matches_lifts_its_section_and_points_to_its_ledd():
    hits = _search().search(_query(), FusionConfig())
    ranked = sorted(hits.values(), key=lambda h: -h.dense)
    assert ranked[0].key == f"{AML}:4-3"
    assert max(ranked[0].ledd_scores.items(), key=lambda kv: kv[1])[0] == 3


def test_without_cases_only_the_index_questions_count():
    with_cases = _search().search(_query(), FusionConfig())
    without = _search().search(_query(), FusionConfig(law_cases=False))
    key = f"{AML}:4-3"
    assert without[key].question < with_cases[key].question
    assert 3 in with_cases[key].ledd_scores and 3 not in without[key].ledd_scores
