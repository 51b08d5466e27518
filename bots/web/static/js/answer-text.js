// The answer's text as blocks to render: what the source cards already show (a law quote, its reference line,
// a Lovdata link) is left out, so nothing appears twice; bullet lines become lists; the disclaimer is dropped
// (the page shows it once). Also the short answer ("Kort svar") and the answer as plain text for copying.
import { normalizeUrl, urlsIn } from "./dom.js";

const SOURCE_ID = /^\[S\d+\]\s*/;
const REF_LINE = /^[–-]\s/;
const BULLET = /^\s*[•*-]\s+/;
const NOTE_LINE = /^(?:Merk|Note):\s*(.+)$/;
const SENTENCE_END = /(?<=[.!?])\s+(?=[«("A-ZÆØÅ0-9§])/;

function squash(text) {
  return String(text || "").replace(/[«»]/g, "").replace(/\s+/g, " ").trim().toLowerCase();
}

export function stripDisclaimer(text, disclaimer) {
  let body = String(text || "").trimEnd();
  if (disclaimer && body.endsWith(disclaimer)) body = body.slice(0, -disclaimer.length).trimEnd();
  return body;
}

// The URLs and quotes the cards (and a table of contents) show.
export function shownElsewhere(answer) {
  const urls = new Set();
  const quotes = [];
  const faqQuestions = [];
  const notes = new Set();
  for (const c of answer.citations || []) {
    if (c.kind === "law") {
      urls.add(normalizeUrl(c.url));
      quotes.push(squash(c.quote));
      if (c.note) notes.add(squash(c.note));
    } else if (c.kind === "faq") faqQuestions.push(squash(c.question));
  }
  for (const g of answer.gaps || []) urls.add(normalizeUrl(g.url));
  const contents = answer.contents;
  if (contents) {
    urls.add(normalizeUrl(contents.url));
    for (const s of contents.sections || []) urls.add(normalizeUrl(s.url));
  }
  return { urls, quotes, faqQuestions, notes };
}

function hasShownUrl(line, seen) {
  return urlsIn(line).some((url) => seen.urls.has(normalizeUrl(url)));
}

function isShownQuote(lines, ref, seen) {
  if (ref && hasShownUrl(ref, seen)) return true;
  const text = squash(lines.join(" ").replace(SOURCE_ID, ""));
  return text.length > 0 && seen.quotes.some((q) => q && (q.includes(text) || text.includes(q)));
}

// Sentences that only point at a link a card already has ("Les den på Lovdata: https://…") are dropped.
function withoutShownLinks(line, seen) {
  if (!hasShownUrl(line, seen)) return line;
  const kept = line.split(/(?<=[.!?])\s+/).filter((s) => !hasShownUrl(s, seen));
  return kept.length ? kept.join(" ") : null;
}

// A law source's note ("Merk: Lovdata har en nyere versjon …") is on its card; in the text it follows each quote.
function isShownNote(line, seen) {
  const m = NOTE_LINE.exec(line);
  return Boolean(m) && seen.notes.has(squash(m[1]));
}

function isFaqEntryLine(line, seen) {
  const m = /«([^»]+)»\s*$/.exec(line);
  return SOURCE_ID.test(line) && m && seen.faqQuestions.includes(squash(m[1]));
}

// One paragraph of the text -> blocks: {kind: "label"|"p"|"list"|"quote", lines|items, ref}
function paragraphBlocks(lines, seen) {
  const blocks = [];
  const push = (kind, line) => {
    const last = blocks[blocks.length - 1];
    if (last && last.kind === kind && kind !== "label") last.lines.push(line);
    else blocks.push({ kind, lines: [line] });
  };
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (line.replace(SOURCE_ID, "").startsWith("«") && !isFaqEntryLine(line, seen)) {
      let end = i;
      while (end < lines.length - 1 && !lines[end].trimEnd().endsWith("»")) end += 1;
      const ref = REF_LINE.test(lines[end + 1] || "") ? lines[end + 1] : null;
      const quote = lines.slice(i, end + 1);
      if (!isShownQuote(quote, ref, seen)) blocks.push({ kind: "quote", lines: quote, ref });
      i = end + (ref ? 1 : 0);
      continue;
    }
    if ((REF_LINE.test(line) && hasShownUrl(line, seen)) || isFaqEntryLine(line, seen) || isShownNote(line, seen)) {
      continue;
    }
    const kept = withoutShownLinks(line, seen);
    if (!kept) continue;
    if (BULLET.test(kept)) push("list", kept.replace(BULLET, ""));
    else if (i === 0 && kept.endsWith(":") && kept.length <= 60) blocks.push({ kind: "label", lines: [kept] });
    else push("p", kept);
  }
  // A label whose content went to the cards ("Ordlyden:", "Kilder:") is left out too.
  return blocks.length === 1 && blocks[0].kind === "label" ? [] : blocks;
}

export function bodyBlocks(answer) {
  const seen = shownElsewhere(answer);
  const blocks = [];
  const text = stripDisclaimer(answer.answer, answer.disclaimer);
  for (const para of text.split(/\n{2,}/)) {
    const lines = para.split("\n").map((l) => l.trim()).filter(Boolean);
    for (const block of paragraphBlocks(lines, seen)) {
      const last = blocks[blocks.length - 1];
      if (block.kind === "list" && last && last.kind === "list") last.lines.push(...block.lines);
      else blocks.push(block);
    }
  }
  return blocks;
}

export function firstSentence(text, limit = 320) {
  const flat = String(text || "").replace(/\s+/g, " ").trim().replace(/^«/, "").replace(/^\(\d+\)\s*/, "");
  let sentence = flat.split(SENTENCE_END)[0].replace(/»$/, "");
  if (sentence.length > limit) sentence = `${sentence.slice(0, limit).replace(/\s+\S*$/, "")} …`;
  return sentence;
}

// Answer.short_answer when the server gives it; until then the first sentence of the answer's first paragraph
// (or of the first law quote). A list has no first sentence: then there is no short answer ("").
export function shortAnswer(answer, blocks) {
  const given = typeof answer.short_answer === "string" ? answer.short_answer.trim() : "";
  if (given) return given;
  const first = (blocks || bodyBlocks(answer)).find((b) => b.kind !== "label");
  if (first && first.kind === "list") return "";
  if (first) return firstSentence(first.lines[0]);
  const law = (answer.citations || []).find((c) => c.kind === "law");
  if (law) return firstSentence(law.quote);
  return firstSentence(stripDisclaimer(answer.answer, answer.disclaimer));
}

// The lines of a paragraph without its opening sentences when they are the short answer; null if they are not.
function afterShort(lines, short) {
  const target = squash(short);
  const sentences = lines[0].split(/(?<=[.!?])\s+/);
  for (let n = 1; n <= sentences.length; n += 1) {
    const head = squash(sentences.slice(0, n).join(" "));
    if (head === target) {
      const rest = sentences.slice(n).join(" ").trim();
      return rest ? [rest, ...lines.slice(1)] : lines.slice(1);
    }
    if (head.length > target.length) break;
  }
  return null;
}

// What follows "Kort svar": the body without the sentences the short answer already says, and without the
// labels ("Fra HMS Kontorets FAQ:") – the source cards say where each part comes from.
export function bodyAfterShort(blocks, short) {
  const out = [];
  let first = true;
  for (const block of blocks) {
    if (block.kind === "label") continue;
    if (first && short && block.kind === "p") {
      const rest = afterShort(block.lines, short);
      first = false;
      if (rest !== null) {
        if (rest.length) out.push({ ...block, lines: rest });
        continue;
      }
    }
    first = false;
    out.push(block);
  }
  return out;
}
