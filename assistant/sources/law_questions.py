"""The law's question index (corpus/law_questions.yaml): questions people ask that a § (and ledd) answers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.sources.files import CorpusError, entry_problem, read_yaml_list
from assistant.types import Law, LawQuestion


def load_law_questions(path: Path, laws: dict[str, Law], warnings: list[str]) -> list[LawQuestion]:
    """The law's question index (corpus/law_questions.yaml). Questions of a § that is no longer in the law
    text, or repealed, are left out with a warning (the law text is the source of truth); a ledd that does not
    exist is an error. A section's cases (questions that start from a case at work) join its questions, marked as
    such. A corpus without the file has no index."""
    if not path.is_file():
        return []
    questions = []
    for item in read_yaml_list(path, "sections"):
        raw = item.raw
        with entry_problem(path, item.line, "en paragrafs spørsmål"):
            law_id, number = raw["law"], str(raw["section"])
            asked = [(q, False) for q in _questions(raw["questions"])]
            asked += [(q, True) for q in _questions(raw.get("cases") or [])]
        section = laws[law_id].sections.get(number) if law_id in laws else None
        if section is None or section.repealed:
            warnings.append(
                f"{path.name}: {law_id} § {number} er ikke i kraft i lovteksten; spørsmålene er utelatt."
            )
            continue
        for q, case in asked:
            ledd = q.get("ledd")
            whole = section.ledd_no(ledd) if ledd is not None else None
            if ledd is not None and (whole is None or not whole.complete):
                raise CorpusError(
                    f"{path}, linje {item.line}: {law_id} § {number} har ikke noe helt {ledd}. ledd "
                    f"({q['q']!r})."
                )
            questions.append(LawQuestion(law_id, number, q["q"], ledd, case=case))
    return questions


def _questions(raw: object) -> list[dict[str, Any]]:
    """A section's questions or cases: a list of {q: text, ledd: number}."""
    if not isinstance(raw, list) or not all(isinstance(q, dict) and isinstance(q.get("q"), str) for q in raw):
        raise ValueError("spørsmålene må være en liste med «q: tekst» (og eventuelt «ledd: nummer»)")
    return raw
