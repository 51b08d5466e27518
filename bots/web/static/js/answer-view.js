// A finished answer: the labels (AI-written, checked), "Kort svar", the rest of the text, a table of contents,
// the source cards, why a streamed answer was replaced, and the answer as clean text for "Kopier svar".
import { bodyAfterShort, bodyBlocks, shortAnswer } from "./answer-text.js";
import { collapsible, lawReaderHref, readerHref, renderCards } from "./cards.js";
import { appendKeepingSections, appendRich, el, externalLink } from "./dom.js";
import { citationRef, formatDate, t } from "./i18n.js";

const LONG_BODY = 700;

export function isAiWritten(answer) {
  const mode = String(answer.mode || "");
  return mode.startsWith("llm") && mode !== "llm-fallback";
}

function blockNode(block) {
  if (block.kind === "list") {
    return el("ul", {}, block.lines.map((line) => { const li = el("li"); appendRich(li, line); return li; }));
  }
  if (block.kind === "label") return el("p", { className: "answer-label", text: block.lines[0] });
  const node = el(block.kind === "quote" ? "blockquote" : "p", { className: block.kind === "quote" ? "answer-quote" : "" });
  const lines = block.ref ? [...block.lines, block.ref] : block.lines;
  lines.forEach((line, i) => {
    if (i > 0) node.append(el("br"));
    appendRich(node, line);
  });
  return node;
}

function contentsView(contents, lang, laws) {
  const title = contents.chapter
    ? `${contents.law_name} ${t(lang, "chapter")} ${contents.chapter}${contents.chapter_title ? ` ${contents.chapter_title}` : ""}`
    : contents.title || contents.law_name;
  const date = formatDate(contents.version_date, lang);
  const chapterAnchor = contents.chapter ? `#kapittel-${contents.chapter}` : "";
  const lawHref = lawReaderHref(laws, contents.law_id);
  const readerToc = lawHref ? `${lawHref}${chapterAnchor}` : null;
  const items = contents.reader ? [] : (contents.sections || []).map((s) => {
    const href = readerHref(laws, contents.law_id, s.section) || s.url;
    const link = el("a", { attrs: { href, target: "_blank", rel: "noopener", "aria-describedby": "new-tab-note" } });
    appendKeepingSections(link, `§ ${s.section}${s.title ? ` ${s.title}` : ""}`);
    const mark = s.repealed && !/opphevet/i.test(s.title || "") ? ` (${t(lang, "repealed")})` : "";
    return el("li", { className: s.repealed ? "repealed" : "" }, [link, mark ? document.createTextNode(mark) : null]);
  });
  return el("nav", { className: "contents", attrs: { "aria-label": t(lang, "contents") } }, [
    el("h2", { text: title }),
    items.length ? el("ol", {}, items) : null,
    el("p", { className: "card-links" }, [
      readerToc ? externalLink(readerToc, t(lang, contents.reader ? "openChapter" : "openInReader"), "reader-link") : null,
      externalLink(contents.url, t(lang, "seeOnLovdata"), "card-link"),
    ]),
    date ? el("p", { className: "card-date", text: `${t(lang, "lawAsOf")} ${date}` }) : null,
  ]);
}

// Fills `article` with the finished answer; returns the short answer (for the announcement).
export function renderAnswer(article, answer, { laws, replacedReason }) {
  const lang = answer.language;
  const blocks = bodyBlocks(answer);
  const short = shortAnswer(answer, blocks);
  const badges = el("p", { className: "answer-badges" }, isAiWritten(answer)
    ? [el("span", { className: "badge badge-ai", text: t(lang, "ai") }),
      el("span", { className: "badge badge-verified", text: t(lang, "verified") })]
    : []);
  const shortText = el("p", { className: "short-text" });
  appendRich(shortText, short);
  const body = el("div", { className: "answer-body" }, bodyAfterShort(blocks, short).map(blockNode));
  const bodyToggle = body.textContent.length > LONG_BODY ? collapsible(body, lang, "showAllAnswer") : null;
  const cards = el("ul", { className: "cards" });
  const count = renderCards(cards, answer, laws);
  article.append(
    badges.children.length ? badges : "",
    replacedReason ? el("p", { className: "replaced-note", attrs: { role: "note" }, text: replacedReason }) : "",
    short ? el("div", { className: "short-answer" }, [el("p", { className: "short-label", text: t(lang, "shortAnswer") }), shortText]) : "",
    body.children.length ? body : "",
    bodyToggle || "",
    answer.contents ? contentsView(answer.contents, lang, laws) : "",
    count ? el("section", { className: "sources", attrs: { "aria-label": t(lang, "sources") } },
      [el("h2", { className: "sources-title", text: t(lang, "sources") }), cards]) : "",
  );
  return { short: short || body.textContent.slice(0, 300), count };
}

function blockText(block) {
  if (block.kind === "list") return block.lines.map((l) => `- ${l}`).join("\n");
  return (block.ref ? [...block.lines, block.ref] : block.lines).join("\n");
}

// The answer as clean text: short answer, the rest, contents, every source with its reference and link.
export function answerAsText(answer, question) {
  const lang = answer.language;
  const blocks = bodyBlocks(answer);
  const short = shortAnswer(answer, blocks);
  const parts = [`${t(lang, "question")}: ${question}`];
  if (short) parts.push(`${t(lang, "shortAnswer")}: ${short}`);
  const rest = bodyAfterShort(blocks, short).map(blockText).join("\n\n");
  if (rest) parts.push(rest);
  const c = answer.contents;
  if (c) {
    const lines = (c.sections || []).map((s) => `- § ${s.section}${s.title ? ` ${s.title}` : ""}: ${s.url}`);
    parts.push([`${t(lang, "contents")}: ${c.title || c.law_name} (${c.url})`, ...lines].join("\n"));
  }
  const sources = [];
  for (const s of answer.citations || []) {
    if (s.kind === "faq") sources.push(`- ${t(lang, "faq")}: «${s.question}»`);
    else {
      const date = formatDate(s.version_date, lang);
      const asOf = date ? ` (${t(lang, "lawAsOf").toLowerCase()} ${date})` : "";
      const note = s.note ? ` ${t(lang, "note")} ${s.note}` : "";
      sources.push(`- ${citationRef(s, lang)}${asOf}: «${s.quote}» ${s.url}${note}`);
    }
  }
  for (const g of answer.gaps || []) sources.push(`- ${t(lang, "gap")}: ${g.law_name} § ${g.section}. ${g.reason} ${g.url}`);
  if (sources.length) parts.push(`${t(lang, "sources")}:\n${sources.join("\n")}`);
  parts.push(answer.disclaimer || `${t(lang, "disclaimerShort")} ${t(lang, "disclaimerMore")}`);
  return parts.join("\n\n");
}
