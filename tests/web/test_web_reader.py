"""Issue 14, item 3: the law reader (/lov) in chromium — the table of contents, a § with numbered ledd and
anchors, the anchor highlighted, "Kopier henvisning", previous/next, gaps shown as gaps, the search within the
law, axe light and dark at 1280 and 360 px, the print stylesheet, and the chat's cards linking into it."""

from __future__ import annotations

import json
from urllib.parse import unquote

import pytest

from tests.web.browser import DAGLIG_LEDER, REPORTS, ask, axe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.integration]

AML = "LOV-2005-06-17-62"
IK = "FOR-1996-12-06-1127"
OML = "FOR-2011-12-06-1355"
HIGHLIGHT = "rgb(255, 241, 184)"  # --highlight (light)


def test_the_table_of_contents_by_chapter(page, site, corpus):
    page.goto(site.app_url + "/lov/aml")
    law = corpus.laws[AML]
    assert page.get_by_role("heading", level=1).inner_text() == "arbeidsmiljøloven"
    assert "Lov per 1. januar 2026" in page.locator(".meta").inner_text()
    assert page.get_by_role("link", name="Les loven på Lovdata").get_attribute("href") == law.url
    chapters = list(dict.fromkeys(s.chapter for s in law.sections.values()))
    assert page.locator("section.chapter").count() == len(chapters)
    assert page.locator("#kapittel-3 h2").inner_text() == "Kapittel 3 Virkemidler i arbeidsmiljøarbeidet"
    numbers = [t.removeprefix("§ ") for t in page.locator(".toc-list .toc-no").all_inner_texts()]
    assert numbers == list(law.sections)
    page.locator("#kapittel-3").get_by_role("link", name="§ 3-5").click()
    page.wait_for_url("**/lov/aml/3-5")
    screenshot(page, "reader-section.png")
    page.goto(site.app_url + "/lov/aml")
    screenshot(page, "reader-toc.png")


def test_a_section_numbers_every_ledd_with_an_anchor_and_keeps_the_letters(page, site, corpus):
    page.goto(site.app_url + "/lov/aml/3-1")
    sec = corpus.laws[AML].sections["3-1"]
    assert page.get_by_role("heading", level=1).inner_text() == "§ 3-1 " + sec.title
    ledd = page.locator(".ledd-list > li")
    assert ledd.evaluate_all("items => items.map(i => i.id)") == ["ledd-1", "ledd-2", "ledd-3"]
    assert page.locator(".ledd-no").all_inner_texts() == ["(1)", "(2)", "(3)"]
    assert page.locator("#ledd-1 .ledd-text").inner_text() == sec.ledd[0].text.removeprefix("(1) ")
    letters = page.locator("#ledd-2 .items > li")
    assert letters.evaluate_all("items => items.map(i => i.id)") == [f"ledd-2-{c}" for c in "abcdefgh"]
    assert page.locator("#ledd-2-a .item-letter").inner_text() == "a."
    assert page.locator("#ledd-2-a").inner_text().endswith(sec.ledd[1].items[0].text)
    assert "Lov per 1. januar 2026" in page.locator(".meta").inner_text()
    assert (
        unquote(page.locator(".meta a").get_attribute("href")) == "https://lovdata.no/lov/2005-06-17-62/§3-1"
    )
    assert (
        page.locator(".kicker")
        .get_by_role("link", name="Kapittel 3 Virkemidler i arbeidsmiljøarbeidet")
        .count()
    )


def test_a_ledd_anchor_is_scrolled_to_and_highlighted(page, site):
    page.goto(site.app_url + "/lov/aml/10-6#ledd-8")
    target = page.locator("#ledd-8")
    box = target.bounding_box()
    assert 0 <= box["y"] < 900 / 2, box  # scrolled to: at the top of the window
    assert page.evaluate("window.scrollY") > 0
    background = "(el) => getComputedStyle(el).backgroundColor"
    assert target.evaluate(background) == HIGHLIGHT
    assert page.locator("#ledd-7").evaluate(background) == "rgba(0, 0, 0, 0)"
    screenshot(page, "reader-anchor.png")


