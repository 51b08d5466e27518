"""Facts the sources do not state: numbers, prices, quotes, and duties stated more (or less) strongly than the
cited source does. Lexical checks: they catch a number, a price word or a modal word the sources lack, not a
claim worded without them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from assistant.llm.prompts import Source
from assistant.llm.units import Problem, Sentence, quotes

NUMBER = re.compile(r"(?<![\w§])\d{1,3}(?:[ \u00a0.]\d{3})+(?![\d,])|(?<![\w§])\d+(?:[.,]\d+)?")
LIST_NUMBER = re.compile(r"^\s*\d+[.)]\s|\(\d{1,2}\)|(?<![\w(])\d{1,2}\)", re.MULTILINE)  # 1. / (2) / 3)
NUMBER_WORDS = {
    word: value
    for value, names in (
        (2, "to two"),
        (3, "tre three"),
        (4, "fire four"),
        (5, "fem five"),
        (6, "seks six"),
        (7, "sju syv seven"),
        (8, "åtte eight"),
        (9, "ni nine"),
        (10, "ti ten"),
        (12, "tolv twelve"),
        (14, "fjorten fourteen"),
        (15, "femten fifteen"),
        (20, "tjue tyve twenty"),
        (30, "tretti thirty"),
        (40, "førti forty"),
        (50, "femti fifty"),
        (100, "hundre hundred"),
        (1000, "tusen thousand"),
    )
    for word in names.split()
}
UNIT = (
    r"(?:arbeids)?(?:dag|dager|dagene|døgn|uke|uker|ukene|måned|måneder|månedene|år|årene|time|timer|timene|"
    r"minutt\w*|prosent|ganger|kroner|days?|weeks?|months?|years?|hours?|minutes?|percent|times)"
)
WORD_NUMBER = re.compile(rf"\b({'|'.join(NUMBER_WORDS)})\s+{UNIT}\b", re.IGNORECASE)
ANY_WORD_NUMBER = re.compile(rf"\b({'|'.join(NUMBER_WORDS)})\b", re.IGNORECASE)
PRICE_WORD = re.compile(
    r"\b(?:koster|kostet|kostnad\w*|pris|prisen|priser|prisene|prislapp\w*|price[sd]?|costs?|fees?)\b",
    re.IGNORECASE,
)
CURRENCY = re.compile(r"\b(?:kr|kroner|nok|euro|euros|dollars?|usd|eur)\b|[€$]|\d\s*,-", re.IGNORECASE)

DUTY = re.compile(
    r"\b(?:skal|må|måtte|plikt\w*|forplikt\w*|pålagt|lovpålagt\w*|påbudt|pålegg\w*|krav\w*|krever|kreves|"
    r"påkrevd|forbudt|forbud\w*|obligatorisk\w*|rett til|shall|must|required|requires?|requirements?|"
    r"obliged|obligated|obligations?|obligatory|mandatory|compulsory|duty|duties|has to|have to|prohibited|"
    r"forbidden|entitled|trenger ikke|behøver ikke|need not|needs? not|do(?:es)? not need|do(?:es)?n't need|"
    r"do(?:es)? not have to|do(?:es)?n't have to)\b",
    re.IGNORECASE,
)
ADVICE = re.compile(
    r"\b(?:bør|burde|anbefal\w*|should|recommend\w*|advisable|advised?|ought to)\b", re.IGNORECASE
)
PENALTY = re.compile(
    r"\b(?:bot|bøter|bøtene|boten|dagbot\w*|dagbøter\w*|bøtelegg\w*|straff\w*|fengsel\w*|overtredelsesgebyr\w*|"
    r"tvangsmulkt\w*|sanksjon\w*|fines|fined|an? fine|penalt\w*|punish\w*|prison|imprison\w*|sanction\w*)\b",
    re.IGNORECASE,
)
LEGAL = re.compile(
    r"\b(?:lovpålagt\w*|lovkrav\w*|lovbestemt\w*|required by law|legally required|legal requirement|"
    r"legal duty|by law|loven krever|etter loven|ifølge loven)\b",
    re.IGNORECASE,
)
LAW_WORD = re.compile(r"\blov(?:en|er|ene|pålagt\w*|krav\w*|bestemt\w*|a)?\b|\b(?:law|act)\b", re.IGNORECASE)
MODALS = (("a recommendation", ADVICE), ("a penalty", PENALTY), ("a legal requirement", LEGAL))


def _value(token: str) -> str:
    """'5 000', '5.000' and '5000' are one number; '37,5' and '37.5' another."""
    token = token.replace("\u00a0", "").replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", token):
        token = token.replace(".", "")
    token = token.replace(",", ".")
    return token.rstrip("0").rstrip(".") if "." in token else str(int(token))


def numbers_in(text: str, *, words_need_unit: bool) -> set[str]:
    """The numbers a text states (digits, and number words; an answer's number words only before a unit)."""
    found = {_value(m.group(0)) for m in NUMBER.finditer(text)}
    pattern = WORD_NUMBER if words_need_unit else ANY_WORD_NUMBER
    found |= {str(NUMBER_WORDS[m.group(1).lower()]) for m in pattern.finditer(text)}
    return found


def record_text(source: Source) -> str:
    """The source's text and the record we show for it (reference, title, law, date, link)."""
    c = source.citation
    extra = [
        getattr(c, name, None) for name in ("ref", "title", "law_name", "version_date", "url", "question")
    ]
    return " ".join([source.text, *(str(e) for e in extra if e)])


def number_problems(prose: str, cited: Iterable[Source], question: str) -> list[Problem]:
    """Every number in the answer's own words appears in a cited source, its record or the question."""
    allowed = numbers_in(question, words_need_unit=False)
    for source in cited:
        allowed |= numbers_in(record_text(source), words_need_unit=False)
    stated = numbers_in(LIST_NUMBER.sub(" ", prose), words_need_unit=True)
    return [
        Problem("unsupported_number", f"It states the number {n}, which no cited source states.")
        for n in sorted(stated - allowed)
    ]


def price_problems(pieces: Iterable[Sentence]) -> list[Problem]:
    """No price, ever: a price word beside a number or a currency, or an amount of money."""
    problems = []
    for sentence in pieces:
        text = sentence.text
        if (PRICE_WORD.search(text) and (NUMBER.search(text) or CURRENCY.search(text))) or (
            CURRENCY.search(text) and NUMBER.search(text)
        ):
            problems.append(
                Problem("price", f'The sentence "{_short(text)}" gives a price; never give prices.')
            )
    return problems


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("•", " ").replace("\u00a0", " ")).strip().casefold()


