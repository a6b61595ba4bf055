// Parts of a page written as a small tree, so that a part the page's script makes again can be
// compared with the build's HTML as a string (in Node) and put on the page as elements, every
// text set as text (in the browser). A node is a string (text), {math, display} (a formula in
// TeX, typeset on the page), or {tag, attrs: [[name, value]], children, empty, quote} (an
// element; `empty` writes it as <tag/>, as the build writes some SVG; `quote` escapes quotes in
// the text below it, as the build's SVG does).
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.BackpropMarkup = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  const SVG = "http://www.w3.org/2000/svg";

  // attrs: an object (in its order) or a list of [name, value]; children: nodes or arrays of them.
  function h(tag, attrs, ...children) {
    const list = Array.isArray(attrs) ? attrs : Object.entries(attrs || {});
    return { tag, attrs: list.filter(([, v]) => v !== null && v !== undefined), children: children.flat(Infinity), empty: false,
      quote: false };
  }

  // An element the build writes as <tag .../>.
  function empty(tag, attrs) {
    return Object.assign(h(tag, attrs), { empty: true });
  }

  const math = (tex, display) => ({ math: tex, display: Boolean(display) });

  // A table cell's number as text, as the build writes it (generator/render.py number_cell,
  // numbers.text_of_tex): a column of numbers needs no typesetting. The TeX is a number as
  // the formatter writes one, braced or not.
  const TEX_NUMBER = /^(-?)(\d(?:[\d.]|\\,)*|\\infty)(?: \\times 10\^\{(-?\d+)\})?$/;
  const SUPERSCRIPT = { "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻" };

  function textOfTex(tex) {
    let s = tex.trim();
    if (s.startsWith("{") && s.endsWith("}")) s = s.slice(1, -1);
    const m = TEX_NUMBER.exec(s);
    if (!m) throw new Error("not a number as the formatter writes one: " + tex);
    const [, sign, digits, exponent] = m;
    const out = (sign ? "\u2212" : "") + (digits === "\\infty" ? "∞" : digits.replace(/\\,/g, "\u202f"));
    return exponent === undefined ? out : out + " × 10" + [...exponent].map((c) => SUPERSCRIPT[c]).join("");
  }

  // A cell's number, or the dash of a value that cannot be computed (numbers.MISSING), as the
  // template's `cell` macro writes them (generator/templates/_cells.j2).
  const number = (tex) => (tex === "—" ? "—" : h("span", { class: "bp-number" }, textOfTex(tex)));

  // Python's html.escape: with `quote`, quotes too (html.escape(s, quote=True)); without, only
  // what Python-Markdown escapes in text.
  function escape(s, quote) {
    const out = String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    return quote ? out.replace(/"/g, "&quot;").replace(/'/g, "&#x27;") : out;
  }

  // The HTML of a tree. Formulas are written as arithmatex leaves them before typesetting;
  // `quote` escapes quotes in text, as html.escape does for the build's SVG.
  function toHTML(node, quote) {
    if (typeof node === "string") return escape(node, quote);
    if (node.math !== undefined) {
      return node.display ? '<div class="arithmatex">\\[\n' + escape(node.math) + "\n\\]</div>"
        : '<span class="arithmatex">\\(' + escape(node.math) + "\\)</span>";
    }
    const attrs = node.attrs.map(([k, v]) => " " + k + '="' + escape(v, true) + '"').join("");
    if (node.empty) return "<" + node.tag + attrs + "/>";
    const inner = node.children.map((c) => toHTML(c, quote || node.quote)).join("");
    return "<" + node.tag + attrs + ">" + inner + "</" + node.tag + ">";
  }

  // Elements for a tree, in `doc`; formulas become what typeset(tex, display) returns (an
  // element of the page's typeset formulas).
  function toDOM(node, doc, typeset, inSvg) {
    if (typeof node === "string") return doc.createTextNode(node);
    if (node.math !== undefined) {
      const holder = doc.createElement(node.display ? "div" : "span");
      holder.className = "arithmatex";
      holder.appendChild(typeset(node.math, node.display));
      return holder;
    }
    const svg = inSvg || node.tag === "svg";
    const el = svg ? doc.createElementNS(SVG, node.tag) : doc.createElement(node.tag);
    node.attrs.forEach(([k, v]) => el.setAttribute(k, v));
    node.children.forEach((c) => el.appendChild(toDOM(c, doc, typeset, svg)));
    return el;
  }

  // A table as the build writes one from a Markdown table (generator/tables.py; the patcher
  // looks through its scrolling boxes): a row of headings, then the rows of cells (each a node
  // or an array of them).
  function table(headings, rows) {
    return h("table", { class: "bp-table" }, h("thead", {}, h("tr", {}, headings.map((t) => h("th", {}, t)))),
      h("tbody", {}, rows.map((cells) => h("tr", {}, cells.map((c) => h("td", {}, c))))));
  }

  // Every formula of a tree, in document order.
  function formulas(node, out) {
    const found = out || [];
    if (typeof node === "string") return found;
    if (node.math !== undefined) found.push(node);
    else node.children.forEach((c) => formulas(c, found));
    return found;
  }

  return { h, empty, math, number, textOfTex, escape, toHTML, toDOM, formulas, table };
});
