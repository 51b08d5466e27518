"""Settings errors as one Norwegian line per setting, naming its HMS_ variable (no traceback)."""

from __future__ import annotations

from typing import Any

from pydantic import SecretStr, ValidationError

from assistant.infra.config import Settings

_MESSAGES = {
    "int_parsing": "må være et heltall",
    "int_from_float": "må være et heltall",
    "float_parsing": "må være et tall",
    "bool_parsing": "må være true eller false",
    "greater_than_equal": "må være minst {ge}",
    "greater_than": "må være større enn {gt}",
    "less_than_equal": "må være høyst {le}",
    "less_than": "må være mindre enn {lt}",
    "literal_error": "må være en av {expected}",
}


def _secret(field: str) -> bool:
    annotation = Settings.model_fields[field].annotation if field in Settings.model_fields else None
    return annotation is not None and SecretStr in getattr(annotation, "__args__", (annotation,))


def _describe(error: Any) -> str:
    ctx = error.get("ctx") or {}
    if error["type"] == "value_error":
        return str(ctx.get("error", error["msg"]))
    template = _MESSAGES.get(error["type"])
    return template.format(**ctx).replace(" or ", " eller ") if template else "har en ugyldig verdi"


def settings_problems(exc: ValidationError) -> list[str]:
    """One line per invalid setting: 'HMS_PORT må være et heltall (fikk 'abc').' (secrets are not echoed)."""
    lines = []
    for error in exc.errors():
        loc = error.get("loc") or ()
        message = _describe(error)
        if not loc:  # a rule across settings: its message names the variables
            lines.append(f"{message}.")
            continue
        field = str(loc[0])
        value = error.get("input")
        shown = ""
        if isinstance(value, str) and not _secret(field) and repr(value) not in message:
            shown = f" (fikk {value!r})"
        lines.append(f"HMS_{field.upper()} {message}{shown}.")
    return lines
