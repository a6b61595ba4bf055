// The worked page's exercises for the page's numbers (generator/content/exercises.py): per
// layer, from the output back, the weight with the largest gradient in size (the first in the
// pages' order on a tie), with the lines of its working, which are the worked page's own.
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory(require("./backprop-model.js"));
  else root.BackpropExercises = factory(root.BackpropModel);
})(typeof self !== "undefined" ? self : this, function (model) {
  "use strict";

  function exercise(m, l) {
    const n = m.n;
    let w = null;
    for (const p of m.parameters) {
      if (p.layer === l && p.kind === "W" && (w === null || Math.abs(m.grad(p.id)) > Math.abs(m.grad(w.id)))) w = p;
    }
    const [z, a] = [`z${l}_${w.j}`, `a${l}_${w.j}`];
    const steps = ["d" + a, `s${l}_${w.j}`, "d" + z, "d" + w.id].map((id) => m.by.get(id));
    const above = [];
    if (l < m.depth) {
      for (let i = 1; i <= m.net.sizes[l + 1]; i += 1) {
        const d = `dz${l + 1}_${i}`;
        above.push(`\\(\\partial L / \\partial ${n.tex(d.slice(1))} \\approx {${m.by.get(d).valueTex}}\\)`);
      }
    }
    return {
      layer: l, output: l === m.depth, weight: n.tex(w.id), a: n.tex(a), z: n.tex(z),
      other: n.tex(model.activation(l - 1, w.k)), neuron: n.tex(a), answer: m.by.get("d" + w.id).valueTex,
      above: above.join(", "), fan_out: l < m.depth ? m.net.sizes[l + 1] : 0,
      working: model.aligned(steps.map((q) => q.aligned)),
    };
  }

  function exercises(m) {
    const out = [];
    for (let l = m.depth; l >= 1; l -= 1) out.push(exercise(m, l));
    return out;
  }

  return { exercises };
});
