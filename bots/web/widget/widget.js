// HMS-assistenten widget. Add it to any page whose origin is in HMS_ALLOWED_ORIGINS:
//   <script src="https://<the app>/widget.js" data-label="Spør om HMS" data-position="right" defer></script>
// A floating button opens the chat in an isolated iframe served by the app (/embed). The app's
// Content-Security-Policy (frame-ancestors) refuses to be framed by other origins.
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

  function css(node, styles) {
    for (var key in styles) node.style.setProperty(key, styles[key]);
  }

  var host = document.createElement("div");
  host.setAttribute("data-hms-widget", "");
  css(host, { position: "fixed", bottom: "16px", "z-index": "2147483000", display: "flex",
    "flex-direction": "column", "align-items": side === "left" ? "flex-start" : "flex-end", gap: "12px" });
  host.style.setProperty(side, "16px");

  var panel = document.createElement("div");
  panel.id = "hms-widget-panel";
  panel.hidden = true;
  css(panel, { width: "min(400px, calc(100vw - 32px))", height: "min(640px, calc(100vh - 100px))",
    "border-radius": "12px", overflow: "hidden", "box-shadow": "0 8px 32px rgba(0,0,0,.28)",
    background: "#fff", border: "1px solid #c9d1dc" });

  var frame = null;
  var button = document.createElement("button");
  button.type = "button";
  button.textContent = "💬 " + label;
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-controls", panel.id);
  css(button, { font: "600 16px system-ui, sans-serif", color: "#fff", background: accent,
    border: "2px solid #fff", "border-radius": "999px", padding: "12px 18px", cursor: "pointer",
    "box-shadow": "0 4px 16px rgba(0,0,0,.25)", "min-height": "48px" });

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
    frame.focus();
  }

  function close() {
    panel.hidden = true;
    button.setAttribute("aria-expanded", "false");
    button.focus();
  }

  button.addEventListener("click", function () {
    if (panel.hidden) open(); else close();
  });
  window.addEventListener("message", function (event) {
    if (event.origin === appOrigin && event.data && event.data.type === "hms-widget-close") close();
  });

  host.appendChild(panel);
  host.appendChild(button);
  if (document.body) document.body.appendChild(host);
  else document.addEventListener("DOMContentLoaded", function () { document.body.appendChild(host); });
})();
