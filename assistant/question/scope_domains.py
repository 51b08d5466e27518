"""The other domains the sources do not answer (tax, accounting, insurance, pay, ...), and the words that make a
question about the course provider's own courses."""

from __future__ import annotations

import re

from assistant.question.scope_adjacent import ADJACENT_DOMAINS
from assistant.question.scope_patterns import stem_pattern, word_pattern

OTHER_DOMAINS = {
    "skatt": stem_pattern(
        r"skatt",
        r"fradrag",
        r"forskuddstrekk",
        r"arbeidsgiveravgift",
        r"a-melding",
        r"beskatn",
        r"skattlegg",
        r"\btax",
        r"deduct(?!\w*( \w+){0,8} from (my|his|her|their|the|an?|our)( \w+)? (pay|salary|wages?|lønn\w*))",
        r"social security contribution",
        r"employer'?s? contribution",
        r"national insurance contribution",
        r"trekke (det |kurset |utgiften )?fra på",
        r"betale( \w+){0,3} til staten",
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
        r"accrual",
        r"periodiser",
        r"depreciat",
        r"ledger",
        r"journal entr",
        r"auditor",
        r"\bbilag",
        r"\bexpens(e|ed|ing)\b",
        r"capitali[sz]",
        r"balanseført",
        r"hvilken konto",
        r"\bkonto(en)? (skal|bør|må)",
        r"\bin (our|the|my|your) (accounts|books)\b",
        r"\b(which|what) account\b",
    ),
    "forsikring": stem_pattern(r"forsikring", r"\bpremie", r"insurance", r"\binsure", r"forsikre"),
    # registering for VAT and reporting it: never about the VAT on a course, whatever course the asker runs
    "mva-registrering": word_pattern(
        r"mva-melding\w*",
        r"mva-registrer\w*",
        r"momsregister\w*",
        r"merverdiavgiftsregister\w*",
        r"momskompensasjon",
        r"vat return",
        r"vat registration",
        r"register for vat",
        r"omsetningsoppgave\w*",
    ),
    "merverdiavgift": word_pattern(
        r"\d+ ?%( \w+)? (mva|moms|vat)",
        r"(mva|moms|vat)-?sats\w*",
        r"(mva|moms) på (mat|varer|salg|take-?away\w*|servering\w*)",
        r"snudd avregning|reverse[- ]charge|(beregne|innberette|rapportere)( \w+){0,3} (norsk )?(mva|moms|vat)",
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
        r"alderssparing\w*",
        r"pensjonssparing\w*",
        r"lønnsøkning\w*",
        r"lønnsjustering\w*",
        r"egenmelding\w*",
        r"arbeidsgiverperiode\w*",
        # the employer's period of sick pay, by its length, and who pays during sick leave or parental leave
        r"første 16 (dag|dagen|dager|dagene)",
        r"(hvem|som) (betaler|dekker) (lønn|lønna|lønnen|sykepeng\w*)( [\w-]+){0,6} (syk\w*|permisjon\w*|foreldre\w*)",
        r"nav( betaler|-refusjon| refunderer)",
        r"sykepeng\w*",
        r"(hvor mye|hva) får (hun|han|de|jeg|vi|den ansatte)( \w+){0,3} fra nav",
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
        # pay transparency in job ads (the EU directive), not aml
        r"lønnsåpenhet\w*",
        r"lønnsspenn\w*",
        r"pay transparency",
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
        r"(hvor mange|how many)( [\w-]+){0,5} (ble|were|was|er blitt|have been)( \w+){0,2} (reported|meldt|registrert|"
        r"innrapportert)\w*( \w+){0,5} (i fjor|last year|per år|hvert år|each year|every year|i \d{4}|in \d{4})",
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
        r"(\w*representant\w*|plass|sete|sitte|med) i styret",  # board representation: aksjeloven
        r"styrerepresentant\w*",
        r"generalforsamling\w*",
        r"aksjonær\w*",
        r"stifte\w*",
        r"registrere (et |mitt |vårt )?(as|enk|firma|selskap)",
    ),
    # areas other laws govern, asked about without naming the law
    "personvern": word_pattern(
        r"personalmapp\w*",
        r"(lagre|oppbevare|ta vare på|slette|beholde)( [\w-]+){0,4} (cv|cv-ene|cv-er|cver|cv'?er)",
        r"databehandl\w*",
        r"data process(ing|or)( agreement)?s?",
        r"personvernombud\w*",
        r"(data protection|privacy) officer",
        r"datatilsynet",
        r"(etter|ifølge|i henhold til|under) (personvernreglene|personvernregelverket|personvernlovgivningen)",
    ),
    "brannvern": word_pattern(
        r"brannslukk\w*",
        r"brannalarm\w*",
        r"røykvarsler\w*",
        r"fire extinguisher\w*",
        r"brannvern\w*",
        r"brannøv\w*",
        r"branninstruks\w*",
        r"brannforebygg\w*",
        r"brannsikkerhet\w*",
        r"fire (drills?|safety|wardens?|alarms?|marshals?)",
    ),
    "alkohol og skjenking": word_pattern(
        r"skjenke\w*",
        r"serveringsbevilling\w*",
        r"salgsbevilling\w*",
        r"liquor licen[cs]e\w*",
        r"alcohol licen[cs]e\w*",
    ),
    "NAV-tiltak": word_pattern(
        r"[\w-]*tilskudd\w*",
        r"wage subsid\w*",
        r"(grants?|subsid(y|ies)) (from|by) nav",
    ),
    "arbeidsgiverorganisasjoner": word_pattern(
        # employers' organisations only: union membership is a ground aml chapter 13 protects
        r"(medlem\w*|meldt \w+ ut|melde \w+ (inn|ut)|utmelding\w*|bli med|gå\w* ut)( \w+){0,3} (i|av|fra|til) "
        r"(nho|virke|spekter|arbeidsgiverforening\w*|arbeidsgiverorganisasjon\w*)",
        r"(join|leave|left|member\w*)( \w+){0,3} (of )?(nho|virke|spekter|an employers'? (organi[sz]ation|association))",
    ),
    "rekruttering": word_pattern(
        # getting applicants, not choosing among them (choosing by age or union membership is aml chapter 13)
        r"flere( \w+)? (søkere|kandidater)",
        r"(få|finne|finner|tiltrekke\w*)( \w+){0,2} (søkere|kandidater)",
        r"(attract|find|more)( \w+)? (candidates|applicants)",
        r"employer branding",
        r"rekrutteringstips\w*",
        r"intervjuteknikk\w*",
        r"interview (tips|techniques?|questions to ask)",
    ),
    "IT og programvare": word_pattern(
        r"(hvordan|how (do|can|to))( \w+){0,6} (outlook|excel|powerpoint|onedrive|sharepoint)",
        r"(outlook|excel|powerpoint|onedrive|sharepoint)( \w+){0,4} (fungerer|virker|works?|crash\w*|krasj\w*)",
        r"autosvar\w*",
        r"automatisk\w* (svar|fraværsmelding|e-?postsvar)\w*",
        r"out[- ]of[- ]office",
        r"vpn",
        r"wi-?fi",
        r"(microsoft|ms) (teams|office|365)",
    ),
    "budsjettering": word_pattern(
        r"budsjett\w*( \w+){0,4} (per|pr\.?|for hver) (ansatt|person|hode|medarbeider)\w*",
        r"budget( \w+){0,3} per (employee|person|head)",
    ),
    "vær og nyheter": word_pattern(
        r"(hva|hvordan) blir været",
        r"blir det (regn|snø|sol|storm|pent vær|oppholdsvær)\b",
        r"værmelding\w*",
        r"værvarsel\w*",
        r"yr\.no",
        r"(weather|forecast)( \w+){0,2} (tomorrow|today|this week|for)",
        r"what('s| is| will) the weather",
    ),
    "forurensning": word_pattern(
        r"(utslipp|søl|lekkasje)\w*( [\w-]+){0,4} (til|i|på|ut i) (grunn\w*|jord\w*|sjø\w*|vann\w*|elv\w*|naturen|"
        r"grusplass\w*|bakken|avløp\w*|kloakk\w*)",
        r"(melde|varsle)( [\w-]+){0,4} (utslipp|forurensning)\w*",
        r"miljødirektorat\w*",
        r"oljesøl\w*",
        r"oljeutskiller\w*",
        r"(slippe|slipper|slippes|sleppe)( [\w-]+){0,4} (i|ut i|på) (avløp|kloakk)\w*",
        r"\w*olje( \w+){0,2} (søl|lekk)\w*",
        r"søl\w*( \w+){0,4} \w*olje\w*",
    ),
    "kjøre- og hviletid": word_pattern(
        r"driving (time|hours)", r"drive per day", r"tachograph\w*", r"fartsskriver\w*"
    ),
    # lay-offs are the permitteringslønnsloven's and the Hovedavtalen's; aml § 15-3 (9) only gives a laid-off
    # employee's own notice when resigning ("lay off" in English is mostly dismissal, aml chapter 15)
    "permittering": re.compile(
        r"^(?![\s\S]*(oppsig|si opp|sier opp|slutte|resign))[\s\S]*?(?<![\wæøå])"
        r"(permitt\w*|sen(de|der|dt) (\w+ ){0,3}hjem uten lønn|før nav tar over)",
        re.IGNORECASE,
    ),
    "førstehjelp og hjertestarter": word_pattern(
        r"hjertestarter\w*",
        r"defibrillat\w*",
        r"førstehjelps(skrin|skap|kasse|koffert|pakke)\w*",
        r"first[- ]aid (kits?|box\w*)",
    ),
    "mattrygghet": word_pattern(
        r"(temperatur|grader)\w*( \w+){0,6} (kjøleskap|kjølerom|kjøledisk|frysedisk|frysebokse?n?)\w*",
        r"(kjøleskap|kjølerom|kjøledisk|frysedisk)\w*( \w+){0,6} (temperatur|grader)\w*",
        r"mattrygghet\w*",
        r"næringsmiddel\w*",
        r"allergen\w*",
    ),
    "oppbevaring av regnskap og lønn": word_pattern(
        r"(hvor lenge|how long)( [\w-]+){0,6} (oppbevar\w*|ta vare på|lagre|arkiver\w*|keep|retain|store)( [\w-]+){0,4} "
        r"(lønnsslipp\w*|lønnsopplysning\w*|timelist\w*|timeliste\w*|payslips?|timesheets?|pay records?)",
        r"(oppbevar\w*|ta vare på|lagre|arkiver\w*)( [\w-]+){0,4} (lønnsslipp\w*|lønnsopplysning\w*|timelist\w*)( [\w-]+){0,6} "
        r"(hvor lenge|hvor mange år)",
    ),
    "selskapsform og prising": word_pattern(
        r"(as|aksjeselskap) eller (enk|enkeltpersonforetak|ans)",
        r"(enk|enkeltpersonforetak) eller (as|aksjeselskap)",
        r"selskapsform\w*",
        r"prise (timene|tjenestene|jobben|arbeidet|oppdraget|oppdragene)( mine| våre)?",
        r"(hvor mye|hva) (bør|skal|kan) (jeg|vi) ta (betalt|i timen)",
        r"(timepris|timesats)\w*( \w+){0,4} (som|for) (selvstendig|konsulent|frilanser|håndverker|rørlegger|elektriker)\w*",
        r"sole proprietorship or (an )?(as|limited company)",
    ),
    # leave for funerals, weddings or moving is the collective agreements' (aml chapter 12 has no such leave)
    "velferdspermisjon": word_pattern(
        r"velferdspermisjon\w*",
        r"(fri|permisjon|lønn)\w*( [\w-]+){0,8} (begravelse|bisettelse|bryllup|flyttedag|flytting)\w*",
        r"(begravelse|bisettelse|bryllup|flyttedag)\w*( [\w.,!-]+){0,10} (fri|permisjon)\w*",
        r"(time off|leave|day off)( \w+){0,6} (funeral|wedding|moving house)s?",
    ),
    # what the regulations say in the parts not held: the verneombud's term, how often the AMU meets
    "verneombudets funksjonstid og AMUs møter": word_pattern(
        r"funksjonstid\w*",
        r"valgperiode\w*",
        r"hvor lenge (sitter|varer)(?![^?]*utpek)( \w+){0,3} (verneombud|hovedverneombud|amu|arbeidsmiljøutvalg)\w*",
        r"hvor lenge er (man|en|et|du|jeg|hun|han) (valgt som )?(verneombud|hovedverneombud|amu-medlem)\w*(?![^?]*utpek)",
        r"hvor ofte (skal|må|bør)( \w+){0,2} (amu|arbeidsmiljøutvalg\w*)( \w+){0,3} (møte\w*|samles|ha møte\w*)",
        r"(hvor mange|antall|minimum)( \w+){0,3} møter( \w+){0,5} (amu|arbeidsmiljøutvalg\w*)",
        r"(amu|arbeidsmiljøutvalg\w*)( \w+){0,5} (hvor mange|antall) møter",
        r"how often (must|should|does) (the )?(amu|working environment committee)( \w+){0,2} meet",
        r"(term of office|how long)( \w+){0,4} (safety rep(resentative)?|verneombud)\w*( \w+){0,3} (serve|sit|last)\w*",
    ),
    **ADJACENT_DOMAINS,
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
# Signals that do not count when the question is about the course provider's own courses (VAT on the course is the
# FAQ's to answer).
NOT_ABOUT_COURSES = frozenset({"anbefalinger og innkjøp", "merverdiavgift"})
