"""GET /api/laws/{law} and /api/laws/{law}/{section}: verbatim text for HR's lookups."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from assistant.types import SectionView, TableOfContents
from bots.web.deps import AssistantDep
from bots.web.json_errors import ErrorResponse

router = APIRouter(prefix="/api/laws", tags=["laws"])

NOT_FOUND: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "A law or section name that is too long"},
    404: {"model": ErrorResponse, "description": "Unknown law, or a section the law or corpus lacks"},
}
LawPath = Annotated[
    str,
    Path(description="`aml`, the short name (e.g. `arbeidsmiljøloven`) or the Lovdata id", max_length=200),
]
SectionPath = Annotated[
    str, Path(description="The section number, e.g. `3-5`, `2 A-1`, `§ 14-9`", max_length=40)
]


@router.get("/{law}", response_model=TableOfContents, responses=NOT_FOUND)
def table_of_contents(law: LawPath, assistant: AssistantDep) -> TableOfContents:
    """The law's sections with titles and chapters, and what the corpus does not cover."""
    return assistant.table_of_contents(law)


@router.get("/{law}/{section}", response_model=SectionView, responses=NOT_FOUND)
def section(law: LawPath, section: SectionPath, assistant: AssistantDep) -> SectionView:
    """The section verbatim, with its ledd and lettered items, the Lovdata link and the version date."""
    return assistant.section(law, section)
