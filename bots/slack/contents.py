"""A law's or a chapter's table of contents (`Answer.contents`) as Block Kit: the title with its "lov per" date
and Lovdata link, then one line per §, linked to Lovdata, with its title; a repealed § is marked. A chapter with
more than 20 §§ (`reader`) links to the law reader in the web app instead of listing them.

`Answer.contents` may be a dict or a model, so every field is read with `field`."""

from __future__ import annotations

from typing import Any

from assistant.formatting import Lang, format_date
from bots.slack.mrkdwn import escape, link

Block = dict[str, Any]

SECTION_LIMIT = 3000
MAX_LINES = 60  # a whole law lists its first §§, then links to the rest

TEXT: dict[str, dict[Lang, str]] = {
    "chapter": {"nb": "kapittel", "en": "chapter"},
    "repealed": {"nb": "_(opphevet)_", "en": "_(repealed)_"},
    "reader": {"nb": "Kapitlet har {n} paragrafer. {link}", "en": "The chapter has {n} sections. {link}"},
    "read_reader": {"nb": "Les dem i lovleseren", "en": "Read them in the law reader"},
    "read_lovdata": {"nb": "Les dem på Lovdata", "en": "Read them on Lovdata"},
    "more": {"nb": "… og {n} paragrafer til: {link}", "en": "… and {n} more sections: {link}"},
}


def field(obj: Any, name: str, default: Any = None) -> Any:
    """A field of a dict or an object (the answer contract's optional fields may be either, or absent)."""
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def heading(contents: Any, lang: Lang) -> str:
    law_name = str(field(contents, "law_name") or "")
    chapter, chapter_title = field(contents, "chapter"), field(contents, "chapter_title")
    if chapter:
        title = f"{law_name} {TEXT['chapter'][lang]} {chapter}" + (
            f" – {chapter_title}" if chapter_title else ""
        )
    else:
        title = str(field(contents, "title") or law_name)
    meta = [escape(format_date(field(contents, "version_date"), lang))]
    if field(contents, "url"):
        meta.append(link(str(field(contents, "url")), "Lovdata"))
    return f"*{escape(title)}*\n{' · '.join(meta)}"


def section_line(entry: Any, lang: Lang) -> str:
    line = "• " + link(str(field(entry, "url") or ""), f"§ {field(entry, 'section')}")
    if field(entry, "title"):
        line += f" {escape(str(field(entry, 'title')))}"
    if field(entry, "repealed"):
        line += f" {TEXT['repealed'][lang]}"
    return line


def pack(lines: list[str], limit: int = SECTION_LIMIT) -> list[str]:
    """Lines joined into pieces of at most `limit` characters, never splitting a line."""
    pieces: list[str] = []
    current = ""
    for line in lines:
        line = line[:limit]
        if current and len(current) + 1 + len(line) > limit:
            pieces.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current:
        pieces.append(current)
    return pieces


def contents_blocks(contents: Any, lang: Lang, *, web_url: str | None = None) -> list[Block]:
    """The table of contents as sections: the heading, then the § links (or the reader link)."""
    sections = list(field(contents, "sections") or [])
    lovdata = str(field(contents, "url") or "")
    reader_url = (
        f"{web_url}/lov/{field(contents, 'law_id')}" if web_url and field(contents, "law_id") else None
    )
    more = (
        link(reader_url, TEXT["read_reader"][lang])
        if reader_url
        else link(lovdata, TEXT["read_lovdata"][lang])
    )
    if field(contents, "reader"):
        lines = [TEXT["reader"][lang].format(n=len(sections), link=more)]
    else:
        lines = [section_line(entry, lang) for entry in sections]
        if len(lines) > MAX_LINES:
            lines = [*lines[:MAX_LINES], TEXT["more"][lang].format(n=len(lines) - MAX_LINES, link=more)]
    pieces = [heading(contents, lang), *pack(lines)]
    return [{"type": "section", "text": {"type": "mrkdwn", "text": p, "verbatim": True}} for p in pieces]
