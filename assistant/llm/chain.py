"""The LCEL chains, the same for every provider: prompt | chat model (the answer keeps the message, whose
metadata says whether the reply is complete) | text (the condensed question)."""

from __future__ import annotations

from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate, MessagesPlaceholder
from langchain_core.runnables import Runnable

from assistant.llm.prompts import (
    ANSWER_HUMAN,
    ANSWER_SYSTEM,
    CONDENSE_HUMAN,
    CONDENSE_SYSTEM,
    PROMPT_VERSION,
    RETRY_HUMAN,
    format_problems,
)

AnswerChain = Runnable[dict[str, object], BaseMessage]
CondenseChain = Runnable[dict[str, object], str]


def answer_prompt() -> ChatPromptTemplate:
    """System rules, then the sources and the question, then (on a retry) the rejected answer and why."""
    return ChatPromptTemplate.from_messages(
        [("system", ANSWER_SYSTEM), ("human", ANSWER_HUMAN), MessagesPlaceholder("feedback", optional=True)]
    )


def build_answer_chain(model: Runnable[Any, BaseMessage]) -> AnswerChain:
    """Inputs: language, abstain, sources, question and optional feedback messages; output: the message."""
    chain = answer_prompt() | model
    return chain.with_config(run_name="hms_answer", metadata={"prompt_version": PROMPT_VERSION})


def build_condense_chain(model: Runnable[Any, BaseMessage]) -> CondenseChain:
    """Inputs: history (numbered earlier questions) and question; output: a standalone question."""
    prompt = ChatPromptTemplate.from_messages([("system", CONDENSE_SYSTEM), ("human", CONDENSE_HUMAN)])
    chain = prompt | model | StrOutputParser()
    return chain.with_config(run_name="hms_condense", metadata={"prompt_version": PROMPT_VERSION})


def retry_feedback(previous: str, problems: list[str]) -> list[BaseMessage]:
    """The messages that name the failure for the one retry."""
    return [
        AIMessage(content=previous),
        HumanMessage(content=RETRY_HUMAN.format(problems=format_problems(problems))),
    ]
