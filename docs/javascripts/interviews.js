// Page behaviour for interview pages: the 显示原文 switch and the language
// switch of bilingual pages. Both are remembered across pages (localStorage)
// and re-applied on every page view, including Material's instant navigation.
(function () {
  var ORIGINAL = "interviews.showOriginal";
  var LANG = "interviews.langMode";
  var MODES = ["both", "zh", "en"];

  function load(key, fallback) {
    try { return localStorage.getItem(key) || fallback; } catch (e) { return fallback; }
  }
  function save(key, value) {
    try { localStorage.setItem(key, value); } catch (e) { /* private mode: not remembered */ }
  }

  function setShowOriginal(on) {
    document.body.classList.toggle("show-original", on);
    document.querySelectorAll(".show-original-toggle").forEach(function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  function setLangMode(mode) {
    if (MODES.indexOf(mode) < 0) { mode = "both"; }
    MODES.forEach(function (m) { document.body.classList.toggle("lang-mode-" + m, m === mode); });
    document.querySelectorAll("[data-lang-mode]").forEach(function (button) {
      button.setAttribute("aria-pressed", button.getAttribute("data-lang-mode") === mode ? "true" : "false");
    });
  }

  function init() {
    setShowOriginal(load(ORIGINAL, "0") === "1");
    setLangMode(load(LANG, "both"));
    document.querySelectorAll(".show-original-toggle").forEach(function (button) {
      button.addEventListener("click", function () {
        var on = !document.body.classList.contains("show-original");
        setShowOriginal(on);
        save(ORIGINAL, on ? "1" : "0");
      });
    });
    document.querySelectorAll(".lang-switch").forEach(function (group) { group.hidden = false; });
    document.querySelectorAll("[data-lang-mode]").forEach(function (button) {
      button.addEventListener("click", function () {
        var mode = button.getAttribute("data-lang-mode");
        setLangMode(mode);
        save(LANG, mode);
      });
    });
  }

  if (window.document$) { window.document$.subscribe(init); } else { document.addEventListener("DOMContentLoaded", init); }
})();
