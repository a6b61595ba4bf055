// What the page's numbers say (generator/content/reading.py): which way each parameter moves
// and why, how the gradient shrinks or grows from layer to layer, and which ReLU units are
// switched off. Averages and ratios are taken of the values as printed, in decimal arithmetic
// at Python's default 28 digits, as the build takes them.
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("./backprop-decimal.js"), require("./backprop-numbers.js"), require("./backprop-lines.js"),
      require("./backprop-model.js"));
  } else root.BackpropReading = factory(root.BackpropDecimal, root.BackpropNumbers, root.BackpropLines, root.BackpropModel);
})(typeof self !== "undefined" ? self : this, function (decimal, numbers, lines, model) {
  "use strict";

  // Python's default decimal context.
  const DEFAULT_PRECISION = 28;
  const absolute = (x) => ({ c: x.c < 0n ? -x.c : x.c, e: x.e });
  const isPositive = (v) => v > 0;

  function directions(m) {
    const grads = m.parameters.map((p) => m.grad(p.id));
    const out = {
      count: grads.length, grow: grads.filter((g) => g < 0).length, shrink: grads.filter((g) => g > 0).length,
      stay: grads.filter((g) => g === 0).length, output: null,
    };
    const sizes = m.net.sizes;
    if (sizes[sizes.length - 1] !== 1) return out;
    const L = m.depth;
    const start = m.logistic ? `dz${L}_1` : `da${L}_1`;
    const t = m.trace;
    // Every factor on the way back is positive: weights after the first layer, the inputs and
    // activations that multiply into weight gradients, and every activation's derivative.
    const positive = m.net.weights.slice(1).every((W) => W.every((row) => row.every(isPositive)))
      && t.a.slice(0, -1).every((a) => a.every(isPositive))
      && t.activationDerivative.slice(1).every((s) => s.every(isPositive));
    out.output = {
      symbol: m.n.tex(start), value: m.by.get(start).valueTex, below: m.valueOf(`a${L}_1`) < m.valueOf("y1"),
      a: m.by.get(`a${L}_1`).valueTex, y: numbers.exactValue(m.valueOf("y1")).tex(),
      same_sign: positive && (out.grow === grads.length || out.shrink === grads.length),
    };
    return out;
  }

  // Per layer from the output back: the average size of dL/dz and the range of the
  // activation's derivative.
  function layers(m, bounds) {
    const context = new decimal.Context(DEFAULT_PRECISION);
    const rows = [];
    for (let l = m.depth; l >= 1; l -= 1) {
      const units = Array.from({ length: m.net.sizes[l] }, (_, i) => i + 1);
      const printed = (id) => lines.decimalOf(m.by.get(id).line.result);
      const total = units.reduce((s, j) => context.add(s, absolute(printed(`dz${l}_${j}`))), decimal.ZERO);
      const mean = lines.fit(context.divide(total, decimal.fromInt(units.length)), m.digits);
      const slopes = units.map((j) => m.by.get(`s${l}_${j}`).line.result);
      slopes.sort((a, b) => decimal.compare(lines.decimalOf(a), lines.decimalOf(b)));
      const name = m.net.activations[l - 1];
      rows.push({
        layer: l, mean: mean.tex(), mean_value: lines.decimalOf(mean), activation: m.data.notation.activations[l - 1][0],
        bound: bounds[name], lowest: slopes[0].tex(), highest: slopes[slopes.length - 1].tex(),
      });
    }
    return rows;
  }

  function switchedOff(m) {
    const off = [];
    m.net.activations.forEach((name, i) => {
      if (name !== "relu") return;
      const l = i + 1;
      m.trace.z[l].forEach((z, index) => {
        const j = index + 1;
        if (z <= 0) {
          off.push({ layer: l, j, z: m.n.tex(`z${l}_${j}`), value: m.by.get(`z${l}_${j}`).valueTex, a: m.n.tex(`a${l}_${j}`),
            slope: m.n.tex(`s${l}_${j}`) });
        }
      });
    });
    return off;
  }

  function shrinking(rows, digits) {
    const [last, first] = [rows[0], rows[rows.length - 1]];
    const positive = (v) => v.c > 0n;
    if (rows.length < 2 || !positive(first.mean_value) || !positive(last.mean_value)) return null;
    const context = new decimal.Context(DEFAULT_PRECISION);
    const ratio = context.divide(last.mean_value, first.mean_value);
    const above = decimal.compare(ratio, decimal.ONE) >= 0;
    return {
      ratio: lines.fit(above ? ratio : context.divide(decimal.ONE, ratio), digits).tex(), smaller: above,
      bounded: rows.slice(1).some((row) => row.bound !== "1"),
    };
  }

  // bounds: the most each activation's derivative can be, in TeX (the settings' derivative_bound).
  function reading(m, bounds) {
    const rows = layers(m, bounds);
    return { directions: directions(m), layers: rows, shrink: shrinking(rows, m.digits), switched_off: switchedOff(m) };
  }

  return { reading };
});
