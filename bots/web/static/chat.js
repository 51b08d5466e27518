// HMS-assistenten chat page (and the widget's frame). Answers stream in as a draft, then render verified:
// "Kort svar", the rest, the source cards; the conversation is kept in this browser until "Ny samtale".
// Every user and corpus string goes into the DOM as text, never as HTML. The finished answer is announced once.
import { answerAsText, isAiWritten, renderAnswer } from "./js/answer-view.js";
import { renderCards } from "./js/cards.js";
import { el } from "./js/dom.js";
import { errorMessage, feedbackBlock } from "./js/feedback.js";
import { clearHistory, loadHistory, saveHistory } from "./js/history.js";
import { langOf, sourceCount, t } from "./js/i18n.js";
import { readEvents, replacement } from "./js/sse.js";

const MODE = document.body.dataset.mode || "page";
const MAX_CHARS = Number(document.body.dataset.maxChars) || 2000;
const LAWS = (() => { try { return JSON.parse(document.body.dataset.laws || "{}"); } catch (_) { return {}; } })();
const REPLACED = "Språkmodellens svar kunne ikke kontrolleres mot kildene, så du ser kildene ordrett i stedet.";
const NETWORK = "Fikk ikke kontakt med tjenesten. Sjekk nettverket og prøv igjen.";
const byId = (id) => document.getElementById(id);
const els = {
  form: byId("ask-form"), question: byId("question"), send: byId("send"), error: byId("question-error"),
  messages: byId("messages"), scroller: byId("scroller"), welcome: byId("welcome"), announcer: byId("announcer"),
  newChat: byId("new-chat"), closeWidget: byId("close-widget"), disclaimer: byId("disclaimer"),
};
const stored = loadHistory(MODE);
let conversationId = stored ? stored.conversationId : newId();
let turns = stored ? stored.turns : [];
let busy = false;
let lastInput = "keyboard"; // how the user last acted: keyboard, mouse, touch or pen

function newId() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function scrollTo(item) {
  // Only the conversation box scrolls (scrollIntoView could also scroll a page that embeds the widget).
  const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  els.scroller.scrollTo({ top: Math.max(0, item.offsetTop - 8), behavior: still ? "auto" : "smooth" });
}

function turnShell(question) {
  const article = el("article", { className: "answer", attrs: { "aria-label": t("nb", "answer") } });
  const item = el("li", { className: "turn" }, [
    el("div", { className: "question-bubble" }, [
      el("span", { className: "visually-hidden", text: "Du spurte: " }),
      el("p", { className: "question-text", text: question }),
    ]),
    article,
  ]);
  els.messages.append(item);
  return { item, article };
}

function showDisclaimer(lang) {
  if (!els.disclaimer || els.disclaimer.lang === lang) return;
  els.disclaimer.lang = lang;
  els.disclaimer.replaceChildren(el("strong", { text: t(lang, "disclaimerShort") }), " ",
    el("span", { className: "footer-more", text: t(lang, "disclaimerMore") }));
}

function copyControls(answer, question) {
  const lang = answer.language;
  const status = el("p", { className: "copy-status", attrs: { role: "status" } });
  const button = el("button", { className: "secondary copy-answer", text: t(lang, "copyAnswer"), attrs: { type: "button" } });
  button.addEventListener("click", async () => {
    const text = answerAsText(answer, question);
    let copied = false;
    try {
      await navigator.clipboard.writeText(text);
      copied = true;
    } catch (_) {
      const area = el("textarea", { text, attrs: { readonly: "", class: "visually-hidden" } });
      document.body.append(area);
      area.select();
      copied = document.execCommand("copy");
      area.remove();
    }
    status.textContent = t(lang, copied ? "copied" : "copyFailed");
  });
  return [button, status];
}

