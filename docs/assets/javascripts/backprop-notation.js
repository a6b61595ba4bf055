// generator/content/notation.py for the page: the symbol of every value, in TeX for formulas and
// in plain text, from the network's layer sizes and each layer's activation as the build names
// it. Subscripts are dropped in layers of a single neuron, as in z^{(2)}.
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory(require("./backprop-refs.js"));
  else root.BackpropNotation = factory(root.BackpropRefs);
})(typeof self !== "undefined" ? self : this, function (refs) {
  "use strict";

  const SUB = "₀₁₂₃₄₅₆₇₈₉";
  const SUP = { 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹", "(": "⁽", ")": "⁾" };
  const sub = (s) => String(s).replace(/\d/g, (d) => SUB[d]);
  const sup = (s) => String(s).replace(/[\d()]/g, (c) => SUP[c]);

  // sizes: neurons per layer, the input first; activations: [TeX, text] of each layer's
  // activation after the input (\sigma and σ, say).
  function Notation(sizes, activations) {
    this.sizes = sizes;
    this.activations = activations;
    this.cache = new Map();
  }

  // [TeX, text] of a value's id, gradients and derivatives included.
  Notation.prototype.symbol = function (id) {
    let pair = this.cache.get(id);
    if (!pair) {
      pair = this.of(refs.parse(id));
      this.cache.set(id, pair);
    }
    return pair;
  };

  Notation.prototype.tex = function (id) {
    return this.symbol(id)[0];
  };

  Notation.prototype.text = function (id) {
    return this.symbol(id)[1];
  };

  Notation.prototype.of = function (ref) {
    if (ref.role === "d") {
      const [tex, text] = this.of(Object.assign({}, ref, { role: "" }));
      return ["\\frac{\\partial L}{\\partial " + tex + "}", "∂L/∂" + text];
    }
    if (ref.role === "u") {
      // A parameter's update: the learning rate times its gradient.
      const [tex, text] = this.of(Object.assign({}, ref, { role: "d" }));
      return ["\\eta \\, " + tex, "η·" + text];
    }
    if (ref.role === "s") {
      const [fTex, fText] = this.activations[ref.layer - 1];
      const [zTex, zText] = this.unit("z", ref.layer, ref.j);
      return [fTex + "'(" + zTex + ")", fText + "′(" + zText + ")"];
    }
    if (ref.kind === "L") return ["L", "L"];
    if (ref.kind === "eta") return ["\\eta", "η"];
    if (ref.kind === "x") return this.sizes[0] === 1 ? ["x", "x"] : ["x_{" + ref.j + "}", "x" + sub(ref.j)];
    if (ref.kind === "y") return this.sizes[this.sizes.length - 1] === 1 ? ["y", "y"] : ["y_{" + ref.j + "}", "y" + sub(ref.j)];
    if (ref.kind === "W") return this.weight(ref.layer, ref.j, ref.k);
    return this.unit(ref.kind, ref.layer, ref.j);
  };

  Notation.prototype.unit = function (name, layer, j) {
    const index = this.sizes[layer] === 1 ? "" : String(j);
    const tex = index ? name + "_{" + index + "}^{(" + layer + ")}" : name + "^{(" + layer + ")}";
    return [tex, name + sub(index) + sup("(" + layer + ")")];
  };

  Notation.prototype.weight = function (layer, j, k) {
    const index = j + (Math.max(j, k) >= 10 ? "," : "") + k;
    return ["W_{" + index + "}^{(" + layer + ")}", "W" + sub(index) + sup("(" + layer + ")")];
  };

  return { Notation };
});
