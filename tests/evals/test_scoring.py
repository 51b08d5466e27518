"""The eval's verdicts and figures on hand-made outcomes."""

from evals.datasets import Item, Ref
from evals.scoring import Outcome, group_metrics, judge, lookup_correct, worst_misses

AML = "LOV-2005-06-17-62"


def outcome(**kw):
    base = {"faq_ranking": [], "law_ranking": [], "cited_faq": [], "abstained": False, "law_refs": []}
    return Outcome(**{**base, **kw})


def law(section, ledd=None, letter=None, punktum=None):
    return (AML, section, ledd, letter, punktum)


OVERTIME = Item("test-hr-1", "test", "hr", "hvor mye overtid?", refs=(Ref(AML, "10-6", 4),), law_only=True)
LEADER = Item(
    "test-mgr-1", "test", "manager", "må jeg ha kurs?", faq=("daglig-leder",), refs=(Ref(AML, "3-5"),)
)
OOS = Item("test-oos-1", "test", "out_of_scope", "fradrag?", expect="abstain", kind="tax")


def test_the_right_section_passes_and_an_unrelated_faq_entry_fails_even_beside_it():
    assert judge(OVERTIME, outcome(law_refs=[law("10-6", 4)])).passed
    verdict = judge(OVERTIME, outcome(cited_faq=["kurs-varighet"], law_refs=[law("10-6", 4)]))
    assert not verdict.passed and verdict.cause == "unrelated FAQ" and verdict.law_cited


def test_the_right_faq_entry_or_the_right_section_passes():
    assert judge(LEADER, outcome(cited_faq=["daglig-leder"])).passed
    assert judge(LEADER, outcome(law_refs=[law("3-5", 1)])).passed
    assert judge(LEADER, outcome(abstained=True)).cause == "abstained"
    assert judge(LEADER, outcome(law_refs=[law("3-1")])).cause == "wrong §"


def test_out_of_scope_passes_only_when_nothing_is_cited():
    assert judge(OOS, outcome(abstained=True)).passed
    assert judge(OOS, outcome(cited_faq=["mva-kurs"])).cause == "answered from FAQ"
    assert judge(OOS, outcome(law_refs=[law("3-5")])).cause == "law cited"


def test_lookups():
    found = Item("dev-lk-1", "dev", "lookup", "§ 3-2 (1) b", expect="found", refs=(Ref(AML, "3-2", 1, "b"),))
    assert lookup_correct(found, outcome(law_refs=[law("3-2", 1, "b")]))
    assert not lookup_correct(found, outcome(law_refs=[law("3-2", 1)]))
    sentence = Item(
        "dev-lk-2", "dev", "lookup", "§ 10-6 (1) 2. pkt", expect="found", refs=(Ref(AML, "10-6", 1, None, 2),)
    )
    assert lookup_correct(sentence, outcome(law_refs=[law("10-6", 1, None, 2)]))
    missing = Item("dev-lk-3", "dev", "lookup", "§ 99-1", expect="missing", refs=(Ref(AML, "99-1"),))
    assert lookup_correct(missing, outcome(abstained=True))
    gap = Item(
        "dev-lk-4", "dev", "lookup", "IK § 5", expect="not_covered", refs=(Ref("FOR-1996-12-06-1127", "5"),)
    )
    assert lookup_correct(gap, outcome(abstained=True, gaps=[("FOR-1996-12-06-1127", "5")]))
    chapter = Item("dev-lk-5", "dev", "lookup", "aml kap. 3", expect="chapter", law_id=AML, chapter="3")
    assert lookup_correct(chapter, outcome(toc=(AML, "3")))
    assert not lookup_correct(chapter, outcome(toc=(AML, None)))


def test_group_figures_and_worst_misses_order():
    pairs = [
        (
            OVERTIME,
            outcome(cited_faq=["kurs-varighet"], law_refs=[law("10-6", 4)], law_ranking=[f"{AML}:10-6"]),
        ),
        (LEADER, outcome(abstained=True)),
        (OOS, outcome(law_refs=[law("3-5")])),
    ]
    m = group_metrics(pairs)
    assert m["pass"] == 0 and m["law_cited"] == 0.5 and m["law_rank@1"] == 0.5
    assert m["unrelated_faq"] == 1 and m["abstained"] == 1 and m["false_answer_rate"] == 1.0
    assert m["law_cited_out_of_scope"] == 1
    assert [v.cause for _, _, v in worst_misses(pairs)] == ["law cited", "unrelated FAQ", "abstained"]
