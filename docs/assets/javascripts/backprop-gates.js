// The gate patterns at nodes of the page's graph (generator/content/gates.py): the add and
// multiply nodes at the first weighted sum of the output layer, each shown with the worked
// page's own lines; where that sum's input feeds several sums, the one term of its gradient,
// printed so that the terms add up; and a ReLU layer's units switched on and off.
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory(require("./backprop-lines.js"), require("./backprop-model.js"));
  else root.BackpropGates = factory(root.BackpropLines, root.BackpropModel);
})(typeof self !== "undefined" ? self : this, function (lines, model) {
  "use strict";

  // What reaches the product's other input a: the weight times the sum's gradient.
  function reaching(m, q) {
    const terms = q.formula[1];
    if (terms.length === 1) return { input_line: q.aligned, fan_out: 1, total: q.valueTex, total_symbol: q.symbolTex };
    const first = lines.sumOfTerms(terms, q.line.result, m.values, m.digits)[0];
    return {
      input_line: first.tex(m.w.tex(terms[0], null), m.w.tex(terms[0], first.shown), true),
      fan_out: terms.length, total: q.valueTex, total_symbol: q.symbolTex,
    };
  }

  function unit(m, l, j) {
    const q = (id) => m.by.get(id);
    return {
      z: m.n.tex(`z${l}_${j}`), a: m.n.tex(`a${l}_${j}`), value: q(`z${l}_${j}`).valueTex,
      incoming: q(`da${l}_${j}`).valueTex, gradient: q(`dz${l}_${j}`).valueTex,
      tex: model.aligned([q(`s${l}_${j}`).aligned, q(`dz${l}_${j}`).aligned]),
    };
  }

  function relu(m) {
    for (let l = 1; l <= m.depth; l += 1) {
      if (m.net.activations[l - 1] !== "relu") continue;
      const z = m.trace.z[l];
      const on = z.findIndex((v) => v > 0);
      const off = z.findIndex((v) => v <= 0);
      if (on >= 0 && off >= 0) return { layer: l, on: unit(m, l, on + 1), off: unit(m, l, off + 1) };
    }
    return null;
  }

  function gates(m) {
    const n = m.n;
    const L = m.depth;
    const [z, w, a, b] = [`z${L}_1`, `W${L}_1_1`, model.activation(L - 1, 1), `b${L}_1`];
    const product = n.tex(w) + " " + n.tex(a);
    const products = [];
    for (let k = 1; k <= m.net.sizes[L - 1]; k += 1) products.push(n.tex(`W${L}_1_${k}`) + " " + n.tex(model.activation(L - 1, k)));
    const db = m.by.get("d" + b);
    const add = {
      z: n.tex(z), gradient: m.by.get("d" + z).valueTex, bias: n.tex(b), product, products,
      lines: [db.aligned, db.line.tex(`\\frac{\\partial L}{\\partial (${product})}`, n.tex("d" + z), true)],
    };
    const multiply = Object.assign({ w: n.tex(w), a: n.tex(a), product, weight_line: m.by.get("d" + w).aligned },
      reaching(m, m.by.get("d" + a)));
    return { add, multiply, relu: relu(m) };
  }

  return { gates };
});
