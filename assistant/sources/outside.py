"""The out-of-scope exemplars (corpus/out_of_scope.yaml): questions people near this domain ask that neither the
FAQ nor the laws held answer, by domain (NAV benefits, pensions, tax, leases, licences, ...).

A user's question that is much closer to one of them than to any question the sources answer (an FAQ phrasing
or the law's question index) is declined, naming the domain (assistant.evidence.select). They were written from
the domains, never from eval items; tests/evals checks that no eval question is a near-copy of one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.sources.files import CorpusError, entry_problem, read_yaml_list


@dataclass(frozen=True)
class OutsideExample:
    text: str
    domain: str  # a slug, e.g. "pensjon"
    topic_nb: str  # how an answer names the domain
    topic_en: str


def load_outside(path: Path) -> list[OutsideExample]:
    """The exemplars; a corpus without the file has none."""
    if not path.is_file():
        return []
    examples = []
    for item in read_yaml_list(path, "domains"):
        with entry_problem(path, item.line, "et område utenfor kildene"):
            raw = item.raw
            domain, nb, en = str(raw["domain"]), str(raw["topic_nb"]), str(raw["topic_en"])
            questions = [str(q) for q in raw["questions"]]
        if not questions or not all(q.strip() for q in questions):
            raise CorpusError(
                f"{path}, linje {item.line}: området «{domain}» har ingen spørsmål, eller et tomt."
            )
        examples += [OutsideExample(q.strip(), domain, nb, en) for q in questions]
    return examples
