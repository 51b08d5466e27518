"""Check a generated answer against the sources it was given, before anyone sees it.

- every cited id exists among the sources;
- every § the text mentions is among the cited sources (a cited law passage of that section, or a section
  a cited source itself refers to); a ledd it names must match;
- each sentence that states a legal duty (or right, requirement, prohibition) carries a citation;
- any link in the text is the link of a cited source; and the answer cites at least one source.
Problems are worded for the model: the retry prompt names them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.corpus import Corpus
from assistant.llm.prompts import Source
from assistant.references import ReferenceParser
from assistant.retrieval import resolve_refs

ID_GROUP = re.compile(r"\[\s*(S\d+(?:\s*[,;]\s*S\d+)*)\s*\]")
ANY_ID = re.compile(r"(?<![\w-])S\d+(?![\w-])")
BRACKET = re.compile(r"\[([^\[\]\n]{1,60})\]")
CITATION_LIKE = re.compile(
    r"^\s*(?:\d+(?:\s*[,;-]\s*\d+)*|.*§.*|(?:kilde|source|ref)\b.*)\s*$", re.IGNORECASE
)
URL = re.compile(r"https?://[^\s\]\)>«»\"]+")
DUTY = re.compile(
    r"\b(?:skal|må|måtte|plikt\w*|forplikt\w*|pålagt|pålegg\w*|påbudt|krav\w*|krever|kreves|forbudt|"
    r"forbud\w*|rett til|shall|must|required|requires?|requirements?|obliged|obligated|obligations?|"
    r"duty|duties|has to|have to|prohibited|entitled)\b",
    re.IGNORECASE,
)
ABBREVIATIONS = re.compile(
    r"\b(?:jf|jfr|f\.eks|bl\.a|nr|ca|dvs|evt|mv|m\.m|m\.fl|osv|inkl|pkt|kap|e\.g|i\.e|etc|vs|no)\.",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«\"“(\[•*–-]|\d+\.\s)|\n+")
LEADING_IDS = re.compile(r"^(?:\s*\[\s*S\d+(?:\s*[,;]\s*S\d+)*\s*\])+")
DOT = "\u2024"  # stands in for an abbreviation's dot while splitting sentences


@dataclass(frozen=True)
class Problem:
    kind: str  # unknown_id | bad_marker | uncited_section | uncited_duty | unknown_url | no_citation | empty
    message: str


def cited_ids(text: str) -> list[str]:
    """Ids cited in the text, in order of first appearance (inside or outside brackets)."""
    seen: dict[str, None] = {}
    for match in ANY_ID.finditer(text):
        seen.setdefault(match.group(0), None)
    return list(seen)


def sentences(text: str) -> list[str]:
    """Sentences and list lines; citation markers that open a piece belong to the sentence before it."""
    protected = ABBREVIATIONS.sub(lambda m: m.group(0).replace(".", DOT), text)
    pieces: list[str] = []
    for raw in SENTENCE_END.split(protected):
        piece = raw.replace(DOT, ".").strip()
        if not piece:
            continue
        lead = LEADING_IDS.match(piece)
        if lead and pieces:
            pieces[-1] += " " + lead.group(0).strip()
            piece = piece[lead.end() :].strip()
            if not piece:
                continue
        pieces.append(piece)
    return pieces


class Verifier:
    """Verifies answers against their sources; built once per corpus."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self.parser = ReferenceParser(corpus.aliases)

    def check(self, text: str, sources: Iterable[Source]) -> list[Problem]:
        """What is wrong with the answer (an empty list when it may be shown)."""
        by_id = {s.id: s for s in sources}
        if not text.strip():
            return [Problem("empty", "The answer is empty.")]
        ids = cited_ids(text)
        problems = [
            Problem("unknown_id", f"It cites {i}, which is not among the sources ({', '.join(by_id)}).")
            for i in ids
            if i not in by_id
        ]
        for match in BRACKET.finditer(text):
            inner = match.group(1)
            if not ID_GROUP.fullmatch(match.group(0)) and CITATION_LIKE.match(inner):
                problems.append(
                    Problem(
                        "bad_marker", f"It uses the marker [{inner}]; cite sources only as [S1], [S2] ..."
                    )
                )
        cited = [by_id[i] for i in ids if i in by_id]
        if not cited:
            problems.append(
                Problem("no_citation", "It cites no source; cite the source id after each claim.")
            )
        prose = URL.sub(" ", text)  # a link's '§3-5' is checked as a link, not as a mention
        problems.extend(self._sections(prose, cited))
        problems.extend(self._duties(prose))
        urls = {s.law.url for s in cited if s.law is not None}
        for url in URL.findall(text):
            if url.rstrip(".,;:") not in urls:
                problems.append(
                    Problem("unknown_url", f"It links to {url}, which is not a cited source's link.")
                )
        return problems

    def _sections(self, text: str, cited: list[Source]) -> list[Problem]:
        allowed: dict[tuple[str, str], set[int | None]] = {}
        for source in cited:
            if source.law is not None:
                allowed.setdefault((source.law.law_id, source.law.section), set()).add(source.law.ledd)
            elif source.faq is not None:
                for faq_ref in source.faq.refs:
                    allowed.setdefault((faq_ref.law_id, faq_ref.section), set()).add(faq_ref.ledd)
            for quoted in resolve_refs(self.corpus, self.parser.parse(source.text)):  # a § the source names
                allowed.setdefault((quoted.law_id, quoted.section), set()).add(quoted.ledd)
        problems = []
        for ref in resolve_refs(self.corpus, self.parser.parse(text)):
            label = self.corpus.laws[ref.law_id].label
            mentioned = text[ref.ref.span[0] : ref.ref.span[1]].strip()
            ledds = allowed.get((ref.law_id, ref.section))
            if ledds is None:
                problems.append(
                    Problem(
                        "uncited_section",
                        f"It mentions {mentioned} ({label} § {ref.section}), but no cited source is that "
                        "section. Mention only sections that a cited source contains.",
                    )
                )
            elif ref.ledd is not None and None not in ledds and ref.ledd not in ledds:
                problems.append(
                    Problem(
                        "uncited_section",
                        f"It mentions {mentioned}, but the cited source is another ledd of § {ref.section}.",
                    )
                )
        return problems

    def _duties(self, text: str) -> list[Problem]:
        pieces = sentences(text)
        problems = []
        for n, sentence in enumerate(pieces):
            if sentence.endswith("?") or not DUTY.search(sentence) or ID_GROUP.search(sentence):
                continue
            following = pieces[n + 1] if n + 1 < len(pieces) else ""
            if sentence.endswith(":") and ID_GROUP.search(following):
                continue  # a lead-in to a cited list item
            quoted = sentence if len(sentence) <= 120 else sentence[:117] + "..."
            problems.append(
                Problem("uncited_duty", f'The sentence "{quoted}" states a legal duty but has no citation.')
            )
        return problems
