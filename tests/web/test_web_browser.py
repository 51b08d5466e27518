"""The chat page and the widget in Debian's chromium (Playwright), against real uvicorn servers on the real
index. Screenshots go to evals/reports/."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import pytest

from assistant.config import PROJECT_ROOT
from assistant.infra.state import State, WidgetQuota
from bots.web.app import create_app
from bots.web.demo.host import make_server
from tests.conftest import make_settings, sqlite_state
from tests.web.conftest import ServerThread, free_port

pytestmark = [pytest.mark.browser, pytest.mark.integration]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]  # fmt: skip
REPORTS = PROJECT_ROOT / "evals" / "reports"
VERNEOMBUD = "Må verneombudet ha 40 timers kurs?"
DAGLIG_LEDER = "Må jeg ha HMS-kurs som daglig leder?"
FRAME = 'iframe[title="HMS-assistenten – chat"]'

# Counts DOM updates of the streaming answer and what the live region announces.
OBSERVE = """
window.__hms = {streamUpdates: 0, announcements: []};
document.addEventListener("DOMContentLoaded", () => {
  new MutationObserver((mutations) => {
    for (const m of mutations) {
      const node = m.target.nodeType === 3 ? m.target.parentElement : m.target;
      if (node && node.closest && node.closest(".answer-text.streaming")) window.__hms.streamUpdates++;
    }
  }).observe(document.getElementById("messages"), {subtree: true, childList: true, characterData: true});
  const live = document.getElementById("announcer");
  new MutationObserver(() => { if (live.textContent) window.__hms.announcements.push(live.textContent); })
    .observe(live, {subtree: true, childList: true, characterData: true});
});
"""


@dataclass
class Site:
    app_url: str
    allowed_host_url: str
    denied_host_url: str
    storage: State
    quota: WidgetQuota


def _host(port: int, app_url: str) -> Generator[str, None, None]:
    server = make_server("127.0.0.1", port, app_url=app_url)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def site(real_assistant, tmp_path_factory) -> Iterator[Site]:
    """The app on a real uvicorn server, plus the demo host page on an allowed and on a disallowed origin."""
    app_port, allowed_port, denied_port = free_port(), free_port(), free_port()
    app_url = f"http://127.0.0.1:{app_port}"
    settings = make_settings(
        database_path=tmp_path_factory.mktemp("web") / "web.sqlite3",
        allowed_origins=[app_url, f"http://127.0.0.1:{allowed_port}"],
    )
    storage = sqlite_state(settings.database, pseudonym_key="test")
    app = create_app(settings, assistant=real_assistant, storage=storage)
    allowed, denied = _host(allowed_port, app_url), _host(denied_port, app_url)
    with ServerThread(app, app_port):
        yield Site(app_url, next(allowed), next(denied), storage, app.state.quota)
    for host in (allowed, denied):
        host.close()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: run `make browser`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="nb-NO", reduced_motion="reduce"
    )
    context.set_default_timeout(20_000)
    # No internet here: Lovdata is answered by a stub, so following a link can be checked offline.
    context.route(
        "https://lovdata.no/**",
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            body="<!doctype html><title>Lovdata (stub)</title><p>Lovdata</p>",
        ),
    )
    yield context
    context.close()


@pytest.fixture
def page(context, site):
    page = context.new_page()
    page.add_init_script(OBSERVE)
    page.goto(site.app_url + "/")
    return page


def ask(page, question: str, *, scope=None) -> None:
    """Type a question and wait until its answer is finished (the newest answer no longer busy)."""
    scope = scope or page
    count = scope.locator(".answer").count()
    box = scope.get_by_label("Ditt spørsmål")
    box.fill(question)
    box.press("Enter")
    finished = scope.locator(".answer").nth(count)
    finished.wait_for()
    scope.locator(f'.turn:nth-child({count + 1}) .answer[aria-busy="false"]').wait_for()


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
        law.locator(".card-quote").inner_text().startswith("«Opplæringens varighet skal være minst 40 timer.")
    )
    assert "Lov per" in law.locator(".card-date").inner_text()
    link = law.locator("a.card-link")
    assert unquote(link.get_attribute("href")) == "https://lovdata.no/forskrift/2011-12-06-1355/§3-19"
    assert link.get_attribute("target") == "_blank" and "noopener" in link.get_attribute("rel")

    ask(page, DAGLIG_LEDER)
    aml = page.locator(".turn").nth(1).locator(".card-law").first
    assert "arbeidsmiljøloven" in aml.inner_text() and "§ 3-5, 1. ledd" in aml.inner_text()
    assert aml.locator(".card-date").inner_text() == "Lov per 1. januar 2026"
    REPORTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 1500})
    page.evaluate("document.getElementById('scroller').scrollTop = 0")
    page.screenshot(path=str(REPORTS / "web-chat.png"))


def test_a_follow_up_keeps_the_conversation(page):
    ask(page, DAGLIG_LEDER)
    ask(page, "og for verneombud?")
    second = page.locator(".turn").nth(1)
    assert "verneombud" in second.locator(".card-faq").first.inner_text().lower()
    assert "40 timer" in second.locator(".answer-text").inner_text()
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


def test_accessibility_with_axe(page, context, site):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    results: dict[str, dict] = {}
    results["empty chat (1280 px)"] = axe.run(page).response
    page.screenshot(path=str(REPORTS / "web-chat-empty.png"))
    ask(page, DAGLIG_LEDER)
    results["answer with cards and feedback (1280 px)"] = axe.run(page).response
    page.set_viewport_size({"width": 360, "height": 740})
    page.get_by_role("button", name="Ny samtale").click()
    results["empty chat (360 px)"] = axe.run(page).response
    ask(page, VERNEOMBUD)
    results["answer (360 px)"] = axe.run(page).response
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling
    page.screenshot(path=str(REPORTS / "web-chat-360.png"))

    lines = ["# Accessibility check (axe-core via axe-playwright-python, Debian chromium)", "",
             "| page state | violations (impact) | serious or critical |", "| --- | --- | --- |"]  # fmt: skip
    for state, response in results.items():
        found = ", ".join(f"{v['id']} ({v['impact']})" for v in response["violations"]) or "none"
        serious = [v for v in response["violations"] if v.get("impact") in ("serious", "critical")]
        lines.append(f"| {state} | {found} | {len(serious)} |")
    lines += ["", f"axe-core {results['empty chat (1280 px)']['testEngine']['version']}"]
    (REPORTS / "web-a11y.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    bad = {state: [v["id"] for v in r["violations"] if v.get("impact") in ("serious", "critical")]
           for state, r in results.items()}  # fmt: skip
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
    assert site.quota.used() == used + 1  # counted as widget traffic
    page.screenshot(path=str(REPORTS / "widget-demo.png"))
    # Escape inside the chat closes it and gives focus back to the button.
    frame.get_by_label("Ditt spørsmål").press("Escape")
    page.locator("#hms-widget-panel").wait_for(state="hidden")
    assert button.get_attribute("aria-expanded") == "false"
    # The allowed host page may also call the API directly (CORS).
    status = page.evaluate(
        """async (url) => (await fetch(url + "/api/search?q=verneombud")).status""", site.app_url
    )
    assert status == 200


def test_a_page_on_a_disallowed_origin_gets_no_answers(context, site):
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda msg: console.append(msg.text))
    page.goto(site.denied_host_url + "/")
    answers_before = len(site.storage.audit_rows())
    page.get_by_role("button", name=re.compile("Spør om HMS")).click()
    page.locator(FRAME).wait_for()
    page.wait_for_timeout(1500)
    frame = next(f for f in page.frames if f != page.main_frame)
    assert not frame.url.startswith(site.app_url)  # chromium refused to show the chat in the frame
    assert frame.locator("#question").count() == 0
    assert any("frame-ancestors" in line for line in console), console
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
