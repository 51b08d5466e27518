// Source cards: a law quote (its ledd line breaks kept, a long one collapsed behind "Vis hele"), one Lovdata
// link and one link to the ledd in the law reader per source, the "lov per" date; FAQ entries; gaps.
import { appendKeepingSections, el, externalLink, normalizeUrl } from "./dom.js";
import { citationRef, formatDate, t } from "./i18n.js";

const LONG_QUOTE = 420;
let ids = 0;

// /lov/aml – the law's table of contents in the reader.
export function lawReaderHref(laws, lawId) {
  const slug = laws[lawId];
  return slug ? `/lov/${encodeURIComponent(slug)}` : null;
}

// /lov/aml/3-5#ledd-1 – the reader's address of a law citation, or null when the law has no reader slug.
export function readerHref(laws, lawId, section, ledd, letter) {
  const law = lawReaderHref(laws, lawId);
  if (!law || !section) return null;
  let href = `${law}/${encodeURIComponent(String(section).replace(/ /g, ""))}`;
  if (ledd) href += `#ledd-${ledd}${letter ? `-${letter}` : ""}`;
  return href;
}

// A block that can be collapsed: the toggle button says "Vis hele" / "Vis mindre" and controls the block.
export function collapsible(block, lang, moreKey) {
  ids += 1;
  block.id = block.id || `fold-${ids}`;
  block.classList.add("collapsible", "collapsed");
  const toggle = el("button", { className: "link-like toggle", text: t(lang, moreKey),
    attrs: { type: "button", "aria-expanded": "false", "aria-controls": block.id } });
  toggle.addEventListener("click", () => {
    const open = block.classList.toggle("collapsed") === false;
    toggle.setAttribute("aria-expanded", String(open));
    toggle.textContent = t(lang, open ? "showLess" : moreKey);
  });
  return toggle;
}

function quoteBlock(quote, lang) {
  const lines = String(quote || "").split("\n").filter((l) => l.trim());
  const block = el("blockquote", { className: "card-quote" }, lines.map((line) => {
    const p = el("p");
    const mark = /^\((\d+)\)\s*/.exec(line); // the ledd number, set apart from the text
    if (mark) p.append(el("span", { className: "ledd-mark", text: `(${mark[1]})` }), " ");
    appendKeepingSections(p, mark ? line.slice(mark[0].length) : line);
    return p;
  }));
  const toggle = quote.length > LONG_QUOTE ? collapsible(block, lang, "showAll") : null;
  return [block, toggle];
}

function links(lovdata, lovdataText, reader, lang) {
  return el("p", { className: "card-links" }, [
    externalLink(lovdata, lovdataText, "card-link"),
    reader ? externalLink(reader, t(lang, "openInReader"), "reader-link") : null,
  ]);
}

export function lawCard(c, lang, laws, sourceId) {
  const date = formatDate(c.version_date, lang);
  const ref = el("p", { className: "card-ref" });
  appendKeepingSections(ref, citationRef(c, lang));
  const [quote, toggle] = quoteBlock(c.quote, lang);
  return el("li", { className: "card card-law", attrs: { "data-source": sourceId } }, [
    el("p", { className: "card-kind", text: sourceId ? `${t(lang, "lawText")} · ${sourceId}` : t(lang, "lawText") }),
    ref,
    c.title ? el("p", { className: "card-title", text: c.title }) : null,
    quote,
    toggle,
    c.note ? el("p", { className: "card-note", text: `${t(lang, "note")} ${c.note}` }) : null,
    el("p", { className: "card-date", text: date ? `${t(lang, "lawAsOf")} ${date}` : t(lang, "dateUnknown") }),
    links(c.url, t(lang, "readOnLovdata", { section: c.section }), readerHref(laws, c.law_id, c.section, c.ledd, c.letter), lang),
  ]);
}

export function faqCard(c, lang, sourceId) {
  return el("li", { className: "card card-faq", attrs: { "data-source": sourceId } }, [
    el("p", { className: "card-kind", text: sourceId ? `${t(lang, "faq")} · ${sourceId}` : t(lang, "faq") }),
    el("p", { className: "card-question", text: c.question }),
  ]);
}

export function gapCard(g, lang, laws) {
  const ref = el("p", { className: "card-ref" });
  appendKeepingSections(ref, `${g.law_name} § ${g.section}`);
  return el("li", { className: "card card-gap" }, [
    el("p", { className: "card-kind", text: t(lang, "gap") }),
    ref,
    g.reason ? el("p", { className: "card-note", text: g.reason }) : null,
    links(g.url, t(lang, "seeOnLovdata"), readerHref(laws, g.law_id, g.section), lang),
  ]);
}

// The "[S1]" ids an LLM answer's source list gives its sources, by the URL or question of each card.
export function sourceIds(text) {
  const found = new Map();
  let current = null;
  for (const line of String(text || "").split("\n")) {
    const m = /^\[(S\d+)\]\s*(.*)$/.exec(line.trim());
    if (m) {
      current = m[1];
      const faq = /«([^»]+)»\s*$/.exec(m[2]);
      if (faq) found.set(`q:${faq[1].trim().toLowerCase()}`, current);
    }
    const url = /https?:\/\/\S+/.exec(line);
    if (current && url) found.set(`u:${normalizeUrl(url[0])}`, current);
  }
  return found;
}

export function renderCards(list, answer, laws) {
  const lang = answer.language;
  const ids = sourceIds(answer.answer);
  list.replaceChildren();
  for (const c of answer.citations || []) {
    if (c.kind === "faq") list.append(faqCard(c, lang, ids.get(`q:${String(c.question).trim().toLowerCase()}`)));
    else list.append(lawCard(c, lang, laws, ids.get(`u:${normalizeUrl(c.url)}`)));
  }
  for (const g of answer.gaps || []) list.append(gapCard(g, lang, laws));
  return list.children.length;
}
