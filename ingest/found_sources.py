"""Normalize the law files as found (corpus/laws/found/*.json) into the corpus's law schema.

The found files were parsed by hand from archived copies (see corpus/SOURCES.md). Normalizing keeps their
text verbatim and adds structure: ledd, confirmed list letters, Lovdata URLs, version dates, coverage.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ingest.legal_text import lovdata_url, section_slug, split_ledd

# Aliases a user may write for each law; the reference parser reads them from the normalized file.
ALIASES = {
    "LOV-2005-06-17-62": [
        "arbeidsmiljøloven",
        "arbeidsmiljølova",
        "arbeidsmiljølov",
        "aml",
        "arbml",
        "working environment act",
        "work environment act",
    ],
    "FOR-1996-12-06-1127": [
        "internkontrollforskriften",
        "internkontrollforskrifta",
        "ik-forskriften",
        "ikf",
        "ik",
        "internkontroll-forskriften",
        "internal control regulations",
        "internal control regulation",
        "forskrift om systematisk helse-, miljø- og sikkerhetsarbeid i virksomheter",  # the title
        "forskrift om systematisk helse-, miljø- og sikkerhetsarbeid",
    ],
    "FOR-2011-12-06-1355": [
        "forskrift om organisering, ledelse og medvirkning",
        "forskrift om organisering ledelse og medvirkning",
        "organiseringsforskriften",
        "forskrift om organisering",
        "oml",
        "organisation, management and employee participation regulations",
    ],
}

# The 2026-07-01 version of aml was compared with ours: equal in chapters 1-9, §§ 18-6..18-13, 19 and 20;
# about 100 characters differ somewhere in chapters 10-18 (not located). Sections there get a caution.
AML_CAUTION = (
    "Lovdata har en nyere versjon av arbeidsmiljøloven (i kraft 1. juli 2026) som avviker et sted i "
    "kapittel 10–18. Kontroller ordlyden på Lovdata."
)
AML_NEWER_DATE = "2026-07-01"


def _aml_caution(section: str) -> str | None:
    chapter, _, number = section.partition("-")
    if not chapter.isdigit():
        return None
    ch = int(chapter)
    if 10 <= ch <= 17:
        return AML_CAUTION
    if ch == 18 and int(number.split()[0]) <= 5:
        return AML_CAUTION
    return None


def _law_header(found: dict[str, Any], kind: str) -> dict[str, Any]:
    law_id = found["id"]
    return {
        "law_id": law_id,
        "kind": kind,
        "title": found["title"],
        "short_name": found["short_title"],
        "abbreviation": found.get("abbreviation") if kind == "lov" else None,
        "aliases": ALIASES.get(law_id, [found["short_title"].lower()]),
        "version_date": found.get("version_date"),
        "version_note": found.get("version_date_note") or found.get("version_note"),
        "url": lovdata_url(law_id),
        "source": found.get("retrieved_from"),
        "complete": kind == "lov",
        "completeness_note": found.get("completeness"),
    }


def normalize_aml(found: dict[str, Any]) -> dict[str, Any]:
    """arbeidsmiljøloven: complete; § 4-1 takes the text in force from 2026-07-01."""
    law = _law_header(found, "lov")
    law["abbreviation"] = "aml"
    sections = []
    for raw in found["sections"]:
        text = raw["text"]
        version = found["version_date"]
        if raw.get("text_from_2026_07_01"):
            text, version = raw["text_from_2026_07_01"], AML_NEWER_DATE
        letters = str(raw.get("list_markers", "")).startswith("confirmed")
        numbered = text.startswith("(1) ")
        sections.append(
            {
                "section": raw["section"],
                "chapter": raw["chapter"],
                "chapter_title": raw["chapter_title"],
                "title": raw["title"],
                "text": text,
                "numbered_ledd": numbered,
                "ledd": split_ledd(text, letters=letters, numbered=numbered),
                "repealed": bool(raw.get("repealed")),
                "complete": True,
                "version_date": version,
                "caution": _aml_caution(raw["section"]),
                "list_markers": raw.get("list_markers", "none"),
                "amendment_note": raw.get("amendment_note"),
                "url": f"{law['url']}/§{section_slug(raw['section'])}",
            }
        )
    law["sections"] = sections
    law["not_covered"] = {}
    return law


def normalize_regulation(found: dict[str, Any]) -> dict[str, Any]:
    """A partial regulation: sections with Norwegian text are covered; the rest are recorded as gaps."""
    law = _law_header(found, "forskrift")
    sections, not_covered = [], {}
    for raw in found["sections"]:
        number = raw["section"]
        if not raw.get("text"):
            not_covered[number] = (
                "Den norske teksten finnes ikke i kildene (bare Arbeidstilsynets engelske oversettelse)."
                if raw.get("text_en")
                else "Teksten finnes ikke i kildene."
            )
            continue
        ledd = split_ledd(raw["text"], letters=True, numbered=None)
        complete = raw.get("complete", True) is not False
        if not complete:
            ledd[-1]["complete"] = False
        sections.append(
            {
                "section": number,
                "chapter": raw.get("chapter"),
                "chapter_title": raw.get("chapter_title"),
                "title": raw.get("title"),
                "text": raw["text"],
                "numbered_ledd": len(ledd) > 1,
                "ledd": ledd,
                "repealed": bool(raw.get("repealed")),
                "complete": complete,
                "version_date": found.get("version_date"),
                "caution": None
                if complete
                else "Teksten i kildene er ufullstendig. Les hele bestemmelsen på Lovdata.",
                "list_markers": "as-published",
                "amendment_note": raw.get("amendment_note"),
                "reliability": raw.get("reliability"),
                "source_url": raw.get("source_url"),
                "url": f"{law['url']}/§{section_slug(number)}",
            }
        )
    law["sections"] = sections
    law["not_covered"] = not_covered
    return law


def normalize_found(path: Path) -> dict[str, Any]:
    found = json.loads(path.read_text(encoding="utf-8"))
    if found["id"].startswith("LOV-"):
        return normalize_aml(found)
    return normalize_regulation(found)
