// HMS-assistenten chat page. Every user and corpus string goes into the DOM as text (textContent,
// setAttribute), never as HTML. The finished answer is announced once through #announcer.
"use strict";

(function () {
  const MODE = document.body.dataset.mode || "page";
  const MAX_CHARS = 2000;
  const MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
    "oktober", "november", "desember"];
  const els = {
    form: document.getElementById("ask-form"),
    question: document.getElementById("question"),
    send: document.getElementById("send"),
    error: document.getElementById("question-error"),
    messages: document.getElementById("messages"),
    scroller: document.getElementById("scroller"),
    welcome: document.getElementById("welcome"),
    announcer: document.getElementById("announcer"),
    newChat: document.getElementById("new-chat"),
    closeWidget: document.getElementById("close-widget"),
  };
  let conversationId = newId();
  let busy = false;
  let turnCount = 0;

  function newId() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  // el("p", {className, text, attrs}, [children]) – the only way this file builds DOM.
  function el(tag, opts, children) {
    const node = document.createElement(tag);
    const o = opts || {};
    if (o.className) node.className = o.className;
    if (o.text !== undefined && o.text !== null) node.textContent = String(o.text);
    for (const [name, value] of Object.entries(o.attrs || {})) node.setAttribute(name, String(value));
    for (const child of children || []) if (child) node.append(child);
    return node;
  }

  function safeUrl(raw) {
    try {
      const url = new URL(String(raw), window.location.href);
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
    } catch (_) {
      return null;
    }
  }

  function externalLink(href, text, className) {
    const url = safeUrl(href);
    if (!url) return el("span", { text });
    return el("a", { className, text, attrs: { href: url, target: "_blank", rel: "noopener noreferrer" } },
      [el("span", { className: "visually-hidden", text: " (åpnes i ny fane)" })]);
  }

  function formatDate(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    if (!m) return null;
    return `${Number(m[3])}. ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
  }

  // A line of answer text with its URLs as links (trailing punctuation stays text).
  function appendLinkified(parent, line) {
    const pattern = /https?:\/\/[^\s«»<>"]+/g;
    let last = 0;
    for (const match of line.matchAll(pattern)) {
      let url = match[0];
      const trail = /[.,;:)\]]+$/.exec(url);
      if (trail) url = url.slice(0, -trail[0].length);
      parent.append(line.slice(last, match.index));
      parent.append(externalLink(url, url, "inline-link"));
      last = match.index + url.length;
    }
    parent.append(line.slice(last));
  }

  function renderText(container, text, disclaimer) {
    container.replaceChildren();
    let body = String(text || "");
    if (disclaimer && body.endsWith(disclaimer)) body = body.slice(0, -disclaimer.length).trimEnd();
    for (const para of body.split(/\n{2,}/)) {
      if (!para.trim()) continue;
      const isQuote = para.startsWith("«");
      const p = el(isQuote ? "blockquote" : "p", { className: isQuote ? "answer-quote" : "" });
      para.split("\n").forEach((line, i) => {
        if (i > 0) p.append(el("br"));
        appendLinkified(p, line);
      });
      container.append(p);
    }
    if (disclaimer) container.append(el("p", { className: "disclaimer", text: disclaimer }));
  }

  function lawCard(c) {
    const where = [`§ ${c.section}`];
    if (c.ledd) where.push(`${c.ledd}. ledd`);
    if (c.letter) where.push(`bokstav ${c.letter}`);
    const date = formatDate(c.version_date);
    return el("li", { className: "card card-law" }, [
      el("p", { className: "card-kind", text: "Lovtekst" }),
      el("p", { className: "card-ref" }, [el("strong", { text: c.law_name }), el("span", { text: ` ${where.join(", ")}` })]),
      c.title ? el("p", { className: "card-title", text: c.title }) : null,
      el("blockquote", { className: "card-quote" }, [el("p", { text: `«${c.quote}»` })]),
      c.note ? el("p", { className: "card-note", text: `Merk: ${c.note}` }) : null,
      el("p", { className: "card-date", text: date ? `Lov per ${date}` : "Lov per: ukjent dato – sjekk Lovdata" }),
      externalLink(c.url, `Les ${c.ref} på Lovdata`, "card-link"),
    ]);
  }

  function faqCard(c) {
    return el("li", { className: "card card-faq" }, [
      el("p", { className: "card-kind", text: "Fra HMS Kontorets FAQ" }),
      el("p", { className: "card-question", text: c.question }),
    ]);
  }

  function gapCard(g) {
    return el("li", { className: "card card-gap" }, [
      el("p", { className: "card-kind", text: "Ikke i kildene mine" }),
      el("p", { className: "card-ref" }, [el("strong", { text: g.law_name }), el("span", { text: ` § ${g.section}` })]),
      el("p", { className: "card-note", text: g.reason }),
      externalLink(g.url, "Se teksten på Lovdata", "card-link"),
    ]);
  }

  function renderCards(list, citations, gaps) {
    list.replaceChildren();
    for (const c of citations || []) list.append(c.kind === "faq" ? faqCard(c) : lawCard(c));
    for (const g of gaps || []) list.append(gapCard(g));
    list.closest(".sources").hidden = list.children.length === 0;
  }

  function feedbackBlock(answerId) {
    const n = turnCount;
    const status = el("p", { className: "feedback-status", attrs: { role: "status" } });
    const comment = el("textarea", { attrs: { id: `comment-${n}`, rows: "2", maxlength: "2000" } });
    const details = el("details", { className: "feedback-comment" }, [
      el("summary", { text: "Legg til en kommentar (valgfritt)" }),
      el("label", { text: "Kommentar til svaret", attrs: { for: `comment-${n}` } }),
      comment,
    ]);
    const up = el("button", { className: "thumb", text: "👍", attrs: { type: "button", "aria-label": "Ja, svaret var nyttig", "aria-pressed": "false" } });
    const down = el("button", { className: "thumb", text: "👎", attrs: { type: "button", "aria-label": "Nei, svaret var ikke nyttig", "aria-pressed": "false" } });
    const group = el("div", { className: "feedback", attrs: { role: "group", "aria-label": "Tilbakemelding på svaret" } }, [
      el("span", { className: "feedback-label", text: "Var svaret nyttig?" }), up, down, details, status,
    ]);
    let state = "open"; // open | sending | sent – buttons stay focusable (aria-disabled) for keyboard users
    const lock = (value) => {
      for (const b of [up, down]) b.setAttribute("aria-disabled", String(value));
    };
    async function send(helpful, button) {
      if (state !== "open") return;
      state = "sending";
      lock(true);
      button.setAttribute("aria-pressed", "true");
      try {
        const res = await fetch("/api/feedback", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ answer_id: answerId, helpful, comment: comment.value.trim() || null }),
        });
        if (!res.ok) throw new Error(await errorMessage(res));
        status.textContent = "Takk for tilbakemeldingen!";
        comment.readOnly = true;
        state = "sent";
      } catch (err) {
        status.textContent = `Tilbakemeldingen ble ikke lagret: ${err.message}`;
        state = "open";
        lock(false);
        button.setAttribute("aria-pressed", "false");
      }
    }
    up.addEventListener("click", () => send(true, up));
    down.addEventListener("click", () => send(false, down));
    return group;
  }

  function newTurn(question) {
    turnCount += 1;
    const text = el("div", { className: "answer-text streaming" });
    const cards = el("ul", { className: "cards" });
    const sources = el("section", { className: "sources", attrs: { "aria-label": "Kilder" } },
      [el("h2", { className: "sources-title", text: "Kilder" }), cards]);
    sources.hidden = true;
    const answer = el("article", { className: "answer", attrs: { "aria-busy": "true", "aria-label": "Svar" } },
      [el("p", { className: "thinking", text: "Leter i kildene …" }), text, sources]);
    const item = el("li", { className: "turn" }, [
      el("div", { className: "question-bubble" }, [
        el("span", { className: "visually-hidden", text: "Du spurte: " }),
        el("p", { className: "question-text", text: question }),
      ]),
      answer,
    ]);
    els.messages.append(item);
    // Scroll only the conversation box (scrollIntoView could also scroll a page that embeds the widget).
    const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    els.scroller.scrollTo({ top: Math.max(0, item.offsetTop - 8), behavior: still ? "auto" : "smooth" });
    let streamed = "";
    const turn = {
      finished: false,
      sources(citations) { renderCards(cards, citations, []); },
      delta(piece) {
        answer.querySelector(".thinking")?.remove();
        streamed += piece;
        text.textContent = streamed;
      },
      replace(whole) { streamed = String(whole); text.textContent = streamed; },
      done(result) {
        turn.finished = true;
        answer.querySelector(".thinking")?.remove();
        text.classList.remove("streaming");
        renderText(text, result.answer, result.disclaimer);
        renderCards(cards, result.citations, result.gaps);
        answer.setAttribute("aria-busy", "false");
        if (result.abstained) answer.classList.add("abstained");
        if (result.answer_id) answer.append(feedbackBlock(result.answer_id));
        els.announcer.textContent = `Svar: ${String(result.answer).replace(/https?:\/\/\S+/g, "")}`;
      },
      fail(message) {
        turn.finished = true;
        answer.querySelector(".thinking")?.remove();
        answer.setAttribute("aria-busy", "false");
        answer.append(el("p", { className: "answer-error", text: message, attrs: { role: "alert" } }));
      },
    };
    return turn;
  }

  async function errorMessage(res) {
    try {
      const body = await res.json();
      if (body && body.error && body.error.message) return String(body.error.message);
    } catch (_) { /* not JSON */ }
    return `Tjenesten svarte med feil (${res.status}). Prøv igjen.`;
  }

  // Server-Sent Events over a fetch() body: yields {event, data} with data parsed as JSON.
  async function* readEvents(response) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, "\n");
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const raw = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = "message";
        const data = [];
        for (const line of raw.split("\n")) {
          if (line.startsWith("event:")) event = line.slice(6).trim();
          else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
        }
        if (data.length) yield { event, data: JSON.parse(data.join("\n")) };
      }
    }
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

  async function ask(raw) {
    const question = String(raw || "").trim();
    if (busy) return;
    if (!question) return showError("Skriv et spørsmål først – spørsmålet er tomt.");
    if (question.length > MAX_CHARS) {
      return showError(`Spørsmålet er for langt (${question.length} tegn). Korte det ned til høyst ${MAX_CHARS} tegn.`);
    }
    showError("");
    els.welcome.hidden = true;
    els.question.value = "";
    setBusy(true);
    const turn = newTurn(question);
    const headers = { "Content-Type": "application/json", Accept: "text/event-stream" };
    if (MODE === "widget") headers["X-HMS-Client"] = "widget";
    try {
      const res = await fetch("/api/ask/stream", {
        method: "POST", headers, body: JSON.stringify({ question, conversation_id: conversationId }),
      });
      const type = res.headers.get("content-type") || "";
      if (!res.ok || !type.startsWith("text/event-stream")) {
        turn.fail(await errorMessage(res));
        return;
      }
      for await (const { event, data } of readEvents(res)) {
        if (event === "sources") turn.sources(data);
        else if (event === "delta") turn.delta(data);
        else if (event === "replace") turn.replace(data);
        else if (event === "done") turn.done(data);
        else if (event === "error") turn.fail(data.message);
      }
      if (!turn.finished) turn.fail("Svaret ble avbrutt. Prøv igjen.");
    } catch (_) {
      if (!turn.finished) turn.fail("Fikk ikke kontakt med tjenesten. Sjekk nettverket og prøv igjen.");
    } finally {
      setBusy(false);
      els.question.focus();
    }
  }

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
    button.addEventListener("click", () => ask(button.textContent));
  }
  document.querySelector(".skip-link")?.addEventListener("click", (event) => {
    event.preventDefault();
    els.question.focus();
  });
  els.newChat.addEventListener("click", () => {
    if (busy) return;
    conversationId = newId();
    els.messages.replaceChildren();
    els.announcer.textContent = "";
    els.welcome.hidden = false;
    showError("");
    els.question.focus();
  });

  if (MODE === "widget") {
    const closeFrame = () => window.parent.postMessage({ type: "hms-widget-close" }, "*");
    els.closeWidget.addEventListener("click", closeFrame);
    document.addEventListener("keydown", (event) => { if (event.key === "Escape") closeFrame(); });
  }
})();
