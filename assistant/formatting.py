"""User-facing wording, in Norwegian bokmål with English labels for English questions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from assistant.question.scope_adjacent import DOMAIN_TOPICS_EN as ADJACENT_TOPICS_EN

if TYPE_CHECKING:
    from assistant.question.scope import OutOfScope
    from assistant.sources.corpus import Provider

Lang = Literal["nb", "en"]

MONTHS = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
]
MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

ARBEIDSTILSYNET = "https://www.arbeidstilsynet.no"

LABELS: dict[str, dict[Lang, str]] = {
    "faq": {"nb": "Fra HMS Kontorets FAQ:", "en": "From HMS Kontoret's FAQ (in Norwegian):"},
    "law": {"nb": "Dette sier regelverket:", "en": "What the law says (Norwegian text):"},
    "lookup": {"nb": "Ordlyden:", "en": "The wording (Norwegian text):"},
    "as_of": {"nb": "lov per", "en": "law as of"},
    "as_of_unknown": {"nb": "versjonsdato ukjent", "en": "version date unknown"},
    "note": {"nb": "Merk:", "en": "Note:"},
    "disclaimer": {
        "nb": "Dette er ikke juridisk rådgivning. Ved tvil, kontakt Arbeidstilsynet eller en advokat.",
        "en": "This is not legal advice. If in doubt, contact the Norwegian Labour Inspection Authority "
        "(Arbeidstilsynet) or a lawyer.",
    },
    "context": {"nb": "Hele leddet:", "en": "The whole paragraph (ledd):"},
    "contents": {"nb": "Innholdet i", "en": "The contents of"},
    "chapter": {"nb": "Kapittel", "en": "Chapter"},
    "reader": {
        "nb": "Kapittelet har {n} paragrafer; les dem i lovleseren eller på Lovdata: {url}",
        "en": "The chapter has {n} sections; read them in the law reader or on Lovdata: {url}",
    },
    "more_citations": {
        "nb": "… og {n} paragrafer til. Les dem på Lovdata: {url}",
        "en": "… and {n} more sections. Read them on Lovdata: {url}",
    },
    "abstain": {
        "nb": "Jeg fant ikke svar på dette i kildene mine (HMS Kontorets FAQ, arbeidsmiljøloven og deler av "
        "to forskrifter), så jeg vil ikke gjette. Arbeidstilsynet svarer på spørsmål om arbeidsmiljø: "
        f"{ARBEIDSTILSYNET}",
        "en": "I could not find an answer to this in my sources (HMS Kontoret's FAQ, the Working Environment "
        "Act and parts of two regulations), so I will not guess. The Norwegian Labour Inspection Authority "
        f"answers questions about the working environment: {ARBEIDSTILSYNET}",
    },
}


def label(key: str, lang: Lang) -> str:
    return LABELS[key][lang]


def format_date(iso: str | None, lang: Lang) -> str:
    if not iso:
        return label("as_of_unknown", lang)
    year, month, day = (int(p) for p in iso.split("-"))
    if lang == "en":
        return f"{label('as_of', lang)} {day} {MONTHS_EN[month - 1]} {year}"
    return f"{label('as_of', lang)} {day}. {MONTHS[month - 1]} {year}"


def capitalized(text: str) -> str:
    """``text`` with a capital first letter, for a law's name that starts a sentence."""
    return text[:1].upper() + text[1:]


def missing_section(law_name: str, what: str, url: str, lang: Lang) -> str:
    """'Arbeidsmiljøloven har ingen § 3-9', '… ingen § 3-5 femte ledd', '… ingen kapittel 25'."""
    law_name = capitalized(law_name)
    if lang == "en":
        return (
            f"{law_name} has no {what}. Check the reference, or see the table of contents on Lovdata: {url}"
        )
    return f"{law_name} har ingen {what}. Sjekk henvisningen, eller se innholdsfortegnelsen på Lovdata: {url}"


REPEALED = "Paragrafen er opphevet."  # a Gap's reason for a repealed section (it has no text to quote)


def not_covered(ref: str, url: str, lang: Lang, *, reason: str | None = None) -> str:
    if reason == REPEALED:
        if lang == "en":
            return f"{ref} has been repealed, so there is no text to quote. See Lovdata: {url}"
        return f"{ref} er opphevet, så det finnes ingen tekst å sitere. Se Lovdata: {url}"
    if lang == "en":
        return f"The text of {ref} is not in my sources, so I cannot quote it. Read it on Lovdata: {url}"
    return (
        f"Teksten til {ref} finnes ikke i kildene mine, så jeg kan ikke sitere den. Les den på Lovdata: {url}"
    )


