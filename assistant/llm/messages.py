"""What the user reads about an LLM answer: the one-sentence reason sent with a `replace`, and the refusal
shown for a question that tries to change or reveal the assistant's instructions."""

from __future__ import annotations

from assistant.formatting import Lang

INSTEAD: dict[Lang, str] = {
    "nb": ", så du ser kildene ordrett i stedet.",
    "en": ", so you see the sources word for word instead.",
}

# Why an AI answer was withdrawn, by the first problem found (or the fault), each completed by INSTEAD.
WITHDRAWN: dict[str, dict[Lang, str]] = {
    "wrong_ledd": {
        "nb": "KI-svaret viste til et ledd eller en bokstav kildene ikke inneholder",
        "en": "The AI answer referred to a subsection or letter the sources do not contain",
    },
    "uncited_section": {
        "nb": "KI-svaret viste til en paragraf kildene ikke inneholder",
        "en": "The AI answer referred to a section the sources do not contain",
    },
    "unsupported_number": {
        "nb": "KI-svaret oppga et tall, en frist eller et beløp som ikke står i kildene",
        "en": "The AI answer gave a number, deadline or amount that is not in the sources",
    },
    "price": {
        "nb": "KI-svaret oppga en pris, og priser oppgir vi aldri",
        "en": "The AI answer gave a price, and we never give prices",
    },
    "unsupported_modal": {
        "nb": "KI-svaret beskrev en plikt, et råd eller en straff som kildene ikke beskriver slik",
        "en": "The AI answer described a duty, advice or a penalty the sources do not state",
    },
    "uncited_duty": {
        "nb": "KI-svaret beskrev en plikt uten å vise til en kilde",
        "en": "The AI answer described a duty without citing a source",
    },
    "misquote": {
        "nb": "KI-svaret siterte noe som ikke står i kildene",
        "en": "The AI answer quoted words that are not in the sources",
    },
    "wrong_language": {
        "nb": "KI-svaret var ikke skrevet på norsk",
        "en": "The AI answer was not written in English",
    },
    "unknown_url": {
        "nb": "KI-svaret inneholdt en lenke eller adresse som ikke kommer fra kildene",
        "en": "The AI answer contained a link or address that does not come from the sources",
    },
    "contradiction": {
        "nb": "KI-svaret sa det motsatte av kilden det viste til",
        "en": "The AI answer said the opposite of the source it cited",
    },
    "too_long": {"nb": "KI-svaret ble for langt", "en": "The AI answer was too long"},
    "incomplete": {
        "nb": "KI-svaret ble avbrutt før det var ferdig",
        "en": "The AI answer was cut off before it was finished",
    },
    "provider": {
        "nb": "KI-tjenesten svarte ikke som den skulle",
        "en": "The AI service did not answer properly",
    },
    "no_time": {
        "nb": "KI-tjenesten rakk ikke å svare i tide",
        "en": "The AI service could not answer in time",
    },
    "verification": {
        "nb": "KI-svaret viste ikke riktig til kildene",
        "en": "The AI answer did not cite the sources correctly",
    },
}

OTHER: dict[str, dict[Lang, str]] = {
    "retry": {
        "nb": "Utkastet besto ikke kontrollen mot kildene og skrives på nytt.",
        "en": "The draft failed the check against the sources and is being rewritten.",
    },
    "abstain": {
        "nb": "KI-en fant ikke svaret i kildene, så den gjetter ikke.",
        "en": "The AI found no answer in the sources, so it does not guess.",
    },
    "refused": {
        "nb": "Spørsmålet ba assistenten endre eller vise instruksene sine, så det besvares ikke.",
        "en": "The question asked the assistant to change or reveal its instructions, so it is not answered.",
    },
    "verified": {
        "nb": "Svaret er kontrollert mot kildene, og kildene er satt inn fra våre egne opplysninger.",
        "en": "The answer was checked against the sources, and the sources were added from our own records.",
    },
}

REFUSAL: dict[Lang, str] = {
    "nb": "Jeg kan ikke endre, vise eller se bort fra instruksene mine. Spør meg gjerne om HMS, for eksempel "
    "«Må daglig leder ha HMS-kurs?».",
    "en": "I cannot change, reveal or ignore my instructions. Feel free to ask me about health and safety at "
    "work, for example «Does the managing director need HSE training?».",
}


# The problem the user is told about when there are several: the most telling first.
TELLING = (
    "price",
    "contradiction",
    "wrong_ledd",
    "uncited_section",
    "unsupported_number",
    "unsupported_modal",
    "misquote",
    "unknown_url",
    "wrong_language",
    "uncited_duty",
    "too_long",
)


def most_telling(kinds: list[str]) -> str:
    """The problem kind to name to the user (the first of TELLING found, else the first found)."""
    return next((k for k in TELLING if k in kinds), kinds[0])


def withdrawn(reason: str, lang: Lang) -> str:
    """One sentence: why the quoted sources replace the AI answer. ``reason`` is a problem kind, or a
    fallback reason ('verification:wrong_ledd', 'provider:timeout', 'incomplete:length', 'no_time')."""
    key, _, detail = reason.partition(":")
    if key == "verification" and detail:
        key = detail  # the first problem found: 'verification:wrong_ledd'
    return WITHDRAWN.get(key, WITHDRAWN["verification"])[lang] + INSTEAD[lang]


def other(key: str, lang: Lang) -> str:
    return OTHER[key][lang]
