"""Citation verification: every law citation names a section in the corpus and quotes it exactly."""

from __future__ import annotations

from assistant.references.ledd_parts import list_items, sentences
from assistant.sources.corpus import Corpus
from assistant.types import LawCitation


def citation_problems(citation: LawCitation, corpus: Corpus) -> list[str]:
    """What is wrong with a law citation (empty list when it is sound)."""
    law = corpus.laws.get(citation.law_id)
    if law is None:
        return [f"unknown law {citation.law_id}"]
    section = law.sections.get(citation.section)
    if section is None:
        return [f"{citation.law_id} has no section {citation.section} in the corpus"]
    problems = []
    if not citation.quote or citation.quote not in section.text:
        problems.append(f"quote is not an exact substring of § {citation.section}")
    if citation.url != section.url:
        problems.append(f"url {citation.url} is not the section's url {section.url}")
    if citation.ledd is not None:
        ledd = section.ledd_no(citation.ledd)
        if ledd is None:
            problems.append(f"§ {citation.section} has no ledd {citation.ledd}")
        elif citation.quote and citation.quote not in ledd.text:
            problems.append(f"quote is not in ledd {citation.ledd}")
        elif citation.letter and not any(
            letter == citation.letter and text in citation.quote for letter, text, _ in list_items(ledd)
        ):
            problems.append(f"ledd {citation.ledd} has no letter {citation.letter} matching the quote")
        elif (
            citation.punktum
            and citation.quote not in sentences(ledd.text)[citation.punktum - 1 : citation.punktum]
        ):
            problems.append(f"quote is not sentence {citation.punktum} of ledd {citation.ledd}")
    elif citation.letter:
        problems.append("a letter without a ledd")
    return problems
