// 👍/👎 with an optional comment, stored through POST /api/feedback. Buttons stay focusable (aria-disabled).
import { el } from "./dom.js";
import { t } from "./i18n.js";

let count = 0;

export async function errorMessage(res) {
  try {
    const body = await res.json();
    if (body && body.error && body.error.message) return { message: String(body.error.message), ...body.error };
  } catch (_) { /* not JSON */ }
  return { message: `Tjenesten svarte med feil (${res.status}). Prøv igjen.` };
}

// given: null (not yet), true or false (already sent, e.g. restored from history); onSent(helpful) on success.
export function feedbackBlock(answerId, lang, given, onSent) {
  count += 1;
  const status = el("p", { className: "feedback-status", attrs: { role: "status" } });
  const comment = el("textarea", { attrs: { id: `comment-${count}`, rows: "2", maxlength: "2000" } });
  const details = el("details", { className: "feedback-comment" }, [
    el("summary", { text: t(lang, "comment") }),
    el("label", { text: t(lang, "commentLabel"), attrs: { for: `comment-${count}` } }),
    comment,
  ]);
  const thumb = (text, key) => el("button", { className: "thumb", text,
    attrs: { type: "button", "aria-label": t(lang, key), "aria-pressed": "false" } });
  const up = thumb("👍", "yes");
  const down = thumb("👎", "no");
  const group = el("div", { className: "feedback", attrs: { role: "group", "aria-label": t(lang, "feedbackGroup") } }, [
    el("span", { className: "feedback-label", text: t(lang, "helpful") }), up, down, details, status,
  ]);
  let state = "open"; // open | sending | sent
  const lock = (value) => { for (const b of [up, down]) b.setAttribute("aria-disabled", String(value)); };
  if (given === true || given === false) {
    state = "sent";
    lock(true);
    (given ? up : down).setAttribute("aria-pressed", "true");
    details.hidden = true;
  }
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
      if (!res.ok) throw new Error((await errorMessage(res)).message);
      status.textContent = t(lang, "thanks");
      comment.readOnly = true;
      state = "sent";
      if (onSent) onSent(helpful);
    } catch (err) {
      status.textContent = `${t(lang, "feedbackFailed")} ${err.message}`;
      state = "open";
      lock(false);
      button.setAttribute("aria-pressed", "false");
    }
  }
  up.addEventListener("click", () => send(true, up));
  down.addEventListener("click", () => send(false, down));
  return group;
}
