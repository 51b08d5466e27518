"""What the Slack bot says besides answers: help, notices, errors and the App Home tab (Norwegian bokmål)."""

from __future__ import annotations

HELP = (
    "Hei! Jeg svarer på spørsmål om HMS ut fra HMS Kontorets FAQ, arbeidsmiljøloven og deler av to "
    "forskrifter, med henvisning til paragraf og ledd.\n"
    "- Nevn meg i en kanal, så svarer jeg i tråden. Oppfølgingsspørsmål i tråden forstår jeg i sammenheng.\n"
    "- Send meg en direktemelding.\n"
    "- `/hms <spørsmål>` gir et privat svar som du kan dele i kanalen.\n"
    "- `/hms § 3-5` eller `/hms aml 6-5` viser paragrafen ordrett.\n"
    "- Spør om en melding: velg «Spør HMS-assistenten» i meldingens meny (⋮)."
)
WORKING = "Leter i kildene …"
NOT_HERE = (
    "Jeg svarer ikke i denne kanalen. Send meg en direktemelding, eller spør i en kanal jeg er satt opp for."
)
SLOW_DOWN = "Du har stilt mange spørsmål det siste minuttet. Vent litt og prøv igjen."
NOT_READY = "Jeg kan ikke svare akkurat nå fordi kunnskapsbasen ikke er klar. Prøv igjen om litt."
FAILED = "Beklager, noe gikk galt da jeg skulle svare. Prøv igjen om litt."
NOT_SHOWN = "Beklager, jeg klarte ikke å vise svaret her."
EXPIRED = "Dette svaret kan ikke deles lenger. Still spørsmålet på nytt med `/hms`."
ALREADY_SHARED = "Svaret er allerede delt i kanalen."
NO_TEXT = "Meldingen har ingen tekst jeg kan svare på."
CANNOT_POST = "Jeg kan ikke skrive i denne samtalen, så svaret vises bare for deg."
THANKS = {"nb": "Takk for tilbakemeldingen!", "en": "Thanks for the feedback!"}

HOME_INTRO = (
    "*HMS-assistenten* svarer på spørsmål om HMS-kurs og arbeidsmiljø ut fra HMS Kontorets FAQ, "
    "arbeidsmiljøloven og deler av to forskrifter. Hvert svar viser hvor det står: paragraf, ledd og "
    "lovdato, med lenke til Lovdata. Finner jeg ikke svaret i kildene, sier jeg det i stedet for å gjette."
)
HOME_HOW = (
    "*Slik spør du*\n"
    "• Send meg en melding under «Meldinger».\n"
    "• Nevn @HMS-assistenten i en kanal; jeg svarer i tråden.\n"
    "• `/hms <spørsmål>` gir et privat svar, og `/hms § 3-5` viser paragrafen ordrett.\n"
    "• Spør om en melding: «Spør HMS-assistenten» i meldingens meny (⋮)."
)
HOME_EXAMPLES = "*Prøv et eksempel* (svaret kommer under «Meldinger»)"
EXAMPLE_QUESTIONS = (
    "Må daglig leder ha HMS-kurs?",
    "Hva er et verneombud?",
    "Hvor lenge varer HMS-kurset?",
    "Hva står i aml § 3-5?",
)
HOME_WEB = "Lengre svar og hele lovteksten leser du i nettchatten:"
HOME_WEB_LINK = "Åpne HMS-assistenten på nett"
HOME_PRIVACY = (
    "*Personvern:* Slack-brukeren din lagres bare som en nøkkel som ikke kan føres tilbake til deg, sammen "
    "med svaret og kildene det viste. {questions} For å forstå oppfølgingsspørsmål leser jeg bare dine og "
    "mine meldinger: i tråder jeg har svart i, og den siste halvtimen av en direktemelding. Tilbakemeldinger "
    "og loggen over svar slettes etter {days} dager. Skriv ikke personopplysninger i spørsmålene."
)
QUESTIONS_NOT_STORED = (
    "Spørsmålene lagres ikke, bortsett fra private `/hms`-svar, som lagres i ett døgn så du kan dele dem."
)
QUESTIONS_STORED = "Spørsmålene lagres uten fødselsnummer, e-postadresser og telefonnumre."
NOT_ADVICE_HOME = "Svarene er ikke juridisk rådgivning. Ved tvil, kontakt Arbeidstilsynet eller en advokat."
