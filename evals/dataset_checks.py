"""Checks that every eval item is well-formed and that its expected references hold against the law text:
each expected § exists and is in force, each ledd exists, and each `evidence` excerpt is verbatim text of
that § (of that ledd, when one is given). `python -m evals.dataset_checks` prints every problem."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable

from assistant.sources.corpus import Corpus
from evals.datasets import EXPECT, GROUPS, Item, Ref, load_split

OUT_OF_SCOPE_KINDS = frozenset(
    "tax accounting insurance price date seats nonexistent injection other_law offtopic business adjacent".split()
)
# The sealed test split's minimum sizes, and the aml chapters its HR questions must reach (the list).
TEST_MINIMUMS = {"manager": 50, "hr": 60, "verneombud": 25, "course": 20, "english": 20, "out_of_scope": 40}
HR_CHAPTERS = ("2", "2A", "3", "4", "5", "6", "7", "8", "10", "12", "14", "15", "18")


def ref_problems(item: Item, ref: Ref, corpus: Corpus, *, need_evidence: bool) -> list[str]:
    law = corpus.laws.get(ref.law_id)
    if law is None:
        return [f"unknown law {ref.law_id}"]
    section = law.sections.get(ref.section)
    if section is None:
        return [f"{ref.law_id} has no § {ref.section} in the corpus"]
    problems = []
    if section.repealed:
        problems.append(f"§ {ref.section} is repealed")
    text = section.text
    if ref.ledd is not None:
        ledd = section.ledd_no(ref.ledd)
        if ledd is None:
            return [*problems, f"§ {ref.section} has no ledd {ref.ledd}"]
        text = ledd.text
    if need_evidence and not ref.evidence:
        problems.append(f"§ {ref.section}: no evidence excerpt")
    if ref.evidence and ref.evidence not in text:
        where = f"§ {ref.section}" + (f" ({ref.ledd})" if ref.ledd else "")
        problems.append(f"evidence is not verbatim text of {where}: {ref.evidence[:60]!r}")
    return problems


def lookup_problems(item: Item, corpus: Corpus) -> list[str]:
    law = corpus.laws.get(item.law_id or (item.refs[0].law_id if item.refs else ""))
    if law is None:
        return ["lookup names no known law"]
    if item.expect == "law":
        return []
    if item.expect == "chapter":
        chapters = {s.chapter for s in law.sections.values()}
        return [] if item.chapter in chapters else [f"{law.short_name} has no chapter {item.chapter}"]
    if not item.refs:
        return ["lookup has no section"]
    ref = item.refs[0]
    section = law.sections.get(ref.section)
    if item.expect == "not_covered":
        return [] if ref.section in law.not_covered else [f"§ {ref.section} is not recorded as not covered"]
    if item.expect == "missing":
        ledd = section.ledd_no(ref.ledd) if section and ref.ledd else None
        exists = section is not None and (ref.ledd is None or ledd is not None) and ref.letter is None
        return [f"§ {ref.section} exists: not missing"] if exists and ref.punktum is None else []
    problems = []
    for r in item.refs:
        if r.section not in law.sections:
            problems.append(f"found lookup of § {r.section}, which the corpus does not hold")
        elif r.ledd is not None and law.sections[r.section].ledd_no(r.ledd) is None:
            problems.append(f"§ {r.section} has no ledd {r.ledd}")
    return problems


def item_problems(item: Item, corpus: Corpus) -> list[str]:
    if item.group not in GROUPS:
        return [f"unknown group {item.group!r}"]
    if item.expect not in EXPECT:
        return [f"unknown expect {item.expect!r}"]
    if not item.id.startswith(f"{item.split}-"):
        return [f"id should start with {item.split}-"]
    if item.group == "lookup":
        return lookup_problems(item, corpus)
    problems = [f"unknown FAQ entry {f}" for f in item.faq if f not in corpus.faq]
    if item.expect == "abstain":
        if item.faq or item.refs:
            problems.append("an out-of-scope item expects no source")
        if item.split == "test" and item.kind not in OUT_OF_SCOPE_KINDS:
            problems.append(f"out-of-scope kind {item.kind!r} unknown")
        return problems
    if not item.faq and not item.refs:
        problems.append("an answerable item needs an expected FAQ entry or § ")
    if item.law_only and item.faq:
        problems.append("law_only but expects an FAQ entry")
    need_evidence = item.split == "test"
    for ref in item.refs:
        problems += ref_problems(item, ref, corpus, need_evidence=need_evidence)
    return problems


def problems(items: Iterable[Item], corpus: Corpus) -> list[str]:
    items = list(items)
    found = [f"{i.id}: {p}" for i in items for p in item_problems(i, corpus)]
    duplicates = [k for k, n in Counter(i.id for i in items).items() if n > 1]
    found += [f"duplicate id {d}" for d in duplicates]
    return found


def sealed_split_shortfalls(corpus: Corpus) -> list[str]:
    """What the sealed test split lacks against the issue's minimums."""
    test = load_split("test")
    sizes = Counter(i.group for i in test)
    short = [f"{g}: {sizes[g]} < {n}" for g, n in TEST_MINIMUMS.items() if sizes[g] < n]
    aml = corpus.laws["LOV-2005-06-17-62"]
    reached = {
        aml.sections[r.section].chapter.replace(" ", "")  # type: ignore[union-attr]
        for i in test
        if i.group == "hr"
        for r in i.refs
        if r.law_id == aml.law_id and r.section in aml.sections
    }
    short += [f"hr: no question on aml chapter {c}" for c in HR_CHAPTERS if c not in reached]
    regulations = {r.law_id for i in test if i.group == "hr" for r in i.refs if r.law_id != aml.law_id}
    short += [
        f"hr: no question on {law}" for law in corpus.laws if law != aml.law_id and law not in regulations
    ]
    return short


def main() -> int:
    from assistant.infra.config import get_settings
    from assistant.sources.corpus import load_corpus

    corpus = load_corpus(get_settings().corpus_dir)
    found = problems(load_split("dev") + load_split("test"), corpus) + sealed_split_shortfalls(corpus)
    print("\n".join(found) or "no problems")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
