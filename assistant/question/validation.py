"""Input checks with clear Norwegian messages and stable codes (front ends map codes to HTTP status)."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class InvalidQuestion(ValueError):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def validate_question(question: object, *, max_chars: int = 2000) -> str:
    """Return the question if it is usable, else raise InvalidQuestion."""
    if not isinstance(question, str):
        raise InvalidQuestion("invalid_question", "Spørsmålet må være tekst.")
    if not question.strip():
        raise InvalidQuestion("empty_question", "Skriv et spørsmål først – spørsmålet er tomt.")
    if len(question) > max_chars:
        raise InvalidQuestion(
            "question_too_long",
            f"Spørsmålet er for langt ({len(question)} tegn). Korte det ned til høyst {max_chars} tegn.",
        )
    if _CONTROL.search(question):
        raise InvalidQuestion(
            "invalid_characters", "Spørsmålet inneholder ugyldige tegn (kontrolltegn). Skriv det på nytt."
        )
    if "\ufffd" in question:
        raise InvalidQuestion(
            "invalid_encoding", "Spørsmålet inneholder tegn som ikke kunne leses (ugyldig UTF-8)."
        )
    return question
