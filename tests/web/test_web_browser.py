"""The chat page and the widget in Debian's chromium (Playwright), against real uvicorn servers on the real
index. Screenshots go to evals/reports/."""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

import pytest

from tests.web.browser import DAGLIG_LEDER, FRAME, REPORTS, VERNEOMBUD, ask, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.integration]

# Counts DOM updates of the streaming draft and what the live region announces.
OBSERVE = """
window.__hms = {streamUpdates: 0, announcements: []};
document.addEventListener("DOMContentLoaded", () => {
  new MutationObserver((mutations) => {
    for (const m of mutations) {
      const node = m.target.nodeType === 3 ? m.target.parentElement : m.target;
      if (node && node.closest && node.closest(".answer-draft")) window.__hms.streamUpdates++;
    }
  }).observe(document.getElementById("messages"), {subtree: true, childList: true, characterData: true});
  const live = document.getElementById("announcer");
  new MutationObserver(() => { if (live.textContent) window.__hms.announcements.push(live.textContent); })
    .observe(live, {subtree: true, childList: true, characterData: true});
});
"""


@pytest.fixture
def page(context, site):
    page = context.new_page()
    page.add_init_script(OBSERVE)
    page.goto(site.app_url + "/")
    return page


def serious_violations(results) -> list[dict]:
    return [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]


# -- the chat page ----------------------------------------------------------------------------------------
def test_answer_streams_in_with_source_cards(page, site):
    assert page.locator("footer").get_by_text("Ikke juridisk rådgivning").is_visible()
    examples = page.locator(".example")
    assert examples.count() >= 3
    page.get_by_role("button", name=VERNEOMBUD).click()
    page.locator('.answer[aria-busy="false"]').wait_for()
    assert not page.locator("#welcome").is_visible()
    updates = page.evaluate("window.__hms.streamUpdates")
    assert updates >= 3, f"the answer did not stream in ({updates} updates)"
    announcements = page.evaluate("window.__hms.announcements")
    assert len(announcements) == 1 and announcements[0].startswith("Svar: ")  # once, not token by token

    faq = page.locator(".card-faq")
    assert faq.count() >= 1 and "40 timer" in faq.first.locator(".card-question").inner_text()
    law = page.locator(".card-law").filter(has_text="§ 3-19").first
    assert "forskrift om organisering, ledelse og medvirkning" in law.locator(".card-ref").inner_text()
    assert (
        law.locator(".card-quote").inner_text().startswith("Opplæringens varighet skal være minst 40 timer.")
    )
    assert "Lov per" in law.locator(".card-date").inner_text()
    link = law.locator("a.card-link")
    assert unquote(link.get_attribute("href")) == "https://lovdata.no/forskrift/2011-12-06-1355/§3-19"
    assert link.get_attribute("target") == "_blank" and "noopener" in link.get_attribute("rel")

    ask(page, DAGLIG_LEDER)
    aml = page.locator(".turn").nth(1).locator(".card-law").first
    assert aml.locator(".card-ref").inner_text() == "arbeidsmiljøloven § 3-5 første ledd"
    assert aml.locator(".card-date").inner_text() == "Lov per 1. januar 2026"
    page.set_viewport_size({"width": 1280, "height": 1500})
    page.evaluate("document.getElementById('scroller').scrollTop = 0")
    screenshot(page, "web-chat.png")


def test_a_follow_up_keeps_the_conversation(page):
    ask(page, DAGLIG_LEDER)
    ask(page, "og for verneombud?")
    second = page.locator(".turn").nth(1)
    assert "verneombud" in second.locator(".card-faq").first.inner_text().lower()
    assert "40 timer" in second.locator(".answer").inner_text()
    page.get_by_role("button", name="Ny samtale").click()
    assert page.locator(".turn").count() == 0 and page.locator("#welcome").is_visible()


def test_a_lovdata_link_opens_the_cited_section_in_a_new_tab(page, context):
    ask(page, DAGLIG_LEDER)
    link = page.locator(".card-law a.card-link").first
    href = link.get_attribute("href")
    with context.expect_page() as opened:
        link.click()
    tab = opened.value
    tab.wait_for_load_state()
    assert unquote(tab.url) == unquote(href) == "https://lovdata.no/lov/2005-06-17-62/§3-5"
    assert tab.evaluate("window.opener") is None  # rel="noopener"
    assert page.url.startswith("http://127.0.0.1")  # the chat stays open


