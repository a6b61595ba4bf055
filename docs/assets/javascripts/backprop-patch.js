// A part on the page made to show a part's tree (backprop-markup.js) by changing only what
// differs: a number's text, an attribute, a formula whose TeX changed. A long page lays out
// again only where something changed, and a formula that stays is not drawn again (each of its
// glyphs is an SVG <use>, costly to make). Where the shapes differ (another element, another
// number of children) that piece is made anew from the tree.
(function () {
  "use strict";

  const B = window;
  const SVG = "http://www.w3.org/2000/svg";
  // Whether what goes under `el` is SVG (a plot's labels, say) rather than HTML.
  const inSvg = (el) => el.namespaceURI === SVG && el.localName !== "foreignObject";
  const blank = (s) => typeof s === "string" && /^\s*$/.test(s);
  const isBlankText = (node) => node.nodeType === 3 && /^\s*$/.test(node.data);

  // The TeX of what a formula's holder shows or is about to show, kept for the holders this
  // script wrote; the build's carry it in their MathML.
  const shows = new WeakMap();
  const key = (tex, display) => (display ? "D" : "I") + tex;

  function texOf(holder) {
    if (shows.has(holder)) return shows.get(holder);
    const math = holder.querySelector("math[data-latex]");
    return math ? key(math.getAttribute("data-latex"), holder.tagName === "DIV") : null;
  }

  // A tree's children as the page holds them: adjacent texts as one, and white space between
  // elements left out, as on either side it changes nothing a reader sees.
  function treeChildren(children) {
    const out = [];
    children.forEach((c) => {
      if (typeof c === "string" && typeof out[out.length - 1] === "string") out[out.length - 1] += c;
      else out.push(c);
    });
    return out.filter((c) => !blank(c));
  }

  // An element's children likewise; Material wraps each table in two scrolling boxes, which
  // stand for the table.
  function pageChildren(el) {
    return Array.from(el.childNodes).filter((n) => !isBlankText(n) && n.nodeType !== 8);
  }

  const unwrap = (node) => (node.nodeType === 1 && node.classList.contains("md-typeset__scrollwrap")
    ? node.querySelector("table") || node : node);

  // Attributes that stay as they are: a link's address, which the build wrote to suit how the
  // site is served.
  const KEPT = { a: ["href"] };

  function Patcher(typesetter) {
    this.typesetter = typesetter;
    this.pending = [];
  }

  // Makes the children of `el` show `children` (tree nodes).
  Patcher.prototype.children = function (el, children) {
    const want = treeChildren(children);
    const have = pageChildren(el);
    if (want.length !== have.length) {
      el.replaceChildren(...children.map((c) => this.make(c, inSvg(el))));
      el.normalize();
      return;
    }
    want.forEach((node, i) => this.node(node.tag === "table" ? unwrap(have[i]) : have[i], node));
  };

  Patcher.prototype.node = function (dom, node) {
    if (typeof node === "string") {
      if (dom.nodeType === 3) {
        if (dom.data.replace(/\s+/g, " ") !== node.replace(/\s+/g, " ")) dom.data = node;
      } else dom.replaceWith(this.make(node, inSvg(dom.parentNode)));
    } else if (node.math !== undefined) {
      if (dom.nodeType === 1 && dom.classList.contains("arithmatex") && (dom.tagName === "DIV") === node.display) this.formula(dom, node);
      else dom.replaceWith(this.make(node, inSvg(dom.parentNode)));
    } else if (dom.nodeType === 1 && dom.localName === node.tag && !dom.classList.contains("arithmatex")) {
      this.attributes(dom, node);
      this.children(dom, node.children);
    } else dom.replaceWith(this.make(node, inSvg(dom.parentNode)));
  };

  Patcher.prototype.attributes = function (el, node) {
    const kept = KEPT[node.tag] || [];
    const want = new Map(node.attrs);
    Array.from(el.attributes).forEach((a) => {
      if (!want.has(a.name) && !kept.includes(a.name)) el.removeAttribute(a.name);
    });
    want.forEach((value, name) => {
      if (kept.includes(name) && el.hasAttribute(name)) return;
      if (el.getAttribute(name) !== String(value)) el.setAttribute(name, value);
    });
  };

  // A formula's holder: left alone where its TeX is the same and drawn; given the typeset
  // formula where the typesetter has it; else marked busy (its old drawing stays in place) and
  // listed for the typesetter to fill. Busy is an ARIA state only: a class or a style on so
  // many holders would have the browser work out the style of every glyph under them again,
  // seconds on the longest pages.
  Patcher.prototype.formula = function (holder, f) {
    const k = key(f.math, f.display);
    const busy = holder.getAttribute("aria-busy") === "true";
    if (texOf(holder) === k && !busy) return;
    shows.set(holder, k);
    if (this.typesetter.has(f.math, f.display)) {
      holder.replaceChildren(this.typesetter.element(f.math, f.display));
      holder.removeAttribute("aria-busy");
    } else {
      holder.setAttribute("aria-busy", "true");
      this.pending.push({ math: f.math, display: f.display, holder });
    }
  };

  // A piece made anew from the tree (`svg`: to go under an SVG element): a formula not typeset
  // yet is an empty holder, busy.
  Patcher.prototype.make = function (node, svg) {
    const empty = [];
    const typeset = (tex, display) => {
      if (this.typesetter.has(tex, display)) return this.typesetter.element(tex, display);
      const span = document.createElement("span");
      empty.push({ math: tex, display, span });
      return span;
    };
    const el = B.BackpropMarkup.toDOM(node, document, typeset, svg);
    if (el.nodeType === 1) el.normalize();
    empty.forEach(({ math, display, span }) => {
      const holder = span.parentNode;
      shows.set(holder, key(math, display));
      holder.setAttribute("aria-busy", "true");
      this.pending.push({ math, display, holder });
    });
    return el;
  };

  (window.BackpropEdit = window.BackpropEdit || {}).Patcher = Patcher;
})();
