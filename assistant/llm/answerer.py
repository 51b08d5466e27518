"""LLMAnswerer: a natural answer from the same evidence the extractive answerer quotes, verified before it
is shown, retried once with the failure named, else the extractive answer (counted as a fallback).

The LLM is never called when the evidence is empty (abstention stays retrieval-driven), for a lookup, or
when the question names a section the corpus lacks. Provider faults (timeout, 429, 5xx, bad JSON, refused
connection) are logged and fall back within the answer's deadline; they never raise to the caller.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator, Sequence

from langchain_core.language_models import BaseChatModel

from assistant.answer import Draft, render
from assistant.config import Settings
from assistant.corpus import Corpus
from assistant.evidence import Evidence, Thresholds, select_evidence
from assistant.followup import is_followup
from assistant.formatting import Lang
from assistant.llm.chain import build_answer_chain, build_condense_chain, retry_feedback
from assistant.llm.deadline import call_within, stream_within
from assistant.llm.metrics import LLMMetrics
from assistant.llm.prompts import answer_inputs, format_history, sources_for
from assistant.llm.protocol import LLMEvent
from assistant.llm.provider import fault_kind, make_chat_model
from assistant.llm.render import clean_body, render_answer, render_tail
from assistant.llm.verify import Verifier
from assistant.retrieval import RetrievalResult
from assistant.text import clean_question, split_for_streaming, words

log = logging.getLogger("hms.llm")

RESERVE_S = 0.5  # kept back from the deadline for the fallback and the response
MIN_CALL_S = 0.5  # no provider call with less time than this left
CONDENSE_SHARE = 0.25  # of the answer timeout, at most, for condensing a follow-up
MAX_CONDENSED_CHARS = 400
LABEL = re.compile(r"^(?:standalone question|question|spørsmål|selvstendig spørsmål)\s*:\s*", re.IGNORECASE)
REFERS_BACK = frozenset(
    "den de dem disse dette samme da også they them it this that these those same".split()
)


def needs_generation(evidence: Evidence) -> bool:
    """Only an answer with sources to explain goes to the LLM; abstentions, lookups and questions about a
    section the corpus does not have keep the extractive answer."""
    has_sources = evidence.faq is not None or bool(evidence.citations)
    return has_sources and not evidence.lookup and not evidence.missing and evidence.unstated is None


def refers_back(question: str) -> bool:
    """A question that leans on earlier ones: a follow-up, or a short question with a pronoun."""
    tokens = words(question)
    return is_followup(question) or (len(tokens) <= 12 and any(t in REFERS_BACK for t in tokens))


class _Visible:
    """What the user has seen of a streamed answer: leading whitespace dropped, trailing held back."""

    def __init__(self) -> None:
        self.shown = ""
        self._held = ""

    def feed(self, piece: str) -> str:
        text = self._held + piece
        if not self.shown:
            text = text.lstrip()
        kept = text.rstrip()
        self._held = text[len(kept) :]
        self.shown += kept
        return kept


class LLMAnswerer:
    name = "llm"

    def __init__(
        self,
        *,
        corpus: Corpus,
        model: BaseChatModel,
        llm_timeout_s: float = 15.0,
        answer_timeout_s: float = 20.0,
        thresholds: Thresholds | None = None,
        metrics: LLMMetrics | None = None,
    ):
        self.corpus = corpus
        self.thresholds = thresholds or Thresholds()
        self.chain = build_answer_chain(model)
        self.condense_chain = build_condense_chain(model)
        self.llm_timeout_s = llm_timeout_s
        self.answer_timeout_s = answer_timeout_s
        self.metrics = metrics or LLMMetrics()
        self.verifier = Verifier(corpus)

    @classmethod
    def from_settings(cls, settings: Settings, *, corpus: Corpus) -> LLMAnswerer:
        """Build the chat model from HMS_LLM now, so a bad setting fails at start (LLMConfigError)."""
        return cls(
            corpus=corpus,
            model=make_chat_model(settings),
            llm_timeout_s=settings.llm_timeout_s,
            answer_timeout_s=settings.answer_timeout_s,
        )

    def _call_deadline(self, deadline: float, cap_s: float) -> float | None:
        now = time.monotonic()
        end = min(now + cap_s, deadline - RESERVE_S)
        return end if end - now >= MIN_CALL_S else None

    # -- follow-ups ----------------------------------------------------------------------------------
    def condense(self, question: str, history: Sequence[str], *, deadline: float | None = None) -> str | None:
        """The follow-up rewritten by the model as a standalone question; None (use the extractive
        condensation) when it is not a follow-up, or the model fails or answers with something else."""
        if not history or not refers_back(question):
            return None
        deadline = deadline or time.monotonic() + self.answer_timeout_s
        end = self._call_deadline(deadline, min(self.llm_timeout_s, CONDENSE_SHARE * self.answer_timeout_s))
        if end is None:
            return None
        inputs: dict[str, object] = {
            "history": format_history([clean_question(h) for h in history[-4:]]),
            "question": question,
        }
        self.metrics.count("condense_calls")
        try:
            text = call_within(lambda: self.condense_chain.invoke(inputs), deadline=end)
        except Exception as exc:
            self._fault(exc, step="condense")
            return None
        standalone = LABEL.sub("", clean_question(text)).strip("\"'«» ")
        if not words(standalone) or len(standalone) > MAX_CONDENSED_CHARS or "\n" in text.strip():
            self.metrics.count("condense_rejected")
            return None
        return standalone

    # -- answers -------------------------------------------------------------------------------------
    def answer(
        self, question: str, result: RetrievalResult, *, lang: Lang, deadline: float | None = None
    ) -> Draft:
        """The verified LLM answer, or the extractive one (never raises for a provider fault)."""
        draft = None
        for event in self._run(result, lang=lang, deadline=deadline, streaming=False):
            if event.kind == "draft":
                draft = event.data
        assert isinstance(draft, Draft)
        return draft

    def stream(
        self, question: str, result: RetrievalResult, *, lang: Lang, deadline: float | None = None
    ) -> Iterator[LLMEvent]:
        """'sources', then 'delta' tokens as they arrive, 'replace' when a streamed text is withdrawn (a
        failed verification or a fault), and last 'draft' with the final Draft."""
        return self._run(result, lang=lang, deadline=deadline, streaming=True)

    def _run(
        self, result: RetrievalResult, *, lang: Lang, deadline: float | None, streaming: bool
    ) -> Iterator[LLMEvent]:
        self.metrics.count("questions")
        evidence = select_evidence(self.corpus, result, self.thresholds)
        extractive = render(evidence, self.corpus, lang)
        if not needs_generation(evidence):
            self.metrics.count("skipped")
            yield LLMEvent("sources", extractive.citations)
            for piece in split_for_streaming(extractive.text):
                yield LLMEvent("delta", piece)
            yield LLMEvent("draft", extractive)
            return
        self.metrics.count("generated")
        deadline = deadline or time.monotonic() + self.answer_timeout_s
        sources = sources_for(evidence, self.corpus)
        yield LLMEvent("sources", [s.citation for s in sources])
        # The standalone question (after follow-up condensation) is the one retrieval answered.
        inputs: dict[str, object] = {**answer_inputs(result.question, sources, lang), "feedback": []}
        visible = _Visible()
        reason = "verification"
        for attempt in (1, 2):
            end = self._call_deadline(deadline, self.llm_timeout_s)
            if end is None:
                reason = "no_time"
                break
            started = time.perf_counter()
            try:
                if streaming:
                    raw = ""
                    for piece in stream_within(lambda: self.chain.stream(inputs), deadline=end):
                        raw += piece
                        shown = visible.feed(piece)
                        if shown:
                            yield LLMEvent("delta", shown)
                else:
                    raw = call_within(lambda: self.chain.invoke(inputs), deadline=end)
            except Exception as exc:
                self.metrics.attempt(generate_ms=_ms(started), verify_ms=None, problems=[])
                reason = f"provider:{self._fault(exc, step=f'answer attempt {attempt}')}"
                break
            generated_ms = _ms(started)
            checked = time.perf_counter()
            body = clean_body(raw)
            problems = self.verifier.check(body, sources)
            self.metrics.attempt(
                generate_ms=generated_ms, verify_ms=_ms(checked), problems=[p.kind for p in problems]
            )
            if not problems:
                self.metrics.count("verified_first_try" if attempt == 1 else "verified_after_retry")
                draft = render_answer(body, sources, evidence.gaps, self.corpus, lang)
                if streaming and visible.shown == body:
                    yield LLMEvent("delta", render_tail(body, sources, evidence.gaps, self.corpus, lang))
                elif streaming:
                    yield LLMEvent("replace", draft.text)
                yield LLMEvent("draft", draft)
                return
            log.warning(
                "llm answer failed verification",
                extra={"attempt": attempt, "problems": sorted({p.kind for p in problems}),
                       "prompt_sources": [s.id for s in sources]},
            )  # fmt: skip
            inputs["feedback"] = retry_feedback(raw, [p.message for p in problems])
            if streaming and visible.shown and attempt == 1:
                yield LLMEvent("replace", "")  # withdraw the rejected text before the retry streams
                visible = _Visible()
        self.metrics.fallback(reason)
        fallback = Draft(
            text=extractive.text,
            citations=extractive.citations,
            gaps=extractive.gaps,
            abstained=extractive.abstained,
            mode="llm-fallback",
        )
        if streaming:
            yield LLMEvent("replace", fallback.text)
        yield LLMEvent("draft", fallback)

    def _fault(self, exc: BaseException, *, step: str) -> str:
        kind = fault_kind(exc)
        self.metrics.fault(kind)
        status = getattr(exc, "status_code", None)
        log.warning(
            "llm provider fault; using the extractive answer",
            extra={"step": step, "fault": kind, "error": type(exc).__name__, "status": status},
        )
        return kind


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000