def test_feedback_is_stored(page, site):
    before = len(site.storage.feedback())
    ask(page, VERNEOMBUD)
    page.get_by_role("button", name="Ja, svaret var nyttig").click()
    page.get_by_text("Takk for tilbakemeldingen!").wait_for()
    ask(page, DAGLIG_LEDER)
    second = page.locator(".turn").nth(1)
    second.get_by_text("Legg til en kommentar (valgfritt)").click()
    second.get_by_label("Kommentar til svaret").fill("Savner info om kurspris")
    second.get_by_role("button", name="Nei, svaret var ikke nyttig").click()
    second.get_by_text("Takk for tilbakemeldingen!").wait_for()
    rows = site.storage.feedback()[before:]
    answered = [r["answer_id"] for r in site.storage.audit_rows()][-2:]
    assert [(r["answer_id"], r["helpful"], r["comment"], r["source"]) for r in rows] == [
        (answered[0], 1, None, "web"),
        (answered[1], 0, "Savner info om kurspris", "web"),
    ]
    assert (
        second.get_by_role("button", name="Nei, svaret var ikke nyttig").get_attribute("aria-pressed")
        == "true"
    )


def _tab_to(page, predicate: str, limit: int = 60, key: str = "Tab") -> None:
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {predicate}; }})()"):
            return
    raise AssertionError(f"keyboard focus never reached {predicate}")


def test_keyboard_only(page, site):
    before = len(site.storage.feedback())
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Hopp til spørsmålsfeltet"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "question"
    _tab_to(page, "el.classList.contains('example')")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # a visible focus ring
    page.keyboard.press("Enter")  # an example question, by keyboard
    page.locator('.answer[aria-busy="false"]').wait_for()
    _tab_to(page, "el.id === 'question'")
    page.keyboard.type("Hvor lang prøvetid er det lov å avtale?")
    page.keyboard.press("Enter")
    page.locator('.turn:nth-child(2) .answer[aria-busy="false"]').wait_for()
    assert page.evaluate("document.activeElement.id") == "question"  # focus is back for the next question
    _tab_to(page, "el.getAttribute('aria-label') === 'Nei, svaret var ikke nyttig'", key="Shift+Tab")
    page.keyboard.press("Space")
    page.locator(".turn:nth-child(2)").get_by_text("Takk for tilbakemeldingen!").wait_for()
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Nei, svaret var ikke nyttig"
    page.keyboard.press("Space")  # a second press does not count twice
    page.wait_for_timeout(300)
    assert [r["helpful"] for r in site.storage.feedback()[before:]] == [0]


def test_a_question_holding_script_is_shown_as_text(page, context):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    payload = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2"> Hva er <b>HMS</b>?'
    ask(page, payload)
    assert page.locator(".question-text").inner_text() == payload
    assert page.evaluate("window.__xss") is None
    assert page.locator("#messages script, #messages img, #messages b").count() == 0
    assert errors == []


def test_accessibility_with_axe_light_and_dark_at_1280_and_360(page, context, site):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    results: dict[str, dict] = {}
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.set_viewport_size({"width": 1280, "height": 900})
        page.get_by_role("button", name="Ny samtale").click()
        results[f"empty chat (1280 px, {scheme})"] = axe.run(page).response
        screenshot(page, f"web-chat-empty-{scheme}.png")
        ask(page, DAGLIG_LEDER)
        results[f"answer with cards and feedback (1280 px, {scheme})"] = axe.run(page).response
        page.set_viewport_size({"width": 360, "height": 740})
        page.get_by_role("button", name="Ny samtale").click()
        results[f"empty chat (360 px, {scheme})"] = axe.run(page).response
        ask(page, "Hva står i aml § 6-5?")
        page.get_by_role("button", name="Vis hele").first.click()  # a long quote, opened
        results[f"answer (360 px, {scheme})"] = axe.run(page).response
        assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling
        screenshot(page, f"web-chat-360-{scheme}.png")

    lines = [
        "# Accessibility check (axe-core via axe-playwright-python, Debian chromium)",
        "",
        "| page state | violations (impact) | serious or critical |",
        "| --- | --- | --- |",
    ]
    for state, response in results.items():
        found = ", ".join(f"{v['id']} ({v['impact']})" for v in response["violations"]) or "none"
        serious = [v for v in response["violations"] if v.get("impact") in ("serious", "critical")]
        lines.append(f"| {state} | {found} | {len(serious)} |")
    lines += ["", f"axe-core {next(iter(results.values()))['testEngine']['version']}"]
    (REPORTS / "web-a11y.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    bad = {
        state: [v["id"] for v in r["violations"] if v.get("impact") in ("serious", "critical")]
        for state, r in results.items()
    }
    assert all(not ids for ids in bad.values()), json.dumps(bad, indent=1)


