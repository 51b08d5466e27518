// HMS-assistenten widget. Add it to any page whose origin is in HMS_ALLOWED_ORIGINS:
//   <script src="https://<the app>/widget.js" data-label="Spør om HMS" data-position="right" defer></script>
// It first asks the app whether this page's origin may use the chat (GET /api/widget); only then does a
// floating button appear, which opens the chat in an isolated iframe served by the app (/embed). On a page
// that is not allowed there is no button, and the console says why. On a small screen the chat is full-screen.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__hmsWidgetLoaded) return;
  window.__hmsWidgetLoaded = true;
  var appOrigin = new URL(script.src, window.location.href).origin;
  var data = script.dataset || {};
  var label = data.label || "Spør HMS-assistenten";
  var side = data.position === "left" ? "left" : "right";
  var accent = /^#[0-9a-fA-F]{3,8}$/.test(data.color || "") ? data.color : "#0b5394";
  var small = window.matchMedia("(max-width: 480px)");

  function css(node, styles) {
    for (var key in styles) node.style.setProperty(key, styles[key]);
  }

  function mount() {
    var host = document.createElement("div");
    host.setAttribute("data-hms-widget", "");
    css(host, { position: "fixed", bottom: "16px", "z-index": "2147483000", display: "flex",
      "flex-direction": "column", "align-items": side === "left" ? "flex-start" : "flex-end", gap: "12px" });
    host.style.setProperty(side, "16px");

    var panel = document.createElement("div");
    panel.id = "hms-widget-panel";
    panel.hidden = true;
    var frame = null;
    var ready = false;
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = "💬 " + label;
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", panel.id);
    css(button, { font: "600 16px system-ui, sans-serif", color: "#fff", background: accent,
      border: "2px solid #fff", "border-radius": "999px", padding: "12px 18px", cursor: "pointer",
      "box-shadow": "0 4px 16px rgba(0,0,0,.25)", "min-height": "48px" });

    // A floating panel on a wide screen; the whole screen on a phone (the chat has its own ✕).
    function layout() {
      if (small.matches) {
        css(panel, { position: "fixed", top: "0", left: "0", right: "0", bottom: "0", width: "100vw",
          height: "100vh", "border-radius": "0", border: "0", "box-shadow": "none", overflow: "hidden",
          background: "#fff" });
        panel.style.setProperty("height", "100dvh");
      } else {
        css(panel, { position: "static", width: "min(400px, calc(100vw - 32px))",
          height: "min(640px, calc(100vh - 100px))", "border-radius": "12px", overflow: "hidden",
          "box-shadow": "0 8px 32px rgba(0,0,0,.28)", background: "#fff", border: "1px solid #c9d1dc" });
      }
      button.hidden = small.matches && !panel.hidden;
    }

    function focusChat() {
      if (!frame || !ready || !frame.contentWindow) return;
      frame.focus();
      frame.contentWindow.postMessage({ type: "hms-widget-focus" }, appOrigin); // the chat focuses its box
    }

    function open() {
      if (!frame) {
        frame = document.createElement("iframe");
        frame.src = appOrigin + "/embed";
        frame.title = "HMS-assistenten – chat";
        frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
        css(frame, { width: "100%", height: "100%", border: "0", display: "block" });
        panel.appendChild(frame);
      }
      panel.hidden = false;
      button.setAttribute("aria-expanded", "true");
      layout();
      focusChat();
    }

    function close() {
      panel.hidden = true;
      button.setAttribute("aria-expanded", "false");
      layout();
      button.focus();
    }

    button.addEventListener("click", function () {
      if (panel.hidden) open(); else close();
    });
    window.addEventListener("message", function (event) {
      if (event.origin !== appOrigin || !event.data) return;
      if (event.data.type === "hms-widget-close") close();
      if (event.data.type === "hms-widget-ready") {
        ready = true;
        if (!panel.hidden) focusChat();
      }
    });
    if (small.addEventListener) small.addEventListener("change", layout);
    layout();
    host.appendChild(panel);
    host.appendChild(button);
    document.body.appendChild(host);
  }

  function start() {
    fetch(appOrigin + "/api/widget", { credentials: "omit" })
      .then(function (res) { return res.ok ? res.json() : null; })
      .catch(function () { return null; })
      .then(function (body) {
        if (body && body.allowed) mount();
        else console.warn("HMS-assistenten: denne nettsiden (" + window.location.origin + ") har ikke tilgang " +
          "til chatten, så knappen vises ikke. Legg adressen til i HMS_ALLOWED_ORIGINS.");
      });
  }

  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
