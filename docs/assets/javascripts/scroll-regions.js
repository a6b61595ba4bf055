// A table or a formula wider than the page scrolls sideways (Material wraps tables in a
// scrolling box; extra.css lets long formulas scroll). A keyboard can scroll such a box only
// if it can take focus, so every one that overflows gets a tab stop and a name; one that fits
// gets neither, so the tab order stays short.
//
// The boxes are measured a few at a time while the page is idle, in document order: a box off
// the screen is not laid out until it comes near (extra.css), and measuring it lays it out, so
// all of them in one go held a phone up for a quarter of a second after load. When every box
// is measured, the root element carries data-scroll-regions="marked".
(function () {
  "use strict";
  var BOXES = ".md-typeset__scrollwrap, .md-typeset div.arithmatex";
  var SLICE_MS = 8;

  var idle = window.requestIdleCallback
    ? function (work) { window.requestIdleCallback(work, { timeout: 400 }); }
    : function (work) { window.setTimeout(work, 20); };

  // Whether a box's content is wider than the box. Measured on the content, the box's one child
  // (a formula's container, a table's): a box not yet drawn measures as if it were empty, but
  // measuring inside it draws it.
  function scrolls(box) {
    var content = box.firstElementChild || box;
    return Math.max(content.scrollWidth, box.scrollWidth) > box.clientWidth + 1;
  }

  function mark(box, scrolls) {
    if (scrolls === box.hasAttribute("data-scrolls")) return;
    if (scrolls) {
      box.setAttribute("data-scrolls", "");
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", box.matches(".arithmatex") ? "Formula, scrolls sideways" : "Table, scrolls sideways");
    } else {
      ["data-scrolls", "tabindex", "role", "aria-label"].forEach(function (name) { box.removeAttribute(name); });
    }
  }

  var queue = [];
  var working = false;

  // One slice: widths read first, then attributes written, so that the browser lays the page
  // out once per slice rather than once per box.
  function slice() {
    var until = performance.now() + SLICE_MS;
    var measured = [];
    while (queue.length && performance.now() < until) {
      var box = queue.shift();
      if (box.isConnected) measured.push([box, scrolls(box)]);
    }
    measured.forEach(function (m) { mark(m[0], m[1]); });
    if (queue.length) return idle(slice);
    working = false;
    document.documentElement.setAttribute("data-scroll-regions", "marked");
  }

  function measureAll() {
    queue = Array.prototype.slice.call(document.querySelectorAll(BOXES));
    document.documentElement.removeAttribute("data-scroll-regions");
    if (working) return;
    working = true;
    idle(slice);
  }

  // Material's instant navigation announces each new page on document$; pages opened from disk
  // may never see it fire, so the load event measures the first page too.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(measureAll);
  window.addEventListener("load", measureAll);
  window.addEventListener("resize", measureAll);
})();
