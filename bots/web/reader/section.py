"""One § in the reader: every ledd numbered with its anchor (#ledd-2), letters kept, copy-a-reference buttons,
the "lov per" date, the Lovdata link, and the previous and next §. A § or ledd the sources lack is a gap."""

from __future__ import annotations

import re

from assistant.formatting import format_date
from assistant.types import Law, Ledd, Section
from bots.web.html import Markup, h, join
from bots.web.reader.frame import NEW_TAB_NOTE, external, note, page
from bots.web.reader.refs import ledd_anchor, numbers_in_order, ordinal, reader_path, standard_ref

_LEDD_NUMBER = re.compile(r"^\(\d+\)\s*")
_ITEM_LETTER = re.compile(r"^([a-zæøå])[.)]\s+")
SCRIPTS = ("/static/reader.js",)


def copy_button(cite: str, path: str, label: str) -> Markup:
    """ "Kopier henvisning": copies the standard form and the permalink (shown once reader.js runs)."""
    attrs = {"type": "button", "class": "copy-ref", "data-cite": cite, "data-path": path, "hidden": True}
    return h("button", attrs, "Kopier henvisning", h("span", {"class": "visually-hidden"}, f" til {label}"))


def _item_rows(ledd: Ledd, lines: list[str]) -> list[tuple[str | None, str]]:
    if ledd.items:
        return [(item.letter, item.text) for item in ledd.items]
    rows: list[tuple[str | None, str]] = []
    for line in lines:
        m = _ITEM_LETTER.match(line)
        rows.append((m.group(1), line[m.end() :]) if m else (None, line))
    return rows


def _items(rows: list[tuple[str | None, str]], anchor: str) -> Markup:
    lettered = all(letter for letter, _ in rows)
    items = []
    for letter, text in rows:
        marker = h("span", {"class": "item-letter", "aria-hidden": "true"}, f"{letter}.") if letter else None
        spoken = h("span", {"class": "visually-hidden"}, f"Bokstav {letter}: ") if letter else None
        attrs = {"id": f"{anchor}-{letter}" if letter else None}
        items.append(h("li", attrs, marker, h("span", {"class": "item-text"}, spoken, text)))
    return h("ol" if lettered else "ul", {"class": "items lettered" if lettered else "items"}, items)


def ledd_block(law: Law, sec: Section, ledd: Ledd, *, several: bool) -> Markup:
    """One ledd as a list item with its anchor; a cut-off ledd is shown as a gap, never as partial text."""
    anchor = ledd_anchor(ledd.number)
    label = f"{ordinal(ledd.number)} ledd" if several else f"§ {sec.section}"
    number = ledd.number if several else None
    cite = standard_ref(law.short_name, sec.section, number)
    marker = None
    if several:
        marker = h(
            "a", {"class": "ledd-no", "href": f"#{anchor}", "title": f"Lenke til {label}"}, f"({ledd.number})"
        )
    if not ledd.complete:
        text = note(
            "gap",
            h("p", None, h("strong", None, "Ikke i kildene mine. "), "Leddet er avkuttet i kildene mine."),
            h("p", None, external(sec.url, f"Les {label} på Lovdata")),
        )
    else:
        first, *rest = ledd.text.split("\n")
        rows = _item_rows(ledd, rest)
        text = join(
            h("p", {"class": "ledd-text"}, _LEDD_NUMBER.sub("", first)),
            _items(rows, anchor) if rows else None,
        )
    tools = (
        h("div", {"class": "ledd-tools"}, copy_button(cite, reader_path(law, sec.section, number), label))
        if several
        else None
    )
    classes = " ".join(
        c for c in ("ledd", "numbered" if several else "", "" if ledd.complete else "ledd-gap") if c
    )
    return h("li", {"id": anchor, "class": classes}, marker, h("div", {"class": "ledd-body"}, text, tools))


