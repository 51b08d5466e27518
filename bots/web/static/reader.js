// The law reader: "Kopier henvisning" (the standard form and the permalink) and the search within the law
// through /api/search?law=… . Without JavaScript the copy buttons stay hidden and the search form loads a page.
import { el } from "./js/dom.js";
import { errorMessage } from "./js/feedback.js";

const status = document.querySelector(".copy-status");

async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch (_) {
    const area = el("textarea", { text, attrs: { readonly: "", class: "visually-hidden" } });
    document.body.append(area);
    area.select();
    const done = document.execCommand("copy");
    area.remove();
    return done;
  }
}

for (const button of document.querySelectorAll(".copy-ref")) {
  button.hidden = false;
  button.addEventListener("click", async () => {
    const permalink = new URL(button.dataset.path, window.location.origin).href;
    const ok = await copy(`${button.dataset.cite} (${permalink})`);
    if (status) status.textContent = ok ? `Kopiert: ${button.dataset.cite}` : "Kunne ikke kopiere. Merk teksten og kopier selv.";
  });
}

function snippet(text) {
  const flat = String(text || "").replace(/^\(\d+\)\s*/, "").replace(/\s+/g, " ");
  return flat.length > 200 ? `${flat.slice(0, 200).replace(/\s+\S*$/, "")} …` : flat;
}

function showHits(results, slug, query, hits) {
  const rows = hits.filter((hit) => hit.kind === "law" && hit.section).map((hit) => {
    const href = `/lov/${encodeURIComponent(slug)}/${encodeURIComponent(hit.section.replace(/ /g, ""))}`;
    const title = String(hit.title || "").replace(/^[^§]*/, "");
    return el("li", {}, [el("a", { text: title || `§ ${hit.section}`, attrs: { href } }),
      el("p", { className: "snippet", text: snippet(hit.snippet) })]);
  });
  results.replaceChildren(
    el("h2", { text: `Treff for «${query}»` }),
    rows.length ? el("ol", { className: "hits" }, rows) : el("p", { text: `Ingen treff på «${query}».` }),
  );
}

const form = document.querySelector(".law-search");
if (form) {
  const input = form.querySelector("input[name=q]");
  const results = document.getElementById("search-results");
  form.addEventListener("submit", async (event) => {
    const query = input.value.trim();
    if (!query) return;
    event.preventDefault();
    const slug = form.dataset.law;
    const params = new URLSearchParams({ q: query, law: slug, k: "10" });
    try {
      const res = await fetch(`/api/search?${params}`);
      if (!res.ok) {
        results.replaceChildren(el("p", { className: "search-error", text: (await errorMessage(res)).message }));
        return;
      }
      showHits(results, slug, query, await res.json());
      window.history.replaceState(null, "", `?${new URLSearchParams({ q: query })}`);
    } catch (_) {
      results.replaceChildren(el("p", { className: "search-error", text: "Fikk ikke kontakt med tjenesten. Prøv igjen." }));
    }
  });
}
