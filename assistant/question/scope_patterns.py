"""The patterns of what the sources cannot answer: provider facts, other domains and laws, injections."""

from __future__ import annotations

import re


def word_pattern(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\wæøå])(?:" + "|".join(alternatives) + r")(?![\wæøå])", re.IGNORECASE)


def stem_pattern(*alternatives: str) -> re.Pattern[str]:
    """Word parts that also count inside compounds ('reiseforsikring', 'skattefradrag'), but not in the name of a
    kind of business ('regnskapsbyrå', 'forsikringsselskap': where the asker works, not what they ask about) or a
    person's trade ('regnskapsfører': who told them, not what they ask)."""
    business = r"(?<!byrå)(?<!kontor)(?<!selskap)(?<!selskapet)(?<!firma)(?<!bransjen)(?<!bransje)(?<!byrået)(?<!kontoret)"
    business += r"(?<!skapsfører)(?<!skapsføreren)(?<!skapsførere)(?<!skapsførerne)"
    return re.compile(r"\w*(?:" + "|".join(alternatives) + r")\w*\b" + business, re.IGNORECASE)


MONTHS = "januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember"


PROVIDER = {
    "pris": word_pattern(
        r"hva koster\w*",
        r"(hva|hvor mye)( [\w-]+){0,3} koster",
        r"koster (det|dette|kurset|[\w-]*kurs\w*|opplæring\w*|e-?læring\w*)",  # not "det koster firmaet penger"
        r"(kurset|[\w-]*kurs\w*|opplæring\w*|e-?læring\w*|det)( \w+){0,3} koster( \w+){0,3}\?",
        r"pris(en|er|ene|liste)?",
        r"(kroner|kr|(?-i:NOK))( [\w-]+){0,3} (for|per|pr\.?) (kurset|deltaker\w*|person\w*|stk|plass\w*)",
        r"[\w-]*kurs\w*( [\w-]+){0,4} (\d[\d .]*)? ?(kroner|kr|(?-i:NOK))",
        r"hvor mye (må|skal) (vi|jeg|man) betale",
        r"kursavgift\w*",
        r"betalingsfrist\w*",
        r"betale (kurset|for kurset|med kort|med vipps)",
        r"faktura(en)? fra dere",
        r"(ny|en ny|kreditnota\w*) faktura",
        r"refunder\w*",
        r"(pengene|beløpet) tilbake",
        r"refund\w*",
        r"invoice\w* (from|for) (you|the course)",
        r"(send|get|receive|pay) (us |me )?(an |the |a new |your )?invoice\w*",
        r"hva (må|skal) (vi|jeg|man) betale",
        r"hvor mye (må|skal) (vi|jeg|man) (ut med|punge ut)",
        r"(noe |et |ekstra )?gebyr\w* (for|ved) (å ta |å melde \w+ |å )?(\w*test\w*|kurset|påmelding\w*|avmelding\w*|"
        r"avbestilling\w*|ny\w* (test|forsøk|kopi))",
        r"avbestillingsgebyr\w*",
        r"budsjett\w*( [\w–-]+){0,14} (hva|hvor mye) (bør|må|skal) (jeg|vi|man) (sette av|regne med|beregne)",
        r"(hva|hvor mye) (bør|må|skal) (jeg|vi|man) budsjettere",
        r"[\w-]*rabatt\w*",
        r"discounts?",
        # English price words about the course, a seat or "it" (not "the repair cost", "a supervision fee")
        r"how much (does|do|is|are|will|would)( [\w-]+){0,4} (course|training|class|e-?learning|session|it|this|that|cost|"
        r"charge|pay|seat|place|certificate)\w*",
        r"(course|training|class|e-?learning|session|seat|place|certificate|it|this)( [\w-]+){0,4} (costs?|price\w*|fees?)",
        r"(costs?|price\w*|fees?)( \w+){0,3} (for|of|per) (the |your |a |an |this |each |one )?(course|training|class|"
        r"e-?learning|session|seat|place|certificate|participant|person|attendee|employee|head|test|exam|retak\w*)s?",
        r"(what'?s|what is|what are|tell me|send me) (the |your )?(price|cost|fee)\w*",
        r"pric(es|ing)|price ?list|how much for",
    ),
    "kursdatoer": word_pattern(
        r"neste (kurs|klasseromskurs|kursdato|kursstart)\w*",
        r"kursdato\w*",
        r"kursstart",
        r"(klokkeslett\w*|hvilke tider|what time)( [\w-]+){0,6} (kurs\w*|klasserom\w*|course|class)",
        r"når (går|starter|er|holdes|arrangeres) (det )?(neste|kurset|kursene|et kurs)\w*",
        r"hvilke datoer",
        r"(noen|flere|ledige) datoer",
        r"next (course|class|session)",
        r"course dates?",
        r"when (is|does) the next",
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
        r"(overta|overtar|ta over|få) plassen (min|hans|hennes)",
        r"(transfer|give) (my|our|her|his) (seat|place|spot|booking)",
        r"(minimum|maximum|max|min|minst|maks\w*)( \w+){0,2} (participants|deltakere)",
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
    "brukerstøtte": word_pattern(
        r"(får|fikk|klarer|kommer) (jo )?(ikke|ikkje) (til å )?(logget|logge|å logge)( meg)? inn",
        r"logg(e|er)?( meg| oss)? inn (på|i) (kurs\w*|e-?læring\w*|plattform\w*|portal\w*|nettkurs\w*)",
        r"(can'?t|cannot|unable to) log ?in",
        r"log ?in (to|on) (the )?(course|e-?learning|platform|portal)\w*",
        r"(glemt|nytt|tilbakestill\w*)( \w+){0,2} passord\w*",
        r"passord\w*( \w+){0,3} (tilbakestill\w*|på nytt)",
        r"(forgot|reset|new)( \w+){0,2} password\w*",
        r"password reset",
        r"(kursbevis|diplom|certificate)\w*( [\w-]+){0,10} (ny kopi|i posten|per post|by post|new copy)",
        r"(ny kopi|new copy)( \w+){0,3} (av|of) (kursbevis|diplom|certificate)\w*",
        r"(mistet|mista|lost)( \w+){0,2} (kursbevis|diplom|certificate)\w*",
        r"account (is |was |got |has been )?(locked|blocked|disabled)",
        r"(unlock|reset) (my |the |our )?(account|login|log-in|password)\w*",
        r"(hvor lenge|how long)( \w+){0,4} (tilgang|access)( \w+){0,2} (til|to) (e-?læring\w*|elæring\w*|kurset|nettkurset|"
        r"kursportal\w*|the course|the e-?learning|the platform)",
    ),
}
VACATION = word_pattern(
    r"ferie(dag|dager|uke|uker|tid|avvikling)?",
    # how much and when holiday pay is paid is the ferieloven's (aml §§ 14-6 and 14-15 only name it)
    r"(hvor mye|hvor store|hvor mange prosent|når|beregn\w*)( [\w-]+){0,5} feriepeng\w*",
    r"feriepeng\w*( [\w-]+){0,5} (beregn\w*|prosent\w*)",
    r"feriepengegrunnlag\w*",
    r"dager ferie",
    r"fellesferie\w*",
    r"uker ferie",
    r"(annual )?leave days",
    r"vacation\w*",
    r"(?<!school )holidays?",
)
OTHER_LAWS = word_pattern(
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
    r"tjenestebolig\w*",  # husleieloven kapittel 11
    r"(keep|store|retain|delete)\w*( [\w'-]+){0,4} (cvs|cv's|résumés|resumes)",
    r"hybel\w*",
    r"spillolje\w*",
    r"(farlig )?avfall\w*",
    r"dsb",
    r"mattilsyn\w*",
    r"hygienekurs\w*",
    r"personopplysning\w*",
    r"lagre (cv|cv-ene|søknad\w*|opptak\w*)",
    r"kamera\w*( \w+){0,4} kunde\w*",
    # immigration, commercial leases, consumer purchases
    r"oppholdstillatelse\w*",
    r"arbeidstillatelse\w*",
    r"residence permit\w*",
    r"work permit\w*",
    r"visum\w*",
    r"leiekontrakt\w*",
    r"leietaker\w*",
    r"næringslokal\w*",
    r"reklamasjon\w*",
    r"reklamere\w*",
    # other countries' law and authorities
    r"arbetsmiljö\w*",
    r"skyddsombud\w*",
    r"arbejdstilsyn\w*",
    r"arbejdsmiljø\w*",
    r"osha",
    r"(svensk|dansk|britisk|amerikansk|tysk|finsk|swedish|danish|british|american|german|finnish)\w* "
    r"(lov|regler|regelverk|myndighet|tilsyn|law|rules|regulations?|authorit)\w*",
    r"(lov|loven|regler|reglene|regelverket|law|laws|rules) (i|in) (sverige|danmark|finland|tyskland|usa|storbritannia|"
    r"england|sweden|denmark|germany|the uk|the us|britain)",
)
# Any named Norwegian law ("ferieloven", "plan- og bygningsloven", "arbeidstvistlova") is another law unless
# the corpus holds it (its names and abbreviations come from the corpus).
LAW_NAME = re.compile(
    r"(?<![\wæøå])((?:[\wæøå]+- og )?[\wæøå]{3,}(?:loven|lova|lov|forskriften|forskrifta|forskrift))(?![\wæøå])",
    re.IGNORECASE,
)
INJECTION = word_pattern(
    r"ignorer\w* (alle |de |dine )?(tidligere |forrige |ovenstående )?(instruks\w*|beskjed\w*|regler\w*|føringer|kilde\w*)",
    r"glem (alt|alle|dine|tidligere|reglene|instruks\w*|kilde\w*)\w*",
    r"(svar|answer)( \w+){0,3} (fra|med|ut fra|from|with|using) (din|your) (egen|own) (kunnskap|viten|knowledge)",
    r"uten (å bruke |å se på )?(kildene|kilder)",
    r"(ignore|without) (your|the) sources",
    r"glem at du",
    r"forget (that )?(you('re| are)|your|all|everything|previous|prior|the rules|the instructions)",
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
    r"late? som (du|at du)",  # "Lat som du er Arbeidstilsynet ..."
    # asked to say what it knows is false, or told the question is the developers' test
    r"(selv om|even though|even if) (du|you) (vet|veit|know)( \w+){0,3} (er|is|it's|that's) (feil|galt|usant|wrong|false|untrue)",
    r"(svar|si|skriv|bekreft|answer|say|write|confirm) (at|that)( [\w-]+){0,12},? (selv om|even though|even if)",
    r"(intern|hemmelig) test fra (utviklerne|utviklere|teamet)",
    r"(internal|secret) test (from|by) (the )?(developers|devs|team)",
    # what the set-up holds: files, paths, model, keys
    r"api-?nøkl\w*",
    r"api[- ]keys?",
    r"filstie?r?\w*",
    r"file ?paths?",
    r"miljøvariab\w*",
    r"environment variables?",
    r"(hvilke|hvilken|which|what) (filer|dokumenter|files|documents)( \w+){0,4} (har du|do you have) (tilgang|access)",
    # a chat role, an image that carries the conversation away, an "authorisation" or a game to lift the rules
    r"[\"']?role[\"']?\s*:\s*[\"']?(system|assistant|developer)",
    r"<\|?(im_start|system)\|?>",
    r"!\[[^\]]*\]\(https?://[^)\s]*\)",
    r"autoriserer (jeg )?deg",
    r"(i )?authori[sz]e you",
    r"(slå|skru) av( [\w-]+){0,2} (begrensning\w*|filter\w*|regler\w*|kildekrav\w*)",
    r"(turn|switch) off( \w+){0,2} (restrictions?|limits?|filters?|rules|safeguards?)",
    r"la oss leke",
    r"(ps|p\.s\.|note|merk)\W+(til|to) (ai|the ai|ki|assistent\w*|the assistant|chatbot\w*)",
    r"(lim inn|gjengi|paste|dump)( [\w-]+){0,3} (faq-?fil\w*|kildefil\w*|kilde\w*|datafil\w*|yaml|json|source files?|the faq)",
    r"let'?s play a game",
    # asked to repeat what came before the question (its instructions), or to answer yes whatever it thinks
    r"(gjenta|repeat|print|output|skriv ut)( \w+){0,3} (everything|alt|all)( \w+){0,3} (above|over|ovenfor|før)",
    r"starting with( the words?)? [\"'‘«]?you are",
    r"(svar|answer|reply|say)( \w+){0,2} (bare|kun|only|just) [«\"'‘]?(ja|nei|yes|no)\b",
    r"(uansett|regardless of|no matter) (hva|what) (du|you) (egentlig |actually |really )?(mener|tror|vet|think|believe|know)",
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
    r"^\W*(svar (kun |bare )?(at|med|ja|nei)|skriv|bekreft|påstå|gjenta|oversett|say that|answer (only )?with|write|translate)\b",
    re.IGNORECASE,
)
# A task for a writing assistant, not a question: a letter, an e-mail, a poem.
TASK = word_pattern(
    r"(skriv|skrive|lag|lage|formuler\w*|write|draft)( meg| for meg| oss)? (en|et|ei|a|an)( [\w-]+){0,2} "
    r"(e-?post|e-?mail|mail|brev|melding|innlegg|dikt|sang|invitasjon|letter|poem|song|invitation|"
    r"stillingsannonse|jobbannonse|annonse|job ad|artikkel|article|essay|blogg?|script|skript|"
    r"tale|speech|tweet)\w*",
)
