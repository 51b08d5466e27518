"""What every provider call of the LLM answerer shares: a slot of time before the answer's deadline, a client
timeout that ends with it, fault logging, and the one call that is not an answer: condensing a follow-up."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Sequence
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage
from langchain_core.runnables import Runnable

from assistant.llm.chain import build_condense_chain
from assistant.llm.counters import LLMMetrics
from assistant.llm.injection import is_injection
from assistant.llm.prompts import as_data, format_history
from assistant.llm.provider import fault_kind
from assistant.llm.threads import call_within
from assistant.question.followup import is_followup
from assistant.text import clean_question, words

log = logging.getLogger("hms.llm")

RESERVE_S = 0.5  # kept back from the deadline for the fallback and the response
MIN_CALL_S = 0.5  # no provider call with less time than this left
CONDENSE_SHARE = 0.25  # of the answer timeout, at most, for condensing a follow-up
MAX_CONDENSED_CHARS = 400
LABEL = re.compile(r"^(?:standalone question|question|spørsmål|selvstendig spørsmål)\s*:\s*", re.IGNORECASE)
REFERS_BACK = frozenset(
    "den de dem disse dette samme da også they them it this that these those same".split()
)


def refers_back(question: str) -> bool:
    """A question that leans on earlier ones: a follow-up, or a short question with a pronoun."""
    tokens = words(question)
    return is_followup(question) or (len(tokens) <= 12 and any(t in REFERS_BACK for t in tokens))


def _takes_timeout(model: BaseChatModel) -> bool:
    """OpenAI-compatible clients take a per-request timeout, so a call ends at the answer's deadline."""
    return any(c.__name__ == "BaseChatOpenAI" for c in type(model).__mro__)


class ProviderCalls:
    """Base of the LLM answerer: the model, its time budget and its counters."""

    def __init__(
        self,
        *,
        model: BaseChatModel,
        llm_timeout_s: float,
        answer_timeout_s: float,
        metrics: LLMMetrics | None,
    ):
        self.model = model
        self.llm_timeout_s = llm_timeout_s
        self.answer_timeout_s = answer_timeout_s
        self.metrics = metrics or LLMMetrics()
        self._per_call_timeout = _takes_timeout(model)

    def _call_deadline(self, deadline: float, cap_s: float) -> float | None:
        now = time.monotonic()
        end = min(now + cap_s, deadline - RESERVE_S)
        return end if end - now >= MIN_CALL_S else None

    def _model_until(self, end: float) -> Runnable[Any, BaseMessage]:
        """The model with a client timeout ending at ``end``: a call we stop waiting for frees its worker."""
        if not self._per_call_timeout:
            return self.model
        return self.model.bind(timeout=max(0.1, end - time.monotonic()))

    # -- follow-ups ----------------------------------------------------------------------------------
    def condense(self, question: str, history: Sequence[str], *, deadline: float | None = None) -> str | None:
        """The follow-up rewritten by the model as a standalone question; None (use the extractive
        condensation) when it is not a follow-up, tries to change the instructions, or the model fails."""
        if not history or not refers_back(question) or is_injection(question):
            return None
        deadline = deadline or time.monotonic() + self.answer_timeout_s
        end = self._call_deadline(deadline, min(self.llm_timeout_s, CONDENSE_SHARE * self.answer_timeout_s))
        if end is None:
            return None
        inputs: dict[str, object] = {
            "history": format_history([clean_question(h) for h in history[-4:]]),
            "question": as_data(question),
        }
        chain = build_condense_chain(self._model_until(end))
        self.metrics.count("condense_calls")
        try:
            text = call_within(lambda: chain.invoke(inputs), deadline=end)
        except Exception as exc:
            self._fault(exc, step="condense")
            return None
        standalone = LABEL.sub("", clean_question(text)).strip("\"'«» ")
        if not words(standalone) or len(standalone) > MAX_CONDENSED_CHARS or "\n" in text.strip():
            self.metrics.count("condense_rejected")
            return None
        return standalone

    def _fault(self, exc: BaseException, *, step: str) -> str:
        kind = fault_kind(exc)
        self.metrics.fault(kind)
        status = getattr(exc, "status_code", None)
        log.warning(
            "llm provider fault; using the extractive answer",
            extra={"step": step, "fault": kind, "error": type(exc).__name__, "status": status},
        )
        return kind
