"""Issue 13 (web): the short answer first, source cards without repeats, copy, history across reloads, lists,
English labels, dark mode, the 360 px layout, the disclaimer once, and an abstention's link — in chromium."""

from __future__ import annotations

import json
import re

import pytest

from tests.web.browser import DAGLIG_LEDER, ask, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.integration]

SECTION_6_5 = "Hva står i aml § 6-5?"
# Every "§ 3-5" in the given elements whose characters sit on more than one line.
SPLIT_SECTIONS = """(selector) => {
  const split = [];
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/§§?\\s?\\d+(?:\\s?[A-Z])?-\\d+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top)));
        if (tops.size > 1) split.push(m[0]);
      }
    }
  }
  return split;
}"""


def hrefs(answer) -> list[str]:
    return answer.locator("a[href]").evaluate_all("links => links.map(a => a.href)")


def test_the_short_answer_leads_and_no_quote_or_link_appears_twice(page):
    answer = ask(page, SECTION_6_5)
    first = answer.locator(":scope > *").first
    assert first.get_attribute("class") == "short-answer"
    assert first.locator(".short-label").inner_text().lower() == "kort svar"
    short = first.locator(".short-text").inner_text()
    card = answer.locator(".card-law")
    assert card.count() == 1 and short  # extractive: the short answer is cut from the quoted law
    assert short.removeprefix("(1) ")[:60] in card.locator(".card-quote").inner_text()
    # The quote keeps its ledd: one line per ledd, and a long one is folded behind "Vis hele".
    assert card.locator(".card-quote p").count() == 4
    assert [t.split(")")[0] for t in card.locator(".card-quote .ledd-mark").all_inner_texts()] == [
        "(1",
        "(2",
        "(3",
        "(4",
    ]
    toggle = card.locator("button.toggle")
    assert toggle.inner_text() == "Vis hele" and toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true" and toggle.inner_text() == "Vis mindre"
    text = answer.inner_text()
    assert text.count("Verneombud skal få nødvendig tid") == 1  # the quote is on the card only
    assert card.locator(".card-date").inner_text() == "Lov per 1. januar 2026"
    links = hrefs(answer)
    assert len(links) == len(set(links)) == 2  # one Lovdata link, one reader link
    assert any("lovdata.no" in h for h in links) and any(h.endswith("/lov/aml/6-5") for h in links)

    second = ask(page, DAGLIG_LEDER)
    quote = "Arbeidsgiver skal gjennomgå opplæring i helse-, miljø- og sikkerhetsarbeid."
    assert second.inner_text().count(quote) == 1
    links = hrefs(second)
    assert len(links) == len(set(links))
    assert second.locator(".card-law .reader-link").get_attribute("href").endswith("/lov/aml/3-5#ledd-1")
    page.set_viewport_size({"width": 1280, "height": 1400})
    page.evaluate("document.getElementById('scroller').scrollTop = 0")
    screenshot(page, "web-short-answer.png")


def test_a_sources_note_is_on_its_card_and_not_repeated_in_the_text(page):
    """Each law source from chapters 10-18 carries the note that Lovdata has a newer version; the answer's text
    repeats it after every quote, and with the quotes on the cards the text showed it twice in a row."""
    answer = ask(page, "Hva står i aml § 15-3 og § 15-8?")
    cards = answer.locator(".card-law")
    assert cards.count() == 2
    assert cards.locator(".card-note").count() == 2  # the note, on each source's card
    assert (
        answer.locator(".answer-body").count() == 0
        or "Merk:" not in answer.locator(".answer-body").inner_text()
    )
    assert answer.inner_text().count("Lovdata har en nyere versjon") == 2
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    answer.get_by_role("button", name="Kopier svar").click()
    answer.get_by_text("Svaret er kopiert.").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.count("Merk: Lovdata har en nyere versjon") == 2  # the copy keeps each source's note, once
    sources = copied.split("\n- arbeidsmiljøloven ")[1:]
    assert [s.split(" ", 2)[1] for s in sources] == ["15-3", "15-8"]
    assert all(re.search(r"lovdata\.no\S+ Merk: Lovdata har en nyere", s) for s in sources), copied


def test_copy_answer_gives_clean_text_with_references_and_links(page, context, site):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.app_url)
    answer = ask(page, DAGLIG_LEDER)
    answer.get_by_role("button", name="Kopier svar").click()
    answer.get_by_text("Svaret er kopiert.").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(f"Spørsmål: {DAGLIG_LEDER}\n\nKort svar: ")
    assert (
        "- arbeidsmiljøloven § 3-5 første ledd (lov per 1. januar 2026): «Arbeidsgiver skal gjennomgå opplæring i "
        "helse-, miljø- og sikkerhetsarbeid.» https://lovdata.no/lov/2005-06-17-62/§3-5"
    ) in copied
    assert "- Fra HMS Kontorets FAQ: «Må alle ledere ha HMS-kurs?»" in copied
    assert "\nKilder:\n" in copied and copied.rstrip().endswith(
        "Ved tvil, kontakt Arbeidstilsynet eller en advokat."
    )
    for noise in ("åpnes i ny fane", "Var svaret nyttig", "Kopier svar", "Vis hele", "Les i lovleseren"):
        assert noise not in copied


