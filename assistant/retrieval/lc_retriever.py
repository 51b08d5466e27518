"""The hybrid retrieval as a LangChain retriever, for LangChain pipelines that want our ranked sources as
`Document`s (law sections verbatim, FAQ entries with their question) with the metadata a citation needs."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict


class HmsRetriever(BaseRetriever):
    """`HmsRetriever(assistant=Assistant(...), k=4).invoke("Må verneombudet ha 40 timers kurs?")`."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    assistant: Any
    k: int = 4

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        corpus = self.assistant.corpus
        docs = []
        for hit in self.assistant.search(query, k=self.k):
            if hit.kind == "law":
                section = corpus.laws[hit.law_id].sections[hit.section]
                docs.append(
                    Document(
                        page_content=section.text,
                        metadata={
                            "kind": "law",
                            "law_id": hit.law_id,
                            "section": hit.section,
                            "ref": hit.title,
                            "url": section.url,
                            "version_date": section.version_date,
                            "score": hit.score,
                        },
                    )
                )
            else:
                entry = corpus.faq[hit.faq_id]
                docs.append(
                    Document(
                        page_content=entry.answer,
                        metadata={
                            "kind": "faq",
                            "faq_id": entry.id,
                            "question": entry.question,
                            "score": hit.score,
                        },
                    )
                )
        return docs
