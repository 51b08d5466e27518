"""Load the corpus (normalized laws, FAQ, glossary) into memory; the service's source of truth for quotes."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.types import FaqEntry, FaqRef, Item, Law, LawQuestion, Ledd, Section

TOPICS = ("kurs", "leder", "verneombud", "AMU", "ansatte", "dokumentasjon", "tilsyn")


class CorpusError(RuntimeError):
    """The corpus directory is missing or malformed."""


@dataclass(frozen=True)
class GlossaryTerm:
    term: str
    synonyms: tuple[str, ...]
    english: tuple[str, ...]
    group: str = "hms"  # hms: HMS vocabulary; everyday: everyday words -> the law's words

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.term, *self.synonyms, *self.english)


@dataclass(frozen=True)
class Provider:
    """The course provider whose FAQ this is, and where to ask what the FAQ does not say."""

    name: str = "HMS Kontoret"
    contact_url: str = "https://hmskontoret.no/"


@dataclass
class Corpus:
    laws: dict[str, Law]
    faq: dict[str, FaqEntry]
    glossary: list[GlossaryTerm]
    content_hash: str
    aliases: dict[str, str] = field(default_factory=dict)
    law_questions: list[LawQuestion] = field(default_factory=list)
    provider: Provider = field(default_factory=Provider)
    warnings: list[str] = field(default_factory=list)  # what loading left out, for `hms ingest` to print

    def law(self, law_id_or_alias: str) -> Law | None:
        key = law_id_or_alias.strip().lower()
        law_id = self.aliases.get(key) or next((k for k in self.laws if k.lower() == key), None)
        return self.laws.get(law_id) if law_id else None

    def section(self, law_id: str, section: str) -> Section | None:
        law = self.laws.get(law_id)
        return law.sections.get(section) if law else None

    @property
    def default_law_id(self) -> str:
        return next((k for k, law in self.laws.items() if law.kind == "lov"), next(iter(self.laws)))


def _section(raw: dict[str, Any], law_id: str) -> Section:
    ledd = tuple(
        Ledd(
            number=d["number"],
            text=d["text"],
            items=tuple(Item(text=i["text"], letter=i.get("letter")) for i in d.get("items", [])),
            complete=d.get("complete", True),
        )
        for d in raw["ledd"]
    )
    return Section(
        law_id=law_id,
        section=raw["section"],
        title=raw.get("title"),
        text=raw["text"],
        ledd=ledd,
        chapter=raw.get("chapter"),
        chapter_title=raw.get("chapter_title"),
        url=raw["url"],
        version_date=raw.get("version_date"),
        numbered_ledd=raw.get("numbered_ledd", True),
        repealed=raw.get("repealed", False),
        complete=raw.get("complete", True),
        caution=raw.get("caution"),
    )


def load_law(path: Path) -> Law:
    raw = json.loads(path.read_text(encoding="utf-8"))
    law_id = raw["law_id"]
    return Law(
        law_id=law_id,
        kind=raw["kind"],
        title=raw["title"],
        short_name=raw["short_name"],
        abbreviation=raw.get("abbreviation"),
        aliases=tuple(raw.get("aliases", [])),
        version_date=raw.get("version_date"),
        url=raw["url"],
        sections={s["section"]: _section(s, law_id) for s in raw["sections"]},
        not_covered=dict(raw.get("not_covered", {})),
        complete=raw.get("complete", True),
    )


def _faq_ref(raw: dict[str, Any]) -> FaqRef:
    return FaqRef(
        law_id=raw["law"],
        section=str(raw["section"]),
        ledd=raw.get("ledd"),
        letter=raw.get("letter"),
        cited_as=raw.get("cited_as", ""),
        evidence=raw.get("evidence", ""),
    )


def load_faq(path: Path) -> dict[str, FaqEntry]:
    entries: dict[str, FaqEntry] = {}
    for raw in yaml.safe_load(path.read_text(encoding="utf-8"))["entries"]:
        if raw["id"] in entries:
            raise CorpusError(f"Duplicate FAQ id {raw['id']!r} in {path}")
        if raw["topic"] not in TOPICS:
            raise CorpusError(f"FAQ {raw['id']!r}: unknown topic {raw['topic']!r}")
        entries[raw["id"]] = FaqEntry(
            id=raw["id"],
            kind=raw.get("kind", "faq"),
            topic=raw["topic"],
            question=raw["question"],
            phrasings=tuple(raw.get("phrasings", [])),
            english=tuple(raw.get("english", [])),
            answer=raw["answer"],
            refs=tuple(_faq_ref(r) for r in raw.get("refs", [])),
            rests_on=tuple(_faq_ref(r) for r in raw.get("rests_on", [])),
        )
    return entries


def load_glossary(path: Path) -> list[GlossaryTerm]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        GlossaryTerm(
            term=t["term"],
            synonyms=tuple(str(s).lower() for s in t.get("synonyms", [])),
            english=tuple(str(s).lower() for s in t.get("english", [])),
            group=t.get("group", "hms"),
        )
        for t in raw["terms"]
    ]


def load_law_questions(path: Path, laws: dict[str, Law], warnings: list[str]) -> list[LawQuestion]:
    """The law's question index (corpus/law_questions.yaml). Questions of a § that is no longer in the law
    text, or repealed, are left out with a warning (the law text is the source of truth); a ledd that does not
    exist is an error. A corpus without the file has no index."""
    if not path.is_file():
        return []
    questions = []
    for raw in yaml.safe_load(path.read_text(encoding="utf-8"))["sections"]:
        law_id, number = raw["law"], str(raw["section"])
        section = laws[law_id].sections.get(number) if law_id in laws else None
        if section is None or section.repealed:
            warnings.append(
                f"{path.name}: {law_id} § {number} er ikke i kraft i lovteksten; spørsmålene er utelatt."
            )
            continue
        for q in raw["questions"]:
            ledd = q.get("ledd")
            if ledd is not None and (section.ledd_no(ledd) is None or not section.ledd_no(ledd).complete):
                raise CorpusError(f"{path.name}: {law_id} § {number} has no whole ledd {ledd} ({q['q']!r})")
            questions.append(LawQuestion(law_id, number, q["q"], ledd))
    return questions


def load_provider(path: Path) -> Provider:
    if not path.is_file():
        return Provider()
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Provider(name=raw["name"], contact_url=raw["contact_url"])


def corpus_files(corpus_dir: Path) -> list[Path]:
    """The files whose content defines the index (what the corpus hash covers)."""
    return sorted(
        p
        for p in [
            corpus_dir / "faq.yaml",
            corpus_dir / "glossary.yaml",
            corpus_dir / "law_questions.yaml",
            corpus_dir / "provider.yaml",
            *(corpus_dir / "laws").glob("*.json"),
        ]
        if p.is_file()
    )


def corpus_hash(corpus_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in corpus_files(corpus_dir):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def load_corpus(corpus_dir: Path) -> Corpus:
    """Read corpus_dir/faq.yaml, glossary.yaml and laws/*.json; raise CorpusError when they are missing."""
    if not (corpus_dir / "faq.yaml").is_file():
        raise CorpusError(f"Fant ikke korpuset i {corpus_dir} (mangler faq.yaml). Sett HMS_CORPUS_DIR.")
    laws = {law.law_id: law for law in map(load_law, sorted((corpus_dir / "laws").glob("*.json")))}
    if not laws:
        raise CorpusError(f"Ingen lovtekster i {corpus_dir / 'laws'}. Kjør `hms corpus`.")
    faq = load_faq(corpus_dir / "faq.yaml")
    for entry in faq.values():
        for ref in entry.law_basis:
            law = laws.get(ref.law_id)
            if law is None or (ref.section not in law.sections and ref.section not in law.not_covered):
                raise CorpusError(f"FAQ {entry.id!r} refers to unknown {ref.law_id} § {ref.section}")
    aliases: dict[str, str] = {}
    for law in laws.values():
        for alias in (*law.aliases, law.short_name, law.law_id, law.abbreviation or ""):
            if alias:
                aliases[alias.lower()] = law.law_id
    warnings: list[str] = []
    return Corpus(
        laws=laws,
        faq=faq,
        glossary=load_glossary(corpus_dir / "glossary.yaml"),
        content_hash=corpus_hash(corpus_dir),
        aliases=aliases,
        law_questions=load_law_questions(corpus_dir / "law_questions.yaml", laws, warnings),
        provider=load_provider(corpus_dir / "provider.yaml"),
        warnings=warnings,
    )