def test_copy_citation_gives_the_standard_form_and_the_permalink(page, context, site):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.app_url)
    page.goto(site.app_url + "/lov/aml/3-5")
    page.locator("#ledd-1").get_by_role("button", name="Kopier henvisning").click()
    page.get_by_text("Kopiert: arbeidsmiljøloven § 3-5 første ledd").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"arbeidsmiljøloven § 3-5 første ledd ({site.app_url}/lov/aml/3-5#ledd-1)"
    page.locator(".section-actions").get_by_role("button", name="Kopier henvisning").click()
    assert (
        page.evaluate("navigator.clipboard.readText()")
        == f"arbeidsmiljøloven § 3-5 ({site.app_url}/lov/aml/3-5)"
    )
    page.goto(copied.split("(")[1].rstrip(")"))  # the permalink leads to the ledd
    assert page.locator("#ledd-1").evaluate("(el) => el.matches(':target')")


def test_previous_and_next_section(page, site, corpus):
    page.goto(site.app_url + "/lov/aml/3-5")
    page.get_by_role("link", name="← Forrige: § 3-4").click()
    page.wait_for_url("**/lov/aml/3-4")
    page.get_by_role("link", name="Neste: § 3-5 →").click()
    page.wait_for_url("**/lov/aml/3-5")
    page.get_by_role("link", name="Neste: § 3-6 →").click()
    page.wait_for_url("**/lov/aml/3-6")
    assert page.get_by_text("Paragrafen er opphevet.").is_visible()  # § 3-6 is repealed, and says so
    numbers = list(corpus.laws[AML].sections)
    page.goto(site.app_url + "/lov/aml/" + numbers[0])
    assert page.locator(".neighbour.prev").count() == 0 and page.locator(".neighbour.next").count() == 1
    page.goto(site.app_url + "/lov/aml/" + numbers[-1].replace(" ", ""))
    assert page.locator(".neighbour.next").count() == 0 and page.locator(".neighbour.prev").count() == 1


def test_coverage_gaps_show_as_gaps_with_the_lovdata_link(page, site, corpus):
    page.goto(site.app_url + "/lov/internkontrollforskriften")
    gaps = page.locator(".toc-gap")
    assert [t.split("\n")[0] for t in gaps.locator(".toc-no").all_inner_texts()] == [
        "§ 1",
        "§ 2",
        "§ 3",
        "§ 5",
        "§ 6",
    ]
    gaps.filter(has_text="§ 5").get_by_role("link").click()
    page.wait_for_url("**/lov/internkontrollforskriften/5")
    note = page.locator(".note-gap")
    assert (
        "Ikke i kildene mine." in note.inner_text() and "internkontrollforskriften § 5" in note.inner_text()
    )
    link = note.get_by_role("link", name="Les § 5 på Lovdata")
    assert unquote(link.get_attribute("href")) == "https://lovdata.no/forskrift/1996-12-06-1127/§5"
    assert page.locator(".neighbour.prev").inner_text().startswith("← Forrige: § 4")
    screenshot(page, "reader-gap.png")
    # A cut-off ledd: shown as a gap, its partial text never.
    page.goto(site.app_url + "/lov/organiseringsforskriften/3-2#ledd-7")
    cut = corpus.laws[OML].sections["3-2"].ledd[6]
    assert not cut.complete
    assert "Leddet er avkuttet i kildene mine." in page.locator("#ledd-7").inner_text()
    assert page.locator("#ledd-7").get_by_role("link", name="Les sjuende ledd på Lovdata").count() == 1
    assert cut.text[:40] not in page.locator("body").inner_text()
    assert "Teksten i kildene er ufullstendig" in page.locator(".note-caution").inner_text()
    screenshot(page, "reader-cut-ledd.png")