def _neighbour(law: Law, number: str | None, rel: str) -> Markup | None:
    if number is None:
        return None
    sec = law.sections.get(number)
    title = sec.title if sec else "ikke i kildene"
    words = f"← Forrige: § {number}" if rel == "prev" else f"Neste: § {number} →"
    text = h("span", {"class": "neighbour-ref"}, words)
    return h(
        "a",
        {"class": f"neighbour {rel}", "href": reader_path(law, number), "rel": rel},
        text,
        h("span", {"class": "neighbour-title"}, title or ""),
    )


def neighbours(law: Law, number: str) -> Markup | None:
    order = numbers_in_order(law)
    if number not in order:
        return None
    i = order.index(number)
    before = order[i - 1] if i > 0 else None
    after = order[i + 1] if i + 1 < len(order) else None
    return h(
        "nav",
        {"class": "neighbours", "aria-label": "Forrige og neste paragraf"},
        _neighbour(law, before, "prev"),
        _neighbour(law, after, "next"),
    )


def _kicker(law: Law, chapter: str | None, chapter_title: str | None) -> Markup:
    where = h("a", {"href": reader_path(law)}, law.short_name)
    if not chapter:
        return h("p", {"class": "kicker"}, where)
    anchor = reader_path(law) + f"#kapittel-{chapter}"
    label = f"Kapittel {chapter}" + (f" {chapter_title}" if chapter_title else "")
    return h(
        "p",
        {"class": "kicker"},
        where,
        h("span", {"aria-hidden": "true"}, " › "),
        h("a", {"href": anchor}, label),
    )


def section_page(law: Law, number: str) -> str:
    sec = law.sections[number]
    several = len(sec.ledd) > 1 or sec.numbered_ledd
    meta = h(
        "p",
        {"class": "meta"},
        h("span", {"class": "as-of"}, format_date(sec.version_date, "nb").capitalize()),
        h("span", {"class": "sep", "aria-hidden": "true"}, " · "),
        external(sec.url, f"Les § {sec.section} på Lovdata", class_="lovdata-link"),
    )
    cite = standard_ref(law.short_name, sec.section)
    notes = [
        note("info", h("p", None, "Paragrafen er opphevet.")) if sec.repealed else None,
        note("caution", h("p", None, h("strong", None, "Merk: "), sec.caution)) if sec.caution else None,
    ]
    main = join(
        _kicker(law, sec.chapter, sec.chapter_title),
        h("h1", None, h("span", {"class": "section-no"}, f"§ {sec.section}"), " ", sec.title or ""),
        meta,
        h(
            "div",
            {"class": "section-actions"},
            copy_button(cite, reader_path(law, sec.section), f"§ {sec.section}"),
            h("p", {"class": "copy-status", "role": "status"}),
        ),
        notes,
        h("ol", {"class": "ledd-list"}, [ledd_block(law, sec, ledd, several=several) for ledd in sec.ledd]),
        neighbours(law, number),
        NEW_TAB_NOTE,
    )
    return page(f"{law.short_name} § {sec.section}", main, scripts=SCRIPTS)


def gap_page(law: Law, number: str, reason: str) -> str:
    """A § the sources do not hold: said so, with the Lovdata link; never empty text."""
    url = law.section_url(number)
    main = join(
        _kicker(law, None, None),
        h("h1", None, h("span", {"class": "section-no"}, f"§ {number}")),
        note(
            "gap",
            h(
                "p",
                None,
                h("strong", None, "Ikke i kildene mine. "),
                f"Teksten til {law.short_name} § {number} "
                "finnes ikke i kildene mine, så den gjengis ikke her.",
            ),
            h("p", {"class": "gap-reason"}, reason) if reason else None,
            h("p", None, external(url, f"Les § {number} på Lovdata", class_="lovdata-link")),
        ),
        neighbours(law, number),
        NEW_TAB_NOTE,
    )
    return page(f"{law.short_name} § {number}", main, scripts=SCRIPTS)
