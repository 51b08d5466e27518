"""The eval datasets: FAQ pairs (built from corpus/faq.yaml) and the held-out files in evals/datasets/."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.corpus import Corpus

DATASETS_DIR = Path(__file__).resolve().parent / "datasets"


@dataclass(frozen=True)
class Ref:
    law_id: str
    section: str
    ledd: int | None = None
    letter: str | None = None

    @property
    def key(self) -> str:
        return f"{self.law_id}:{self.section}"


@dataclass(frozen=True)
class Item:
    dataset: str  # canonical | phrasing | paraphrase | lookup | out_of_scope | law_question
    question: str
    faq_id: str | None = None
    refs: tuple[Ref, ...] = ()
    expect: str = "answer"  # answer | abstain | found | missing | not_covered
    style: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def in_scope(self) -> bool:
        return self.dataset != "out_of_scope" and self.expect not in ("missing", "not_covered")


def _refs(raw: list[dict[str, Any]] | None) -> tuple[Ref, ...]:
    return tuple(Ref(r["law"], str(r["section"]), r.get("ledd"), r.get("letter")) for r in raw or [])


def faq_pairs(corpus: Corpus) -> list[Item]:
    """Every canonical question and phrasing, with its FAQ id and the entry's law refs."""
    items = []
    for entry in corpus.faq.values():
        refs = tuple(
            Ref(r.law_id, r.section, r.ledd, r.letter)
            for r in entry.refs
            if r.section in corpus.laws[r.law_id].sections
        )
        items.append(Item("canonical", entry.question, entry.id, refs))
        for phrasing in (*entry.phrasings, *entry.english):
            items.append(
                Item(
                    "phrasing", phrasing, entry.id, refs, style="english" if phrasing in entry.english else ""
                )
            )
    return items


def _load(name: str) -> list[dict[str, Any]]:
    path = DATASETS_DIR / f"{name}.yaml"
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["items"]) if path.is_file() else []


def held_out() -> list[Item]:
    items: list[Item] = []
    for raw in _load("paraphrases"):
        items.append(
            Item(
                "paraphrase",
                raw["question"],
                raw["faq_id"],
                _refs(raw.get("refs")),
                style=raw.get("style", ""),
            )
        )
    for raw in _load("lookups"):
        ref = Ref(raw["law"], str(raw["section"]), raw.get("ledd"), raw.get("letter"))
        items.append(Item("lookup", raw["question"], None, (ref,), expect=raw["expect"]))
    for raw in _load("out_of_scope"):
        items.append(Item("out_of_scope", raw["question"], expect="abstain", style=raw.get("kind", "")))
    for raw in _load("law_questions"):
        items.append(Item("law_question", raw["question"], None, _refs(raw.get("refs"))))
    return items


def all_items(corpus: Corpus) -> list[Item]:
    """FAQ pairs and held-out items. An expected ref to a section the corpus does not hold (a gap, such as
    internkontrollforskriften § 5) cannot be a quoted citation, so it is dropped from the expected citations
    (lookups keep it: there the expected outcome is the gap itself)."""

    def quotable(item: Item) -> Item:
        if item.dataset == "lookup":
            return item
        refs = tuple(r for r in item.refs if r.section in corpus.laws[r.law_id].sections)
        return item if refs == item.refs else Item(**{**item.__dict__, "refs": refs})

    return faq_pairs(corpus) + [quotable(i) for i in held_out()]
