"""Named eval metrics: a verdict per item (pass, and the cause of a miss), and figures per split and group.

Answer pass, for a question the sources answer: the answer cites one of the expected FAQ entries or one of the
expected law sections, and cites no FAQ entry that was not expected (an unrelated entry quoted beside the right
§ still misleads). For an out-of-scope question: nothing is cited. A lookup passes when it returns exactly what
was asked for (see `lookup_correct`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from evals.datasets import Item, Ref

LawRef = tuple[str, str, int | None, str | None, int | None]  # law_id, section, ledd, letter, punktum


@dataclass
class Outcome:
    """What the system did with one item."""

    faq_ranking: list[str]  # FAQ ids, best first (retrieval)
    law_ranking: list[str]  # law section keys 'LAW_ID:section', best first (retrieval)
    cited_faq: list[str]  # the FAQ entries the answer cites, in order
    abstained: bool
    law_refs: list[LawRef]  # cited law passages, in order
    gaps: list[tuple[str, str]] = field(default_factory=list)
    toc: tuple[str, str | None] | None = None  # (law_id, chapter or None) when the answer is a contents list
    invalid_citations: int = 0  # dropped by verification, or not verbatim
    total_citations: int = 0
    latency_ms: float = 0.0
    text: str = ""

    @property
    def answer_faq(self) -> str | None:
        return self.cited_faq[0] if self.cited_faq else None


@dataclass(frozen=True)
class Verdict:
    passed: bool
    cause: str = ""  # why it missed: 'unrelated FAQ', 'abstained', 'wrong §', 'answered', 'law cited', ...
    law_cited: bool | None = None  # an expected § is cited (None: the item expects no §)


def _cited_sections(outcome: Outcome) -> set[str]:
    return {f"{law}:{section}" for law, section, *_ in outcome.law_refs}


def _same_part(ref: Ref, got: LawRef) -> bool:
    """The cited passage is the one asked for. A ledd the question does not name is free when it names a letter
    or a sentence inside it (the citation then says which ledd holds it); otherwise none means the whole §."""
    law_id, section, ledd, letter, punktum = got
    ledd_free = ref.ledd is None and (ref.letter is not None or ref.punktum is not None)
    return (law_id, section, letter, punktum) == (ref.law_id, ref.section, ref.letter, ref.punktum) and (
        ledd_free or ledd == ref.ledd
    )


def lookup_correct(item: Item, outcome: Outcome) -> bool:
    """found: the first citations are exactly the § (ledd, letter, punktum) asked for, in order; missing: an
    abstention that cites nothing; not_covered: the gap is named and not quoted; law / chapter: the answer is
    that law's or chapter's table of contents."""
    if item.expect == "found":
        got = outcome.law_refs[: len(item.refs)]
        return len(got) == len(item.refs) and all(
            _same_part(r, g) for r, g in zip(item.refs, got, strict=True)
        )
    if item.expect == "missing":
        return outcome.abstained and not outcome.law_refs
    if item.expect == "not_covered":
        ref = item.refs[0]
        return (ref.law_id, ref.section) in outcome.gaps and ref.key not in _cited_sections(outcome)
    if item.expect in ("law", "chapter"):
        return outcome.toc == (item.law_id, item.chapter if item.expect == "chapter" else None)
    raise ValueError(f"{item.id}: unknown lookup expectation {item.expect!r}")


def judge(item: Item, outcome: Outcome) -> Verdict:
    if item.group == "lookup":
        ok = lookup_correct(item, outcome)
        return Verdict(ok, "" if ok else "lookup wrong")
    if item.expect == "abstain":
        if outcome.law_refs:
            return Verdict(False, "law cited", False)
        if outcome.cited_faq:
            return Verdict(False, "answered from FAQ")
        return Verdict(True)
    expected = {r.key for r in item.refs}
    law_cited = bool(expected & _cited_sections(outcome)) if expected else None
    unrelated = [f for f in outcome.cited_faq if f not in item.faq]
    right_faq = any(f in item.faq for f in outcome.cited_faq)
    if outcome.abstained:
        return Verdict(False, "abstained", law_cited)
    if unrelated:
        return Verdict(False, "unrelated FAQ", law_cited)
    if right_faq or law_cited:
        return Verdict(True, "", law_cited)
    return Verdict(False, "wrong §" if outcome.law_refs else "no expected source", law_cited)


def _rate(values: list[bool]) -> float | None:
    return sum(values) / len(values) if values else None


def group_metrics(pairs: Iterable[tuple[Item, Outcome]]) -> dict[str, Any]:
    """The figures of one group (or any set of items)."""
    pairs = list(pairs)
    verdicts = [judge(i, o) for i, o in pairs]
    with_refs = [
        (i, o, v) for (i, o), v in zip(pairs, verdicts, strict=True) if i.expect == "answer" and i.refs
    ]
    oos = [(i, o) for i, o in pairs if i.expect == "abstain"]

    def ranked(k: int) -> float | None:
        return _rate([any(r.key in o.law_ranking[:k] for r in i.refs) for i, o, _ in with_refs])

    return {
        "n": len(pairs),
        "pass": _rate([v.passed for v in verdicts]),
        "law_cited": _rate([bool(v.law_cited) for _, _, v in with_refs]),
        "law_rank@1": ranked(1),
        "law_rank@3": ranked(3),
        "law_rank@10": ranked(10),
        "unrelated_faq": sum(v.cause == "unrelated FAQ" for v in verdicts),
        "abstained": sum(v.cause == "abstained" for v in verdicts),
        "false_answer_rate": _rate([not o.abstained for _, o in oos]),
        "law_cited_out_of_scope": sum(bool(o.law_refs) for _, o in oos),
        "invented_citations": sum(o.invalid_citations for _, o in pairs),
        "citations": sum(o.total_citations for _, o in pairs),
    }


def faq_hit(pairs: Iterable[tuple[Item, Outcome]]) -> float | None:
    """Share of FAQ questions whose answer cites their own entry first (the canonical-question bar)."""
    return _rate([o.answer_faq == i.faq_id for i, o in pairs])


def summarize(pairs: list[tuple[Item, Outcome]]) -> dict[str, Any]:
    """Figures per split and group, plus 'all' per split, and the canonical FAQ and latency figures."""
    out: dict[str, Any] = {}
    for split in sorted({i.split for i, _ in pairs}):
        mine = [(i, o) for i, o in pairs if i.split == split]
        if split == "corpus":
            canonical = [(i, o) for i, o in mine if i.group == "canonical"]
            out["corpus"] = {
                "canonical": {"n": len(canonical), "hit@1": faq_hit(canonical), **group_metrics(canonical)}
            }
            continue
        groups = {
            g: group_metrics([(i, o) for i, o in mine if i.group == g])
            for g in sorted({i.group for i, _ in mine})
        }
        questions = [(i, o) for i, o in mine if i.group != "lookup"]
        out[split] = {**groups, "all": group_metrics(questions)}
    latencies = sorted(o.latency_ms for _, o in pairs)
    out["latency_p50_ms"] = latencies[len(latencies) // 2] if latencies else 0.0
    out["latency_p95_ms"] = latencies[int(0.95 * (len(latencies) - 1))] if latencies else 0.0
    return out


CAUSE_WEIGHT = {
    "law cited": 0,
    "answered from FAQ": 1,
    "unrelated FAQ": 2,
    "wrong §": 3,
    "lookup wrong": 4,
    "no expected source": 5,
    "abstained": 6,
}


def worst_misses(pairs: list[tuple[Item, Outcome]], n: int = 15) -> list[tuple[Item, Outcome, Verdict]]:
    """The n misses that would hurt a user most: law cited out of scope first, then an FAQ answer where none
    fits, an unrelated FAQ entry, the wrong §, and abstentions last."""
    misses = [(i, o, v) for i, o in pairs if not (v := judge(i, o)).passed]
    misses.sort(key=lambda m: (CAUSE_WEIGHT.get(m[2].cause, 9), m[0].split, m[0].id))
    return misses[:n]
