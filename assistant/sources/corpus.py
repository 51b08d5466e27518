"""Load the corpus (normalized laws, FAQ, glossary) into memory; the service's source of truth for quotes."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.sources.files import (
    CorpusError,
    entry_problem,
    json_section_line,
    read_json,
    read_yaml_list,
    read_yaml_mapping,
)
from assistant.sources.law_questions import load_law_questions
from assistant.sources.outside import OutsideExample, load_outside
from assistant.types import FaqEntry, FaqRef, Item, Law, LawQuestion, Ledd, Section

TOPICS = ("kurs", "leder", "verneombud", "AMU", "ansatte", "dokumentasjon", "tilsyn")


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
    outside: list[OutsideExample] = field(default_factory=list)  # questions the sources do not answer
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
    raw, text = read_json(path)
    with entry_problem(path, 1, "loven"):
        law_id = raw["law_id"]
        sections: dict[str, Section] = {}
        for s in raw["sections"]:
            number = s.get("section", "?") if isinstance(s, dict) else "?"
            with entry_problem(path, json_section_line(text, number), f"§ {number}"):
                section = _section(s, law_id)
            sections[section.section] = section
        return Law(
            law_id=law_id,
            kind=raw["kind"],
            title=raw["title"],
            short_name=raw["short_name"],
            abbreviation=raw.get("abbreviation"),
            aliases=tuple(raw.get("aliases", [])),
            version_date=raw.get("version_date"),
            url=raw["url"],
            sections=sections,
            not_covered=dict(raw.get("not_covered", {})),
            complete=raw.get("complete", True),
        )


def _faq_entry(raw: dict[str, Any]) -> FaqEntry:
    return FaqEntry(
        id=raw["id"],
        kind=raw.get("kind", "faq"),
        topic=raw["topic"],
        question=raw["question"],
        phrasings=tuple(raw.get("phrasings", [])),
        english=tuple(raw.get("english", [])),
        answer=raw["answer"],
        refs=tuple(_faq_ref(r) for r in raw.get("refs", [])),
        rests_on=tuple(_faq_ref(r) for r in raw.get("rests_on", [])),
        only_when=tuple(_pattern(p, "only_when") for p in raw.get("only_when", [])),
        not_when=tuple(_pattern(p, "not_when") for p in raw.get("not_when", [])),
        answers_when=tuple(_pattern(p, "answers_when") for p in raw.get("answers_when", [])),
    )


def _pattern(raw: Any, key: str) -> str:
    """An only_when, not_when or answers_when pattern, checked here so a typo in the corpus is found at load time."""
    if not isinstance(raw, str) or not raw.strip():
        raise ValueError(f"{key} må være en liste med regulære uttrykk")
    try:
        re.compile(raw)
    except re.error as exc:
        raise ValueError(f"{key}-mønsteret «{raw}» er ugyldig: {exc}") from None
    return raw


def _faq_ref(raw: dict[str, Any]) -> FaqRef:
    return FaqRef(
        law_id=raw["law"],
        section=str(raw["section"]),
        ledd=raw.get("ledd"),
        letter=raw.get("letter"),
        cited_as=raw.get("cited_as", ""),
        evidence=raw.get("evidence", ""),
    )


def read_faq(path: Path) -> list[tuple[FaqEntry, int]]:
    """The FAQ entries in file order, each with the line it starts on."""
    entries: list[tuple[FaqEntry, int]] = []
    seen: set[str] = set()
    for item in read_yaml_list(path, "entries"):
        name = item.raw.get("id", "?") if isinstance(item.raw, dict) else "?"
        where = f"{path}, linje {item.line}: FAQ-oppføringen «{name}»"
        with entry_problem(path, item.line, f"FAQ-oppføringen «{name}»"):
            entry = _faq_entry(item.raw)
        if entry.id in seen:
            raise CorpusError(f"{where} har en id som finnes fra før.")
        if entry.topic not in TOPICS:
            raise CorpusError(f"{where} har ukjent topic «{entry.topic}» (kjente: {', '.join(TOPICS)}).")
        seen.add(entry.id)
        entries.append((entry, item.line))
    return entries


def load_faq(path: Path) -> dict[str, FaqEntry]:
    return {entry.id: entry for entry, _line in read_faq(path)}


def load_glossary(path: Path) -> list[GlossaryTerm]:
    terms = []
    for item in read_yaml_list(path, "terms"):
        name = item.raw.get("term", "?") if isinstance(item.raw, dict) else "?"
        with entry_problem(path, item.line, f"ordlisteoppføringen «{name}»"):
            terms.append(
                GlossaryTerm(
                    term=item.raw["term"],
                    synonyms=tuple(str(s).lower() for s in item.raw.get("synonyms", [])),
                    english=tuple(str(s).lower() for s in item.raw.get("english", [])),
                    group=item.raw.get("group", "hms"),
                )
            )
    return terms


def load_provider(path: Path) -> Provider:
    if not path.is_file():
        return Provider()
    raw = read_yaml_mapping(path)
    with entry_problem(path, 1, "kursleverandøren"):
        return Provider(name=raw["name"], contact_url=raw["contact_url"])


def corpus_files(corpus_dir: Path) -> list[Path]:
    """The files whose content defines the index (what the corpus hash covers)."""
    return sorted(
        p
        for p in [
            corpus_dir / "faq.yaml",
            corpus_dir / "glossary.yaml",
            corpus_dir / "law_questions.yaml",
            corpus_dir / "out_of_scope.yaml",
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
    faq_path = corpus_dir / "faq.yaml"
    faq: dict[str, FaqEntry] = {}
    for entry, line in read_faq(faq_path):
        for ref in entry.law_basis:
            law = laws.get(ref.law_id)
            if law is None or (ref.section not in law.sections and ref.section not in law.not_covered):
                raise CorpusError(
                    f"{faq_path}, linje {line}: FAQ-oppføringen «{entry.id}» viser til {ref.law_id} "
                    f"§ {ref.section}, som ikke finnes i korpuset."
                )
        faq[entry.id] = entry
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
        outside=load_outside(corpus_dir / "out_of_scope.yaml"),
        provider=load_provider(corpus_dir / "provider.yaml"),
        warnings=warnings,
    )
