// A table or a formula wider than the page scrolls sideways (Material wraps tables in a
// scrolling box; extra.css lets long formulas scroll). A keyboard can scroll such a box only
// if it can take focus, so every one that overflows gets a tab stop and a name; one that fits
// gets neither, so the tab order stays short.
(function () {
  "use strict";
  var BOXES = ".md-typeset__scrollwrap, .md-typeset div.arithmatex";

  function mark() {
    Array.prototype.forEach.call(document.querySelectorAll(BOXES), function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls === box.hasAttribute("data-scrolls")) return;
      if (scrolls) {
        box.setAttribute("data-scrolls", "");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", box.matches(".arithmatex") ? "Formula, scrolls sideways" : "Table, scrolls sideways");
      } else {
        ["data-scrolls", "tabindex", "role", "aria-label"].forEach(function (name) { box.removeAttribute(name); });
      }
    });
  }

  var pending = false;
  function later() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; mark(); });
  }

  // Material's instant navigation announces each new page on document$; pages opened from disk
  // may never see it fire, so the load event marks the first page too.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(later);
  window.addEventListener("load", mark);
  window.addEventListener("resize", later);
})();
