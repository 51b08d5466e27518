"""Parse Lovdata's published XML/HTML format (gjeldende-lover / gjeldende-sentrale-forskrifter) into the
corpus's law schema, so that a newer Lovdata file dropped into corpus/laws/found/ replaces what we have."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from ingest.legal_text import lovdata_url, section_slug

_ENTITY = re.compile(r"&([a-zA-Z]+);")
_XML_ENTITIES = {"amp", "lt", "gt", "quot", "apos"}
_SPACES = re.compile(r"[ \t\r\f\v]+")


def _decode_entities(raw: str) -> str:
    """HTML named entities (&nbsp;, &aring;) are not XML; turn them into characters first."""
    return _ENTITY.sub(
        lambda m: m.group(0) if m.group(1) in _XML_ENTITIES else html.unescape(m.group(0)), raw
    )


def _classes(el: ET.Element) -> set[str]:
    return set((el.get("class") or "").split())


def _text(el: ET.Element, *, skip: set[str] = frozenset()) -> str:  # type: ignore[assignment]
    """The element's text with footnote markers and nested blocks of the given classes left out."""
    parts: list[str] = [el.text or ""]
    for child in el:
        cls = _classes(child)
        if "footnotereference" not in cls and not (cls & skip) and child.tag not in ("ol", "ul"):
            parts.append(_text(child, skip=skip))
        parts.append(child.tail or "")
    return _SPACES.sub(" ", "".join(parts)).strip()


def _list_items(ledd: ET.Element) -> list[dict[str, Any]]:
    items = []
    for ol in ledd.iter("ol"):
        for li in ol.findall("li"):
            name = (li.get("data-name") or "").strip()
            letter = name.rstrip(".") if re.fullmatch(r"[a-zæøå]\.", name) else None
            body = " ".join(_text(p) for p in li.iter("article") if "legalP" in _classes(p))
            items.append({"letter": letter, "text": body, "marker": name})
    return items


def _ledd(el: ET.Element, number: int) -> dict[str, Any]:
    lead = _text(el)
    items = _list_items(el)
    lines = [lead] + [f"{it['marker']} {it['text']}" if it["marker"] else it["text"] for it in items]
    return {
        "number": number,
        "text": "\n".join(line for line in lines if line),
        "items": [{"letter": it["letter"], "text": it["text"]} for it in items if it["letter"]],
        "complete": True,
    }


def _header(root: ET.Element) -> dict[str, str]:
    info: dict[str, str] = {}
    for dd in root.iter("dd"):
        for cls in _classes(dd):
            info.setdefault(cls, _text(dd))
    return info


def _article(
    art: ET.Element, chapter: str | None, chapter_title: str | None, *, version: str | None, base: str
) -> dict[str, Any]:
    """One § (a legalArticle) with its ledd, title, amendment notes and link."""
    value = art.find(".//span[@class='legalArticleValue']")
    title = art.find(".//span[@class='legalArticleTitle']")
    number = _text(value).removeprefix("§").strip() if value is not None else ""
    ledd_els = [c for c in art if c.tag == "article" and "legalP" in _classes(c)]
    ledd = [_ledd(el, n) for n, el in enumerate(ledd_els, start=1)]
    numbered = len(ledd) > 1
    text = "\n".join(f"({d['number']}) {d['text']}" if numbered else d["text"] for d in ledd)
    for d in ledd:
        if numbered:
            d["text"] = f"({d['number']}) {d['text']}"
    notes = [_text(c) for c in art if c.tag == "article" and "changesToParent" in _classes(c)]
    return {
        "section": number,
        "chapter": chapter,
        "chapter_title": chapter_title,
        "title": _text(title) if title is not None else None,
        "text": text,
        "numbered_ledd": numbered,
        "ledd": ledd,
        "repealed": (_text(title) if title is not None else "").startswith("(Opphev"),
        "complete": True,
        "version_date": version,
        "caution": None,
        "list_markers": "lovdata",
        "amendment_note": " ".join(notes) or None,
        "url": f"{base}/§{section_slug(number)}",
    }


def _walk(
    el: ET.Element,
    chapter: str | None,
    chapter_title: str | None,
    sections: list[dict[str, Any]],
    *,
    version: str | None,
    base: str,
) -> None:
    """Append every § under ``el`` to ``sections`` in document order, each with the chapter it sits in."""
    for child in el:
        cls = _classes(child)
        if child.tag == "section" and "section" in cls:
            heading = child.find("h2")
            title = _text(heading) if heading is not None else ""
            match = re.match(r"Kapittel\s+([0-9]+\s?[A-Za-z]?)\.?\s+(.*)", title)
            if match:
                _walk(
                    child,
                    match.group(1).replace(" ", ""),
                    match.group(2),
                    sections,
                    version=version,
                    base=base,
                )
            else:
                _walk(child, chapter, chapter_title, sections, version=version, base=base)
        elif child.tag == "article" and "legalArticle" in cls:
            sections.append(_article(child, chapter, chapter_title, version=version, base=base))
        elif child.tag in ("main", "div", "body"):
            _walk(child, chapter, chapter_title, sections, version=version, base=base)


def parse_lovdata(path: Path) -> dict[str, Any]:
    """Parse one Lovdata document into a normalized law dict (see ingest.found_sources for the schema)."""
    root = ET.fromstring(_decode_entities(path.read_text(encoding="utf-8")).replace("<!DOCTYPE html>", ""))
    info = _header(root)
    law_id = info.get("legacyID", "").strip()
    kind = "lov" if law_id.startswith("LOV-") else "forskrift"
    base = lovdata_url(law_id)
    short = info.get("titleShort") or info.get("title", law_id)
    version = info.get("lastChangeInForce") or None
    sections: list[dict[str, Any]] = []
    body = root.find(".//main")
    _walk(body if body is not None else root, None, None, sections, version=version, base=base)
    return {
        "law_id": law_id,
        "kind": kind,
        "title": info.get("title", short),
        "short_name": short.lower() if kind == "forskrift" else short,
        "abbreviation": None,
        "aliases": [short.lower()],
        "version_date": version,
        "version_note": f"Lovdata: ikrafttredelse av siste endring {version}" if version else None,
        "url": base,
        "source": f"Lovdata public data ({path.name})",
        "complete": True,
        "completeness_note": None,
        "sections": sections,
        "not_covered": {},
    }
