// The reader's own numbers on an editable page (generator/templates/_edit.md.j2): every field
// read as the loader reads a number, the page printed again for the valid ones (the engine,
// the formatter and the parts' ports, loaded on the first change and not before), the
// changed values kept in the address, and Reset back to the page as built. Works from disk
// (classic scripts only) and with Material's instant navigation (set-up on each new page).
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

  function setupAll() {
    document.querySelectorAll(".bp-edit").forEach((root) => {
      if (root.hasAttribute("data-edit-ready")) return;
      root.setAttribute("data-edit-ready", "");
      ns.loadScripts().then(() => new ns.Editor(root).start()).catch((e) => {
        const note = root.querySelector(".bp-edit__note");
        if (note) note.textContent = "Your numbers cannot be shown: " + e.message + ".";
      });
    });
  }

  // Material's instant navigation announces each new page on document$; pages opened from disk
  // may never see it fire, so the DOM's own event sets up the first page too.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setupAll);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setupAll);
  else setupAll();
})();
