"""Questions that ask for one specific kind of fact (a price, opening hours, a phone number, a date, a
percentage, a measured limit) are only answered when the chosen source states such a fact. Otherwise the
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
        "price",
        re.compile(
            r"\b(hva koster|koste[rt]?\b|pris(en|er)?\b|kroner|kr\b|nok\b|how much (does|do|is|are|will)|"
            r"\bcosts?\b|\bprice\b|\bfee\b)",
            IGNORE_CASE,
        ),
        re.compile(r"\d[\d .]*\s?(kr\b|kroner|,-|nok\b)|(kr|nok)\s?\d", IGNORE_CASE),
        "Kildene mine oppgir ingen pris.",
        "My sources state no price.",
    ),
    FactKind(
        "opening_hours",
        re.compile(
            r"\b(åpningstid\w*|har .{0,40}åpent|opening hours|when are you open|open on)\b", IGNORE_CASE
        ),
        re.compile(
            r"\b\d{1,2}[:.]\d{2}\b|\b(mandag|tirsdag|onsdag|torsdag|fredag|monday|friday)\b", IGNORE_CASE
        ),
        "Kildene mine sier ikke noe om åpningstider.",
        "My sources say nothing about opening hours.",
    ),
    FactKind(
        "contact",
        re.compile(
            r"\b(telefonnummer\w*|tlf|phone( number)?|e-?post(adresse)?|e-?mail( address)?|ringe)\b",
            IGNORE_CASE,
        ),
        re.compile(r"\b\d{2} ?\d{2} ?\d{2} ?\d{2}\b|@\w", IGNORE_CASE),
        "Kildene mine har ingen kontaktopplysninger.",
        "My sources hold no contact details.",
    ),
    FactKind(
        "schedule",
        re.compile(
            r"\b(neste (kurs|klasseromskurs|kursdato)|kursdato\w*|next (course|class|session)|"
            r"når (går|starter) (neste|kurset))\b",
            IGNORE_CASE,
        ),
        re.compile(
            r"\b\d{1,2}\.\s?(jan|feb|mar|apr|mai|jun|jul|aug|sep|okt|nov|des)\w*|\b\d{4}-\d{2}-\d{2}\b",
            IGNORE_CASE,
        ),
        "Kildene mine har ingen kursdatoer.",
        "My sources list no course dates.",
    ),
    FactKind(
        "percentage",
        re.compile(r"\b(prosent|percent|percentage)\b|%", IGNORE_CASE),
        re.compile(r"\d\s?(%|prosent)", IGNORE_CASE),
        "Kildene mine oppgir ingen prosentsats.",
        "My sources state no percentage.",
    ),
    FactKind(
        "measurement",
        re.compile(
            r"\b(desibel|decibel|db\b|grenseverdi\w*|kvadratmeter|kvm\b|meter høy|høyde)\b", IGNORE_CASE
        ),
        re.compile(r"\d\s?(db\b|desibel|decibel|kvm|m2|m²|meter)", IGNORE_CASE),
        "Kildene mine oppgir ingen slik grenseverdi eller måling.",
        "My sources state no such limit or measurement.",
    ),
)


def asked_fact(question: str) -> FactKind | None:
    return next((kind for kind in FACT_KINDS if kind.asked.search(question)), None)


def states(kind: FactKind, text: str) -> bool:
    return bool(kind.stated.search(text))
