"""The Assistant: the one object every front end talks to. Build it once per process."""

from __future__ import annotations

import logging
import os
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.answer import Answerer, Draft, make_answerer
from assistant.config import Settings
from assistant.corpus import Corpus, load_corpus
from assistant.embeddings import Embedder, make_embedder
from assistant.evidence import format_ref
from assistant.followup import condense
from assistant.formatting import Lang, label
from assistant.glossary import Glossary
from assistant.lookup import section_view, table_of_contents
from assistant.observability import request_id_var
from assistant.retrieval import FusionConfig, HybridRetriever, RetrievalResult
from assistant.store import IndexManifest, IndexNotReady, IndexStore
from assistant.text import clean_question, guess_language
from assistant.types import Answer, Citation, LawCitation, SearchHit, SectionView, TableOfContents
from assistant.validation import validate_question
from assistant.verify import citation_problems

log = logging.getLogger("hms.assistant")

RELOAD_CHECK_S = 1.0


@dataclass
class LoadedIndex:
    version: str
    manifest: IndexManifest
    retriever: HybridRetriever


@dataclass
class Trace:
    answer: Answer
    retrieval: RetrievalResult
    draft: Draft
    dropped: list[str]


@dataclass
class StreamEvent:
    """One streaming event. Kinds, in order: 'sources' (list of citations, always first), any number of
    'delta' (a str piece of the answer text; an LLM's is a draft until 'done'), optionally 'replace' ({'text',
    'reason'}: the text replaces what was streamed, and the reason is one sentence in the question's language
    saying why, e.g. the quoted sources replacing an LLM answer that failed verification; text '' withdraws a
    rejected draft before the retry streams), then 'done' (the Answer: .answer the final text, .mode 'llm' for
    an AI-written, verified answer, else 'llm-fallback' or 'extractive'). In LLM mode 'sources' lists the
    sources the model was given; 'done' carries the ones the answer cites."""

    kind: str
    data: Any


