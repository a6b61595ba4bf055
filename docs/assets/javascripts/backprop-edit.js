// The reader's own numbers on an editable page (generator/templates/_edit.md.j2): every field
// read as the loader reads a number, the page printed again for the valid ones (the engine,
// the formatter and the parts' ports), the changed values kept in the address, and Reset back
// to the page as built. Works from disk (classic scripts only) and with Material's instant
// navigation (set-up on each new page).
//
// Until the reader comes to a field, or opens an address that holds numbers, this file is all
// that runs: the other scripts (185 KB) and the editor's set-up, a copy of every part that may
// be printed again, would otherwise cost a phone half a second before the page answers.
(function () {
  "use strict";

  const ns = (window.BackpropEdit = window.BackpropEdit || {});
  if (ns.started) return;
  ns.started = true;

  // Where this script came from: the others sit beside it, MathJax in the site's vendor folder.
  const here = (document.currentScript && document.currentScript.src) || "";
  const base = here.replace(/[^/]*$/, "");
  // What printing the page again needs, in the order each needs the ones before it.
  const SCRIPTS = ["elementary", "decimal", "decimal-elementary", "refs", "numbers", "expr", "formula", "notation", "lines",
    "engine", "learning", "worked", "model", "markup", "plot", "graph-layout", "graph-data", "graph-svg", "exercises", "gates",
    "nudge", "printing", "reading", "training", "prose-worked", "prose-learning", "prose-parts", "edit-values", "patch", "page",
    "typeset", "edit-graph", "editor"].map((name) => base + "backprop-" + name + ".js");
  ns.MATHJAX = base + "../vendor/mathjax/tex-svg.js";

  let loading = null;
  // The scripts, fetched together and run in order, once.
  ns.loadScripts = function () {
    if (loading) return loading;
    loading = new Promise((resolve, reject) => {
      SCRIPTS.forEach((src, i) => {
        const script = document.createElement("script");
        script.src = src;
        script.async = false;
        script.onerror = () => reject(new Error("could not load " + src));
        if (i === SCRIPTS.length - 1) script.onload = () => resolve();
        document.head.appendChild(script);
      });
    });
    return loading;
  };

  // Whether the address names one of the root's fields: then the editor starts with the page,
  // and starts from the address.
  ns.addressNamesAField = function (root) {
    const names = new URLSearchParams(location.search);
    return Array.from(root.querySelectorAll("input[data-ref]")).some((input) => names.has(input.getAttribute("data-ref")));
  };

  function setupAll() {
    document.querySelectorAll(".bp-edit").forEach((root) => {
      if (root.hasAttribute("data-edit-ready")) return;
      root.setAttribute("data-edit-ready", "");
      let begun = false;
      const begin = () => {
        if (begun) return;
        begun = true;
        root.removeEventListener("focusin", begin);
        root.removeEventListener("pointerdown", begin);
        // What the reader types meanwhile stays in its field; the editor reads it on start.
        ns.loadScripts().then(() => new ns.Editor(root).start()).catch((e) => {
          const note = root.querySelector(".bp-edit__note");
          if (note) note.textContent = "Your numbers cannot be shown: " + e.message + ".";
        });
      };
      if (ns.addressNamesAField(root)) begin();
      else {
        root.addEventListener("focusin", begin);
        root.addEventListener("pointerdown", begin);
      }
    });
  }

  // A parameter, input or target chosen in the graph's drawing (a click, or Enter on a
  // focused node) goes to its field, which starts the editor if it has not started.
  function choose(event) {
    const node = event.target.closest && event.target.closest(".bp-graph .bp-node[data-node-id]");
    if (!node || (event.type === "keydown" && event.key !== "Enter")) return;
    const input = document.querySelector('.bp-edit input[data-ref="' + node.getAttribute("data-node-id") + '"]');
    if (!input) return;
    input.focus();
    input.select();
  }
  document.addEventListener("click", choose);
  document.addEventListener("keydown", choose);

  // A deep network's worked example is two pages (the backward pass on the second), both
  // editable: a link from one to the other takes the reader's numbers, the address's query,
  // along. Set as the link is followed, in the capture phase, so that instant navigation (which
  // handles the click later) follows the same address.
  function carry(event) {
    const link = event.target.closest && event.target.closest("a[data-bp-carry]");
    if (!link) return;
    const url = new URL(link.href, location.href);
    url.search = location.search;
    link.href = url.href;
  }
  document.addEventListener("click", carry, true);
  document.addEventListener("auxclick", carry, true);

  // Material's instant navigation announces each new page on document$; pages opened from disk
  // may never see it fire, so the DOM's own event sets up the first page too. On a page opened
  // at its own address this script runs before Material's, which starts after the first paint
  // (overrides/partials/javascripts/deferred.html) and is announced by a second DOMContentLoaded:
  // document$ is there from then on, for the pages instant navigation brings.
  let subscribed = false;
  function subscribe() {
    if (subscribed || !(window.document$ && typeof window.document$.subscribe === "function")) return;
    subscribed = true;
    window.document$.subscribe(setupAll);
  }
  subscribe();
  document.addEventListener("DOMContentLoaded", () => {
    subscribe();
    setupAll();
  });
  if (document.readyState !== "loading") setupAll();
})();