// Render a finished answer into its turn; `index` is its place in the stored history.
function finish(article, question, answer, { replacedReason, feedback, index }) {
  const lang = langOf(answer.language);
  article.replaceChildren();
  article.lang = lang;
  article.setAttribute("aria-label", t(lang, "answer"));
  article.setAttribute("aria-busy", "false");
  article.classList.toggle("abstained", Boolean(answer.abstained));
  article.classList.toggle("ai-written", isAiWritten(answer));
  const shown = renderAnswer(article, answer, { laws: LAWS, replacedReason });
  const onSent = (helpful) => { if (turns[index]) { turns[index].feedback = helpful; saveHistory(MODE, conversationId, turns); } };
  article.append(el("div", { className: "answer-actions" }, [
    ...copyControls(answer, question),
    answer.answer_id ? feedbackBlock(answer.answer_id, lang, feedback, onSent) : null,
  ]));
  showDisclaimer(lang);
  return shown;
}

function pendingTurn(question) {
  const { item, article } = turnShell(question);
  article.setAttribute("aria-busy", "true");
  const thinking = el("p", { className: "thinking", text: "Leter i kildene …" });
  const draftText = el("div", { className: "draft-text" });
  // Streamed text is unverified: shown as a draft, hidden from screen readers until it is checked.
  const draft = el("div", { className: "answer-draft", attrs: { "aria-hidden": "true" } },
    [el("p", { className: "draft-label", text: "Utkast – kontrolleres mot kildene …" }), draftText]);
  const early = el("ul", { className: "cards" });
  draft.hidden = true;
  article.append(thinking, draft, early);
  let streamed = "";
  const turn = {
    item, finished: false, failed: false, accepted: false, reason: null,
    sources(citations) { renderCards(early, { citations, gaps: [], language: "nb", answer: "" }, LAWS); },
    delta(piece) {
      thinking.remove();
      draft.hidden = false;
      streamed += piece;
      draftText.textContent = streamed;
    },
    replace(data) {
      const { text, reason } = replacement(data);
      turn.reason = reason || REPLACED;
      streamed = text;
      draftText.textContent = streamed;
    },
    done(answer) {
      turn.finished = true;
      const replacedReason = answer.mode === "llm-fallback" ? turn.reason : null;
      turns.push({ question, answer, replacedReason, feedback: null });
      const { short, count } = finish(article, question, answer, { replacedReason, feedback: null, index: turns.length - 1 });
      saveHistory(MODE, conversationId, turns);
      const lang = langOf(answer.language);
      const sources = count ? ` ${t(lang, "sourcesBelow", { count: sourceCount(lang, count) })}` : "";
      els.announcer.textContent = `${t(lang, "answer")}: ${short}${sources}`;
    },
    fail(message) {
      turn.finished = true;
      turn.failed = true;
      thinking.remove();
      draft.remove();
      article.setAttribute("aria-busy", "false");
      article.append(el("p", { className: "answer-error", text: message, attrs: { role: "alert" } }));
    },
  };
  scrollTo(item);
  return turn;
}

function showError(message) {
  els.error.textContent = message;
  els.question.setAttribute("aria-invalid", message ? "true" : "false");
}

function setBusy(value) {
  busy = value;
  els.send.disabled = value;
  els.form.setAttribute("aria-busy", String(value));
}

function waitText(seconds) {
  if (seconds >= 90) return `${Math.ceil(seconds / 60)} minutter`;
  return seconds === 1 ? "1 sekund" : `${seconds} sekunder`;
}

async function refusal(res) {
  const error = await errorMessage(res);
  const seconds = Number(error.retry_after ?? res.headers.get("retry-after"));
  if (res.status === 429 && Number.isFinite(seconds) && seconds > 0) {
    const first = error.message.split(/(?<=[.!?])\s/)[0];
    return `${first} Prøv igjen om ${waitText(Math.ceil(seconds))}.`;
  }
  return error.message;
}

