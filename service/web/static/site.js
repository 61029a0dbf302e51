// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // A GET form sends every field; leave empty ones out so the shared URL
  // holds only what was set (the server ignores empty fields anyway).
  document.querySelectorAll("form[data-clean-empty]").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("input[name], select[name]").forEach(function (field) {
        if (field.value.trim() === "") { field.disabled = true; }
      });
      // Re-enable after the navigation started, for the back/forward cache.
      window.setTimeout(function () {
        form.querySelectorAll("[disabled]").forEach(function (field) { field.disabled = false; });
      }, 0);
    });
  });

  // Back and forward: the browser may restore what was typed into a form
  // before it was sent; show the query this page's results are for instead.
  // Only then: on a page just opened, the editor may already be typing into
  // the box while it loads, and that must not be wiped.
  function restoredFromHistory(event) {
    if (event.persisted) { return true; }
    var entry = window.performance && performance.getEntriesByType && performance.getEntriesByType("navigation")[0];
    return Boolean(entry) && (entry.type === "back_forward" || entry.type === "reload");
  }
  window.addEventListener("pageshow", function (event) {
    if (!restoredFromHistory(event)) { return; }
    document.querySelectorAll("form[data-clean-empty]").forEach(function (form) { form.reset(); });
  });

  // "/" moves to the query box, as on many search sites (not while typing).
  // A one-key shortcut can be turned off (WCAG 2.1.4): the box in the footer,
  // remembered in this browser.
  var box = document.getElementById("f-q");
  var setting = document.getElementById("slash-shortcut");
  var KEY = "news-index-slash-shortcut";
  function remembered() {
    try { return window.localStorage.getItem(KEY); } catch (error) { return null; }
  }
  if (setting) {
    setting.checked = remembered() !== "off";
    setting.closest(".shortcut-setting").hidden = false;
    setting.addEventListener("change", function () {
      try { window.localStorage.setItem(KEY, setting.checked ? "on" : "off"); } catch (error) { /* kept for this page */ }
    });
  }
  if (box) {
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName));
      var on = setting ? setting.checked : remembered() !== "off";
      if (on && event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        box.focus();
        box.select();
      }
    });
  }

  // Escape takes away the speaker tip of the quote pointed at or focused,
  // which covers the line above it (WCAG 1.4.13), without moving the pointer
  // or the focus; it shows again once the pointer or the focus has left.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    document.querySelectorAll(".quote[data-speaker]:hover, .quote[data-speaker]:focus").forEach(function (quote) {
      quote.setAttribute("data-tip-hidden", "");
    });
  });
  // The tip starts where its quote starts: on a narrow or zoomed screen one
  // right of the middle ran past the window's edge (WCAG 1.4.10). Shift it
  // back inside as it shows (the stylesheet's --tip-shift).
  var MARGIN = 8;
  function placeTip(quote) {
    quote.style.removeProperty("--tip-shift");
    var tip = getComputedStyle(quote, "::after");
    var width = parseFloat(tip.width);
    var first = quote.getClientRects()[0];
    if (tip.position !== "absolute" || !width || !first) { return; }
    var room = document.documentElement.clientWidth;
    var left = getComputedStyle(quote).direction === "rtl" ? first.right - width : first.left;
    var shift = Math.max(MARGIN - left, Math.min(0, room - MARGIN - (left + width)));
    if (shift) { quote.style.setProperty("--tip-shift", Math.round(shift) + "px"); }
  }
  document.querySelectorAll(".quote[data-speaker]").forEach(function (quote) {
    function showAgain() { quote.removeAttribute("data-tip-hidden"); }
    function place() { placeTip(quote); }
    quote.addEventListener("mouseleave", showAgain);
    quote.addEventListener("blur", showAgain);
    quote.addEventListener("mouseenter", place);
    quote.addEventListener("focus", place);
  });

  // On a wide screen the filters have room to stay open.
  if (window.matchMedia && window.matchMedia("(min-width: 56rem)").matches) {
    document.querySelectorAll("details.filters").forEach(function (details) { details.open = true; });
  }
})();
