// recoupe web UI: small conveniences only; every page works without this file.
(function () {
  "use strict";
  // Filters apply as soon as a select or checkbox changes.
  document.querySelectorAll("form.filters select, form.filters input[type=checkbox]").forEach(function (el) {
    el.addEventListener("change", function () { el.form.submit(); });
  });
  // "/" focuses the search box, as on most sites.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT")) return;
    var box = document.querySelector("main input[type=search]") || document.querySelector("header input[type=search]");
    if (box) { e.preventDefault(); box.focus(); }
  });
  // A link to a disagreement (#d1) opens it.
  function openTarget() {
    if (!location.hash) return;
    var el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (el && el.tagName === "DETAILS") el.open = true;
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
  // "Back" links return to the exact list page (filters, page) when we came
  // from that list; from anywhere else they go where they say.
  document.querySelectorAll("a[data-back]").forEach(function (a) {
    a.addEventListener("click", function (e) {
      try {
        var from = document.referrer ? new URL(document.referrer) : null;
        if (from && from.origin === location.origin && from.pathname === new URL(a.href).pathname && history.length > 1) {
          e.preventDefault();
          history.back();
        }
      } catch (_) { /* keep the plain link */ }
    });
  });
})();
