"""Issue 10, items 21–25 (web), in chromium: the question kept until it is sent (429 with its wait, a refused
question, a network error), emoji counted as the server counts, the page without JavaScript, the widget
(keyboard focus, full screen on a phone), and copying an answer without hidden link text."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.web.browser import DAGLIG_LEDER, FRAME, VERNEOMBUD, ask, screenshot, serve_site

pytestmark = [pytest.mark.browser, pytest.mark.integration]


@pytest.fixture(scope="module")
def strict_site(real_assistant, tmp_path_factory):
    """The app with a rate limit of one question a minute."""
    with serve_site(real_assistant, tmp_path_factory.mktemp("strict"), rate_limit_per_minute=1) as served:
        yield served


def send(page, question: str) -> None:
    box = page.get_by_label("Ditt spørsmål")
    box.fill(question)
    page.get_by_role("button", name="Send").click()


def test_a_rate_limited_question_stays_in_the_box_with_the_wait(context, strict_site):
    page = context.new_page()
    page.goto(strict_site.app_url + "/")
    ask(page, DAGLIG_LEDER)
    with page.expect_response("**/api/ask/stream") as refused:
        send(page, VERNEOMBUD)
    assert refused.value.status == 429
    wait = refused.value.json()["error"]["retry_after"]
    error = page.locator("#question-error")
    error.wait_for()
    assert re.search(rf"Prøv igjen om {wait} sekund(er)?\.$", error.inner_text()), error.inner_text()
    assert "Vent litt" not in error.inner_text()
    assert page.get_by_label("Ditt spørsmål").input_value() == VERNEOMBUD  # nothing to retype
    assert page.locator(".turn").count() == 1  # the refused question is not shown as asked


def test_a_refused_question_and_a_network_error_keep_the_question(page, context):
    send(page, "Hva er HMS?\u0007")  # a control character: the server refuses it (400)
    page.get_by_text("Spørsmålet inneholder ugyldige tegn").wait_for()
    assert page.get_by_label("Ditt spørsmål").input_value() == "Hva er HMS?\u0007"
    context.route("**/api/ask/stream", lambda route: route.abort("internetdisconnected"))
    send(page, DAGLIG_LEDER)
    page.get_by_text("Fikk ikke kontakt med tjenesten").wait_for()
    assert page.get_by_label("Ditt spørsmål").input_value() == DAGLIG_LEDER
    assert page.locator(".turn").count() == 0 and page.locator("#welcome").is_visible()
    context.unroute("**/api/ask/stream")
    page.get_by_role("button", name="Send").click()  # the same question, sent again as it stands
    page.locator('.answer[aria-busy="false"]').wait_for()
    assert page.get_by_label("Ditt spørsmål").input_value() == ""  # cleared once it was sent


def test_emoji_are_counted_as_the_server_counts_them(page):
    question = "Hva betyr dette? " + "😀" * 1000  # 1,017 code points, 2,017 UTF-16 units
    send(page, question)
    page.locator('.answer[aria-busy="false"]').wait_for()
    assert page.locator("#question-error").inner_text() == ""
    assert page.locator(".question-text").inner_text() == question
    send(page, "😀" * 2001)
    assert page.locator("#question-error").inner_text() == (
        "Spørsmålet er for langt (2001 tegn). Korte det ned til høyst 2000 tegn."
    )


def test_without_javascript_the_form_posts_and_the_examples_work(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.app_url + "/")
    notice = page.locator(".noscript")
    assert notice.is_visible() and notice.inner_text().startswith("JavaScript er slått av.")
    requests = []
    page.on(
        "request", lambda r: requests.append((r.method, r.url)) if r.resource_type == "document" else None
    )
    page.get_by_label("Ditt spørsmål").fill(DAGLIG_LEDER)
    page.get_by_role("button", name="Send").click()
    page.wait_for_url("**/svar")
    assert requests[-1] == ("POST", site.app_url + "/svar")  # the question is in the body, not the URL
    assert "?" not in page.url and "question" not in page.url
    assert page.get_by_role("heading", level=1).inner_text() == "Svar"
    assert (
        "Loven sier at bedriftens øverste leder skal ha HMS kurs"
        in page.locator(".plain-answer").inner_text()
    )
    lovdata = page.locator(".plain-answer a[href^='https://lovdata.no/']")
    assert lovdata.evaluate_all("a => a.map(x => decodeURI(x.href))") == [
        "https://lovdata.no/lov/2005-06-17-62/§3-5"
    ]
    assert page.get_by_role("link", name="Les i lovleseren").get_attribute("href") == "/lov/aml/3-5#ledd-1"
    page.goto(site.app_url + "/")
    page.get_by_role("button", name=VERNEOMBUD).click()
    page.wait_for_url("**/svar")
    assert VERNEOMBUD in page.locator(".plain-answer").inner_text()
    assert "40 timer" in page.locator(".plain-answer").inner_text()
    screenshot(page, "web-no-javascript.png")
    context.close()


def test_opening_the_widget_by_keyboard_puts_focus_in_the_question_box(context, site):
    page = context.new_page()
    page.goto(site.allowed_host_url + "/")
    button = page.get_by_role("button", name=re.compile("Spør om HMS"))
    button.wait_for()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.getAttribute('aria-controls')"):
            break
    page.keyboard.press("Enter")
    page.locator(FRAME).wait_for()
    box = page.frame_locator(FRAME).get_by_label("Ditt spørsmål")
    expect(box).to_be_focused()
    page.keyboard.type("Hva er HMS?")
    assert box.input_value() == "Hva er HMS?"


def test_the_widget_is_full_screen_on_a_phone(browser, site):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site.allowed_host_url + "/")
    button = page.get_by_role("button", name=re.compile("Spør om HMS"))
    button.click()
    panel = page.locator("#hms-widget-panel")
    panel.wait_for()
    assert panel.bounding_box() == {"x": 0, "y": 0, "width": 360, "height": 740}
    assert button.is_hidden()  # the chat's own ✕ closes it
    frame = page.frame_locator(FRAME)
    title = frame.get_by_role("heading", name="HMS-assistenten")
    assert title.evaluate("(h) => h.scrollWidth <= h.clientWidth && h.getClientRects().length === 1")
    box = frame.get_by_label("Ditt spørsmål")
    fits = "(t) => { const p = t.placeholder; t.value = p; const ok = t.scrollHeight <= t.clientHeight; t.value = ''; return ok; }"
    assert box.evaluate(fits)  # the placeholder is not cut off
    ask(page, VERNEOMBUD, scope=frame)
    screenshot(page, "widget-360.png")
    frame.get_by_role("button", name="Lukk chatten").click()
    panel.wait_for(state="hidden")
    assert button.is_visible()
    context.close()


def test_copying_an_answer_by_hand_leaves_out_hidden_link_text(page, context, site):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.app_url)
    answer = ask(page, DAGLIG_LEDER)
    answer.evaluate(
        "(a) => { const r = document.createRange(); r.selectNodeContents(a); getSelection().removeAllRanges();"
        " getSelection().addRange(r); }"
    )
    page.keyboard.press("Control+C")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "Les § 3-5 på Lovdata" in copied and "Les i lovleseren" in copied
    assert "åpnes i ny fane" not in copied
    link = answer.get_by_role("link", name="Les § 3-5 på Lovdata")
    assert link.evaluate("(a) => a.getAttribute('aria-describedby')") == "new-tab-note"
    note = page.locator("#new-tab-note")
    assert note.count() == 1 and note.is_hidden() and note.text_content() == "åpnes i ny fane"
