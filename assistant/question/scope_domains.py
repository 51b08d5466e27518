"""The other domains the sources do not answer (tax, accounting, insurance, pay, ...), and the words that make a
question about the course provider's own courses."""

from __future__ import annotations

from assistant.question.scope_patterns import stem_pattern, word_pattern

OTHER_DOMAINS = {
    "skatt": stem_pattern(
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
    "regnskap": stem_pattern(
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
    "forsikring": stem_pattern(r"forsikring", r"\bpremie", r"insurance", r"\binsure", r"forsikre"),
    "merverdiavgift": word_pattern(
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
    "lønn og ytelser": word_pattern(
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
        r"(what|which|average|typical|normal|usual|market|starting|fair|good)( \w+)? salar(y|ies)",
        r"salar(y|ies) (level|range|band|scale|statistic)\w*",
        r"salar(y|ies) (for|of) (a|an)",
        r"pay scale\w*",
    ),
    "statistikk": word_pattern(
        r"ssb",
        r"(bransje|lønns|landsgjennomsnitt)\w*statistikk\w*",
        r"statistikk\w* (for|fra|i|om) (bransjen|norge|landet|sektoren|ssb)\w*",
        r"gjennomsnittlig\w*( \w+){0,2} (sykefravær|fravær|skade\w*|ulykke\w*)\w*",
        r"(hvor høyt|hvor stort|hvor mye) er (det )?(gjennomsnittlig\w* )?sykefravær\w*",
        r"statistics (for|from|in|on|about) (the )?(industry|sector|norway|country)",
        r"average (sick|absence|injury|accident)\w*",
    ),
    "anbefalinger og innkjøp": word_pattern(
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
    "selskapsrett": word_pattern(
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
    # areas other laws govern, asked about without naming the law
    "personvern": word_pattern(r"personalmapp\w*"),
    "brannvern": word_pattern(r"brannslukk\w*", r"brannalarm\w*", r"røykvarsler\w*", r"fire extinguisher\w*"),
    # (not "byggesak" alone: aml § 18-9 is Arbeidstilsynet's consent in a building case)
    "byggesaker": word_pattern(
        r"byggesøknad\w*( [\w-]+){0,3} (til|hos|fra) kommunen", r"rammetillatelse\w*", r"søknadsplikt\w*"
    ),
    "forurensning": word_pattern(
        r"(utslipp|søl|lekkasje)\w*( [\w-]+){0,4} (til|i|på|ut i) (grunn\w*|jord\w*|sjø\w*|vann\w*|elv\w*|naturen|"
        r"grusplass\w*|bakken|avløp\w*|kloakk\w*)",
        r"(melde|varsle)( [\w-]+){0,4} (utslipp|forurensning)\w*",
        r"miljødirektorat\w*",
        r"oljesøl\w*",
        r"\w*olje( \w+){0,2} (søl|lekk)\w*",
        r"søl\w*( \w+){0,4} \w*olje\w*",
    ),
    "kjøre- og hviletid": word_pattern(
        r"driving (time|hours)", r"drive per day", r"tachograph\w*", r"fartsskriver\w*"
    ),
}
# Asking which of the course provider's courses to take is the FAQ's to answer, not a supplier recommendation.
COURSE_WORDS = word_pattern(
    r"[\w-]*kurs\w*",
    r"courses?",
    r"opplæring\w*",
    r"training",
    r"e-?læring\w*",
    r"certificates?",
)
# Signals that do not count when the question is about the course provider's own courses.
NOT_ABOUT_COURSES = frozenset({"anbefalinger og innkjøp"})
