// DOM helpers. Every user and corpus string goes into the DOM as text (textContent, setAttribute), never as HTML.

// el("p", {className, text, attrs}, [children]) – the only way the chat builds DOM.
export function el(tag, opts, children) {
  const node = document.createElement(tag);
  const o = opts || {};
  if (o.className) node.className = o.className;
  if (o.text !== undefined && o.text !== null) node.textContent = String(o.text);
  for (const [name, value] of Object.entries(o.attrs || {})) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, String(value));
  }
  for (const child of children || []) if (child) node.append(child);
  return node;
}

export function safeUrl(raw) {
  try {
    const url = new URL(String(raw), window.location.href);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch (_) {
    return null;
  }
}

// A link that opens in a new tab. "(åpnes i ny fane)" is one hidden element elsewhere on the page, referenced
// by aria-describedby, so copying an answer never copies it.
export function externalLink(href, content, className) {
  const url = safeUrl(href);
  const children = typeof content === "string" ? [document.createTextNode(content)] : [content];
  if (!url) return el("span", {}, children);
  return el("a", { className, attrs: { href: url, target: "_blank", rel: "noopener noreferrer",
    "aria-describedby": "new-tab-note" } }, children);
}

const URL_PATTERN = /https?:\/\/[^\s«»<>"]+/g;
// "§ 3-5", "§§ 2 A-1", "§ 14-1 a": kept on one line.
const SECTION_PATTERN = /§§?\s?\d{1,3}(?:\s?[A-Z](?=\s?-))?(?:\s?-\s?\d{1,3})?(?:\s?[a-h]\b)?/g;

export function trimUrl(url) {
  return url.replace(/[.,;:)\]]+$/, "");
}

export function urlsIn(text) {
  return Array.from(String(text).matchAll(URL_PATTERN), (m) => trimUrl(m[0]));
}

// Text with "§ 3-5" kept together (a no-wrap span).
export function appendKeepingSections(parent, text) {
  let last = 0;
  for (const match of String(text).matchAll(SECTION_PATTERN)) {
    parent.append(text.slice(last, match.index));
    parent.append(el("span", { className: "nowrap", text: match[0] }));
    last = match.index + match[0].length;
  }
  parent.append(String(text).slice(last));
}

// A line of answer text: URLs become links (trailing punctuation stays text), "§ 3-5" stays on one line.
export function appendRich(parent, line) {
  let last = 0;
  for (const match of String(line).matchAll(URL_PATTERN)) {
    const url = trimUrl(match[0]);
    appendKeepingSections(parent, line.slice(last, match.index));
    parent.append(externalLink(url, url, "inline-link"));
    last = match.index + url.length;
  }
  appendKeepingSections(parent, line.slice(last));
}

export function normalizeUrl(url) {
  try {
    return decodeURI(new URL(url).href).toLowerCase().replace(/\/$/, "");
  } catch (_) {
    return String(url).toLowerCase();
  }
}