def test_the_conversation_survives_a_reload_until_ny_samtale(page):
    ask(page, "Hva lærer jeg på HMS-kurset?")
    ask(page, DAGLIG_LEDER)
    page.locator(".turn").nth(0).get_by_role("button", name="Ja, svaret var nyttig").click()
    page.get_by_text("Takk for tilbakemeldingen!").wait_for()
    before = page.locator(".turn").all_inner_texts()
    page.reload()
    page.locator(".turn").nth(1).wait_for()
    assert page.locator(".turn").count() == 2 and not page.locator("#welcome").is_visible()
    assert [t.split("Var svaret nyttig?")[0] for t in page.locator(".turn").all_inner_texts()] == [
        t.split("Var svaret nyttig?")[0] for t in before
    ]
    up = page.locator(".turn").nth(0).get_by_role("button", name="Ja, svaret var nyttig")
    assert up.get_attribute("aria-pressed") == "true"  # the vote is remembered too
    # The conversation goes on after the reload: a follow-up is read against the earlier question.
    follow = ask(page, "og for verneombud?")
    assert "verneombud" in follow.locator(".card-faq").first.inner_text().lower()
    page.get_by_role("button", name="Ny samtale").click()
    assert page.locator(".turn").count() == 0
    page.reload()
    page.locator("#welcome").wait_for()
    assert page.locator(".turn").count() == 0 and page.locator("#welcome").is_visible()


def test_faq_bullet_lists_render_as_lists(page):
    answer = ask(page, "Hva lærer jeg på HMS-kurset?")
    items = answer.locator(".answer-body ul > li")
    assert items.count() >= 10 and items.first.inner_text() == "Hva er HMS?"
    assert "•" not in answer.inner_text()


def test_an_english_question_gets_english_labels(page):
    answer = ask(page, "What does section 3-5 of the Working Environment Act say?")
    assert answer.get_attribute("lang") == "en" and answer.get_attribute("aria-label") == "Answer"
    text = answer.inner_text()
    for label in (
        "SHORT ANSWER",
        "Sources",
        "LAW TEXT (NORWEGIAN)",
        "Law as of 1 January 2026",
        "Read § 3-5 on Lovdata",
        "Open in the law reader",
        "Was this helpful?",
        "Copy answer",
    ):
        assert label in text, label
    for norwegian in ("Kort svar", "Kilder", "Lovtekst", "Lov per", "Var svaret nyttig", "Kopier svar"):
        assert norwegian.lower() not in text.lower(), norwegian
    assert answer.get_by_role("button", name="Yes, the answer was helpful").is_visible()
    assert page.locator("#disclaimer").inner_text().startswith("Not legal advice.")
    screenshot(page, "web-english.png")


