// The conversation kept in this browser (localStorage) so that a reload keeps it; "Ny samtale" clears it.
// Nothing here leaves the browser; a browser that refuses storage simply gets no history.
const VERSION = 1;
const MAX_TURNS = 30;

function key(mode) {
  return `hms-assistenten:samtale:${mode}`;
}

export function loadHistory(mode) {
  try {
    const data = JSON.parse(window.localStorage.getItem(key(mode)) || "null");
    if (!data || data.v !== VERSION || typeof data.conversationId !== "string" || !Array.isArray(data.turns)) return null;
    data.turns = data.turns.filter((turn) => turn && typeof turn.question === "string" && turn.answer
      && typeof turn.answer.answer === "string");
    return data;
  } catch (_) {
    return null;
  }
}

export function saveHistory(mode, conversationId, turns) {
  let kept = turns.slice(-MAX_TURNS);
  while (kept.length) {
    try {
      window.localStorage.setItem(key(mode), JSON.stringify({ v: VERSION, conversationId, turns: kept }));
      return;
    } catch (_) {
      kept = kept.slice(Math.ceil(kept.length / 2) || 1); // over the quota: keep the newer half
    }
  }
}

export function clearHistory(mode) {
  try {
    window.localStorage.removeItem(key(mode));
  } catch (_) { /* storage refused */ }
}
