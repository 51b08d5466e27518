// Labels in the answer's language (nb or en), dates, ordinals and the standard form of a law reference.
const MONTHS = {
  nb: ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november",
    "desember"],
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December"],
};
const ORDINALS = ["første", "andre", "tredje", "fjerde", "femte", "sjette", "sjuende", "åttende", "niende", "tiende",
  "ellevte", "tolvte", "trettende", "fjortende", "femtende", "sekstende", "syttende", "attende", "nittende", "tjuende"];

const LABELS = {
  nb: {
    answer: "Svar", shortAnswer: "Kort svar", sources: "Kilder", lawText: "Lovtekst", faq: "Fra HMS Kontorets FAQ",
    gap: "Ikke i kildene mine", lawAsOf: "Lov per", dateUnknown: "Lov per: ukjent dato – sjekk Lovdata",
    readOnLovdata: "Les § {section} på Lovdata", seeOnLovdata: "Se teksten på Lovdata", openInReader: "Les i lovleseren",
    showAll: "Vis hele", showLess: "Vis mindre", showAllAnswer: "Vis hele svaret", note: "Merk:",
    copyAnswer: "Kopier svar", copied: "Svaret er kopiert.", copyFailed: "Kunne ikke kopiere. Merk teksten og kopier selv.",
    helpful: "Var svaret nyttig?", yes: "Ja, svaret var nyttig", no: "Nei, svaret var ikke nyttig",
    comment: "Legg til en kommentar (valgfritt)", commentLabel: "Kommentar til svaret", thanks: "Takk for tilbakemeldingen!",
    feedbackFailed: "Tilbakemeldingen ble ikke lagret:", feedbackGroup: "Tilbakemelding på svaret",
    ai: "Skrevet av KI", verified: "Kontrollert mot kildene", contents: "Innhold", repealed: "opphevet",
    chapter: "kapittel", openChapter: "Se alle paragrafene i lovleseren", one: "1 kilde", many: "{n} kilder",
    sourcesBelow: "{count} under.", question: "Spørsmål", notCovered: "ikke i kildene",
    disclaimerShort: "Ikke juridisk rådgivning.",
    disclaimerMore: "Svarene bygger på HMS Kontorets FAQ og arbeidsmiljøloven med forskrifter. Ved tvil, kontakt " +
      "Arbeidstilsynet eller en advokat.",
  },
  en: {
    answer: "Answer", shortAnswer: "Short answer", sources: "Sources", lawText: "Law text (Norwegian)",
    faq: "From HMS Kontoret's FAQ", gap: "Not in my sources", lawAsOf: "Law as of",
    dateUnknown: "Law as of: unknown date – check Lovdata", readOnLovdata: "Read § {section} on Lovdata",
    seeOnLovdata: "See the text on Lovdata", openInReader: "Open in the law reader", showAll: "Show all",
    showLess: "Show less", showAllAnswer: "Show the whole answer", note: "Note:", copyAnswer: "Copy answer",
    copied: "The answer was copied.", copyFailed: "Could not copy. Select the text and copy it yourself.",
    helpful: "Was this helpful?", yes: "Yes, the answer was helpful", no: "No, the answer was not helpful",
    comment: "Add a comment (optional)", commentLabel: "Comment on the answer", thanks: "Thank you for the feedback!",
    feedbackFailed: "The feedback was not saved:", feedbackGroup: "Feedback on the answer",
    ai: "Written by AI", verified: "Checked against the sources", contents: "Contents", repealed: "repealed",
    chapter: "chapter", openChapter: "See every section in the law reader", one: "1 source", many: "{n} sources",
    sourcesBelow: "{count} below.", question: "Question", notCovered: "not in my sources",
    disclaimerShort: "Not legal advice.",
    disclaimerMore: "The answers come from HMS Kontoret's FAQ and the Working Environment Act with regulations. If " +
      "in doubt, contact the Labour Inspection Authority (Arbeidstilsynet) or a lawyer.",
  },
};

export function langOf(value) {
  return value === "en" ? "en" : "nb";
}

export function t(lang, key, values) {
  let text = LABELS[langOf(lang)][key] ?? LABELS.nb[key] ?? key;
  for (const [name, value] of Object.entries(values || {})) text = text.replace(`{${name}}`, String(value));
  return text;
}

export function sourceCount(lang, n) {
  return n === 1 ? t(lang, "one") : t(lang, "many", { n });
}

export function formatDate(iso, lang) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  if (!m) return null;
  const month = MONTHS[langOf(lang)][Number(m[2]) - 1];
  return langOf(lang) === "en" ? `${Number(m[3])} ${month} ${m[1]}` : `${Number(m[3])}. ${month} ${m[1]}`;
}

export function ordinal(n) {
  return ORDINALS[n - 1] || `${n}.`;
}

// "arbeidsmiljøloven § 3-5 første ledd bokstav a" (nb), "arbeidsmiljøloven § 3-5 (1) letter a" (en).
export function citationRef(c, lang) {
  const parts = [`${c.law_name} § ${c.section}`];
  if (langOf(lang) === "en") {
    if (c.ledd) parts.push(`(${c.ledd})`);
    if (c.letter) parts.push(`letter ${c.letter}`);
    if (c.punktum) parts.push(`sentence ${c.punktum}`);
  } else {
    if (c.ledd) parts.push(`${ordinal(c.ledd)} ledd`);
    if (c.letter) parts.push(`bokstav ${c.letter}`);
    if (c.punktum) parts.push(`${ordinal(c.punktum)} punktum`);
  }
  return parts.join(" ");
}
