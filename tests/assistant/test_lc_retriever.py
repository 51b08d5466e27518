"""The LangChain retriever adapter returns verbatim sources as Documents, exact references first."""

import pytest

from assistant import service
from assistant.infra.config import PROJECT_ROOT
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


def readme_example() -> str:
    """The Python block under the README's "From LangChain" heading."""
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### From LangChain", 1)[1]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


def test_the_readme_example_runs_as_written(real_assistant, monkeypatch, capsys):
    """The README's LangChain example, run verbatim; only the Assistant it builds is the test's (on the test
    index) instead of one on the default data directory."""
    monkeypatch.setattr(service, "Assistant", lambda **_: real_assistant)
    exec(compile(readme_example(), "README.md", "exec"), {"__name__": "readme_example"})
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("law aml § 6-5 ") and lines[0].endswith(
        " https://lovdata.no/lov/2005-06-17-62/§6-5"
    )
    assert lines[-1].startswith("['aml § 15-6 ") and "kind" not in lines[-1]  # the chain kept the law refs
