"""JSON errors with Norwegian messages and stable codes: `{"error": {"code", "message", ...}}`.

Status codes: 400 bad input, 403 origin not allowed, 404 unknown law or section, 413 too long, 429 rate limit
or the widget's daily cap, 503 index not ready or storage down, 504 answer timeout, 500 anything else
(logged, never a stack trace).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.index.errors import IndexNotReady
from assistant.question.validation import InvalidQuestion
from assistant.references.lookup import UnknownLaw, UnknownSection
from assistant.retrieval.embeddings import EmbeddingError

log = logging.getLogger("hms.web")

INTERNAL_MESSAGE = "Noe gikk galt hos oss. Prøv igjen om litt."
NOT_READY_MESSAGE = "Kunnskapsbasen er ikke tilgjengelig akkurat nå. Prøv igjen om litt."
# What the public may read about an index that is not ready; the details (store address, error text) are
# for the log only.
_PUBLIC_NOT_READY = {
    "index_missing": "Det finnes ingen indeks ennå. Kjør `hms ingest`.",
    "index_stale_model": "Indeksen må bygges på nytt (`hms ingest`).",
    "index_stale_corpus": "Indeksen må bygges på nytt (`hms ingest`).",
}


def public_not_ready(exc: IndexNotReady) -> str:
    """The message a client may see for ``exc``; the full reason goes to the log."""
    log.warning("index not ready (%s): %s", exc.code, exc.reason)
    return _PUBLIC_NOT_READY.get(exc.code, NOT_READY_MESSAGE)


_HTTP_ERRORS: dict[int, tuple[str, str]] = {
    400: ("invalid_body", "Forespørselen kunne ikke leses. Send JSON i UTF-8."),
    404: ("not_found", "Siden eller ressursen finnes ikke."),
    405: ("method_not_allowed", "Denne metoden er ikke tillatt her."),
    413: ("request_too_large", "Forespørselen er for stor."),
    415: ("unsupported_content_type", "Send forespørselen som JSON (Content-Type: application/json)."),
}


class ErrorBody(BaseModel):
    code: str
    message: str
    url: str | None = None


class ErrorResponse(BaseModel):
    """The shape of every error the API returns (documented in OpenAPI)."""

    error: ErrorBody


class ApiError(Exception):
    """An error a route raises on purpose; rendered as JSON by the handler below."""

    def __init__(self, status: int, code: str, message: str, **extra: Any):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra


def error_json(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    body: dict[str, Any] = {"code": code, "message": message}
    body.update({k: v for k, v in extra.items() if v is not None})
    return JSONResponse({"error": body}, status_code=status, headers={"Cache-Control": "no-store"})


def status_for_invalid_question(exc: InvalidQuestion) -> int:
    return 413 if exc.code == "question_too_long" else 400


def invalid_question_json(exc: InvalidQuestion) -> JSONResponse:
    return error_json(status_for_invalid_question(exc), exc.code, exc.message)


def _is_json(request: Request) -> bool:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


def _validation_json(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = list(exc.errors())
    body_errors = [e for e in errors if e.get("loc", ("",))[0] == "body"]
    if body_errors and request.method in ("POST", "PUT", "PATCH") and not _is_json(request):
        return error_json(400, "unsupported_content_type", _HTTP_ERRORS[415][1])
    if any(e.get("type") == "json_invalid" for e in errors):
        return error_json(400, "invalid_json", "Forespørselen er ikke gyldig JSON.")
    first = errors[0] if errors else {}
    loc = [str(part) for part in first.get("loc", ()) if part not in ("body", "query", "path")]
    field = ".".join(loc)
    if first.get("type") == "missing" and not field:  # an empty body: no field to name
        return error_json(400, "empty_body", "Forespørselen er tom. Send et JSON-objekt.")
    if first.get("type") == "missing":
        if field in ("question", "q"):
            return error_json(400, "empty_question", "Skriv et spørsmål først – spørsmålet mangler.")
        return error_json(400, "missing_field", f"Feltet «{field}» mangler.")
    if field in ("question", "q"):
        return error_json(400, "invalid_question", "Spørsmålet må være tekst.")
    if field:
        return error_json(400, "invalid_field", f"Feltet «{field}» har en ugyldig verdi.")
    return error_json(400, "invalid_request", "Forespørselen har feil format. Send et JSON-objekt.")


def install_error_handlers(app: FastAPI) -> None:
    """Map every exception a request can raise to a JSON error; nothing reaches a client as a trace."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        response = error_json(exc.status, exc.code, exc.message, **exc.extra)
        if "retry_after" in exc.extra:
            response.headers["Retry-After"] = str(exc.extra["retry_after"])
        return response

    @app.exception_handler(InvalidQuestion)
    async def _invalid_question(request: Request, exc: InvalidQuestion) -> JSONResponse:
        return invalid_question_json(exc)

    @app.exception_handler(IndexNotReady)
    async def _not_ready(request: Request, exc: IndexNotReady) -> JSONResponse:
        return error_json(503, exc.code, public_not_ready(exc))

    @app.exception_handler(EmbeddingError)
    async def _embedding(request: Request, exc: EmbeddingError) -> JSONResponse:
        log.error("embedding model unavailable: %s", exc)
        return error_json(503, "model_unavailable", "Språkmodellen for søk er ikke tilgjengelig akkurat nå.")

    @app.exception_handler(UnknownLaw)
    async def _unknown_law(request: Request, exc: UnknownLaw) -> JSONResponse:
        return error_json(404, "unknown_law", str(exc))

    @app.exception_handler(UnknownSection)
    async def _unknown_section(request: Request, exc: UnknownSection) -> JSONResponse:
        code = "not_covered" if exc.not_covered else "unknown_section"
        return error_json(404, code, str(exc), url=exc.url or None)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _validation_json(request, exc)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code, message = _HTTP_ERRORS.get(
            exc.status_code, ("http_error", "Forespørselen kunne ikke behandles.")
        )
        return error_json(exc.status_code, code, message)

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_json(500, "internal_error", INTERNAL_MESSAGE)


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": description}
    for status, description in {
        400: "Bad input (empty, invalid JSON, wrong content type, binary data)",
        403: "The request comes from an origin that is not allowed",
        413: "The question or the body is too long",
        429: "Too many requests from this client, or the widget's daily cap is reached",
        503: "The index is not ready",
        504: "The answer took longer than HMS_ANSWER_TIMEOUT_S",
    }.items()
}
