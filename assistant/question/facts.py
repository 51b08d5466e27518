"""Questions that ask for one specific kind of fact (a percentage, a measured limit) are only answered when the
chosen source states such a fact (prices, course dates, seats, opening hours and contact details are the course
provider's facts: assistant.question.scope). Otherwise the
closest FAQ entry would be quoted in reply to a question it does not answer ("what does the course cost?")."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class FactKind:
    name: str
    asked: re.Pattern[str]  # the question asks for this kind of fact
    stated: re.Pattern[str]  # a source states one
    nb: str  # what the sources lack, in Norwegian
    en: str


IGNORE_CASE = re.IGNORECASE
FACT_KINDS = (
    FactKind(
        "percentage",
        re.compile(
            r"\b(hvor mange prosent|hvilken prosent\w*|prosentsats\w*|how many percent|what percentage)\b",
            IGNORE_CASE,
        ),
        re.compile(r"\d\s?(%|prosent)", IGNORE_CASE),
        "Kildene mine oppgir ingen prosentsats.",
        "My sources state no percentage.",
    ),
    FactKind(
        "amount",
        re.compile(r"\b(hvor mange kroner|i kroner|how many kroner|in kroner|in nok)\b", IGNORE_CASE),
        re.compile(r"\d\s?(kr\b|kroner|nok\b)", IGNORE_CASE),
        "Kildene mine oppgir ikke noe beløp i kroner.",
        "My sources state no amount in kroner.",
    ),
    FactKind(
        "measurement",
        re.compile(
            r"\b(desibel|decibel|db\b|grenseverdi\w*|kvadratmeter|kvm\b|meter høy|høyde|minimumstemperatur\w*|"
            r"maksimumstemperatur\w*|(laveste|høyeste|minste|minimum|maks|maksimal|maximum) temperatur\w*|"
            r"hvor mange grader|gradetall\w*|antall grader|lux|luxnivå\w*|(minimum|maximum|lowest|highest) temperature|how many degrees)\b",
            IGNORE_CASE,
        ),
        re.compile(r"\d\s?(db\b|desibel|decibel|kvm|m2|m²|meter|grader|°|lux)", IGNORE_CASE),
        "Kildene mine oppgir ingen slik grenseverdi eller måling.",
        "My sources state no such limit or measurement.",
    ),
)


def asked_fact(question: str) -> FactKind | None:
    return next((kind for kind in FACT_KINDS if kind.asked.search(question)), None)


def states(kind: FactKind, text: str) -> bool:
    return bool(kind.stated.search(text))
