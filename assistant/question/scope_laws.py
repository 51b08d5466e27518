"""Other laws and regulations the sources do not hold, recognised by name or by what they govern (holidays,
tobacco, driving times, ...), and the names of regulations by their titles."""

from __future__ import annotations

import re

from assistant.question.scope_patterns import word_pattern

VACATION = word_pattern(
    r"ferie(n|dag|dagen|dager|dagene|uke|uker|ukene|tid|avvikling)?",
    # how much and when holiday pay is paid is the ferieloven's (aml §§ 14-6 and 14-15 only name it)
    r"(hvor mye|hvor store|hvor mange prosent|når|beregn\w*)( [\w-]+){0,5} feriepeng\w*",
    r"feriepeng\w*( [\w-]+){0,5} (beregn\w*|prosent\w*)",
    r"feriepengegrunnlag\w*",
    r"feriepeng\w*( [\w-]+){0,4} (utbetalt|utbetales|betalt ut|i stedet for)",
    r"(utbetal\w*|betale ut|betalt ut)( [\w-]+){0,3} feriepeng\w*",
    r"(krav|rett) (på|til) feriepeng\w*",
    r"(får|opptjen\w*|tjener|tjene) (\w+ ){0,3}feriepeng\w*",
    r"feriepeng\w*( [\w-]+){0,4} (av|på|for) (overtid\w*|bonus\w*|sykepeng\w*|provisjon\w*|tillegg\w*)",
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
    # electrical installations and their inspection: el-tilsynsloven and its regulations
    r"el-?kontroll\w*",
    # the builder's health and safety plan: byggherreforskriften
    r"sha-?plan\w*",
    r"byggherreforskrift\w*",
    r"el-?sikkerhet\w*",
    r"el-?tilsyn\w*",
    r"elektriske? (anlegg|installasjon)\w*",
    r"lavspenning\w*",
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
# A regulation named by its title ("forskrift om utførelse av arbeid"): another regulation unless the title is one
# the corpus holds ("forskrift om organisering, ledelse og medvirkning"). Not "forskriften om 40 timers kurs",
# which describes one by its subject.
# Smoking and snus at work, indoors, in vehicles or by the door: tobakksskadeloven (§ 25), not aml. Not smoke
# ("røyken fra sveisingen", "røykdykker", "røykvarsler"), which the law's chemical and fire rules may answer.
TOBACCO = word_pattern(
    r"røyke(r)?",
    r"røyking\w*",
    r"røyke(rom|skur|forbud|lov|område|plass)\w*",
    r"røykfri\w*",
    r"snus(e|er|ing)?",
    r"e-?sigarett\w*",
    r"damp(e|er|ing)|vap(e|ing)",
    r"tobakk\w*",
    r"smoking|cigarettes?",
)
REGULATION_TITLE = re.compile(
    r"(?<![\wæøå])(forskrift om ([a-zæøå][\wæøå-]*)(?: (?:av|og|i|ved|med) [\wæøå-]+)?)(?![\wæøå-])",
    re.IGNORECASE,
)
# ...not "finnes det en forskrift om dette?"
NOT_A_TITLE = frozenset(
    {
        "dette",
        "det",
        "den",
        "denne",
        "disse",
        "dem",
        "hva",
        "hvordan",
        "hvilke",
        "at",
        "å",
        "en",
        "et",
        "noe",
        "slikt",
        "sånt",
    }
)
