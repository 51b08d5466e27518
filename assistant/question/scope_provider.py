"""Questions about the course provider's own business that the FAQ does not answer (prices, course dates, free
seats, where courses are held, log-in help): the answer points to the course provider."""

from __future__ import annotations

from assistant.question.scope_patterns import word_pattern

MONTHS = "januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember"


# ...what we pay a person is pay (a non-compete's compensation, § 14 A-3), not a price
NOT_A_PERSON = (
    r"(?! (ham|henne|han|hun|dem|de ansatte|den ansatte|ansatte|arbeidstaker\w*|verneombud\w*|lærling\w*|vikar\w*|"
    r"him|her|them))"
)

PROVIDER = {
    "pris": word_pattern(
        r"hva koster\w*",
        r"(hva|hvor mye)( [\w-]+){0,3} koster",
        r"(hva|hvor mye) (vil|ville|kommer|skal) (det|dette|kurset|den|[\w-]*kurs\w*|opplæring\w*)( \w+){0,2} (å )?(koste|kostet|kosta)",
        r"koster (det|dette|kurset|[\w-]*kurs\w*|opplæring\w*|e-?læring\w*)",  # not "det koster firmaet penger"
        r"(kurset|[\w-]*kurs\w*|opplæring\w*|e-?læring\w*|det)( \w+){0,3} koster( \w+){0,3}\?",
        r"pris(en|er|ene|liste)?",
        r"(kroner|kr|(?-i:NOK))( [\w-]+){0,3} (for|per|pr\.?) (kurset|deltaker\w*|person\w*|stk|plass\w*)",
        r"[\w-]*kurs\w*( [\w-]+){0,4} (\d[\d .]*)? ?(kroner|kr|(?-i:NOK))",
        rf"hvor mye (må|skal) (vi|jeg|man) betale{NOT_A_PERSON}",
        r"kursavgift\w*",
        r"betalingsfrist\w*",
        r"betale (kurset|for kurset|med kort|med vipps)",
        r"faktura(en)? fra dere",
        r"(kan|vil|kunne) dere fakturere",
        r"fakturer\w*( [\w-]+){0,3} ([\w-]*kurs\w*|opplæring\w*|deltaker\w*)",
        r"ehf(-faktura\w*)?",
        r"strekker (det|budsjettet|beløpet|pengene)( \w+){0,2} til",
        r"(ny|en ny|kreditnota\w*) faktura",
        r"refunder\w*",
        r"(pengene|beløpet) tilbake",
        r"(få|får|fikk) (jeg |vi |han |hun )?igjen (pengene|beløpet)",
        r"refund\w*",
        r"invoice\w* (from|for) (you|the course)",
        # how the course provider invoices: one invoice per department, a cost centre, an order number
        r"(samlet|felles|egen|egne|separate?|én) faktura\w*( \w+){0,3} (per|pr\.?|for hver) (avdeling|ansatt|deltaker|person)\w*",
        r"kostnadssted\w*",
        r"(one|single|separate|combined) invoices? (per|for each) (department|employee|participant)s?",
        r"(send|get|receive|pay) (us |me )?(an |the |a new |your )?invoice\w*",
        rf"hva (må|skal) (vi|jeg|man) betale{NOT_A_PERSON}",
        r"(hva|hvor mye) tar dere (i|for|per|pr)\b",
        r"(har|tar|gir|tilbyr) dere (en )?(timepris|fastpris|fast pris|dagpris)",
        r"hvor mye (må|skal) (vi|jeg|man) (ut med|punge ut)",
        r"(noe |et |ekstra )?gebyr\w* (for|ved) (å ta |å melde \w+ |å )?(\w*test\w*|kurset|påmelding\w*|avmelding\w*|"
        r"avbestilling\w*|ny\w* (test|forsøk|kopi))",
        r"avbestillingsgebyr\w*",
        r"budsjett\w*( [\w–-]+){0,14} (hva|hvor mye) (bør|må|skal) (jeg|vi|man) (sette av|regne med|beregne)",
        r"(hva|hvor mye) (bør|må|skal) (jeg|vi|man) budsjettere",
        r"[\w-]*rabatt\w*",
        r"(blir|er) det (noe |litt |noen kroner )?(billigere|rimeligere)",
        r"(billigere|rimeligere|cheaper) (om|hvis|if|når)",
        r"discounts?",
        # English price words about the course, a seat or "it" (not "the repair cost", "a supervision fee")
        r"how much (does|do|is|are|will|would)( [\w-]+){0,4} (course|training|class|e-?learning|session|it|this|that|cost|"
        r"charge|pay|seat|place|certificate)\w*",
        r"(course|training|class|e-?learning|session|seat|place|certificate|it|this)( [\w-]+){0,4} (costs?|price\w*|fees?)",
        r"(costs?|price\w*|fees?)( \w+){0,3} (for|of|per) (the |your |a |an |this |each |one )?(course|training|class|"
        r"e-?learning|session|seat|place|certificate|participant|person|attendee|employee|head|test|exam|retak\w*)s?",
        r"(what'?s|what is|what are|tell me|send me) (the |your )?(price|cost|fee)\w*",
        r"pric(es|ing)|price ?list|how much for",
        # paying in instalments, or for a participant who did not come
        r"(betale|betaling\w*|[\w-]*kurs\w*|faktura\w*)( [\w-]+){0,4} (i|på|med) (\w+ )?avdrag\w*",
        r"avdragsordning\w*",
        r"delbetal\w*",
        r"(dele|splitte) (opp )?betaling\w*",
        r"betalingsutsettelse\w*",
        r"(pay|paying) in instal+ments|instal+ment plan",
        r"(må|skal) (vi|jeg|man) (likevel|fortsatt|uansett) betale( for)? (den|denne|ham|henne|plassen|kurset|"
        r"deltaker\w*|personen)",
    ),
    "kursdatoer": word_pattern(
        r"neste (kurs|klasseromskurs|kursdato|kursstart)\w*",
        r"kursdato\w*",
        r"kursstart",
        r"påmeldingsfrist\w*",
        r"når kan (vi|jeg|dere|de)( \w+){0,2} (tidligst|senest|først)( [\w-]+){0,4} [\w-]*(kurs|opplæring)\w*",
        r"(tidligst|snarest) mulig( [\w-]+){0,3} [\w-]*kurs\w*",
        r"(klokkeslett\w*|hvilke tider|what time)( [\w-]+){0,6} (kurs\w*|klasserom\w*|course|class)",
        r"når (går|starter|er|holdes|arrangeres) (det )?(neste|kurset|kursene|et kurs)\w*",
        r"hvilke datoer",
        r"(noen|flere|ledige) datoer",
        r"next (course|class|session)",
        r"course dates?",
        r"when('s| is| does) (your |the )next",
        rf"(har|holder|tilbyr|arrangerer|kjører|blir|går|er|fins|finnes) (dere|du|det)( [\w-]+){{0,3}} [\w-]*(kurs|klasserom)\w*( \w+){{0,4}} (i|in) ({MONTHS})",
        rf"(any|is there an?|do you (have|run|offer|hold))( [\w-]+){{0,3}} (course|class|session)\w*( \w+){{0,4}} in ({MONTHS}|january|february|march|may|june|july|october|december)",
        r"fra påmelding( \w+){0,3} til",
        r"(har|holder|arrangerer|kjører) dere( [\w-]+){0,5} (før|etter|i|til|neste) "
        r"(sommer\w*|jul\w*|romjul\w*|påske\w*|høst\w*|vår\w*|nyttår\w*)",
        r"(course|class|session)s?( [\w-]+){0,6} (this|next) (autumn|fall|spring|summer|winter|term)",
        r"(book|reserve|sign (me|us) up|register)( [\w-]+){0,6} (for|on) (the )?(\d{1,2}(st|nd|rd|th)?|"
        r"january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|"
        r"wednesday|thursday|friday)",
        rf"(booke|bestille|melde (meg|oss|\w+) på|reservere)( [\w-]+){{0,6}} (den|til|på) (\d{{1,2}}\.|({MONTHS}))",
        r"(har|holder) dere( \w+){0,3} [\w-]*kurs\w*( \w+){0,3} "
        rf"(i|til|neste|denne|in|next) ({MONTHS}|uke|måned|høst|vår|week|month)\w*",
        # the time of day of the courses: evenings, weekends, the day's programme
        r"[\w-]*kurs\w*( [\w-]+){0,4} (på kveldstid|på kvelden|om kvelden|på kveldene|i helgene?|på lørdag\w*|"
        r"på søndag\w*|in the evenings?|at weekends|on weekends)",
        r"(kvelds|helge)kurs\w*",
        r"(evening|weekend) (courses?|classes)",
        r"dagsprogram\w*",
        r"(når|hvilket klokkeslett|hva tid) (starter|begynner|slutter) (dere|kurset|kursdagen|kursdagene|undervisningen)",
        r"(starter|begynner) og slutter (dere|kurset|kursdagen|kursdagene|undervisningen)",
    ),
    "kontaktinformasjon": word_pattern(
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
    "åpningstider": word_pattern(
        r"åpningstid\w*", r"har (\w+ ){1,2}åpent", r"opening hours", r"when are you open"
    ),
    "ledige plasser": word_pattern(
        r"ledige? plass\w*",
        r"plass på (kurset|neste)",
        r"(få|får|fått) plass på( [\w-]+){0,2} [\w-]*kurs\w*",
        r"er det (fortsatt )?plass",
        r"fullt?booket",
        r"venteliste\w*",
        r"(free|available) (seats?|places?|spots?)",
        r"seats? left",
        r"(still|any) room (on|in|at|for)",
        r"\d+ (spots|seats|places)",
        r"spots? (left|available|open)",
        r"fulltegnet",
        r"([\w-]*kurs\w*|det) (er )?fullt(?! forsvarlig)",
        r"få (med|plass til) (en|to|tre|fire|flere|\d+)( \w+)?",
        r"(is|are) (it|the course|the class) full",
        r"(hvor mange|maks|maksimalt) (deltakere|plasser)",
        r"plass til( \w+){0,2} (deltakere|personer|stykker)",
        r"(fins|finnes|har dere) (det )?(fortsatt |ennå |enda )?(ledig )?plass\w*",
        r"plass til (alle|oss|hele)",
        r"(overta|overtar|ta over|få|flytte) plassen (min|vår|hans|hennes)",
        r"(transfer|give) (my|our|her|his) (seat|place|spot|booking)",
        r"(minimum|maximum|max|min|minst|maks\w*)( \w+){0,2} (participants|deltakere)",
        # whether a course runs or is cancelled
        r"(hvor mange|antall)( \w+){0,2} (må|skal) (være )?(påmeldt|melde seg på)",
        r"(få|får|blir|bli|risikere) (en )?avlysning\w*",
        r"(avlyser|avlyst|avlyses) (dere|kurset|kursene|klasseromskurs\w*)",
        r"(kurset|kursene|klasseromskurs\w*) (blir )?(avlyst|avlyses)",
    ),
    "kurssted": word_pattern(
        r"kurssted\w*",
        r"kurslokale\w*",
        r"(har|holder) dere( [\w-]+){0,3} [\w-]*kurs\w* (i|på) (oslo|bergen|trondheim|stavanger|tromsø|kristiansand|"
        r"drammen|bodø|ålesund|fredrikstad|sandnes|tønsberg|hamar|lillehammer|molde|haugesund|arendal|skien|alta|"
        r"narvik|harstad|nord-norge|vestlandet|sørlandet|østlandet|trøndelag|\w+ fylke)",
        r"må (vi|jeg) reise til",
        r"(hvor|where) (holdes|foregår|arrangeres|is|are) (klasseromskurs\w*|kursene|the course|the classes)( held)?",
        r"(courses?|classes) in (oslo|bergen|trondheim|stavanger|tromsø|kristiansand)",
    ),
    # the course provider as a business: its owners and staff
    "provider": word_pattern(
        r"(dere|hms[ -]?kontoret) (er )?(eid|eiet|eies) av",
        r"hvem eier (dere|hms[ -]?kontoret)",
        r"(hvor mange|hvem) (jobber|er ansatt|arbeider) (hos|i|på) (dere|hms[ -]?kontoret)",
        r"how many (people|employees|staff)( \w+){0,2} (work )?(at|for) (you|hms[ -]?kontoret)",
        r"who owns (you|hms[ -]?kontoret)",
        r"hvor mange har tatt( [\w-]+){0,3} [\w-]*kurs\w*( \w+){0,2} (hos dere|hos hms[ -]?kontoret)",
        r"hvor lenge har (dere|firmaet|selskapet|hms[ -]?kontoret)( \w+){0,2} (holdt på|eksistert|drevet|vært i drift)",
        # a job with the course provider
        r"(jobbe|jobb|stilling\w*|søknad\w*|søke|ansettelse|oppdrag)( [\w-]+){0,4} (hos|for|i) (dere|hms[ -]?kontoret)",
        r"(kursholder|instruktør|foreleser)\w* (hos|for) (dere|hms[ -]?kontoret)",
        r"(work|job|position|apply)( \w+){0,3} (for|at|with) (you|hms[ -]?kontoret)",
        # whether the course is up to date, the test's form, licences, other courses, courses abroad
        r"(kursinnhold\w*|kursmateriell\w*|innholdet i (kurset|kursene|e-?læring\w*|nettkurs\w*)|e-?læring\w*|elæring\w*)"
        r"( [\w-]+){0,4} (oppdatert|revidert|utdatert)",
        r"(oppdaterer|reviderer|fornyer) dere( [\w-]+){0,3} (kurs\w*|innhold\w*|e-?læring\w*|materiell\w*)",
        r"(kunnskapstest\w*|testen|eksamen\w*)(\W+[\w-]+){0,6}\W+(åpen bok|open book|hjelpemidl\w*|flervalg\w*|"
        r"multiple choice|hvor mange spørsmål|vanskelig\w*|første forsøk)",
        r"(åpen bok|open book|flervalg\w*|multiple choice|hvor mange spørsmål)( [\w-]+){0,6} (kunnskapstest\w*|testen|"
        r"eksamen\w*|test)",
        r"\d+ lisens\w*",
        r"lisens\w*( [\w-]+){0,4} (nettkurs\w*|e-?læring\w*|nyansatt\w*|går ut)",
        r"(har|tilbyr|holder|selger) dere( [\w-]+){0,2} (førstehjelps|brannvern|truck|kran|stillas|fallsikring|"
        r"arbeidsvarsling|varme arbeider)\w*",
        r"do you (offer|have|run|sell) (first aid|forklift|fire safety|crane|scaffold\w*)",
        r"(sverige|danmark|finland|utlandet)(\W+[\w-]+){0,8}\W+(holder|har|kjører|tilbyr) dere( \w+){0,2} kurs",
        r"(holder|har|kjører|tilbyr) dere( [\w-]+){0,3} kurs( [\w-]+){0,3} (i|til) (sverige|danmark|finland|tyskland|polen)",
        r"(holder|har|kjører|tilbyr) dere( [\w-]+){0,3} kurs( [\w-]+){0,3} (utenfor norge|i utlandet|abroad)",
        # the certificate's language: the FAQ names the course's languages, not the certificate's
        r"(kursbevis|diplom|certificate)\w*( [\w-]+){0,6} (på|in) (tysk|polsk|engelsk|svensk|dansk|litauisk|ukrainsk|"
        r"russisk|spansk|fransk|nynorsk|german|polish|english|swedish|danish|lithuanian|ukrainian|russian|spanish|french)",
        r"(på|in) (tysk|polsk|engelsk|svensk|dansk|litauisk|ukrainsk|russisk|spansk|fransk|nynorsk|german|polish|"
        r"english|swedish|danish|lithuanian|ukrainian|russian|spanish|french)( [\w-]+){0,4} (kursbevis|diplom|certificate)\w*",
    ),
    "kursholdere": word_pattern(
        r"(hvem er|who are) (instruktørene|kursholderne|kurslederne|foreleserne|the (instructors|trainers|teachers))",
        r"(bakgrunn|erfaring|kompetanse|utdanning)( \w+){0,3} (til|hos) (instruktørene|kursholderne|kurslederne)",
        r"instruktørene (deres|på klasseromskurs\w*)",
        r"(instructors|trainers)'? (background|experience|qualifications)",
    ),
    "brukerstøtte": word_pattern(
        r"(får|fikk|klarer|kommer) (jo )?(ikke|ikkje) (til å )?(logget|logge|å logge)( meg)? inn",
        r"logg(e|er)?( meg| oss)? inn (på|i) (kurs\w*|e-?læring\w*|plattform\w*|portal\w*|nettkurs\w*)",
        r"(can'?t|cannot|unable to) log ?in",
        r"log ?in (to|on) (the )?(course|e-?learning|platform|portal)\w*",
        r"(glemt|nytt|tilbakestill\w*)( \w+){0,2} passord\w*",
        r"passord\w*( \w+){0,3} (tilbakestill\w*|på nytt)",
        r"(forgot|reset|new)( \w+){0,2} password\w*",
        r"password reset",
        r"(innloggings|pålogging\w*|tilgangs)(info\w*|detaljer\w*|lenke\w*|link\w*)",
        r"(login|log-in|access) (details|link|credentials|information)",
        r"(kursbevis|diplom|certificate)\w*( [\w-]+){0,10} (ny kopi|i posten|per post|by post|new copy)",
        r"(ny kopi|new copy)( \w+){0,3} (av|of) (kursbevis|diplom|certificate)\w*",
        r"(mistet|mista|lost)( \w+){0,2} (kursbevis|diplom|certificate)\w*",
        r"account (is |was |got |has been )?(locked|blocked|disabled)",
        # whether the platform takes many users at once
        r"(tåler|takler|håndterer) (e-?lærings|elærings|kurs)?(plattform\w*|systemet|nettsid\w*|e-?læring\w*)",
        r"(logger|logge) (seg )?inn( \w+){0,4} samtidig",
        r"log ?in( \w+){0,3} (at the same time|simultaneously)",
        r"(unlock|reset) (my |the |our )?(account|login|log-in|password)\w*",
        r"(hvor lenge|how long)( \w+){0,4} (tilgang\w*|access)( \w+){0,2} (til|to) (e-?læring\w*|elæring\w*|kurset|nettkurset|"
        r"kursportal\w*|kursmateriell\w*|kursmateriale\w*|the course|the e-?learning|the platform|the material)",
    ),
}


# A question put to the course provider itself ("sender dere en påminnelse?", "postadressen deres", "do you offer
# …"): only an FAQ entry that is close answers it; otherwise the provider is asked (assistant.evidence.select).
ADDRESSED = word_pattern(
    r"dere",
    r"dykk",
    r"(instruktøren|instruktørene|kursholderen|kursholderne|kurslederen|foreleseren)( [\w-]+){0,3} (komme|kommer|reise|holde)",
    r"hms[ -]?kontor\w*",
    r"[\w-]*(kurs|nettkurs|kursene|kurset|e-?læring|elæring|kursbevis|kursbeviset|instruktør|instruktørene|plattform|"
    r"plattformen|adresse|adressen|postadressen|nettside|nettsida|nettsiden|kontor|kontoret|kundeservice|"
    r"kundeservicen|firma|firmaet|selskap|selskapet|tilbud|tilbudet|system|systemet)\w* deres",
    r"your (courses?|company|firm|hse|hms|certificates?|e-?learning|office|trainers?|instructors?|platform|website|"
    r"invoices?|training|class(es)?|test|exam|staff|team|services?|address|site)",
    r"(do|can|will|does|did|could|would) you (offer|have|run|send|store|keep|use|issue|provide|accept|hold|teach|"
    r"sell|deliver|arrange|give|help)",
    r"are you",
)


# Words that ask what the law requires, what a term means, or whom the training is for. A question put to the
# course provider is answered by a close law section, or by an FAQ entry on a duty, only when it asks this ("må
# daglig leder ta kurset deres?", "passer kurset deres for AMU-medlemmene?"); a request for the provider's own
# service that shares words with § 3-5 ("kan dere sette logoen vår på kursbevisene?", "selger dere gavekort på
# kurs?") is the provider's.
LAW_ASKED = word_pattern(
    r"(hva|what) (menes|betyr|innebærer|is meant|does \w+ mean)",
    r"forklar(e|er|ing)?|explain",
    r"hvordan (skal|må|bør|kan|lager|gjør|gjennomfører|utfører|organiserer|følger|melder|varsler) (vi|jeg|man|"
    r"arbeidsgiver\w*|leder\w*|verneombud\w*|bedrift\w*|\w+ (vi|jeg|man))|how (do|should|can|must) (we|i|you)|how to",  # how a duty is done: "har dere noe om hvordan vi lager …"
    r"(har|finnes) (dere|du|det) noe (om|på)|hva sier|what does( \w+){1,4} say",
    r"passer( \w+){0,3} for|suit(able|s)? for",
    r"lov(en|lig|lige|krav\w*|pålagt|pålegg|påbud\w*|påbudt)?",
    r"ulovlig\w*",
    r"arbeidsmiljøloven\w*",
    r"forskrift\w*",
    r"aml",
    r"krav\w*",
    r"kreve\w*",
    r"påkrevd\w*",
    r"plikt\w*",
    r"pålagt",
    r"påbudt",
    r"må|måtte",
    r"rett(ighet\w*)?",
    r"gyldig\w*",
    r"godkjen\w*",
    r"gjelder",
    r"tilstrekkelig\w*",
    r"holder det",
    r"nok",
    r"trenger|trengs",
    r"oppfyller|oppfylle|dekker|dekke",
    r"i stedet for|istedenfor",
    r"erstatte\w*",
    r"tell(e|er)",
    r"(law|legal\w*|laws|required?|requirements?|must|need|needs|valid|approved|enough|obliged|entitled|allowed|"
    r"replace|count|cover|satisfy|comply)",
)
