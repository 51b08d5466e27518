"""What the sources cannot answer, recognised from the question itself before any source is chosen.

- Course-provider facts (prices, course dates, free seats): the FAQ states none, so the answer points to the
  course provider instead of quoting the nearest FAQ entry.
- Other domains (tax, accounting, insurance, wages and benefits) and other laws (ferieloven, folketrygdloven,
  skatteloven, GDPR, ...): neither the FAQ nor the laws held answer them, however close the words are.
- Prompt injections: instructions aimed at the assistant, not questions.
- A message that only thanks ("tusen takk, tilsynet gikk fint!") or greets ("hei, hvordan går det?"): a courtesy
  reply that quotes no source.

Each signal is a pattern over the lower-cased question (assistant.question.scope_patterns, scope_provider and
scope_domains). The patterns were written from the categories, not from eval questions, and tuned on the dev split
only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Literal

from assistant.question.scope_domains import OTHER_DOMAINS
from assistant.question.scope_laws import (
    LAW_NAME,
    NOT_A_TITLE,
    OTHER_LAWS,
    REGULATION_TITLE,
    TOBACCO,
    VACATION,
)
from assistant.question.scope_patterns import (
    COMMAND,
    INJECTION,
    TASK,
    only_greeting,
    only_thanks,
    word_pattern,
)
from assistant.question.scope_provider import PROVIDER
from assistant.text import fold_letters

Reason = Literal["provider", "other_domain", "other_law", "injection", "chat"]


@dataclass(frozen=True)
class OutOfScope:
    reason: Reason
    topic: str  # what was recognised, for the answer text ("skatt", "ferieloven")
    topic_en: str | None = None  # the topic in English, where the Norwegian one is not a name


def other_law(question: str, known: Iterable[str]) -> str | None:
    """The name of a law the question names that is not one the corpus holds."""
    match = OTHER_LAWS.search(question)
    if match:
        return match.group(0).lower()
    held = {_fold(k) for k in known}
    for match in LAW_NAME.finditer(question):
        name = _fold(match.group(1))
        if name not in held and not any(name.startswith(h) or h.startswith(name) for h in held if len(h) > 4):
            return match.group(1).lower()
    titles = {
        _fold(re.sub(r"^forskrift(en|a)? om ", "", k)).split()[0]
        for k in held
        if _fold(k).startswith("forskrift")
    }
    for match in REGULATION_TITLE.finditer(question):
        word = match.group(2).lower()
        if word not in NOT_A_TITLE and _fold(word) not in titles:
            return match.group(1).lower()
    return None


def _fold(name: str) -> str:
    """A law's name as typed on a keyboard without æ, ø and å ("arbeidsmiljoloven" is arbeidsmiljøloven)."""
    return _fold_text(name.lower()).replace("aa", "a")


def classify(question: str, *, known_laws: Iterable[str] = ()) -> OutOfScope | None:
    """The first out-of-scope signal in the question, or None. ``known_laws``: the names and abbreviations of
    the laws the corpus holds. A question typed without æ, ø and å ("nar gar neste kurs", "hva er lonna")
    meets the patterns folded the same way."""
    folded = _fold_text(question)

    def found(pattern: re.Pattern[str]) -> bool:
        return bool(pattern.search(question) or _folded(pattern).search(folded))

    if found(INJECTION) or found(COMMAND) or found(TASK):
        return OutOfScope("injection", "instruksjoner")
    if only_thanks(question):
        return OutOfScope("chat", "takk")
    if only_greeting(question):
        return OutOfScope("chat", "hilsen")
    if found(REPORTED) and not found(OWN_BOOKS):
        return None
    law = other_law(question, known_laws)
    if law:
        return OutOfScope("other_law", law)
    if found(VACATION) and not found(PAYSLIP) and not found(YOUNG) and not found(SICK_CHILD):
        return OutOfScope("other_law", "ferieloven")
    if found(TOBACCO):
        return OutOfScope("other_law", "tobakksskadeloven")
    for topic, pattern in PROVIDER.items():
        if found(pattern) and not (topic == "pris" and found(AML_PAY)):
            return OutOfScope("provider", topic)
    if found(COURSE_CONTENT):
        return None
    about_courses = found(COURSE_WORDS)
    asked, asked_folded = MESSENGER.sub(" ", question), _folded(MESSENGER).sub(" ", folded)
    for topic, pattern in OTHER_DOMAINS.items():
        if (
            (pattern.search(asked) or _folded(pattern).search(asked_folded))
            and not (about_courses and topic in NOT_ABOUT_COURSES)
            and not (topic == "lønn og ytelser" and found(AML_PAY) and not found(WAGE_RATE))
            and not (topic == "kjøp og kontrakter" and found(WORK_STOPPED))
        ):
            return OutOfScope("other_domain", topic)
    return None


