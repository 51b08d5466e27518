"""The Assistant: the one object every front end talks to. Build it once per process."""

from __future__ import annotations

import logging
import os
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.answer.protocol import Answerer, Draft
from assistant.formatting import Lang, label
from assistant.index.errors import IndexNotReady
from assistant.index.versions import IndexStore
from assistant.infra.config import Settings
from assistant.infra.deadline import Deadline
from assistant.infra.logs import request_id_var
from assistant.infra.metrics import observe_answer
from assistant.live import LiveIndex, LoadedIndex
from assistant.question.followup import condense
from assistant.question.validation import validate_question
from assistant.references.lookup import find_law, format_ref, section_view, table_of_contents
from assistant.retrieval.embeddings import Embedder, make_embedder
from assistant.retrieval.fusion import FusionConfig
from assistant.retrieval.hits import RetrievalResult
from assistant.sources.corpus import Corpus, load_corpus
from assistant.sources.glossary import Glossary
from assistant.text import clean_question, guess_language
from assistant.types import Answer, Citation, LawCitation, SearchHit, SectionView, TableOfContents
from assistant.verify.corpus_check import citation_problems

log = logging.getLogger("hms.assistant")


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
        if corpus is None and (settings.corpus_dir / "faq.yaml").is_file():
            corpus = load_corpus(settings.corpus_dir)
        if embedder is None:
            threads = settings.embedding_threads or max(1, (os.cpu_count() or 1) // max(1, settings.workers))
            embedder = make_embedder(settings.embedding_model, threads=threads)
        self.embedder = embedder
        self.store = store or IndexStore.from_settings(settings, serving=True)
        self.fusion = fusion or FusionConfig()
        self.live = LiveIndex(
            settings=settings,
            store=self.store,
            embedder=embedder,
            fusion=self.fusion,
            corpus=corpus,
            answerer=answerer,
        )

    @property
    def corpus(self) -> Corpus:
        """The corpus of the live index (or the one given / found on disk before an index is loaded)."""
        return self.live.corpus

    @property
    def answerer(self) -> Answerer:
        return self.live.answerer

    @property
    def glossary(self) -> Glossary:
        return self.live.glossary

    def refresh(self, *, force: bool = False) -> LoadedIndex:
        """The live index (see assistant.live); raises IndexNotReady with the reason."""
        return self.live.refresh(force=force)

    def readiness(self) -> tuple[bool, str, str | None]:
        """(ready, reason, index version) for /readyz."""
        return self.live.readiness()

    @property
    def index_version(self) -> str | None:
        index = self.live.current
        return index.version if index else None

    # -- answering ----------------------------------------------------------------------------------
    def retrieve(
        self, question: str, *, history: Sequence[str] = (), deadline: float | None = None
    ) -> RetrievalResult:
        return self._retrieve(self.refresh(), question, history=history, deadline=deadline)

    def _retrieve(
        self, index: LoadedIndex, question: str, *, history: Sequence[str], deadline: float | None
    ) -> RetrievalResult:
        standalone = index.answerer.condense(question, history, deadline=deadline) if history else None
        standalone = standalone or condense(question, history, index.glossary)
        try:
            return index.retriever.retrieve(standalone)
        except IndexNotReady as exc:
            self.live.failed(index, exc)
            raise

    def _finish(
        self, question: str, draft: Draft, lang: str, started: float, *, dropped: list[str], corpus: Corpus
    ) -> Answer:
        citations = []
        for citation in draft.citations:
            if isinstance(citation, LawCitation):
                problems = citation_problems(citation, corpus)
                if problems:  # never show a citation that does not check out
                    log.error("dropped unverifiable citation %s: %s", citation.ref, problems)
                    dropped.append(f"{citation.ref}: {'; '.join(problems)}")
                    continue
            citations.append(citation)
        law_dates = [c.version_date for c in citations if isinstance(c, LawCitation)]
        disclaimer = label("disclaimer", lang)  # type: ignore[arg-type]
        answer = Answer(
            question=question,
            answer=draft.text,
            abstained=draft.abstained,
            short_answer=draft.short_answer,
            contents=getattr(draft, "contents", None),
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
        observe_answer(answer, dropped=len(dropped))
        return answer

    def ask(
        self,
        question: str,
        *,
        history: Sequence[str] = (),
        deadline: Deadline | None = None,
        max_answer_chars: int | None = None,
    ) -> Answer:
        """Answer one question; raises InvalidQuestion for bad input and IndexNotReady without an index.
        With ``deadline``, DeadlinePassed once it expires (or is cancelled) between steps.
        ``max_answer_chars`` caps an LLM's prose for a front end with a lower limit (Slack)."""
        return self.ask_traced(
            question, history=history, deadline=deadline, max_answer_chars=max_answer_chars
        ).answer

    def ask_traced(
        self,
        question: str,
        *,
        history: Sequence[str] = (),
        deadline: Deadline | None = None,
        max_answer_chars: int | None = None,
    ) -> Trace:
        """ask(), keeping the retrieval result, the draft and any citation dropped by verification."""
        started = time.perf_counter()
        validate_question(question, max_chars=self.settings.max_question_chars)
        text = clean_question(question)
        lang: Lang = "en" if guess_language(text) == "en" else "nb"
        due = deadline.at if deadline else time.monotonic() + self.settings.answer_timeout_s
        index = self.refresh()  # one index (and its corpus) for the whole answer
        if deadline:
            deadline.check("retrieval")
        result = self._retrieve(index, text, history=[clean_question(h) for h in history], deadline=due)
        if deadline:
            deadline.check("answer")
        draft = index.answerer.answer(text, result, lang=lang, deadline=due, max_chars=max_answer_chars)
        dropped: list[str] = []
        answer = self._finish(text, draft, lang, started, dropped=dropped, corpus=index.corpus)
        return Trace(answer=answer, retrieval=result, draft=draft, dropped=dropped)

    def search(self, query: str, *, k: int = 10, law: str | None = None) -> list[SearchHit]:
        """Ranked FAQ entries and law sections for a query, without an answer (GET /api/search). With
        ``law`` (an id or alias; lookup.UnknownLaw if unknown), only that law's sections."""
        validate_question(query, max_chars=self.settings.max_question_chars)
        index = self.refresh()
        corpus = index.corpus
        law_id = find_law(corpus, law).law_id if law else None
        result = self._retrieve(index, clean_question(query), history=(), deadline=None)
        faq = [] if law_id else result.faq[:k]
        sections = [h for h in result.law if law_id is None or h.metadata.get("law_id") == law_id][:k]
        hits: list[SearchHit] = []
        for h in sorted([*faq, *sections], key=lambda h: (not h.exact, -h.score))[:k]:
            if h.kind == "faq":
                entry = corpus.faq[str(h.metadata["faq_id"])]
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
                sec = corpus.laws[law_id].sections[number]
                hits.append(
                    SearchHit(
                        kind="law",
                        key=h.key,
                        score=round(h.score, 4),
                        law_id=law_id,
                        section=number,
                        url=sec.url,
                        title=f"{format_ref(corpus, law_id, number, None, None)} {sec.title or ''}".strip(),
                        snippet=sec.text[:240],
                    )
                )
        return hits

    def section(self, law: str, section: str) -> SectionView:
        """The verbatim section; raises lookup.UnknownLaw / lookup.UnknownSection."""
        return section_view(self.corpus, law, section)

    def table_of_contents(self, law: str) -> TableOfContents:
        return table_of_contents(self.corpus, law)

    @staticmethod
    def _shown(citation: Citation, corpus: Corpus) -> bool:
        """A law citation is shown only when it checks out against the corpus."""
        return not isinstance(citation, LawCitation) or not citation_problems(citation, corpus)

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
        index = self.refresh()
        result = self._retrieve(index, text, history=[clean_question(h) for h in history], deadline=deadline)
        draft: Draft | None = None
        shown = ""
        events = index.answerer.stream(text, result, lang=lang, deadline=deadline, max_chars=max_answer_chars)
        for event in events:
            if event.kind == "draft":
                draft = event.data
            elif event.kind == "sources":
                yield StreamEvent("sources", [c for c in event.data if self._shown(c, index.corpus)])
            else:
                shown = shown + event.data if event.kind == "delta" else event.data["text"]
                yield StreamEvent(event.kind, event.data)
        assert draft is not None
        answer = self._finish(text, draft, lang, started, dropped=[], corpus=index.corpus)
        if not answer.answer.startswith(shown):  # never expected: the streamed text is not the answer's start
            log.error("streamed text differs from the answer", extra={"mode": answer.mode})
            yield StreamEvent("replace", {"text": answer.answer, "reason": ""})
        yield StreamEvent("done", answer)
