"""Questions that another trade answers, not the law: a doctor (treatment, medicines), the supplier of protective
gear, a recruiter, a financial adviser; and duties under laws not held that sound like aml's
(gender-equality reporting, the HMS card's application, a report of an occupational injury to NAV, compensation for
an injury); and the Labour Inspection as an organisation, which its own pages describe.
Written from the categories on dev rounds 16-17, 23 and 24 (evals/datasets/dev/*_dev16.yaml, *_dev17.yaml, *_dev23.yaml,
*_dev24.yaml),
tuned on dev only."""

from __future__ import annotations

from assistant.question.scope_patterns import word_pattern

OTHER_TRADES = {
    # advice on treating an illness or an injury: a doctor's, not the law's
    "medisinske råd": word_pattern(
        r"ibux",
        r"ibuprofen",
        r"paracet\w*",
        r"smertestillende\w*",
        r"painkillers?",
        r"(hvor mange|hvor mye)( \w+){0,2} (tabletter|piller|mg)",
        r"hvor lang tid tar det (å bli|før (jeg|han|hun|det) blir) (bra|frisk|bedre)\w*",
        r"how long (does it|will it|until)( \w+){0,3} (take to )?(heal|recover|get better)",
        r"(bør|skal) (jeg|han|hun) (bruke|ta) (en |ei |et )?[\w-]*(skinne|bandasje|medisin\w*|tabletter)",
        r"omgangssyk\w*",
        r"flått\w*",
        r"borrelia\w*",
        r"symptom(ene|er)? på",
        r"(hva slags|hvilken) behandling",
        r"må (han|hun|jeg|de) (til|gå til) (lege|legen)",
    ),
    # applying for the HMS card (forskrift om HMS-kort, not held; aml § 4-1 only lets the ministry require it)
    "HMS-kort": word_pattern(
        r"(søk\w*|bestill\w*|få|utstede\w*|rett til)( [\w-]+){0,3} (hms|bygge)-?kort\w*",
        r"(hms|bygge)-?kort\w*( [\w-]+){0,4} (søke\w*|søknad\w*|bestille\w*|koste\w*|utsted\w*|gyldig\w*|utløp\w*|fornye\w*|varer)",
        r"(gyldig\w*|utløp\w*|fornye\w*|nytt)( [\w-]+){0,3} (hms|bygge)-?kort\w*",
        r"(apply|application) for (an? |the )?(hse|construction|hms) (id )?cards?",
    ),
    # which product to buy: the supplier's and the standards', not the law's (aml § 4-4 only requires what is safe)
    "valg av verneutstyr": word_pattern(
        r"(klasse|class) (s1p?|s2|s3|s4|s5|sb)",
        r"(hvilket|hvilken|hvilke|which) (merke|brand|modell|model)( \w+){0,2} (vernesko|hjelm\w*|hansker|hørselvern|"
        r"safety (shoes|boots)|helmets?|gloves)",
    ),
    "rekrutteringsråd": word_pattern(
        r"(tips|råd) (til|om) (hvordan )?(vi |man |jeg )?(skrive|skriver|lage|lager) (en )?(god )?"
        r"(stillingsannonse|jobbannonse|annonse)\w*",
        r"(stillingsannonse|jobbannonse|annonse)\w*( \w+){0,6} skiller seg ut",
    ),
    "økonomi og investering": word_pattern(
        r"(invest|investere|plassere)( \w+){0,4} (penger|pengene|cash|money|kroner|nok|\d+ millioner|overskudd\w*)",
        r"aksjefond\w*",
        r"(stocks|shares|index funds?) to buy",
        r"(hvilken|hvilke|beste|anbefale\w*)( \w+){0,3} bank(en|er|ene)?\b( \w+){0,3} (for|til) (bedrift\w*|firma\w*|lønn\w*)",
        r"(which|best) bank( \w+){0,4} (business|company|payroll)",
    ),
    # whether to tell a colleague one has feelings for them: personal advice, not the law's
    "personlige råd": word_pattern(
        r"(følelser for|forelsket i|crush på) (en|ei|min|mitt|vår) (kollega|sjef|medarbeider)\w*",
        r"(feelings for|in love with|crush on) (a|my|our) (colleague|co-?worker|boss)s?",
        # how to word a hard talk: the sources state duties, not what to say
        r"(ordlegge|formulere|uttrykke) meg",
        r"(hva|hvordan) (skal|bør) jeg (si|starte|åpne|legge det fram)( \w+){0,3} (til|i|når|på) "
        r"(samtalen|møtet|ham|henne|den ansatte|medarbeideren)",
        r"tips til hva jeg (skal|bør) si",
        r"(how|what) (should|do) i (word|phrase|say)( \w+){0,3} (it|this|the conversation|the meeting|to (him|her|them))",
    ),
    # which industries must have an occupational health service: the list is oml chapter 13, which is not held
    "bransjelista for bedriftshelsetjeneste": word_pattern(
        r"bransjelist\w*",
        r"(lista|listen|liste) over (bransjer|næringer|virksomheter)( [\w-]+){0,8} (bedriftshelsetjeneste\w*|bht)",
        r"(hvilke|står) (bransjer|næringer)( [\w-]+){0,6} (bedriftshelsetjeneste\w*|bht)",
    ),
    # the assistant's own opinion or a prediction ("synes du verneombudet er for strengt?", "who will win the
    # election?"), and whether to quit: the sources state rules, not views, forecasts or life choices
    "meninger og spådommer": word_pattern(
        r"(synes|syns) du",
        r"hva mener du om",
        r"(hva )?mener du (personlig|selv|ærlig talt|egentlig)",
        r"(din|ditt) (ærlige |personlige )?(mening|syn)",
        r"(et|noen) ærlig\w* råd",
        r"(in|what'?s|what is) your (honest |personal |own )?(opinion|view)",
        r"honest advice",
        r"what do you (personally )?think (of|about)",
        r"do you (personally |really |honestly )?think( [\w-]+){0,8} (is|are|was|were) (too |very |really |overly )?"
        r"(fair|unfair|strict|harsh|lenient|reasonable|unreasonable|overkill|petty)\b",
        r"tror du( [\w-]+){0,6} (er|var) (for |altfor |veldig )?(rettferdig\w*|urettferdig\w*|rimelig\w*|urimelig\w*|"
        r"streng\w*|pirkete|overkill)",
        r"(hvem|hvilket parti) (tror du )?(vinner|vant|kommer til å vinne)",
        r"stortingsvalg\w*",
        r"who (do you think )?will win",
        r"tror du( \w+){0,4} (kommer|blir)( \w+){0,3} (ny|nye|endring\w*)( \w+){0,2} (lov|loven|arbeidsmiljølov\w*|regler)",
        r"burde jeg( bare)? (si opp|slutte|bytte jobb|finne (noe|en) (annet|annen))",
        r"should i (just )?(quit|resign|leave)",
        # which supplier or product to choose, a forecast, a joke
        r"(hvilke?n?|hvilket) (?![\w-]*(kurs|opplæring|læring))[\w-]+( [\w-]+){0,4} (vil|ville|kan|kunne|bør) du anbefale",
        r"anbefaler du( \w+){0,2} (noen|en|et|ei|leverandør\w*|merke\w*|firma\w*|produkt\w*)",
        r"which (?!course|training|class)[\w-]+( [\w-]+){0,4} (would|do|can|could) you recommend",
        r"hva tror du( [\w-]+){0,6} (kommer til å|vil) (prioritere|skje|bli|endre\w*|komme)",
        r"what do you think( [\w-]+){0,6} will",
        r"(fortell|fortelle|si|kom med) (meg |oss )?(en|noen) (god |morsom |artig )?vits\w*",
        r"tell (me |us )?(a|an|some) (good |funny )?jokes?",
    ),
    # reporting on gender equality and pay by gender: likestillings- og diskrimineringsloven
    "likestillingsredegjørelse": word_pattern(
        r"(kartlegge|kartlegging)( \w+){0,2} lønn\w*( \w+){0,3} kjønn",
        r"redegjøre\w* for likestilling\w*",
        r"likestillingsredegjørelse\w*",
        r"likestillingsrapport\w*",
        r"redegjørelsesplikt\w*",
        r"årsberetning\w*",
        r"gender pay (gap )?report\w*",
    ),
    # reporting an occupational injury to NAV, and having it approved: folketrygdloven
    "yrkesskade hos NAV": word_pattern(
        r"skademelding\w*( \w+){0,3} (til )?nav",
        r"godkjent som yrkes(skade|sykdom)\w*",
        r"(approved|recogni[sz]ed) as an? (occupational|work) (injury|disease)",
    ),
    # compensation for an injury at work: yrkesskadeforsikringsloven and skadeserstatningsloven (aml's compensation
    # is for breaches of its own rules: §§ 2 A-2, 13-9, 14-11, 15-12)
    "erstatning for skade": word_pattern(
        r"(erstatning(en|er)?|menerstatning\w*)( [\w-]+){0,6} (skadet|skadd|skade på jobb\w*|ulykke\w*|yrkesskade\w*|"
        r"yrkessykdom\w*|personskade\w*)",
        r"(skadet|skadd|yrkesskade\w*|yrkessykdom\w*|arbeidsulykke\w*|personskade\w*)( [\w-]+){0,8} (erstatning(en|er)?|"
        r"menerstatning\w*)\b",
        r"(compensation|damages)( \w+){0,5} (injur\w*|accident\w*)",
    ),
    # the Labour Inspection's director, offices and staff: its own pages, not the law (aml ch. 18 gives its powers)
    "Arbeidstilsynets organisasjon": word_pattern(
        r"(direktør\w*|hovedkontor\w*|regionkontor\w*|tilsynsleder\w*|inspektører|ansatte) (i|hos|til|ved) arbeidstilsynet",
        r"arbeidstilsynets (direktør\w*|hovedkontor\w*|regionkontor\w*|ledelse|organisasjon\w*|inspektører)",
        r"hvem (leder|er sjef for|er direktør i) arbeidstilsynet",
        r"(director|head office|headquarters|regional offices?) of (the )?(labour inspection\w*|arbeidstilsynet)",
    ),
    # putting employees' names and pictures on the web: personopplysningsloven
    "bilder av ansatte på nett": word_pattern(
        r"(legge ut|publisere|poste|dele)( [\w-]+){0,8} (bilde|bilder|bildet|bildene|foto\w*)( [\w-]+){0,8} "
        r"(nett\w*|facebook|instagram|linkedin|sosiale medier|hjemmesid\w*)",
        r"(post|publish|put)( \w+){0,6} (photos?|pictures?)( \w+){0,6} (website|online|social media)",
    ),
}

TRADES_TOPICS_EN = {
    "medisinske råd": "medical advice",
    "HMS-kort": "applying for the HMS card",
    "valg av verneutstyr": "choosing protective equipment products",
    "rekrutteringsråd": "recruitment advice",
    "økonomi og investering": "finance and investment",
    "personlige råd": "personal advice",
    "meninger og spådommer": "opinions and predictions",
    "bransjelista for bedriftshelsetjeneste": "the list of industries that must have an occupational health service",
    "likestillingsredegjørelse": "gender-equality reporting",
    "yrkesskade hos NAV": "reporting an occupational injury to NAV",
    "erstatning for skade": "compensation for an injury",
    "Arbeidstilsynets organisasjon": "the Labour Inspection Authority as an organisation",
    "bilder av ansatte på nett": "putting employees' pictures online",
}
