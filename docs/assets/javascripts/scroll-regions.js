// A table or a formula wider than the page scrolls sideways (Material wraps tables in a
// scrolling box; extra.css lets long formulas scroll). A keyboard can scroll such a box only
// if it can take focus, so every one that overflows gets a tab stop and a name; one that fits
// gets neither, so the tab order stays short.
//
// Measuring a box lays it out, and a box off the screen is not laid out until it comes near
// (extra.css): measuring every box after load held a phone up for half a second on a long
// page. So a box is measured when it comes into view, by then drawn and cheap to measure. A
// keyboard moves focus past what is not in view, so the first Tab measures every box left
// before focus moves, and from then on every box is measured (a few at a time while the page
// is idle) after each page change or resize. When every box is measured, the root element
// carries data-scroll-regions="marked".
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

  var unmeasured = new Set();  // the page's boxes not measured since the last page change or resize
  var keyboard = false;         // whether the reader has pressed Tab
  var working = false;
  var watcher = window.IntersectionObserver ? new IntersectionObserver(cameIntoView) : null;

  // Widths are all read first, then attributes written, so that the browser lays the page out
  // once per batch rather than once per box.
  function measured(batch) {
    batch.forEach(function (m) {
      mark(m[0], m[1]);
      unmeasured.delete(m[0]);
      if (watcher) watcher.unobserve(m[0]);
    });
    if (!unmeasured.size) document.documentElement.setAttribute("data-scroll-regions", "marked");
  }

  function measure(boxes) {
    boxes.forEach(function (box) { if (!box.isConnected) unmeasured.delete(box); });
    measured(boxes.filter(function (box) { return box.isConnected; })
      .map(function (box) { return [box, scrolls(box)]; }));
  }

  function cameIntoView(entries) {
    measure(entries.filter(function (e) { return e.isIntersecting; }).map(function (e) { return e.target; }));
  }

  // Every box left, a slice at a time while the page is idle.
  function slice() {
    var until = performance.now() + SLICE_MS;
    var batch = [];
    var left = unmeasured.values();
    for (var next = left.next(); !next.done && performance.now() < until; next = left.next()) {
      if (next.value.isConnected) batch.push([next.value, scrolls(next.value)]);
      else unmeasured.delete(next.value);
    }
    measured(batch);
    if (unmeasured.size) return idle(slice);
    working = false;
  }

  function measureLeftWhileIdle() {
    if (working || !unmeasured.size) return;
    working = true;
    idle(slice);
  }

  function start() {
    if (watcher) watcher.disconnect();
    unmeasured = new Set(document.querySelectorAll(BOXES));
    document.documentElement.removeAttribute("data-scroll-regions");
    if (!unmeasured.size) return measured([]);
    if (keyboard || !watcher) return measureLeftWhileIdle();
    unmeasured.forEach(function (box) { watcher.observe(box); });
  }

  // Before the browser moves focus: every box measured at once, then Tab finds each tab stop.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Tab" || keyboard) return;
    keyboard = true;
    measure(Array.from(unmeasured));
  }, true);

  // Material's instant navigation announces each new page on document$; pages opened from disk
  // may never see it fire, so the load event starts the first page too (or this script, when it
  // starts after the load event).
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start);
  window.addEventListener("resize", start);
})();