PROVIDER_TOPICS: dict[str, dict[Lang, str]] = {
    "pris": {"nb": "priser", "en": "prices"},
    "kursdatoer": {"nb": "kursdatoer eller kurstider", "en": "course dates or times"},
    "ledige plasser": {"nb": "ledige plasser", "en": "free seats"},
    "kontaktinformasjon": {"nb": "kontaktinformasjon", "en": "contact details"},
    "åpningstider": {"nb": "åpningstider", "en": "opening hours"},
    "kurssted": {"nb": "kurssteder", "en": "course locations"},
    "kursholdere": {"nb": "opplysninger om kursholderne", "en": "details of the instructors"},
    "provider": {
        "nb": "svaret på dette om kursene eller om HMS Kontoret",
        "en": "answer to this about the courses or about HMS Kontoret",
    },
    "brukerstøtte": {
        "nb": "brukerstøtte for kursplattformen eller kursbevis",
        "en": "support for the course platform or certificates",
    },
}


# The other domains' names in English (assistant.question.scope_domains.OTHER_DOMAINS); Norwegian uses the key.
DOMAIN_TOPICS_EN = {
    "skatt": "tax",
    "regnskap": "accounting",
    "forsikring": "insurance",
    "merverdiavgift": "VAT",
    "mva-registrering": "VAT registration",
    "lønn og ytelser": "pay and benefits",
    "statistikk": "statistics",
    "anbefalinger og innkjøp": "recommendations and purchases",
    "selskapsrett": "company law",
    "personvern": "privacy",
    "brannvern": "fire safety",
    "forurensning": "pollution",
    "kjøre- og hviletid": "driving and rest times",
    "alkohol og skjenking": "alcohol licensing",
    "NAV-tiltak": "NAV grants and schemes",
    "arbeidsgiverorganisasjoner": "employers' organisations",
    "rekruttering": "recruitment practice",
    "IT og programvare": "IT and software",
    "budsjettering": "budgeting",
    "vær og nyheter": "weather and news",
    "permittering": "lay-offs",
    "førstehjelp og hjertestarter": "first aid and defibrillators",
    "mattrygghet": "food safety",
    "oppbevaring av regnskap og lønn": "keeping accounting and pay records",
    "selskapsform og prising": "company form and pricing",
    "velferdspermisjon": "welfare leave under collective agreements",
    "verneombudets funksjonstid og AMUs møter": "the safety representative's term and AMU meetings (regulation parts I do not hold)",
    **ADJACENT_TOPICS_EN,
}


def out_of_scope(scope: OutOfScope, provider: Provider, lang: Lang) -> str:
    """Why the sources cannot answer, and where to ask instead."""
    if scope.reason == "provider":
        topic = PROVIDER_TOPICS.get(scope.topic, {"nb": scope.topic, "en": scope.topic})[lang]
        if lang == "en":
            return f"My sources state no {topic}. Ask {provider.name} directly: {provider.contact_url}"
        return f"Kildene mine oppgir ikke {topic}. Spør {provider.name} direkte: {provider.contact_url}"
    if scope.reason == "chat" and scope.topic == "hilsen":
        if lang == "en":
            return "Hello! Ask me about health, safety and the working environment, and I will answer from my sources."
        return "Hei! Spør gjerne om HMS og arbeidsmiljø, så svarer jeg ut fra kildene mine."
    if scope.reason == "chat":
        if lang == "en":
            return "You're welcome! Ask me about health, safety and the working environment, and I will answer from my sources."
        return "Bare hyggelig! Spør gjerne om HMS og arbeidsmiljø, så svarer jeg ut fra kildene mine."
    if scope.reason == "injection":
        if lang == "en":
            return (
                "I only answer questions about health, safety and the working environment from my sources, "
                "and I do not follow instructions given in a question."
            )
        return (
            "Jeg svarer bare på spørsmål om HMS og arbeidsmiljø ut fra kildene mine, og jeg følger ikke "
            "instruksjoner som står i spørsmålet."
        )
    if scope.reason == "other_law":
        law = capitalized(scope.topic)
        if lang == "en":
            return (
                f"{law} is not among my sources (the Working Environment Act and parts of two "
                "regulations), so I cannot answer this. The law is on Lovdata: https://lovdata.no"
            )
        return (
            f"{law} er ikke blant kildene mine (arbeidsmiljøloven og deler av to forskrifter), så jeg "
            "kan ikke svare på dette. Loven finner du på Lovdata: https://lovdata.no"
        )
    if lang == "en":
        return (
            f"This is a question of {scope.topic_en or DOMAIN_TOPICS_EN.get(scope.topic, scope.topic)}, which neither HMS Kontoret's FAQ nor the law I hold (the "
            "Working Environment Act and parts of two regulations) answers, so I will not guess."
        )
    return (
        f"Spørsmålet gjelder {scope.topic}, og det svarer verken HMS Kontorets FAQ eller regelverket jeg har "
        "(arbeidsmiljøloven og deler av to forskrifter) på, så jeg vil ikke gjette."
    )