class Assistant:
    def __init__(
        self,
        *,
        settings: Settings,
        corpus: Corpus | None = None,
        embedder: Embedder | None = None,
        store: IndexStore | None = None,
        answerer: Answerer | None = None,
        fusion: FusionConfig | None = None,
    ):
        self.settings = settings
        self.corpus = corpus or load_corpus(settings.corpus_dir)
        if embedder is None:
            threads = settings.embedding_threads or max(1, (os.cpu_count() or 1) // max(1, settings.workers))
            embedder = make_embedder(settings.embedding_model, threads=threads)
        self.embedder = embedder
        self.store = store or IndexStore(
            index_dir=settings.index_dir, chroma_url=settings.chroma_url, collection=settings.collection
        )
        self.answerer = answerer or make_answerer(settings, corpus=self.corpus)  # HMS_LLM picks the LLM
        self.fusion = fusion or FusionConfig()
        self.glossary = Glossary(self.corpus.glossary)
        self._index: LoadedIndex | None = None
        self._not_ready: str | None = None
        self._checked_at = 0.0
        self._lock = threading.Lock()

    # -- index lifecycle ----------------------------------------------------------------------------
    def _load(self, version: str) -> LoadedIndex:
        manifest = self.store.manifest(version)
        if manifest.model != self.embedder.name:
            raise IndexNotReady(
                f"Indeksen er bygget med {manifest.model}, men tjenesten bruker {self.embedder.name}. "
                "Kjør `hms ingest` for å bygge den på nytt.",
                code="index_stale_model",
            )
        if manifest.corpus_hash != self.corpus.content_hash:
            raise IndexNotReady(
                "Indeksen er bygget fra et annet korpus enn det tjenesten har lastet. Kjør `hms ingest`.",
                code="index_stale_corpus",
            )
        collection = self.store.open(version)
        records = self.store.read_all(collection)
        if len(records) != manifest.chunk_count:
            raise IndexNotReady(
                f"Indeksen {version} er ufullstendig ({len(records)} av {manifest.chunk_count} biter).",
                code="index_corrupt",
            )
        retriever = HybridRetriever(
            corpus=self.corpus,
            collection=collection,
            records=records,
            embedder=self.embedder,
            fusion=self.fusion,
        )
        return LoadedIndex(version, manifest, retriever)

    def refresh(self, *, force: bool = False) -> LoadedIndex:
        """Load the current index version if it changed; raise IndexNotReady with the reason if none."""
        now = time.monotonic()
        if not force and self._index is not None and now - self._checked_at < RELOAD_CHECK_S:
            return self._index
        with self._lock:
            self._checked_at = now
            try:
                version = self.store.current_version()
                if version is None:
                    raise IndexNotReady(
                        "Det finnes ingen indeks ennå. Kjør `hms ingest`.", code="index_missing"
                    )
                if self._index is None or self._index.version != version:
                    self._index = self._load(version)
                    log.info("index loaded", extra={"index_version": version})
                self._not_ready = None
                return self._index
            except IndexNotReady as exc:
                self._not_ready = exc.reason
                self._index = None
                raise
            except Exception as exc:  # a broken store must not crash the service
                self._index = None
                self._not_ready = f"Indeksen kan ikke leses ({type(exc).__name__})."
                raise IndexNotReady(self._not_ready, code="index_corrupt") from exc

    def readiness(self) -> tuple[bool, str, str | None]:
        """(ready, reason, index version) for /readyz."""
        try:
            index = self.refresh(force=True)
            return True, "ok", index.version
        except IndexNotReady as exc:
            return False, exc.reason, None

    @property
    def index_version(self) -> str | None:
        return self._index.version if self._index else None

    # -- answering ----------------------------------------------------------------------------------
    def retrieve(
        self, question: str, *, history: Sequence[str] = (), deadline: float | None = None
    ) -> RetrievalResult:
        index = self.refresh()
        standalone = self.answerer.condense(question, history, deadline=deadline) if history else None
        standalone = standalone or condense(question, history, self.glossary)
        try:
            return index.retriever.retrieve(standalone)
        except IndexNotReady as exc:
            with self._lock:  # drop the broken index; the next request reloads it once the store is back
                self._index, self._not_ready = None, exc.reason
            raise

    def _finish(
        self, question: str, draft: Draft, lang: str, started: float, *, dropped: list[str]
    ) -> Answer:
        citations = []
        for citation in draft.citations:
            if isinstance(citation, LawCitation):
                problems = citation_problems(citation, self.corpus)
                if problems:  # never show a citation that does not check out
                    log.error("dropped unverifiable citation %s: %s", citation.ref, problems)
                    dropped.append(f"{citation.ref}: {'; '.join(problems)}")
                    continue
            citations.append(citation)
        law_dates = [c.version_date for c in citations if isinstance(c, LawCitation)]
        disclaimer = label("disclaimer", lang)  # type: ignore[arg-type]
        return Answer(
            question=question,
            answer=f"{draft.text}\n\n{disclaimer}",
            abstained=draft.abstained,
            law_as_of=law_dates[0] if law_dates else None,
            latency_ms=round((time.perf_counter() - started) * 1000, 2),
            citations=citations,
            gaps=draft.gaps,
            answer_id=uuid.uuid4().hex,
            language=lang,  # type: ignore[arg-type]
            mode=draft.mode,
            disclaimer=disclaimer,
            request_id=request_id_var.get(),
        )

    def ask(
        self, question: str, *, history: Sequence[str] = (), max_answer_chars: int | None = None
    ) -> Answer:
        """Answer one question; raises InvalidQuestion for bad input and IndexNotReady without an index.
        ``max_answer_chars`` caps an LLM's prose for a front end with a lower limit (Slack)."""
        return self.ask_traced(question, history=history, max_answer_chars=max_answer_chars).answer

    def ask_traced(
        self, question: str, *, history: Sequence[str] = (), max_answer_chars: int | None = None
    ) -> Trace:
        """ask(), keeping the retrieval result, the draft and any citation dropped by verification."""
        started = time.perf_counter()
        validate_question(question, max_chars=self.settings.max_question_chars)
        text = clean_question(question)
        lang: Lang = "en" if guess_language(text) == "en" else "nb"
        deadline = time.monotonic() + self.settings.answer_timeout_s
        result = self.retrieve(text, history=[clean_question(h) for h in history], deadline=deadline)
        draft = self.answerer.answer(text, result, lang=lang, deadline=deadline, max_chars=max_answer_chars)
        dropped: list[str] = []
        answer = self._finish(text, draft, lang, started, dropped=dropped)
        return Trace(answer=answer, retrieval=result, draft=draft, dropped=dropped)

    def search(self, query: str, *, k: int = 10) -> list[SearchHit]:
        """Ranked FAQ entries and law sections for a query, without an answer (GET /api/search)."""
        validate_question(query, max_chars=self.settings.max_question_chars)
        result = self.retrieve(clean_question(query))
        hits: list[SearchHit] = []
        for h in sorted([*result.faq[:k], *result.law[:k]], key=lambda h: (not h.exact, -h.score))[:k]:
            if h.kind == "faq":
                entry = self.corpus.faq[str(h.metadata["faq_id"])]
                hits.append(
                    SearchHit(
                        kind="faq",
                        key=h.key,
                        score=round(h.score, 4),
                        title=entry.question,
                        faq_id=entry.id,
                        snippet=entry.answer[:240],
                    )
                )
            else:
                law_id, number = str(h.metadata["law_id"]), str(h.metadata["section"])
                sec = self.corpus.laws[law_id].sections[number]
                hits.append(
                    SearchHit(
                        kind="law",
                        key=h.key,
                        score=round(h.score, 4),
                        law_id=law_id,
                        section=number,
                        url=sec.url,
                        title=f"{format_ref(self.corpus, law_id, number, None, None)} {sec.title or ''}".strip(),
                        snippet=sec.text[:240],
                    )
                )
        return hits

    def section(self, law: str, section: str) -> SectionView:
        """The verbatim section; raises lookup.UnknownLaw / lookup.UnknownSection."""
        return section_view(self.corpus, law, section)

    def table_of_contents(self, law: str) -> TableOfContents:
        return table_of_contents(self.corpus, law)

    def _shown(self, citation: Citation) -> bool:
        """A law citation is shown only when it checks out against the corpus."""
        return not isinstance(citation, LawCitation) or not citation_problems(citation, self.corpus)

    def stream(
        self, question: str, *, history: Sequence[str] = (), max_answer_chars: int | None = None
    ) -> Iterator[StreamEvent]:
        """The answer as events (see StreamEvent): sources first, then the text in pieces (an LLM's tokens as
        they are generated), then the whole Answer."""
        started = time.perf_counter()
        deadline = time.monotonic() + self.settings.answer_timeout_s
        validate_question(question, max_chars=self.settings.max_question_chars)
        text = clean_question(question)
        lang: Lang = "en" if guess_language(text) == "en" else "nb"
        result = self.retrieve(text, history=[clean_question(h) for h in history], deadline=deadline)
        draft: Draft | None = None
        shown = ""
        events = self.answerer.stream(text, result, lang=lang, deadline=deadline, max_chars=max_answer_chars)
        for event in events:
            if event.kind == "draft":
                draft = event.data
            elif event.kind == "sources":
                yield StreamEvent("sources", [c for c in event.data if self._shown(c)])
            else:
                shown = shown + event.data if event.kind == "delta" else event.data["text"]
                yield StreamEvent(event.kind, event.data)
        assert draft is not None
        answer = self._finish(text, draft, lang, started, dropped=[])
        if answer.answer.startswith(shown) and answer.answer != shown:
            yield StreamEvent("delta", answer.answer[len(shown) :])  # the disclaimer
        elif not answer.answer.startswith(
            shown
        ):  # never expected: the streamed text is not the answer's start; the answer wins
            log.error("streamed text differs from the answer", extra={"mode": answer.mode})
            yield StreamEvent("replace", {"text": answer.answer, "reason": ""})
        yield StreamEvent("done", answer)