# -- the widget -----------------------------------------------------------------------------------------------
def test_widget_on_the_demo_host_page(context, site):
    page = context.new_page()
    page.goto(site.allowed_host_url + "/")
    assert page.get_by_role("heading", name="Psykososialt arbeidsmiljø").is_visible()
    used = site.quota.used()
    button = page.get_by_role("button", name=re.compile("Spør om HMS"))
    assert button.get_attribute("aria-expanded") == "false"
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    frame = page.frame_locator(FRAME)
    ask(page, VERNEOMBUD, scope=frame)
    assert frame.locator(".card-law").count() >= 1 and frame.locator(".card-faq").count() >= 1
    reader = frame.locator(".card-law").first.get_by_role("link", name="Les i lovleseren")
    assert reader.get_attribute("href").endswith("/lov/organiseringsforskriften/3-19")  # into the law reader
    assert site.quota.used() == used + 1  # counted as widget traffic
    screenshot(page, "widget-demo.png")
    # Escape inside the chat closes it and gives focus back to the button.
    frame.get_by_label("Ditt spørsmål").press("Escape")
    page.locator("#hms-widget-panel").wait_for(state="hidden")
    assert button.get_attribute("aria-expanded") == "false"
    # The allowed host page may also call the API directly (CORS).
    status = page.evaluate(
        """async (url) => (await fetch(url + "/api/search?q=verneombud")).status""", site.app_url
    )
    assert status == 200


def test_a_page_on_a_disallowed_origin_gets_no_widget_and_no_answers(context, site):
    """Issue 10, item 24: no button (and a console message saying why) instead of a grey broken panel."""
    page = context.new_page()
    answers_before = len(site.storage.audit_rows())
    with page.expect_console_message(lambda msg: "HMS_ALLOWED_ORIGINS" in msg.text):
        page.goto(site.denied_host_url + "/")
    assert page.get_by_role("button", name=re.compile("Spør om HMS")).count() == 0
    assert page.locator("[data-hms-widget]").count() == 0
    # Framing the chat anyway is refused by the browser (frame-ancestors).
    with page.expect_console_message(lambda msg: "frame-ancestors" in msg.text):
        page.evaluate(
            """(url) => { const f = document.createElement("iframe"); f.src = url + "/embed"; f.title = "x";
                          document.body.append(f); }""",
            site.app_url,
        )
    frame = next(f for f in page.frames if f != page.main_frame)
    assert frame.locator("#question").count() == 0
    outcome = page.evaluate(
        """async (url) => {
          const results = [];
          try {
            const r = await fetch(url + "/api/ask", {method: "POST", headers: {"Content-Type": "application/json"},
              body: JSON.stringify({question: "Må verneombudet ha 40 timers kurs?"})});
            results.push("read " + r.status);
          } catch (e) { results.push("blocked"); }
          const opaque = await fetch(url + "/api/ask", {method: "POST", mode: "no-cors",
            headers: {"Content-Type": "text/plain"}, body: JSON.stringify({question: "Må verneombudet ha kurs?"})});
          results.push(opaque.type);
          return results;
        }""",
        site.app_url,
    )
    assert outcome == ["blocked", "opaque"]
    assert len(site.storage.audit_rows()) == answers_before  # no answer was made for that page


def test_api_docs_render_offline_under_the_csp(context, site):
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda msg: console.append(msg.text) if msg.type == "error" else None)
    external: list[str] = []
    page.on("request", lambda req: external.append(req.url) if not req.url.startswith(site.app_url) else None)
    page.goto(site.app_url + "/docs")
    page.locator(".opblock-summary-path", has_text="/api/ask/stream").first.wait_for()
    assert page.locator(".opblock").count() >= 8
    assert external == [] and not [line for line in console if "Content Security Policy" in line], console
