// Formulas for the parts the page prints again. A formula the page already shows (typeset at
// build time, generator/typeset.py) is reused as it is; a new one is typeset by MathJax, which
// the page loads from the site's own copy the first time it needs it and never before, with
// the build's settings (SVG, glyphs shared through the page's hidden set, assistive MathML, the
// TeX kept in `data-latex`).
(function () {
  "use strict";

  // As typeset/typeset.mjs: attributes only MathJax's menu and explorer read, or that the
  // page's stylesheet says for every formula (the paint of the drawing's first group, the
  // container's position, `unselectable`).
  const DROPPED = ["data-latex", "data-mml-node", "data-c", "data-mjx-texclass", "focusable", "unselectable"];
  const PAINTED = ["stroke", "fill", "stroke-width"];

  const key = (tex, display) => (display ? "D" : "I") + tex;

  function Typesetter(doc, mathjaxUrl) {
    this.doc = doc;
    this.url = mathjaxUrl;
    this.known = new Map();
    this.shared = new Set();
  }

  // Learn the typeset formulas inside `container` (a part as built, or as printed again).
  Typesetter.prototype.learn = function (container) {
    container.querySelectorAll(".arithmatex").forEach((holder) => {
      const math = holder.querySelector("math[data-latex]");
      const drawn = holder.firstElementChild;
      if (math && drawn) this.known.set(key(math.getAttribute("data-latex"), holder.tagName === "DIV"), drawn);
    });
  };

  Typesetter.prototype.has = function (tex, display) {
    return this.known.has(key(tex, display));
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
    const wanted = this.missing(formulas);
    if (wanted.length === 0) return;
    await this.load();
    for (const f of wanted) await this.draw(f);
    this.shareGlyphs();
  };

  // One formula typeset and kept (its glyphs not yet on the page: shareGlyphs).
  Typesetter.prototype.draw = async function (f) {
    const k = key(f.math, f.display);
    if (this.known.has(k)) return;
    const node = await window.MathJax.tex2svgPromise(f.math, { display: f.display });
    tidy(node);
    if (node.getAttribute("style") === "position: relative;") node.removeAttribute("style");
    const drawing = node.querySelector("svg > g");
    if (drawing) PAINTED.forEach((name) => drawing.removeAttribute(name));
    node.querySelector("math").setAttribute("data-latex", f.math);
    this.known.set(k, node);
  };

  // The formulas `apply` left busy, typeset and put in place a slice of time at a time, the
  // page answering the reader in between: first those the window shows or nears (as the reader
  // scrolls too), then the others in the page's order. Stops, false, as soon as `overtaken()`
  // says a later edit prints the page again; true once all are in.
  Typesetter.prototype.fill = async function (pending, overtaken) {
    const left = new Map(pending.map((p) => [p.holder, p]));
    const near = new Set();
    // Told, not asked: measuring where each formula stands would lay the page out each time.
    const watch = new IntersectionObserver((entries) => entries.forEach((e) => {
      if (e.isIntersecting) near.add(e.target);
      else near.delete(e.target);
    }), { rootMargin: "50% 0px" });
    left.forEach((p, holder) => watch.observe(holder));
    const next = () => {
      for (const holder of near) if (left.has(holder)) return holder;
      return left.keys().next().value;
    };
    try {
      if (left.size > 0) await this.load();
      while (left.size > 0) {
        if (overtaken()) return false;
        const started = performance.now();
        const slice = [];
        while (left.size > 0 && performance.now() - started < SLICE_MS) {
          const holder = next();
          slice.push(left.get(holder));
          left.delete(holder);
          await this.draw(slice[slice.length - 1]);
        }
        if (overtaken()) return false;
        this.shareGlyphs();
        slice.forEach(({ math, display, holder }) => {
          watch.unobserve(holder);
          holder.replaceChildren(this.element(math, display));
          holder.removeAttribute("aria-busy");
        });
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      return true;
    } finally {
      watch.disconnect();
    }
  };

  // How long the page may be busy typesetting before it lets the reader in (and lays itself
  // out again, which on the longest pages costs tens of milliseconds each time).
  const SLICE_MS = 50;

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
      if (this.shared.has(path.id)) return;
      this.shared.add(path.id);
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
