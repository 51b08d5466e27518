"""The frame every server-rendered page shares: head, site header with navigation, footer."""

from __future__ import annotations

from bots.web.html import Markup, h, join, void

STYLES = ("/static/base.css", "/static/reader.css")


def page(
    title: str,
    main: Markup,
    *,
    scripts: tuple[str, ...] = (),
    styles: tuple[str, ...] = STYLES,
    current: str = "reader",
) -> str:
    """A whole HTML document in Norwegian; ``current`` marks the navigation item of this page."""
    head = h(
        "head",
        None,
        void("meta", {"charset": "utf-8"}),
        void("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}),
        h("title", None, f"{title} – HMS-assistenten"),
        void("link", {"rel": "icon", "href": "/static/favicon.svg", "type": "image/svg+xml"}),
        [void("link", {"rel": "stylesheet", "href": href}) for href in styles],
        [h("script", {"src": src, "type": "module"}) for src in scripts],
    )
    nav = h(
        "nav",
        {"class": "site-nav", "aria-label": "Hovedmeny"},
        h("a", {"href": "/", "aria-current": "page" if current == "chat" else None}, "Chatten"),
        h("a", {"href": "/lov", "aria-current": "page" if current == "reader" else None}, "Lovleseren"),
    )
    header = h(
        "header",
        {"class": "site-header"},
        h(
            "a",
            {"class": "brand", "href": "/"},
            void("img", {"src": "/static/favicon.svg", "alt": "", "width": "28", "height": "28"}),
            h("span", {"class": "brand-name"}, "HMS-assistenten"),
        ),
        nav,
    )
    footer = h(
        "footer",
        {"class": "site-footer"},
        h(
            "p",
            None,
            h("strong", None, "Ikke juridisk rådgivning."),
            " Lovteksten er gjengitt slik den står i kildene mine. Lovdata har den gjeldende teksten.",
        ),
    )
    body = h(
        "body",
        {"class": "page-reader" if current == "reader" else "page-answer"},
        h("a", {"class": "skip-link", "href": "#main"}, "Hopp til innholdet"),
        header,
        h("main", {"id": "main", "class": "reader", "tabindex": "-1"}, main),
        footer,
    )
    return "<!doctype html>\n" + h("html", {"lang": "nb"}, head, body)


def external(href: str, text: object, *, class_: str | None = None) -> Markup:
    """A link that opens in a new tab, saying so to screen readers (without copyable hidden text)."""
    attrs = {"href": href, "class": class_, "target": "_blank", "rel": "noopener noreferrer"}
    return h("a", {**attrs, "aria-describedby": "new-tab-note"}, text)


NEW_TAB_NOTE = h("span", {"id": "new-tab-note", "hidden": True}, "åpnes i ny fane")


def note(kind: str, *children: object) -> Markup:
    """A boxed note: kind 'gap' (not in the sources), 'caution' or 'info'."""
    return h("div", {"class": f"note note-{kind}"}, *children)


__all__ = ["NEW_TAB_NOTE", "external", "join", "note", "page"]
