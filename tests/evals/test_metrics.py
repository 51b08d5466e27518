"""The eval's metrics on hand-made outcomes."""

from evals.datasets import Item, Ref
from evals.metrics import Outcome, abstention_metrics, citation_metrics, faq_metrics, lookup_correct

AML = "LOV-2005-06-17-62"


def outcome(**kw):
    base = {
        "faq_ranking": [],
        "law_ranking": [],
        "answer_faq": None,
        "abstained": False,
        "law_refs": [],
        "gaps": [],
    }
    return Outcome(**{**base, **kw})


def test_faq_metrics():
    a = (Item("paraphrase", "q1", "x"), outcome(faq_ranking=["x", "y"], answer_faq="x"))
    b = (Item("paraphrase", "q2", "y"), outcome(faq_ranking=["x", "z", "y"], answer_faq="x"))
    m = faq_metrics([a, b])
    assert m["hit@1"] == 0.5 and m["hit@3"] == 1.0 and abs(m["mrr"] - (1 + 1 / 3) / 2) < 1e-9


def test_citation_precision_and_recall():
    item = Item("paraphrase", "q", "x", refs=(Ref(AML, "3-5"), Ref(AML, "6-5")))
    m = citation_metrics([(item, outcome(law_refs=[(AML, "3-5", 1, None), (AML, "4-1", None, None)]))])
    assert (m["precision"], m["recall"]) == (0.5, 0.5)


def test_abstention_counts_both_errors():
    oos = (Item("out_of_scope", "q", expect="abstain"), outcome(abstained=False))
    ok = (Item("paraphrase", "q2", "x"), outcome(abstained=False))
    wrong = (Item("law_question", "q3"), outcome(abstained=True))
    m = abstention_metrics([oos, ok, wrong])
    assert m["false_answers"] == 1 and m["false_abstains"] == 1 and abs(m["accuracy"] - 1 / 3) < 1e-9


def test_lookup_correctness():
    found = Item("lookup", "§ 3-2 (1) b", refs=(Ref(AML, "3-2", 1, "b"),), expect="found")
    assert lookup_correct(found, outcome(law_refs=[(AML, "3-2", 1, "b")]))
    assert not lookup_correct(found, outcome(law_refs=[(AML, "3-2", 1, None)]))
    missing = Item("lookup", "§ 99-1", refs=(Ref(AML, "99-1"),), expect="missing")
    assert lookup_correct(missing, outcome(abstained=True))
    gap = Item("lookup", "IK § 5", refs=(Ref("FOR-1996-12-06-1127", "5"),), expect="not_covered")
    assert lookup_correct(gap, outcome(abstained=True, gaps=[("FOR-1996-12-06-1127", "5")]))