async function stream(turn, question) {
  const headers = { "Content-Type": "application/json", Accept: "text/event-stream" };
  if (MODE === "widget") headers["X-HMS-Client"] = "widget";
  const res = await fetch("/api/ask/stream", {
    method: "POST", headers, body: JSON.stringify({ question, conversation_id: conversationId }),
  });
  if (!res.ok || !(res.headers.get("content-type") || "").startsWith("text/event-stream")) return refusal(res);
  turn.accepted = true;
  if (els.question.value.trim() === question) els.question.value = ""; // sent: now the box may be cleared
  for await (const { event, data } of readEvents(res)) {
    if (event === "sources") turn.sources(data);
    else if (event === "delta") turn.delta(data);
    else if (event === "replace") turn.replace(data);
    else if (event === "done") turn.done(data);
    else if (event === "error") turn.fail(data.message);
  }
  if (!turn.finished) turn.fail("Svaret ble avbrutt. Prøv igjen.");
  return null;
}

async function ask(raw) {
  if (busy) return;
  const question = String(raw || "").trim();
  if (!question) return showError("Skriv et spørsmål først – spørsmålet er tomt.");
  const length = Array.from(question).length; // code points, as the server counts
  if (length > MAX_CHARS) {
    return showError(`Spørsmålet er for langt (${length} tegn). Korte det ned til høyst ${MAX_CHARS} tegn.`);
  }
  showError("");
  setBusy(true);
  const refocus = lastInput !== "touch"; // on a phone, do not pop the keyboard up over the answer
  if (!refocus) els.question.blur();
  els.welcome.hidden = true;
  const turn = pendingTurn(question);
  let refused = null;
  try {
    refused = await stream(turn, question);
  } catch (_) {
    if (turn.accepted) { if (!turn.finished) turn.fail(NETWORK); } else refused = NETWORK;
  } finally {
    if (refused) {
      turn.item.remove(); // the question was not sent: it stays in the box, with the reason
      els.welcome.hidden = els.messages.children.length > 0;
      showError(refused);
    } else if (turn.failed && !els.question.value.trim()) {
      els.question.value = question; // the answer failed mid-way: give the question back
    }
    setBusy(false);
    if (refocus) els.question.focus();
  }
}

function restore() {
  turns.forEach((stored, index) => {
    const { article } = turnShell(stored.question);
    finish(article, stored.question, stored.answer, { ...stored, index });
  });
  if (turns.length) {
    els.welcome.hidden = true;
    els.scroller.scrollTop = els.scroller.scrollHeight;
  }
}

function startOver() {
  if (busy) return;
  conversationId = newId();
  turns = [];
  clearHistory(MODE);
  els.messages.replaceChildren();
  els.announcer.textContent = "";
  els.welcome.hidden = false;
  showError("");
  els.question.focus();
}

document.addEventListener("pointerdown", (event) => { lastInput = event.pointerType || "mouse"; }, true);
document.addEventListener("keydown", () => { lastInput = "keyboard"; }, true);
els.form.addEventListener("submit", (event) => {
  event.preventDefault();
  ask(els.question.value);
});
els.question.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    ask(els.question.value);
  }
});
for (const button of document.querySelectorAll(".example")) {
  button.addEventListener("click", (event) => {
    event.preventDefault();
    ask(button.value || button.textContent);
  });
}
document.querySelector(".skip-link")?.addEventListener("click", (event) => {
  event.preventDefault();
  els.question.focus();
});
els.newChat.hidden = false;
els.newChat.addEventListener("click", startOver);
restore();
document.body.dataset.ready = "true"; // the chat is wired up (tests wait for this)

if (MODE === "widget") {
  const closeFrame = () => window.parent.postMessage({ type: "hms-widget-close" }, "*");
  els.closeWidget.hidden = false;
  els.closeWidget.addEventListener("click", closeFrame);
  document.addEventListener("keydown", (event) => { if (event.key === "Escape") closeFrame(); });
  // The host page asks for focus when the widget opens: it goes to the question box.
  window.addEventListener("message", (event) => {
    if (event.source === window.parent && event.data && event.data.type === "hms-widget-focus") els.question.focus();
  });
  window.parent.postMessage({ type: "hms-widget-ready" }, "*");
}
