"""Issue 12, item 8 (web): LLM text streams in as a draft (visibly pending, hidden from screen readers), is
marked verified and labelled AI-written at `done`, and a `replace` tells the user in one line why the answer
became the quoted sources. Real chromium, the real langchain-openai client and the scripted LLM server."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from assistant.llm.answerer import LLMAnswerer
from assistant.service import Assistant
from evals.testing.scripted_llm import ReplyQueue, ScriptedServer
from tests.web.browser import screenshot, serve_site
from tests.web.conftest import sse_events

pytestmark = [pytest.mark.browser, pytest.mark.integration]

QUESTION = "Må daglig leder ha HMS-kurs?"
GOOD = (
    "Ja. Loven sier at bedriftens øverste leder skal ha HMS-kurs [S1]. Etter aml § 3-5 skal arbeidsgiver "
    "gjennomgå opplæring i helse-, miljø- og sikkerhetsarbeid [S2]."
)
# What the draft looked like at every change, and what the live region announced.
OBSERVE = """
window.__draft = []; window.__announced = [];
document.addEventListener("DOMContentLoaded", () => {
  new MutationObserver(() => {
    const draft = document.querySelector(".answer-draft:not([hidden])");
    if (!draft) return;
    const article = draft.closest(".answer");
    window.__draft.push({text: draft.querySelector(".draft-text").textContent,
      hidden: draft.getAttribute("aria-hidden"), busy: article.getAttribute("aria-busy"),
      label: draft.querySelector(".draft-label").textContent, colour: getComputedStyle(draft).color,
      inkColour: getComputedStyle(article).color});
  }).observe(document.getElementById("messages"), {subtree: true, childList: true, characterData: true});
  const live = document.getElementById("announcer");
  new MutationObserver(() => { if (live.textContent) window.__announced.push(live.textContent); })
    .observe(live, {childList: true, characterData: true, subtree: true});
});
"""


@pytest.fixture(scope="module")
def replies() -> ReplyQueue:
    return ReplyQueue()


@pytest.fixture(scope="module")
def llm_site(real_settings, corpus, real_embedder, replies, tmp_path_factory) -> Iterator[object]:
    with ScriptedServer(replies) as server:
        values = {
            "llm": "openai:scripted-model",
            "llm_base_url": server.base_url,
            "llm_timeout_s": 20.0,
            "answer_timeout_s": 40.0,
        }
        assistant = Assistant(
            settings=real_settings.model_copy(update=values), corpus=corpus, embedder=real_embedder
        )
        assert isinstance(assistant.answerer, LLMAnswerer)
        assistant.refresh()
        with serve_site(assistant, tmp_path_factory.mktemp("llm"), answer_timeout_s=40.0) as served:
            yield served


@pytest.fixture
def llm_page(context, llm_site):
    page = context.new_page()
    page.add_init_script(OBSERVE)
    page.goto(llm_site.app_url + "/")
    return page


def finished(page):
    page.get_by_label("Ditt spørsmål").fill(QUESTION)
    page.get_by_label("Ditt spørsmål").press("Enter")
    answer = page.locator('.answer[aria-busy="false"]')
    answer.wait_for()
    return answer


def test_a_verified_llm_answer_streams_as_a_draft_and_is_labelled_ai_written(llm_page, replies):
    replies.push(GOOD)
    answer = finished(llm_page)
    drafts = llm_page.evaluate("window.__draft")
    assert len(drafts) >= 5 and drafts[-1]["text"].startswith("Ja. Loven sier")
    for state in drafts:  # pending, muted, and kept from screen readers while it streams
        assert state["hidden"] == "true" and state["busy"] == "true"
        assert (
            state["label"] == "Utkast – kontrolleres mot kildene …" and state["colour"] != state["inkColour"]
        )
    assert llm_page.locator(".answer-draft").count() == 0  # replaced by the verified answer
    badges = answer.locator(".answer-badges .badge").all_inner_texts()
    assert badges == ["Skrevet av KI", "Kontrollert mot kildene"]
    assert answer.locator(".replaced-note").count() == 0
    assert answer.locator(".card-law").count() >= 1 and "[S1]" in answer.inner_text()
    announced = llm_page.evaluate("window.__announced")
    assert len(announced) == 1 and announced[0].startswith("Svar: ")  # announced once, verified
    screenshot(llm_page, "web-llm-verified.png")


def test_a_replaced_answer_says_why_in_one_line(llm_page, llm_site, replies):
    bad = ("Daglig leder skal ha kurs [S5].", "Se aml § 15-7 [S1].")  # fails verification twice
    replies.push(*bad)
    with httpx.stream(
        "POST", f"{llm_site.app_url}/api/ask/stream", json={"question": QUESTION}, timeout=60
    ) as r:
        replaces = [json.loads(data) for kind, data in sse_events(r.read().decode()) if kind == "replace"]
    assert replaces and all(
        set(r) == {"text", "reason"} and r["reason"] for r in replaces
    )  # the SSE contract
    replies.push(*bad)
    answer = finished(llm_page)
    note = answer.locator(".replaced-note")
    assert note.count() == 1 and note.inner_text() == replaces[-1]["reason"]
    assert answer.locator(".badge-ai").count() == 0  # the fallback is the quoted sources, not AI text
    assert any(state["text"] for state in llm_page.evaluate("window.__draft"))  # the rejected draft was shown
    assert answer.locator(".short-answer").is_visible() and answer.locator(".card-law").count() >= 1
    screenshot(llm_page, "web-llm-replaced.png")


def test_the_older_plain_string_replace_is_understood(context, site, client):
    """Until every server sends `{"text", "reason"}`, a `replace` whose data is the text alone still works."""
    fallback = client.post("/api/ask", json={"question": QUESTION}).json() | {"mode": "llm-fallback"}
    events = [
        ("sources", fallback["citations"]),
        ("delta", "Et utkast som "),
        ("delta", "ikke besto."),
        ("replace", fallback["answer"]),
        ("done", fallback),
    ]
    body = "".join(f"event: {k}\ndata: {json.dumps(v, ensure_ascii=False)}\n\n" for k, v in events)
    page = context.new_page()
    page.route(
        "**/api/ask/stream",
        lambda route: route.fulfill(
            status=200, body=body, headers={"content-type": "text/event-stream; charset=utf-8"}
        ),
    )
    page.goto(site.app_url + "/")
    page.get_by_label("Ditt spørsmål").fill(QUESTION)
    page.get_by_label("Ditt spørsmål").press("Enter")
    note = page.locator('.answer[aria-busy="false"] .replaced-note')
    note.wait_for()
    assert note.inner_text() == (
        "Språkmodellens svar kunne ikke kontrolleres mot kildene, så du ser kildene ordrett i stedet."
    )
