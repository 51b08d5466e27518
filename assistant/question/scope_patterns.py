"""The patterns of what the sources cannot answer: provider facts, other domains and laws, injections."""

from __future__ import annotations

import re


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\wæøå])(?:" + "|".join(alternatives) + r")(?![\wæøå])", re.IGNORECASE)


def _stems(*alternatives: str) -> re.Pattern[str]:
    """Word parts that also count inside compounds ('reiseforsikring', 'skattefradrag'), but not in the name of a
    kind of business ('regnskapsbyrå', 'forsikringsselskap': where the asker works, not what they ask about)."""
    business = r"(?<!byrå)(?<!kontor)(?<!selskap)(?<!selskapet)(?<!firma)(?<!bransjen)(?<!bransje)(?<!byrået)(?<!kontoret)"
    return re.compile(r"\w*(?:" + "|".join(alternatives) + r")\w*\b" + business, re.IGNORECASE)


MONTHS = "januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember"


PROVIDER = {
    "pris": _words(
        r"hva koster\w*",
        r"koster( det| kurset)?",
        r"pris(en|er|ene|liste)?",
        r"kroner",
        r"kr",
        r"(?-i:NOK)",
        r"hvor mye (må|skal) (vi|jeg|man) betale",
        r"kursavgift\w*",
        r"betalingsfrist\w*",
        r"betale (kurset|for kurset|med kort|med vipps)",
        r"faktura(en)? fra dere",
        r"(ny|en ny|kreditnota\w*) faktura",
        r"refunder\w*",
        r"(pengene|beløpet) tilbake",
        r"refund\w*",
        r"invoice\w*",
        r"hva (må|skal) (vi|jeg|man) betale",
        r"rabatt\w*",
        r"how much (does|do|is|are|will)",
        r"costs?",
        r"price\w*",
        r"fee",
    ),
    "kursdatoer": _words(
        r"neste (kurs|klasseromskurs|kursdato|kursstart)\w*",
        r"kursdato\w*",
        r"kursstart",
        r"når (går|starter|er|holdes|arrangeres) (det )?(neste|kurset|kursene|et kurs)\w*",
        r"hvilke datoer",
        r"(noen|flere|ledige) datoer",
        r"next (course|class|session)",
        r"course dates?",
        r"when (is|does) the next",
        rf"[\w-]*(kurs|klasserom)\w*( \w+){{0,4}} (i|in) ({MONTHS})",
        r"(har|holder) dere( \w+){0,3} [\w-]*kurs\w*( \w+){0,3} "
        rf"(i|til|neste|denne|in|next) ({MONTHS}|uke|måned|høst|vår|week|month)\w*",
    ),
    "kontaktinformasjon": _words(
        r"telefonnummer\w*",
        r"tlf",
        r"e-?postadresse\w*",
        r"(ringe|kontakte|nå) dere",
        r"hvilket (telefon)?nummer",
        r"ringer jeg",
        r"snakke med (en|et) (kursrådgiver|rådgiver|menneske|person)\w*",
        r"kontaktinfo\w*",
        r"phone number",
        r"e-?mail address",
        r"(call|contact|reach) you",
    ),
    "åpningstider": _words(r"åpningstid\w*", r"har (\w+ ){1,2}åpent", r"opening hours", r"when are you open"),
    "ledige plasser": _words(
        r"ledige? plass\w*",
        r"plass på (kurset|neste)",
        r"er det (fortsatt )?plass",
        r"fullt?booket",
        r"venteliste\w*",
        r"(free|available) (seats?|places?|spots?)",
        r"seats? left",
        r"fulltegnet",
        r"([\w-]*kurs\w*|det) (er )?fullt(?! forsvarlig)",
        r"få (med|plass til) (en|to|tre|fire|flere|\d+)( \w+)?",
        r"(is|are) (it|the course|the class) full",
        r"(hvor mange|maks|maksimalt) (deltakere|plasser)",
        r"plass til( \w+){0,2} (deltakere|personer|stykker)",
    ),
}
OTHER_DOMAINS = {
    "skatt": _stems(
        r"skatt",
        r"fradrag",
        r"forskuddstrekk",
        r"arbeidsgiveravgift",
        r"beskatn",
        r"skattlegg",
        r"\btax",
        r"deduct(?!\w*( \w+){0,3} from (my|his|her|their|the|an?|our)( \w+)? (pay|salary|wages?|lønn\w*))",
        r"social security contribution",
        r"employer'?s? contribution",
        r"national insurance contribution",
        r"trekke (det |kurset |utgiften )?fra på",
    ),
    "regnskap": _stems(
        r"regnskap",
        r"bokfør",
        r"kontoplan",
        r"avskriv",
        r"aktiver(e|ing)",
        r"revisor",
        r"revisjon",
        r"kostnadsfør",
        r"accounting",
        r"bookkeeping",
        r"auditor",
        r"\bbilag",
        r"\bexpens(e|ed|ing)\b",
        r"capitali[sz]",
        r"balanseført",
        r"hvilken konto",
        r"\bkonto(en)? (skal|bør|må)",
    ),
    "forsikring": _stems(r"forsikring", r"\bpremie", r"insurance", r"\binsure", r"forsikre"),
    "merverdiavgift": _words(
        r"mva-melding\w*",
        r"mva-registrer\w*",
        r"momsregister\w*",
        r"merverdiavgiftsregister\w*",
        r"momskompensasjon",
        r"vat return",
        r"vat registration",
        r"omsetningsoppgave\w*",
        r"\d+ ?%( \w+)? (mva|moms|vat)",
        r"(mva|moms|vat)-?sats\w*",
        r"(mva|moms) på (mat|varer|salg|take-?away\w*|servering\w*)",
        r"(mva|moms|vat)( \w+){0,6} (tjeneste\w*|services?|faktur\w*|invoices?|kunde\w*|clients?|salg|sell\w*|sold|konsulent\w*|consult\w*|varer|goods)",
    ),
    "lønn og ytelser": _words(
        r"minstelønn\w*",
        r"timelønn\w*",
        r"lønnsnivå\w*",
        r"markedslønn\w*",
        r"tarifflønn\w*",
        r"lønnsoppgjør\w*",
        r"lønnsforhandling\w*",
        r"lønnskartlegging\w*",
        r"pensjonsordning\w*",
        r"pensjonsleverandør\w*",
        r"tjenestepensjon\w*",
        r"innskuddspensjon\w*",
        r"otp(-en)?",
        r"egenmelding\w*",
        r"arbeidsgiverperiode\w*",
        r"nav( betaler|-refusjon| refunderer)",
        r"sykepenger\w*",
        r"dagpenger\w*",
        r"foreldrepenger\w*",
        r"minimum wage",
        r"sick pay",
        r"årslønn\w*",
        r"månedslønn\w*",
        r"gjennomsnittslønn\w*",
        r"lønnsstatistikk\w*",
        r"hva tjener (en|et|ei)( [\w-]+){1,2}",
        r"hva får (en|et|ei)( [\w-]+){1,2} i (års|måneds|time)?lønn",
        r"salary",
        r"salaries",
        r"pay scale\w*",
    ),
    "statistikk": _words(
        r"ssb",
        r"(bransje|lønns|landsgjennomsnitt)\w*statistikk\w*",
        r"statistikk\w* (for|fra|i|om) (bransjen|norge|landet|sektoren|ssb)\w*",
        r"gjennomsnittlig\w*( \w+){0,2} (sykefravær|fravær|skade\w*|ulykke\w*)\w*",
        r"(hvor høyt|hvor stort|hvor mye) er (det )?(gjennomsnittlig\w* )?sykefravær\w*",
        r"statistics (for|from|in|on|about) (the )?(industry|sector|norway|country)",
        r"average (sick|absence|injury|accident)\w*",
    ),
    "anbefalinger og innkjøp": _words(
        r"(kan|kunne) (du|dere) anbefale",
        r"anbefal\w* (en|et|noen) (god|gode|bra|billig)\w*",
        r"(hvilken|hvilket|hvilke)( [\w-]+){0,2} ([\w-]*(system|app|program|leverandør|firma|selskap|verktøy|produkt)\w*|bht|"
        r"bedriftshelsetjeneste\w*)( \w+){0,3} er (best|billigst|bedre)",
        r"hvor (får|kan) (vi|jeg|man) (kjøpt|kjøpe|tak i)",
        r"(can|could) you recommend",
        r"where (can|do) (we|i) buy",
        r"which( [\w-]+){0,2} ([\w-]*(system|app|software|tool|supplier|provider|vendor|company|product)s?)( \w+){0,3} (is|are) "
        r"(the )?(best|cheapest)",
    ),
    "selskapsrett": _words(
        r"brønnøysund\w*",
        r"foretaksregister\w*",
        r"enhetsregister\w*",
        r"aksjekapital\w*",
        r"styremedlem\w*",
        r"styreleder\w*",
        r"generalforsamling\w*",
        r"aksjonær\w*",
        r"stifte\w*",
        r"registrere (et |mitt |vårt )?(as|enk|firma|selskap)",
    ),
}
# Asking which of the course provider's courses to take is the FAQ's to answer, not a supplier recommendation.
COURSE_WORDS = _words(
    r"[\w-]*kurs\w*",
    r"courses?",
    r"opplæring\w*",
    r"training",
    r"e-?læring\w*",
    r"certificates?",
)
# Signals that do not count when the question is about the course provider's own courses.
NOT_ABOUT_COURSES = frozenset({"anbefalinger og innkjøp"})
VACATION = _words(
    r"ferie(dag|dager|uke|uker|tid|avvikling|pengene)?",
    r"dager ferie",
    r"uker ferie",
    r"(annual )?leave days",
    r"vacation\w*",
    r"(?<!school )holidays?",
)
OTHER_LAWS = _words(
    r"gdpr",
    r"pbl",
    r"tek ?17",
    r"internal revenue",
    r"holiday(s)? act",
    r"national insurance act",
    r"tax act",
    r"personvernforordning\w*",
    r"byggteknisk forskrift",
    r"sykepengeregelverk\w*",
    r"nav-regelverk\w*",
    # what other laws govern: driving and rest times, licences, tenancy, waste, fire and explosives, food,
    # personal data outside the employment relationship
    r"kjøre- og hviletid\w*",
    r"kjøretid\w*",
    r"førerkort\w*",
    r"depositum\w*",
    r"husleie\w*",
    r"hybel\w*",
    r"spillolje\w*",
    r"(farlig )?avfall\w*",
    r"dsb",
    r"mattilsyn\w*",
    r"hygienekurs\w*",
    r"personopplysning\w*",
    r"lagre (cv|cv-ene|søknad\w*|opptak\w*)",
    r"kamera\w*( \w+){0,4} kunde\w*",
)
# Any named Norwegian law ("ferieloven", "plan- og bygningsloven", "arbeidstvistlova") is another law unless
# the corpus holds it (its names and abbreviations come from the corpus).
LAW_NAME = re.compile(
    r"(?<![\wæøå])((?:[\wæøå]+- og )?[\wæøå]{3,}(?:loven|lova|lov))(?![\wæøå])", re.IGNORECASE
)
INJECTION = _words(
    r"ignorer\w* (alle |de |dine )?(tidligere |forrige |ovenstående )?(instruks\w*|beskjed\w*|regler\w*|føringer)",
    r"glem (alt|alle|dine|tidligere|reglene|instruks\w*)\w*",
    r"svar som om du (var|er)",
    r"systemprompt\w*",
    r"system ?prompt\w*",
    r"(dine|your) (instruks\w*|instructions)",
    r"skriv ut (instruks|prompt|konfigurasjon)\w*",
    r"(vis|gjengi|avslør|reveal|print|show) (meg )?(din |your |the )?"
    r"(instruks\w*|prompt\w*|konfigurasjon\w*|configuration|instructions|api-?nøkkel\w*|api key|token)",
    r"ignore (all |any |your )?(previous |prior |above |earlier )?(instructions|rules|guidelines)",
    r"you are now",
    r"jailbreak\w*",
    r"developer mode",
    r"utviklermodus",
    r"(?-i:DAN)",
    r"late som (du|at du)",
    r"pretend (you|to)",
    r"act as (if|though|an? (unrestricted|unfiltered|different|new|evil|ai|assistant|chatbot|lawyer))",
    r"roleplay",
    r"rollespill",
    r"fra nå av (skal|er) du",
    r"du er nå",
    r"new rules",
    r"nye regler:",
    r"(?-i:SYSTEM):",
    r"admin(istrator)? mode",
    r"override (your|all|the|any|previous|prior|earlier) (instructions|rules|guidelines|system|prompt|restrictions)",
    r"overstyr\w* (dine|alle|de|tidligere) (instruks\w*|regler\w*|føringer)",
)
# A question that starts by telling the assistant what to answer ("Svar at ...", "Skriv ...", "Bekreft at ...").
COMMAND = re.compile(
    r"^\W*(svar (kun |bare )?(at|med|ja|nei)|skriv|bekreft|påstå|gjenta|say that|answer (only )?with|write)\b",
    re.IGNORECASE,
)
