"""The law reader's pages, the search filtered by law, the answer page without JavaScript, the widget's
origin check and the `replace` event's shape, over HTTP (TestClient) on the real corpus and index."""

from __future__ import annotations

import pytest

from bots.web.streaming import REPLACED_REASON, replace_payload

pytestmark = pytest.mark.integration

IK = "FOR-1996-12-06-1127"


@pytest.mark.parametrize(
    ("path", "status", "text"),
    [
        ("/lov", 200, "arbeidsmiljøloven"),
        ("/lov/aml", 200, "Kapittel 3 Virkemidler i arbeidsmiljøarbeidet"),
        ("/lov/arbeidsmiljøloven", 200, "Kapittel 14A"),
        ("/lov/LOV-2005-06-17-62/3-5", 200, 'id="ledd-2"'),
        ("/lov/aml/2A-1", 200, "§ 2 A-1"),
        ("/lov/aml/§3-5", 200, "§ 3-5"),
        ("/lov/internkontrollforskriften/5", 200, "Ikke i kildene mine."),
        ("/lov/ik/4", 200, "Plikt til internkontroll"),
        ("/lov/aml/99-1", 404, "Arbeidsmiljøloven har ingen § 99-1."),
        ("/lov/aml/abc", 404, "«abc» er ikke et paragrafnummer"),
        ("/lov/ukjent", 404, "Lovleseren har ingen lov eller forskrift som heter «ukjent»."),
        ("/lov/<script>alert(1)</script>", 404, "&lt;script&gt;"),
    ],
)
def test_reader_pages(client, path, status, text):
    response = client.get(path)
    assert response.status_code == status and response.headers["content-type"].startswith("text/html")
    assert text in response.text
    assert (
        "<script>alert" not in response.text
        and "default-src 'self'" in response.headers["content-security-policy"]
    )
    assert '<html lang="nb">' in response.text


def test_a_cut_off_ledd_is_never_shown_as_text(client, corpus):
    cut = corpus.laws["FOR-2011-12-06-1355"].sections["3-2"].ledd[6]
    page = client.get("/lov/organiseringsforskriften/3-2").text
    assert not cut.complete and cut.text not in page and "Leddet er avkuttet i kildene mine." in page


def test_the_reader_search_works_without_javascript(client):
    page = client.get("/lov/aml", params={"q": "overtid"}).text
    assert 'href="/lov/aml/10-6">§ 10-6 Overtid</a>' in page


def test_api_search_filtered_by_law(client):
    hits = client.get("/api/search", params={"q": "internkontroll", "law": "ik"}).json()
    assert hits and {(h["kind"], h["law_id"]) for h in hits} == {("law", IK)}
    unfiltered = client.get("/api/search", params={"q": "internkontroll"}).json()
    assert {h["kind"] for h in unfiltered} == {"faq", "law"}
    unknown = client.get("/api/search", params={"q": "x", "law": "ukjent"})
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "unknown_law"


FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def test_the_chat_form_without_javascript_posts_and_gets_an_answer_page(client, web_storage):
    response = client.post(
        "/svar", content="question=M%C3%A5+jeg+ha+HMS-kurs+som+daglig+leder%3F", headers=FORM
    )
    assert response.status_code == 200 and response.headers["cache-control"] == "no-store"
    assert "Loven sier at bedriftens øverste leder skal ha HMS kurs" in response.text
    assert 'href="/lov/aml/3-5#ledd-1"' in response.text
    assert web_storage.audit_rows()[-1]["source"] == "web"
    example = client.post("/svar", content="question=&example=Hva+er+HMS%3F", headers=FORM)
    assert example.status_code == 200 and "Hva er HMS?" in example.text
    empty = client.post("/svar", content="question=+", headers=FORM)
    assert empty.status_code == 400 and "Skriv et spørsmål først" in empty.text
    assert client.post("/svar", json={"question": "x"}).status_code == 400
    foreign = client.post("/svar", content="question=x", headers={**FORM, "Origin": "https://evil.example"})
    assert foreign.status_code == 403


def test_the_widget_check_answers_only_allowed_origins(client):
    assert client.get("/api/widget").json() == {"allowed": True}
    assert client.get("/api/widget", headers={"Origin": "http://127.0.0.1:8000"}).status_code == 200
    denied = client.get("/api/widget", headers={"Origin": "https://evil.example"})
    assert denied.status_code == 403 and "access-control-allow-origin" not in denied.headers


def test_the_chat_page_knows_the_question_limit_and_the_reader_names(client):
    page = client.get("/").text
    assert 'data-max-chars="2000"' in page and "Høyst 2000 tegn." in page
    assert "&quot;LOV-2005-06-17-62&quot;: &quot;aml&quot;" in page


def test_replace_events_carry_text_and_reason():
    assert replace_payload("tekst") == {"text": "tekst", "reason": REPLACED_REASON}
    assert replace_payload({"text": "", "reason": "Fordi."}) == {"text": "", "reason": "Fordi."}
    assert replace_payload({"text": "t"}) == {"text": "t", "reason": REPLACED_REASON}