# Asking which of the course provider's courses to take is the FAQ's to answer, not a supplier recommendation.
COURSE_WORDS = word_pattern(
    r"[\w-]*kurs\w*",
    r"courses?",
    r"opplæring\w*",
    r"training",
    r"e-?læring\w*",
    r"certificates?",
)
# Signals that do not count when the question is about the course provider's own courses (VAT on the course is the
# FAQ's to answer).
NOT_ABOUT_COURSES = frozenset({"anbefalinger og innkjøp", "merverdiavgift"})

# The payslip states the holiday pay (aml § 14-15 (3)): a question about what it must show is not ferieloven's.
PAYSLIP = word_pattern(r"lønnsslipp\w*", r"lønnsoppgave\w*", r"pay ?slips?", r"pay stubs?")

# A verneombud stopping dangerous work is § 6-3's, whatever contract penalty the asker is threatened with
WORK_STOPPED = word_pattern(
    r"(verneombud|vernombud)\w*(\W+[\w-]+){0,40}\W+stans\w*",
    r"stans\w*(\W+[\w-]+){0,40}\W+(verneombud|vernombud)\w*",
)

# Leave for a sick child is aml § 12-9's, even when holiday is named as what the asker was told to take instead
SICK_CHILD = word_pattern(
    r"syke? barn\w*",
    r"barns? sykdom",
    r"sykt barn",
    r"barnet (er|var|blir|ble) sykt?",
    r"(kids?|child|children)(\W+[\w']+){0,10}\W+(sick|ill)",
    r"sick (kids?|child|children)",
)

# Children and young workers' holidays and free time are aml ch. 11's (§ 11-5: four weeks free in the summer holidays).
YOUNG = word_pattern(
    r"\d{2}[- ]?(åring\w*|år gaml\w*|years? old|year-olds?)",
    r"under 18( år)?",
    r"ungdom\w*",
    r"barn",
    r"mindreårig\w*",
    r"\w*(gutt|jent|sønn|datter|nevø|niese)\w*( \w+)? (er|på) 1[3-8]",  # "nabogutten er 14"
    r"unge (arbeidstakere|ansatte|folk)",
    r"children|teen\w*|minors?|young (workers?|people|employees)",
)

# Who told the asker something ("regnskapsføreren sa", "revisoren vår mener", "Revisor spør etter det"): the
# messenger, not what is asked about. Left out before the other domains' words are matched.
MESSENGER = re.compile(
    r"(?<![\wæøå])(?:[\wæøå-]+(?:en|et|ern|n)|revisor|regnskapsfører|advokat|rådgiver|styreleder|leder)"
    r"(?: (?:vår|vårt|min|mitt|deres))? "
    r"(?:sa|sier|mener|mente|påstår|påsto|hevder|skriver|skrev|anbefaler|anbefalte|krever|krevde|spør|spurte|"
    r"etterspør|etterspurte|går gjennom|gjennomgår|sjekker)(?![\wæøå])"
    r"|(?<![\w])(?:our |the |my )?(?:insurance broker|broker|insurer|accountant|auditor|lawyer)"
    r" (?:asked|asks|said|says|wants|wanted|requested|told)(?![\w])",
    re.IGNORECASE,
)

