// Formulas for the parts the page prints again. A formula the page already shows (typeset at
// build time, generator/typeset.py) is reused as it is; a new one is typeset by MathJax, which
// the page loads from the site's own copy the first time it needs it and never before, with
// the build's settings (SVG, glyphs shared through the page's hidden set, assistive MathML, the
// TeX kept in `data-latex`).
(function () {
  "use strict";

  // As typeset/typeset.mjs: attributes only MathJax's menu and explorer read, and the paint of
  // the drawing's first group, which the page's stylesheet gives every formula.
  const DROPPED = ["data-latex", "data-mml-node", "data-c", "data-mjx-texclass", "focusable"];
  const PAINTED = ["stroke", "fill", "stroke-width"];

  const key = (tex, display) => (display ? "D" : "I") + tex;

  function Typesetter(doc, mathjaxUrl) {
    this.doc = doc;
    this.url = mathjaxUrl;
    this.known = new Map();
  }

  // Learn the typeset formulas inside `container` (a part as built, or as printed again).
  Typesetter.prototype.learn = function (container) {
    container.querySelectorAll(".arithmatex").forEach((holder) => {
      const math = holder.querySelector("math[data-latex]");
      const drawn = holder.firstElementChild;
      if (math && drawn) this.known.set(key(math.getAttribute("data-latex"), holder.tagName === "DIV"), drawn);
    });
  };

  Typesetter.prototype.missing = function (formulas) {
    return formulas.filter((f) => !this.known.has(key(f.math, f.display)));
  };

  // A copy of the typeset formula, for markup.toDOM.
  Typesetter.prototype.element = function (tex, display) {
    return this.known.get(key(tex, display)).cloneNode(true);
  };

  // MathJax itself, once per page's life: configured as the build configures it, with the
  // speech and enrichment that need a worker (which file:// forbids) left off.
  Typesetter.prototype.load = function () {
    if (window.MathJax && window.MathJax.tex2svgPromise) return window.MathJax.startup.promise;
    if (this.loading) return this.loading;
    const base = this.url.replace(/\/[^/]*$/, "");
    window.MathJax = {
      loader: { load: ["a11y/assistive-mml"], paths: { mathjax: base } },
      output: { linebreaks: { inline: false } },
      svg: { fontCache: "global" },
      options: { enableAssistiveMml: true, menuOptions: { settings: { enrich: false, speech: false, braille: false } } },
      startup: { typeset: false },
    };
    this.loading = new Promise((resolve, reject) => {
      const script = this.doc.createElement("script");
      script.src = this.url;
      script.onload = () => window.MathJax.startup.promise.then(resolve, reject);
      script.onerror = () => reject(new Error("MathJax could not be loaded from " + this.url));
      this.doc.head.appendChild(script);
    });
    return this.loading;
  };

  // Typeset every formula of `formulas` ({math, display}) the page does not show yet.
  Typesetter.prototype.typeset = async function (formulas) {
    const wanted = new Map(this.missing(formulas).map((f) => [key(f.math, f.display), f]));
    if (wanted.size === 0) return;
    await this.load();
    for (const [k, f] of wanted) {
      const node = await window.MathJax.tex2svgPromise(f.math, { display: f.display });
      tidy(node);
      const drawing = node.querySelector("svg > g");
      if (drawing) PAINTED.forEach((name) => drawing.removeAttribute(name));
      node.querySelector("math").setAttribute("data-latex", f.math);
      this.known.set(k, node);
    }
    this.shareGlyphs();
  };

  // The glyphs MathJax drew, added to the page's hidden set where it lacks them.
  Typesetter.prototype.shareGlyphs = function () {
    const cache = window.MathJax.startup.output.fontCache.getCache();
    let defs = this.doc.querySelector("svg.bp-math-glyphs defs");
    if (!defs) {
      const svg = this.doc.createElementNS("http://www.w3.org/2000/svg", "svg");
      svg.setAttribute("class", "bp-math-glyphs");
      svg.setAttribute("style", "display: none");
      svg.setAttribute("aria-hidden", "true");
      defs = svg.appendChild(this.doc.createElementNS("http://www.w3.org/2000/svg", "defs"));
      this.doc.body.appendChild(svg);
    }
    cache.querySelectorAll("path[id]").forEach((path) => {
      if (!this.doc.getElementById(path.id)) defs.appendChild(path.cloneNode(true));
    });
  };

  function tidy(node) {
    if (node.nodeType !== 1) return;
    DROPPED.forEach((name) => node.removeAttribute(name));
    Array.from(node.children).forEach(tidy);
  }

  (window.BackpropEdit = window.BackpropEdit || {}).Typesetter = Typesetter;
})();
