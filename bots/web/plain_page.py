"""The answer as a plain server-rendered page, for a browser without JavaScript (the chat form posts to /svar).
No streaming and no conversation; the same answer, its sources with their Lovdata and reader links."""

from __future__ import annotations

import re

from assistant.formatting import format_date
from assistant.sources.corpus import Corpus
from assistant.types import Answer, FaqCitation, Gap, LawCitation
from bots.web.html import Markup, h, join, void
from bots.web.reader.frame import NEW_TAB_NOTE, external, page
from bots.web.reader.refs import reader_path, standard_ref

_URL = re.compile(r"https?://[^\s«»<>\"]+")
STYLES = ("/static/base.css", "/static/reader.css")


def linkified(line: str) -> Markup:
    parts: list[object] = []
    last = 0
    for m in _URL.finditer(line):
        url = m.group(0).rstrip(".,;:)]")
        parts += [line[last : m.start()], external(url, url)]
        last = m.start() + len(url)
    parts.append(line[last:])
    return join(*parts)


def _text(answer: Answer) -> Markup:
    body = answer.answer.removesuffix(answer.disclaimer).rstrip() if answer.disclaimer else answer.answer
    paragraphs = []
    for para in re.split(r"\n{2,}", body):
        lines = [line for line in para.split("\n") if line.strip()]
        if lines:
            with_breaks = [join(void("br") if i else None, linkified(line)) for i, line in enumerate(lines)]
            paragraphs.append(h("p", None, with_breaks))
    return join(*paragraphs)


def _law_source(c: LawCitation, corpus: Corpus) -> Markup:
    """A law source in one line: its reference, "lov per" date and reader link (the quote and the Lovdata
    link are in the text above)."""
    law = corpus.laws.get(c.law_id)
    reader = external(reader_path(law, c.section, c.ledd, c.letter), "Les i lovleseren") if law else None
    ref = h("strong", None, standard_ref(c.law_name, c.section, c.ledd, c.letter))
    date = f" ({format_date(c.version_date, 'nb')})"
    return h("li", None, ref, date, " ", reader)


def _gap_source(g: Gap) -> Markup:
    ref = h("strong", None, f"{g.law_name} § {g.section}")
    return h(
        "li", None, "Ikke i kildene mine: ", ref, f". {g.reason} ", external(g.url, "Se teksten på Lovdata")
    )


def _sources(answer: Answer, corpus: Corpus) -> Markup | None:
    rows: list[Markup] = []
    for c in answer.citations:
        if isinstance(c, LawCitation):
            rows.append(_law_source(c, corpus))
        elif isinstance(c, FaqCitation):
            rows.append(h("li", None, "Fra HMS Kontorets FAQ: ", h("strong", None, c.question)))
    rows += [_gap_source(g) for g in answer.gaps]
    if not rows:
        return None
    return h(
        "section",
        {"aria-label": "Kilder"},
        h("h2", None, "Kilder"),
        h("ul", {"class": "plain-sources"}, rows),
    )


def ask_form(question: str = "") -> Markup:
    return h(
        "form",
        {"class": "plain-form", "method": "post", "action": "/svar"},
        h("label", {"for": "question"}, h("strong", None, "Still et nytt spørsmål")),
        h("textarea", {"id": "question", "name": "question", "rows": "3"}, question),
        h("button", {"type": "submit", "class": "primary"}, "Send"),
    )


def answer_page(question: str, answer: Answer | None, corpus: Corpus, *, error: str | None = None) -> str:
    """The answer (or the reason there is none) and a form for the next question."""
    if answer is None:
        main = join(
            h("h1", None, "Spørsmålet ble ikke besvart"),
            h("p", {"role": "alert"}, error or ""),
            ask_form(question),
        )
        return page("Spørsmålet ble ikke besvart", main, styles=STYLES, current="chat")
    shown = h(
        "div",
        {"class": "plain-answer", "lang": answer.language},
        h("p", {"class": "kicker"}, "Du spurte: ", h("strong", None, question)),
        _text(answer),
        _sources(answer, corpus),
    )
    main = join(
        h("h1", None, "Svar"),
        shown,
        ask_form(),
        h("p", None, h("a", {"href": "/"}, "Til chatten")),
        NEW_TAB_NOTE,
    )
    return page("Svar", main, styles=STYLES, current="chat")
