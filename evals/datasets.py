"""The eval datasets: a tunable `dev` split, a sealed `test` split, and the corpus's own FAQ questions.

evals/datasets/dev/*.yaml may be tuned on. evals/datasets/test/*.yaml was written before any tuning and is
never edited to pass (only a provably wrong expected reference may be fixed, saying so in the commit); every
tuning script takes its items through `tuning_items`, which refuses test items. The schema of an item is in
evals/datasets/README.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from assistant.sources.corpus import Corpus

DATASETS_DIR = Path(__file__).resolve().parent / "datasets"
SPLITS = ("dev", "test")
GROUPS = ("manager", "hr", "verneombud", "course", "english", "out_of_scope", "lookup")
QUESTION_GROUPS = GROUPS[:-1]
LAW_IDS = {"aml": "LOV-2005-06-17-62", "ik": "FOR-1996-12-06-1127", "oml": "FOR-2011-12-06-1355"}
EXPECT = {
    "answer": "the sources answer it",
    "abstain": "out of scope: nothing may be cited",
    "found": "a lookup of a § (ledd, letter, punktum) the corpus holds",
    "missing": "a lookup of a § (ledd, letter, punktum) that does not exist",
    "not_covered": "a lookup of a § whose text the corpus does not hold",
    "law": "a lookup of a whole law: its table of contents",
    "chapter": "a lookup of a chapter: its sections",
}


class SealedSplitError(RuntimeError):
    """A tuning script was given items of the sealed test split."""


@dataclass(frozen=True)
class Ref:
    law_id: str
    section: str
    ledd: int | None = None
    letter: str | None = None
    punktum: int | None = None
    evidence: str = ""

    @property
    def key(self) -> str:
        return f"{self.law_id}:{self.section}"


@dataclass(frozen=True)
class Item:
    id: str
    split: str  # dev | test | corpus
    group: str  # one of GROUPS, or canonical | phrasing for the corpus's own questions
    question: str
    expect: str = "answer"  # one of EXPECT
    faq: tuple[str, ...] = ()  # FAQ entries whose answer answers the question
    refs: tuple[Ref, ...] = ()  # law sections whose text answers it (lookups: the one asked for)
    law_only: bool = False  # only the law answers it: the right § must be cited
    kind: str = ""  # out_of_scope: tax, price, injection, ...
    law_id: str | None = None  # lookups of a law or a chapter
    chapter: str | None = None

    @property
    def faq_id(self) -> str | None:
        return self.faq[0] if self.faq else None


def chapter_key(chapter: object) -> str:
    """'2 A', '2a' and '2A' are one chapter: '2A'."""
    return str(chapter).replace(" ", "").upper()


def law_id(name: str) -> str:
    return LAW_IDS.get(name, name)


def _ref(raw: dict[str, Any], section: str | None = None) -> Ref:
    return Ref(
        law_id(raw["law"]),
        str(section if section is not None else raw["section"]),
        raw.get("ledd"),
        raw.get("letter"),
        raw.get("punktum"),
        raw.get("evidence", ""),
    )


def _item(raw: dict[str, Any], split: str) -> Item:
    group = raw["group"]
    if group == "lookup":
        law = law_id(raw["law"]) if raw.get("law") else None
        sections = raw.get("sections") or ([raw["section"]] if raw.get("section") is not None else [])
        refs = tuple(_ref(raw if i == 0 else {"law": raw["law"]}, str(s)) for i, s in enumerate(sections))
        return Item(
            raw["id"],
            split,
            group,
            raw["question"],
            raw["expect"],
            refs=refs,
            law_id=law,
            chapter=chapter_key(raw["chapter"]) if raw.get("chapter") is not None else None,
        )
    return Item(
        raw["id"],
        split,
        group,
        raw["question"],
        raw.get("expect", "answer"),
        faq=tuple(raw.get("faq") or ()),
        refs=tuple(_ref(r) for r in raw.get("refs") or ()),
        law_only=bool(raw.get("law_only", False)),
        kind=raw.get("kind", ""),
    )


def split_files(split: str) -> list[Path]:
    return sorted((DATASETS_DIR / split).glob("*.yaml"))


def load_split(split: str) -> list[Item]:
    """Every item of one split, in file order."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; use one of {SPLITS}")
    items: list[Item] = []
    for path in split_files(split):
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        items.extend(_item(r, split) for r in raw.get("items") or [])
    return items


def corpus_items(corpus: Corpus) -> list[Item]:
    """The FAQ's own canonical questions and phrasings (the corpus, not held out), with the entry's refs."""
    items = []
    for entry in corpus.faq.values():
        refs = tuple(
            Ref(r.law_id, r.section, r.ledd, r.letter)
            for r in entry.refs
            if r.section in corpus.laws[r.law_id].sections
        )
        items.append(
            Item(f"canonical-{entry.id}", "corpus", "canonical", entry.question, faq=(entry.id,), refs=refs)
        )
        for n, phrasing in enumerate((*entry.phrasings, *entry.english), start=1):
            items.append(
                Item(f"phrasing-{entry.id}-{n}", "corpus", "phrasing", phrasing, faq=(entry.id,), refs=refs)
            )
    return items


def dev_only(items: Iterable[Item]) -> list[Item]:
    """The items, if none is from the sealed test split; raises SealedSplitError otherwise."""
    items = list(items)
    sealed = [i.id for i in items if i.split == "test"]
    if sealed:
        raise SealedSplitError(
            f"{len(sealed)} items of the sealed test split were given to a tuning script "
            f"(first: {sealed[0]}). Tune on the dev split only."
        )
    return items


def tuning_items(corpus: Corpus) -> list[Item]:
    """What a tuning script may see: the dev split and the corpus's canonical questions."""
    return dev_only([i for i in corpus_items(corpus) if i.group == "canonical"] + load_split("dev"))


def sample_questions(corpus: Corpus) -> list[str]:
    """Questions for load tests and benchmarks (not tuning): canonical FAQ questions and the dev split."""
    return [i.question for i in corpus_items(corpus) if i.group == "canonical"] + [
        i.question for i in load_split("dev")
    ]
