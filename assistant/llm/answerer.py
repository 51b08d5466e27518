"""LLMAnswerer: a natural answer from the same evidence the extractive answerer quotes, verified before it
is shown, retried once with the failure named, else the extractive answer (counted as a fallback).

The LLM is never called when the evidence is empty (abstention stays retrieval-driven), for a lookup, when
the question names a section the corpus lacks, or when the question tries to change or reveal the
instructions (refused). Only complete replies count: a length cut, a content filter, a dropped connection or
a stream without [DONE] falls back, as does every provider fault (timeout, 429, 5xx, bad JSON, refused
connection), within the answer's deadline; none raises to the caller. An uncited "the sources do not answer
this" is an abstention; an answer that repeats the instructions becomes the refusal.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field

from langchain_core.language_models import BaseChatModel

from assistant.answer.protocol import AnswerEvent, Draft
from assistant.answer.render import render
from assistant.evidence.select import Evidence, Thresholds, select_evidence
from assistant.formatting import Lang, label
from assistant.infra.config import Settings
from assistant.llm.answer_text import clean_body, render_answer, render_tail
from assistant.llm.calls import ProviderCalls
from assistant.llm.chain import build_answer_chain, retry_feedback
from assistant.llm.checks import Problem, Verifier
from assistant.llm.counters import LLMMetrics
from assistant.llm.generate import Visible, generate
from assistant.llm.injection import is_injection
from assistant.llm.messages import REFUSAL, most_telling, other, withdrawn
from assistant.llm.prompts import Source, answer_inputs, sources_for
from assistant.llm.provider import make_chat_model
from assistant.retrieval.hits import RetrievalResult
from assistant.sources.corpus import Corpus
from assistant.text import split_for_streaming

log = logging.getLogger("hms.llm")

SOURCE_LIST_ROOM = 600  # characters a model's own source list may add (it is dropped) before a stream is cut


def needs_generation(evidence: Evidence) -> bool:
    """Only an answer with sources to explain goes to the LLM; abstentions, lookups and questions about a
    section the corpus does not have keep the extractive answer."""
    has_sources = evidence.faq is not None or bool(evidence.citations)
    return has_sources and not evidence.lookup and not evidence.missing and evidence.unstated is None


def refusal(lang: Lang) -> Draft:
    """What a question that tries to change or reveal the instructions gets: no answer, no sources."""
    return Draft(text=REFUSAL[lang], abstained=True, mode="extractive")


def _emit(draft: Draft) -> Iterator[AnswerEvent]:
    yield AnswerEvent("sources", draft.citations)
    for piece in split_for_streaming(draft.text):
        yield AnswerEvent("delta", piece)
    yield AnswerEvent("draft", draft)


@dataclass
class _Attempt:
    """One answer being generated: what the model is given and what its reply is checked against."""

    question: str
    result: RetrievalResult
    sources: list[Source]
    evidence: Evidence
    lang: Lang
    streaming: bool
    cap: int
    visible: Visible = field(default_factory=Visible)

    @property
    def asked(self) -> str:
        return f"{self.question}\n{self.result.question}"  # as typed, and as condensed


class LLMAnswerer(ProviderCalls):
    name = "llm"

    def __init__(
        self,
        *,
        corpus: Corpus,
        model: BaseChatModel,
        llm_timeout_s: float = 15.0,
        answer_timeout_s: float = 20.0,
        max_answer_chars: int = 2000,
        thresholds: Thresholds | None = None,
        metrics: LLMMetrics | None = None,
    ):
        super().__init__(
            model=model, llm_timeout_s=llm_timeout_s, answer_timeout_s=answer_timeout_s, metrics=metrics
        )
        self.corpus = corpus
        self.thresholds = thresholds or Thresholds()
        self.max_answer_chars = max_answer_chars
        self.verifier = Verifier(corpus)

    @classmethod
    def from_settings(cls, settings: Settings, *, corpus: Corpus) -> LLMAnswerer:
        """Build the chat model from HMS_LLM now, so a bad setting fails at start (LLMConfigError)."""
        return cls(
            corpus=corpus,
            model=make_chat_model(settings),
            llm_timeout_s=settings.llm_timeout_s,
            answer_timeout_s=settings.answer_timeout_s,
            max_answer_chars=settings.llm_max_answer_chars,
        )

    # -- answers -------------------------------------------------------------------------------------
    def answer(
        self,
        question: str,
        result: RetrievalResult,
        *,
        lang: Lang,
        deadline: float | None = None,
        max_chars: int | None = None,
    ) -> Draft:
        """The verified LLM answer, an abstention, the refusal, or the extractive one (never raises for a
        provider fault)."""
        draft = None
        for event in self._run(question, result, lang, deadline, streaming=False, max_chars=max_chars):
            if event.kind == "draft":
                draft = event.data
        assert isinstance(draft, Draft)
        return draft

    def stream(
        self,
        question: str,
        result: RetrievalResult,
        *,
        lang: Lang,
        deadline: float | None = None,
        max_chars: int | None = None,
    ) -> Iterator[AnswerEvent]:
        """'sources', then 'delta' tokens as they arrive (a draft until verified), 'replace' ({text, reason})
        when a streamed text is withdrawn, and last 'draft' with the final Draft."""
        return self._run(question, result, lang, deadline, streaming=True, max_chars=max_chars)

    def _run(
        self,
        question: str,
        result: RetrievalResult,
        lang: Lang,
        deadline: float | None,
        *,
        streaming: bool,
        max_chars: int | None,
    ) -> Iterator[AnswerEvent]:
        self.metrics.count("questions")
        if is_injection(question) or is_injection(result.question):
            self.metrics.count("refused")
            yield from _emit(refusal(lang))
            return
        evidence = select_evidence(self.corpus, result, self.thresholds)
        extractive = render(evidence, self.corpus, lang)
        if not needs_generation(evidence):
            self.metrics.count("skipped")
            yield from _emit(extractive)
            return
        self.metrics.count("generated")
        sources = sources_for(evidence, self.corpus)
        yield AnswerEvent("sources", [s.citation for s in sources])
        deadline = deadline or time.monotonic() + self.answer_timeout_s
        cap = max_chars or self.max_answer_chars
        attempt = _Attempt(question, result, sources, evidence, lang, streaming=streaming, cap=cap)
        reason = yield from self._generate(attempt, deadline)
        if reason is None:
            return
        self.metrics.fallback("verification" if reason.startswith("verification") else reason)
        fallback = Draft(
            text=extractive.text,
            citations=extractive.citations,
            gaps=extractive.gaps,
            abstained=extractive.abstained,
            mode="llm-fallback",
        )
        if streaming:
            yield AnswerEvent("replace", {"text": fallback.text, "reason": withdrawn(reason, lang)})
        yield AnswerEvent("draft", fallback)

    def _generate(self, a: _Attempt, deadline: float) -> Generator[AnswerEvent, None, str | None]:
        """Up to two generations; None once a draft is out, else why the extractive answer replaces them."""
        inputs: dict[str, object] = {**answer_inputs(a.result.question, a.sources, a.lang), "feedback": []}
        reason = "verification"
        for attempt in (1, 2):
            end = self._call_deadline(deadline, self.llm_timeout_s)
            if end is None:
                return "no_time"
            started = time.perf_counter()
            chain = build_answer_chain(self._model_until(end))
            try:
                reply = yield from generate(
                    chain,
                    inputs,
                    end=end,
                    streaming=a.streaming,
                    max_chars=a.cap + SOURCE_LIST_ROOM,
                    visible=a.visible,
                )
            except Exception as exc:
                self.metrics.attempt(generate_ms=_ms(started), verify_ms=None, problems=[])
                return f"provider:{self._fault(exc, step=f'answer attempt {attempt}')}"
            generated_ms, checked = _ms(started), time.perf_counter()
            if reply.cut is not None:
                self.metrics.attempt(generate_ms=generated_ms, verify_ms=None, problems=[])
                log.warning("llm reply incomplete", extra={"attempt": attempt, "cut": reply.cut})
                return "too_long" if reply.cut == "too_long" else f"incomplete:{reply.cut}"
            body = clean_body(reply.text)
            problems = self.verifier.check(
                body, a.sources, question=a.asked, lang=a.lang, gaps=a.evidence.gaps, max_chars=a.cap
            )
            kinds = [p.kind for p in problems]
            self.metrics.attempt(generate_ms=generated_ms, verify_ms=_ms(checked), problems=kinds)
            if (yield from self._settle(body, problems, a, attempt)):
                return None
            if "too_long" in kinds:
                return "too_long"
            reason = f"verification:{most_telling(kinds)}"
            log.warning(
                "llm answer failed verification",
                extra={
                    "attempt": attempt,
                    "problems": sorted(set(kinds)),
                    "prompt_sources": [s.id for s in a.sources],
                },
            )
            inputs["feedback"] = retry_feedback(reply.text, [p.message for p in problems])
            # Withdraw the rejected text before the retry streams.
            if a.streaming and a.visible.shown and attempt == 1:
                yield AnswerEvent("replace", {"text": "", "reason": other("retry", a.lang)})
                a.visible = Visible()
        return reason

    def _settle(
        self, body: str, problems: list[Problem], a: _Attempt, attempt: int
    ) -> Generator[AnswerEvent, None, bool]:
        """Emit the final draft when the reply may be shown (verified, an abstention) or must be refused."""
        if any(p.kind == "prompt_leak" for p in problems):
            self.metrics.count("refused")
            return (yield from self._final(refusal(a.lang), a, "refused"))
        if problems:
            return False
        self.metrics.count("verified_first_try" if attempt == 1 else "verified_after_retry")
        if self.verifier.is_abstention(body):  # shown in our words, with the pointer to Arbeidstilsynet
            self.metrics.count("abstained")
            text = label("abstain", a.lang) + render_tail("", [], a.evidence.gaps, self.corpus, a.lang)
            abstention = Draft(text=text, gaps=list(a.evidence.gaps), abstained=True, mode="llm")
            return (yield from self._final(abstention, a, "abstain"))
        draft = render_answer(body, a.sources, a.evidence.gaps, self.corpus, a.lang)
        if a.streaming and a.visible.shown == body:
            yield AnswerEvent("delta", draft.text[len(body) :])
            yield AnswerEvent("draft", draft)
            return True
        return (yield from self._final(draft, a, "verified"))

    def _final(self, draft: Draft, a: _Attempt, why: str) -> Generator[AnswerEvent, None, bool]:
        if a.streaming:
            yield AnswerEvent("replace", {"text": draft.text, "reason": other(why, a.lang)})
        yield AnswerEvent("draft", draft)
        return True


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000