def quote_problems(text: str, cited: Iterable[Source]) -> list[Problem]:
    """Words in «» (or quotation marks) must be a cited source's own words."""
    haystack = " ".join(_norm(s.text) for s in cited)
    problems = []
    for quote in quotes(text):
        parts = [_norm(p).strip(" .,;:") for p in re.split(r"\[…\]|\[\.\.\.\]|…|\.\.\.", quote)]
        parts = [p for p in parts if len(p.split()) >= 3]  # a quoted word or term is not a quotation
        if any(p not in haystack for p in parts):
            problems.append(
                Problem(
                    "misquote", f"It quotes «{_short(quote)}», which is not the wording of a cited source."
                )
            )
    return problems


def _states_legal_duty(source: Source) -> bool:
    if source.law is not None:
        return bool(DUTY.search(source.text))
    return any(
        LAW_WORD.search(s) and (DUTY.search(s) or LEGAL.search(s)) for s in re.split(r"[.!?\n]", source.text)
    )


def modal_problems(pieces: Iterable[Sentence], by_id: Mapping[str, Source]) -> list[Problem]:
    """A duty, a recommendation, a penalty or 'required by law' only as strongly as a cited source says it."""
    problems = []
    for sentence in pieces:
        if sentence.asks:
            continue
        text = sentence.text
        cited = sentence.sources(by_id)
        if sentence.ids and not cited:
            continue  # it cites only ids that are not sources: unknown_id says so
        if not cited:
            if any(p.search(text) for p in (DUTY, ADVICE, PENALTY, LEGAL)):
                problems.append(
                    Problem(
                        "uncited_duty",
                        f'The sentence "{_short(text)}" states a legal duty but has no citation.',
                    )
                )
            continue
        if DUTY.search(text) and not any(DUTY.search(s.text) for s in cited):
            problems.append(_unsupported(text, "a duty"))
        for what, pattern in MODALS:
            if not pattern.search(text):
                continue
            if pattern is LEGAL:
                supported = any(_states_legal_duty(s) for s in cited)
            else:
                supported = any(pattern.search(s.text) for s in cited)
            if not supported:
                problems.append(_unsupported(text, what))
    return problems


def _unsupported(text: str, what: str) -> Problem:
    return Problem(
        "unsupported_modal",
        f'The sentence "{_short(text)}" states {what} that the source it cites does not state; say only what '
        "the source says, as strongly as it says it.",
    )


def _short(text: str) -> str:
    return text if len(text) <= 120 else text[:117] + "..."