def test_search_within_the_law_uses_the_search_api_filtered_by_law(page, site):
    page.goto(site.app_url + "/lov/aml")
    page.get_by_label("Søk i arbeidsmiljøloven").fill("overtid")
    with page.expect_response(lambda r: "/api/search?" in r.url and "law=aml" in r.url) as searched:
        page.get_by_role("button", name="Søk").click()
    hits = searched.value.json()
    assert hits and {h["law_id"] for h in hits} == {AML}
    page.locator(".hits").wait_for()
    assert page.locator(".hits li a").first.inner_text() == "§ 10-6 Overtid"
    assert all("/lov/aml/" in h for h in page.locator(".hits a").evaluate_all("a => a.map(x => x.href)"))
    assert page.url.endswith("/lov/aml?q=overtid")
    screenshot(page, "reader-search.png")


def test_search_within_the_law_works_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.app_url + "/lov/aml")
    page.get_by_label("Søk i arbeidsmiljøloven").fill("overtid")
    page.get_by_role("button", name="Søk").click()
    page.wait_for_url("**/lov/aml?q=overtid")
    assert page.locator(".hits li a").first.inner_text() == "§ 10-6 Overtid"
    assert page.locator(".copy-ref").first.is_hidden()  # copying needs JavaScript: the buttons stay hidden
    context.close()


PAGES = [
    "/lov",
    "/lov/aml",
    "/lov/aml/3-1#ledd-2",
    "/lov/internkontrollforskriften/5",
    "/lov/organiseringsforskriften/3-2#ledd-7",
]


def test_the_reader_is_accessible_and_readable_at_1280_and_360_light_and_dark(page, site):
    results: dict[str, list[str]] = {}
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for width in (1280, 360):
            page.set_viewport_size({"width": width, "height": 800})
            for path in PAGES:
                page.goto(site.app_url + path)
                results[f"{path} ({width} px, {scheme})"] = [v["id"] for v in axe_violations(page)]
                assert page.evaluate("document.documentElement.scrollWidth") <= width, path
            if width == 360:
                page.goto(site.app_url + "/lov/aml/14-9#ledd-2")
                screenshot(page, f"reader-360-{scheme}.png")
    lines = [
        "# Law reader accessibility (axe-core, Debian chromium)",
        "",
        "| page | serious or critical |",
        "| --- | --- |",
    ]
    lines += [f"| {state} | {', '.join(ids) or 'none'} |" for state, ids in results.items()]
    (REPORTS / "reader-a11y.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert all(not ids for ids in results.values()), json.dumps(results, indent=1)


def test_the_print_stylesheet_is_applied(page, site):
    page.goto(site.app_url + "/lov/aml/3-1")
    hidden = "(sel) => Array.from(document.querySelectorAll(sel), (el) => getComputedStyle(el).display)"
    assert set(page.evaluate(hidden, ".site-header, .neighbours, .copy-ref")) != {"none"}
    page.emulate_media(media="print")
    assert set(page.evaluate(hidden, ".site-header, .neighbours, .copy-ref, .skip-link")) == {"none"}
    after = page.evaluate("getComputedStyle(document.querySelector('.lovdata-link'), '::after').content")
    assert "https://lovdata.no/lov/2005-06-17-62/" in unquote(after)
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") in ("rgb(255, 255, 255)",)
    screenshot(page, "reader-print.png", full_page=True)
    page.pdf(path=str(REPORTS / "reader-print.pdf"))


def test_citation_cards_link_to_their_ledd_in_the_reader(page, context):
    answer = ask(page, DAGLIG_LEDER)
    card = answer.locator(".card-law").first
    assert card.get_by_role("link", name="Les § 3-5 på Lovdata").count() == 1
    with context.expect_page() as opened:
        card.get_by_role("link", name="Les i lovleseren").click()
    reader = opened.value
    reader.wait_for_load_state()
    assert reader.url.endswith("/lov/aml/3-5#ledd-1")
    assert reader.locator("#ledd-1").evaluate("(el) => el.matches(':target')")