# Whistleblowing (aml ch. 2 A) about anything, fraud or the accounts or pay included, is the law's question; so is
# Arbeidstilsynet's coercive fine (§ 18-7).
REPORTED = word_pattern(
    r"varslingssak\w*",
    r"varslingsrutine\w*",
    r"varslere?(n|ne)?",
    r"[«\"']varsel[»\"']",
    r"varsle[rt]? (styret|ledelsen|arbeidstilsynet|tilsynet|politiet|media|pressen|om (kritikkverdig|svindel|fusk|"
    r"underslag|trakasser|mobbing|økonomisk))\w*",
    r"whistle-?blow\w*",
    r"reported (a|an|my|our|his|her|the) (colleague|co-?worker|manager|boss|supervisor)s?",
    r"(gå|går|gikk) (ut )?(til|i) (avisa|avisen|lokalavisa|lokalavisen|media|pressen)",  # § 2 A-2: to the press
    r"go(es|ing)? to the (press|media|newspapers?)",
    # Arbeidstilsynet's coercive fine is aml § 18-7's, not a contract's daily penalty
    r"arbeidstilsynet( [\w-]+){0,4} (dagmulkt|tvangsmulkt)\w*",
    r"(dagmulkt|tvangsmulkt)\w*( [\w-]+){0,4} fra arbeidstilsynet",
)
# ...but how the asker books, deducts, is taxed or insured on it is still accounting, tax or insurance ("hvordan
# bokfører vi tvangsmulkten?", "vi varslet Arbeidstilsynet … dekkes dette av yrkesskadeforsikringen?")
OWN_BOOKS = word_pattern(
    r"(hvordan|hvor|hvilken konto)( [\w-]+){0,3} (bokfør|kostnadsfør|avsett|fører vi|føre)\w*",
    r"skattepliktig\w*|fradragsberettig\w*|skattefri\w*",
    r"[\w-]*forsikring\w*( [\w-]+){0,3} (dekke|dekker|dekkes|dekket)|(dekke|dekker|dekkes|dekket)( [\w-]+){0,6} [\w-]*forsikring\w*",
)
# The overtime premium is aml § 10-6 (11)'s, whatever the hourly wage it is added to ("fikk overtiden betalt med vanlig
# timelønn"), and so is the pay for a verneombud's work outside working hours (§ 6-5 (3)) and hired-in workers' pay
# equal to the hirer's own (§ 14-12 a); the tax on it is still tax.
# A wage rate (the general minimum wage, a tariff rate) is not the law's, even for hired-in workers (aml § 14-12 a)
WAGE_RATE = word_pattern(r"minstelønn\w*", r"allmenngj\w*", r"tarifflønn\w*", r"minimum wages?")
AML_PAY = word_pattern(
    r"overtidstillegg\w*",
    r"overtidsbetaling\w*",
    r"overtid\w*( [\w-]+){0,6} (betalt|betales|tillegg\w*|timelønn\w*)",
    r"overtid\w*(\W+[\w-]+){0,24}\W+(betale|betales|betalt) (\w+ )?(i )?tillegg",
    r"overtime (pay|premium|rate)",
    r"(verneombud\w*|vernearbeid\w*|vernerund\w*)(\W+[\w-]+){0,24}\W+(betalt|betaling|godtgjør\w*)",
    r"(innleid\w*|innleie\w*|bemanningsbyrå\w*|vikarbyrå\w*|leier inn|leid inn)(\W+[\w-]+){0,16}\W+(samme )?(\w*lønn\w*)",
    # who pays for a duty's course or equipment ("må jeg legge ut for kursavgiften selv?", § 6-5 (3); § 3-2 (2))
    r"(legge ut|betale|dekke|ta)( for)?( [\w-]+){0,2} (kursavgift\w*|[\w-]*kurs\w*|opplæring\w*)( \w+){0,2} selv",
    r"(verneutstyr\w*|vernesko|hørselvern|sveisemask\w*|arbeidsklær|arbeidstøy)(\W+[\w-]+){0,12}\W+refunder\w*",
    r"refunder\w*(\W+[\w-]+){0,12}\W+(verneutstyr\w*|vernesko|hørselvern|sveisemask\w*|arbeidsklær|arbeidstøy)",
    r"(hired|agency|temp)( \w+){0,2} workers?(\W+\w+){0,12}\W+(same|equal) (pay|wages?)",
)
# What the course teaches ("lærer man noe om brannslukking?"): the course content entry's, whatever the subject.
COURSE_CONTENT = word_pattern(
    r"lærer (man|vi|jeg|en|de|dere|deltakerne|om)",
    r"lære om",
    r"kursinnhold\w*",
    r"pensum",
    r"(kommer|går) (dere|kurset|man) inn på",
    r"(does|will) the course (cover|include)",
    r"covered (in|on|by) the course",
)


_fold_text = fold_letters  # case kept: some patterns are case-sensitive ("NOK", "DAN")


@cache
def _folded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern for text typed without æ, ø and å."""
    return re.compile(_fold_text(pattern.pattern), pattern.flags)
