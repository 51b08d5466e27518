"""The reader's index of laws (/lov), a law's table of contents by chapter (/lov/{law}) with a search
within the law, and the page for an address that does not exist."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.formatting import format_date
from assistant.sources.corpus import Corpus
from assistant.types import Law, SearchHit
from bots.web.html import Markup, h, join, void
from bots.web.reader.frame import NEW_TAB_NOTE, external, note, page
from bots.web.reader.refs import law_slug, numbers_in_order, reader_path

SCRIPTS = ("/static/reader.js",)
_CHAPTER = re.compile(r"^(\d+)\s?([A-Z]?)-")


def chapter_of(law: Law, number: str) -> str | None:
    sec = law.sections.get(number)
    if sec is not None:
        return sec.chapter
    m = _CHAPTER.match(number)
    return f"{m.group(1)}{m.group(2)}" if m else None


def _entry(law: Law, number: str) -> Markup:
    sec = law.sections.get(number)
    title = sec.title or "" if sec is not None else "Ikke i kildene mine – se Lovdata"
    no = h("span", {"class": "toc-no"}, f"§ {number}")
    link = h("a", {"href": reader_path(law, number)}, no, h("span", {"class": "toc-title"}, title))
    kind = "toc-gap" if sec is None else "toc-repealed" if sec.repealed else None
    return h("li", {"class": kind}, link)


def _chapters(law: Law) -> list[tuple[str | None, str | None, list[str]]]:
    groups: list[tuple[str | None, str | None, list[str]]] = []
    for number in numbers_in_order(law):
        chapter = chapter_of(law, number)
        if not groups or groups[-1][0] != chapter:
            groups.append((chapter, None, []))
        sec = law.sections.get(number)
        if sec is not None and sec.chapter_title and groups[-1][1] is None:
            groups[-1] = (chapter, sec.chapter_title, groups[-1][2])
        groups[-1][2].append(number)
    return groups


def search_form(law: Law, query: str) -> Markup:
    return h(
        "form",
        {
            "class": "law-search",
            "role": "search",
            "action": reader_path(law),
            "method": "get",
            "data-law": law_slug(law),
        },
        h("label", {"for": "law-q"}, f"Søk i {law.short_name}"),
        h(
            "div",
            {"class": "search-row"},
            void(
                "input",
                {
                    "type": "search",
                    "id": "law-q",
                    "name": "q",
                    "value": query,
                    "maxlength": "200",
                    "required": True,
                    "autocomplete": "off",
                },
            ),
            h("button", {"type": "submit", "class": "primary"}, "Søk"),
        ),
    )


def search_results(law: Law, query: str, hits: Sequence[SearchHit] | None, error: str | None) -> Markup:
    """The hits of a search within the law (the same markup reader.js builds from /api/search)."""
    if not query:
        return h("div", {"id": "search-results", "class": "search-results", "aria-live": "polite"})
    if error:
        body: Markup = h("p", {"class": "search-error"}, error)
    elif not hits:
        body = h("p", None, f"Ingen treff på «{query}» i {law.short_name}.")
    else:
        rows = []
        for hit in hits:
            sec = law.sections.get(hit.section or "")
            if sec is None:
                continue
            link = h(
                "a", {"href": reader_path(law, sec.section)}, f"§ {sec.section} {sec.title or ''}".strip()
            )
            rows.append(h("li", None, link, h("p", {"class": "snippet"}, _snippet(sec.text))))
        body = h("ol", {"class": "hits"}, rows)
    heading = h("h2", None, f"Treff for «{query}»")
    return h("div", {"id": "search-results", "class": "search-results", "aria-live": "polite"}, heading, body)


def _snippet(text: str, limit: int = 200) -> str:
    flat = re.sub(r"\s+", " ", re.sub(r"^\(\d+\)\s*", "", text))
    return flat if len(flat) <= limit else flat[:limit].rsplit(" ", 1)[0] + " …"


def toc_page(
    law: Law, *, query: str = "", hits: Sequence[SearchHit] | None = None, error: str | None = None
) -> str:
    chapters = _chapters(law)
    jump = [
        h("li", None, h("a", {"href": f"#kapittel-{chapter}"}, f"Kap. {chapter}"))
        for chapter, _, _ in chapters
        if chapter
    ]
    blocks = []
    for chapter, title, numbers in chapters:
        heading = h("h2", None, f"Kapittel {chapter}" + (f" {title}" if title else "")) if chapter else None
        entries = h("ol", {"class": "toc-list"}, [_entry(law, n) for n in numbers])
        blocks.append(
            h(
                "section",
                {"id": f"kapittel-{chapter}" if chapter else None, "class": "chapter"},
                heading,
                entries,
            )
        )
    coverage = None
    if not law.complete:
        coverage = note(
            "gap",
            h(
                "p",
                None,
                "Kildene mine har bare deler av denne forskriften. Paragrafer merket "
                "«ikke i kildene» leser du på Lovdata.",
            ),
        )
    main = join(
        h("p", {"class": "kicker"}, h("a", {"href": "/lov"}, "Lovleseren")),
        h("h1", None, law.short_name),
        h("p", {"class": "law-title"}, law.title),
        h(
            "p",
            {"class": "meta"},
            h("span", {"class": "as-of"}, format_date(law.version_date, "nb").capitalize()),
            h("span", {"class": "sep", "aria-hidden": "true"}, " · "),
            external(law.url, "Les loven på Lovdata", class_="lovdata-link"),
        ),
        coverage,
        search_form(law, query),
        search_results(law, query, hits, error),
        h("nav", {"class": "chapter-jump", "aria-label": "Kapitler"}, h("ol", None, jump))
        if len(jump) > 1
        else None,
        h("div", {"class": "toc", "role": "region", "aria-label": "Innhold"}, blocks),
        NEW_TAB_NOTE,
    )
    return page(law.short_name, main, scripts=SCRIPTS)


def index_page(corpus: Corpus) -> str:
    laws = []
    for law in corpus.laws.values():
        covered = "Hele loven" if law.complete else f"{len(law.sections)} paragrafer i kildene mine"
        laws.append(
            h(
                "li",
                {"class": "law-card"},
                h("h2", None, h("a", {"href": reader_path(law)}, law.short_name)),
                h("p", {"class": "law-title"}, law.title),
                h("p", {"class": "meta"}, f"{format_date(law.version_date, 'nb').capitalize()} · {covered}"),
            )
        )
    main = join(
        h("h1", None, "Lovleseren"),
        h(
            "p",
            {"class": "lead"},
            "Les lovteksten HMS-assistenten siterer: paragraf for paragraf, med en lenke til hvert ledd.",
        ),
        h("ul", {"class": "law-list"}, laws),
    )
    return page("Lovleseren", main)


def missing_page(message: str, law: Law | None = None) -> str:
    back = h(
        "a",
        {"href": reader_path(law) if law else "/lov"},
        f"Til innholdet i {law.short_name}" if law else "Til lovleseren",
    )
    main = join(h("h1", None, "Fant ikke siden"), note("info", h("p", None, message)), h("p", None, back))
    return page("Fant ikke siden", main)