def _luminance(rgb: str) -> float:
    r, g, b = (int(v) / 255 for v in re.findall(r"\d+", rgb)[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_dark_mode_follows_the_system_setting(browser, site):
    shades = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        page.goto(site.app_url + "/")
        answer = ask(page, DAGLIG_LEDER)
        shades[scheme] = page.evaluate(
            """(a) => [getComputedStyle(document.body).backgroundColor, getComputedStyle(a).backgroundColor,
                       getComputedStyle(a).color]""",
            answer.element_handle(),
        )
        screenshot(page, f"web-{scheme}.png")
        context.close()
    light, dark = (
        {k: _luminance(v) for k, v in zip(("page", "panel", "ink"), shades[s], strict=True)}
        for s in ("light", "dark")
    )
    assert light["page"] > 0.9 and light["ink"] < 0.2
    assert dark["page"] < 0.1 and dark["panel"] < 0.15 and dark["ink"] > 0.8


def test_the_360_px_layout(page):
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate(SPLIT_SECTIONS, ".example") == []
    questions = [
        "Hva sier arbeidsmiljøloven § 3-5?",
        "Kan du vise meg hva som står i arbeidsmiljøloven § 14-9?",
    ]
    page.get_by_role("button", name=questions[0]).click()
    page.locator('.answer[aria-busy="false"]').wait_for()
    ask(page, questions[1])
    assert page.evaluate(SPLIT_SECTIONS, ".question-text, .answer") == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # A compact footer: the form and the footer leave most of the height to the conversation.
    form, footer = page.locator("#ask-form").bounding_box(), page.locator("footer").bounding_box()
    assert footer["height"] <= 32 and (form["height"] + footer["height"]) / 740 <= 0.25, (form, footer)
    # The strong focus ring only where focus moved by keyboard; the question box gets a calm one.
    page.get_by_role("button", name="Ny samtale").click()
    box = page.get_by_label("Ditt spørsmål")
    box.fill("Hva er HMS?")
    page.get_by_role("button", name="Send").click()
    page.locator('.answer[aria-busy="false"]').wait_for()
    style = "(el) => [getComputedStyle(el).outlineStyle, getComputedStyle(el).outlineColor, document.activeElement === el]"
    outline, _, focused = box.evaluate(style)
    assert focused and outline == "none"
    copy = page.get_by_role("button", name="Kopier svar")
    copy.click()
    assert copy.evaluate(style)[0] == "none"  # clicked with the mouse: no ring
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # back onto "Kopier svar" by keyboard
    outline, color, focused = copy.evaluate(style)
    assert focused and outline == "solid" and color == "rgb(194, 65, 12)"
    page.evaluate("document.getElementById('scroller').scrollTop = 0")
    screenshot(page, "web-360.png")


def test_the_disclaimer_shows_once_per_conversation_view(page, client):
    ask(page, DAGLIG_LEDER)
    ask(page, "Hva står i internkontrollforskriften § 5?")
    text = page.locator("body").inner_text()
    assert (
        text.count("juridisk rådgivning") == 1
        and page.locator("footer").get_by_text("Ikke juridisk").is_visible()
    )
    assert client.post("/api/ask", json={"question": DAGLIG_LEDER}).json()["disclaimer"]  # the API keeps it


def test_an_abstention_renders_its_pointer_as_a_link(page, client):
    question = "Hva koster HMS-kurset?"
    expected = client.post("/api/ask", json={"question": question}).json()
    answer = ask(page, question)
    assert "abstained" in answer.get_attribute("class")
    urls = re.findall(r"https?://[^\s«»<>\"]+", expected["answer"])
    assert urls
    links = hrefs(answer)
    for url in urls:
        assert sum(link.rstrip("/") == url.rstrip("/.") for link in links) == 1, (url, links)


def _contents_answer(real_assistant, chapter: str, *, reader: bool) -> dict:
    """An answer carrying `contents` as the lead's contract describes it, built from the real corpus."""
    toc = real_assistant.table_of_contents("aml")
    sections = [s for s in toc.sections if s.chapter == chapter]
    contents = {
        "law_id": toc.law_id,
        "law_name": toc.law_name,
        "title": f"arbeidsmiljøloven kapittel {chapter}",
        "chapter": chapter,
        "chapter_title": sections[0].chapter_title,
        "url": toc.url,
        "version_date": toc.version_date,
        "reader": reader,
        "sections": [
            {"section": s.section, "title": s.title, "url": s.url, "repealed": s.repealed} for s in sections
        ],
    }
    lines = "\n".join(f"§ {s.section} {s.title}: {s.url}" for s in sections)
    text = f"Kapittel {chapter} i arbeidsmiljøloven har {len(sections)} paragrafer.\n\n{lines}"
    return {
        "question": f"aml kap. {chapter}",
        "answer": text,
        "abstained": False,
        "citations": [],
        "gaps": [],
        "answer_id": "toc1",
        "language": "nb",
        "mode": "extractive",
        "disclaimer": "",
        "short_answer": f"Kapittel {chapter} handler om {sections[0].chapter_title.lower()}.",
        "contents": contents,
    }


def _serve_answer(page, answer: dict) -> None:
    body = f"event: sources\ndata: []\n\nevent: done\ndata: {json.dumps(answer, ensure_ascii=False)}\n\n"
    headers = {"content-type": "text/event-stream; charset=utf-8"}
    page.route("**/api/ask/stream", lambda route: route.fulfill(status=200, body=body, headers=headers))


def test_a_table_of_contents_answer_lists_section_links_into_the_reader(page, context, real_assistant):
    """Answer.contents (the lead's contract; the server's answer is stood in for until it lands)."""
    answer = _contents_answer(real_assistant, "3", reader=False)
    _serve_answer(page, answer)
    shown = ask(page, "aml kap. 3")
    assert shown.locator(".short-text").inner_text() == answer["short_answer"]  # Answer.short_answer leads
    nav = shown.get_by_role("navigation", name="Innhold")
    assert (
        nav.get_by_role("heading").inner_text()
        == "arbeidsmiljøloven kapittel 3 Virkemidler i arbeidsmiljøarbeidet"
    )
    links = nav.locator("ol a")
    expected = [s["section"] for s in answer["contents"]["sections"]]
    assert links.count() == len(expected)
    assert [h.rsplit("/", 1)[1] for h in links.evaluate_all("a => a.map(x => x.href)")] == expected
    assert nav.locator("li", has_text="§ 3-6").inner_text() == "§ 3-6 (Opphevet)"
    assert "lovdata.no" not in shown.locator(".answer-body").inner_text()  # the list is not repeated as text
    with context.expect_page() as opened:
        links.first.click()
    opened.value.wait_for_load_state()
    assert opened.value.get_by_role("heading", level=1).inner_text().startswith("§ 3-1 ")
    screenshot(page, "web-contents.png")


def test_a_long_chapter_links_to_the_reader_instead(page, real_assistant):
    _serve_answer(page, _contents_answer(real_assistant, "14", reader=True))
    nav = ask(page, "aml kap. 14").get_by_role("navigation", name="Innhold")
    assert nav.locator("ol").count() == 0
    link = nav.get_by_role("link", name="Se alle paragrafene i lovleseren")
    assert link.get_attribute("href").endswith("/lov/aml#kapittel-14")
