"""The LangChain retriever adapter returns verbatim sources as Documents, exact references first."""

import pytest

from assistant.retrieval.lc_retriever import HmsRetriever

pytestmark = pytest.mark.integration


def test_invoke_returns_documents_with_citation_metadata(real_assistant, corpus):
    docs = HmsRetriever(assistant=real_assistant, k=4).invoke(
        "hva sier aml § 6-5 om opplæring av verneombud?"
    )
    assert 0 < len(docs) <= 4
    first = docs[0]
    assert first.metadata["kind"] == "law" and first.metadata["section"] == "6-5"
    assert first.page_content == corpus.laws["LOV-2005-06-17-62"].sections["6-5"].text
    assert first.metadata["url"] == "https://lovdata.no/lov/2005-06-17-62/§6-5"
    faq = [d for d in docs if d.metadata["kind"] == "faq"]
    assert all(d.page_content == corpus.faq[d.metadata["faq_id"]].answer for d in faq)
