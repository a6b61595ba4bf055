// The page model of one example for the page's own numbers, as generator/content/model.py's
// compute() makes it for the author's: the trace, which values are exact, every worked quantity
// as its line, and the pieces the worked page shows beside them (the set-up's matrices, the
// parameter table). The parts after them (the nudge test, the gates, what the numbers say, the
// exercises, the printing policy's examples, the learning step, the graph) are computed from
// this model by their own scripts, each when its page shows it.
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    const here = (name) => require("./backprop-" + name + ".js");
    module.exports = factory(here("engine"), here("numbers"), here("lines"), here("worked"));
  } else root.BackpropModel = factory(root.BackpropEngine, root.BackpropNumbers, root.BackpropLines, root.BackpropWorked);
})(typeof self !== "undefined" ? self : this, function (engine, numbers, lines, worked) {
  "use strict";

  // The page data (generator/content/editing.py) with the given numbers replaced: `values` maps
  // ids (x1, y1, W1_1_2, b2_1, learning_rate) to numbers; ids it leaves out keep the author's.
  function withValues(data, values) {
    const get = (id, v) => (values.has(id) ? values.get(id) : v);
    const net = data.network;
    const network = Object.assign({}, net, {
      weights: net.weights.map((W, l) => W.map((row, j) => row.map((v, k) => get(`W${l + 1}_${j + 1}_${k + 1}`, v)))),
      biases: net.biases.map((b, l) => b.map((v, j) => get(`b${l + 1}_${j + 1}`, v))),
    });
    return Object.assign({}, data, {
      network, x: data.x.map((v, k) => get(`x${k + 1}`, v)), y: data.y.map((v, j) => get(`y${j + 1}`, v)),
      learning_rate: get("learning_rate", data.learning_rate),
    });
  }

  // Every weight and bias in the pages' order: layer by layer, each neuron's weights and then
  // its bias (Network.parameters).
  function parameters(sizes) {
    const out = [];
    for (let l = 1; l < sizes.length; l += 1) {
      for (let j = 1; j <= sizes[l]; j += 1) {
        for (let k = 1; k <= sizes[l - 1]; k += 1) out.push({ id: `W${l}_${j}_${k}`, kind: "W", layer: l, j, k });
        out.push({ id: `b${l}_${j}`, kind: "b", layer: l, j, k: 0 });
      }
    }
    return out;
  }

  // The id of a_k of a layer, which is x_k for layer 0 (refs.a).
  const activation = (layer, k) => (layer === 0 ? "x" + k : `a${layer}_${k}`);

  function compute(data) {
    const net = data.network;
    const trace = engine.run(net, data.x, data.y);
    const valueOf = worked.traceValues(net, data.x, data.y, trace);
    const exact = worked.exactChain(data);
    const values = new lines.Values(valueOf, exact);
    const w = worked.writers(data);
    const quantities = worked.quantityRecords(data, values, w);
    return {
      data, net, trace, valueOf, exact, values, w, n: w.n, quantities, digits: data.digits,
      depth: net.sizes.length - 1, by: new Map(quantities.map((q) => [q.id, q])),
      parameters: parameters(net.sizes), grad: (id) => valueOf("d" + id),
      tex: (v) => numbers.roundValue(v, data.digits).tex(),
      logistic: net.loss === "bce" && net.activations[net.activations.length - 1] === "sigmoid",
    };
  }

  // numbers.tex_matrix with every entry written exactly, as given.
  function givenMatrix(rows) {
    const body = rows.map((row) => row.map((v) => numbers.exactValue(v).tex()).join(" & ")).join(" \\\\ ");
    return "\\begin{bmatrix} " + body + " \\end{bmatrix}";
  }

  const givenVector = (values) => givenMatrix(values.map((v) => [v]));

  // The worked page's set-up (model.setup): the given numbers as matrices.
  function setup(m) {
    const net = m.net;
    return {
      x: givenVector(m.data.x), y: givenVector(m.data.y),
      layers: net.weights.map((W, i) => ({ layer: i + 1, weights: givenMatrix(W), biases: givenVector(net.biases[i]) })),
    };
  }

  // One row per weight and bias: its symbol, its value as given and its gradient
  // (worked.parameter_rows).
  function parameterRows(m) {
    return m.parameters.map((p) => ({
      id: p.id, symbol: m.n.tex(p.id), value: numbers.exactValue(m.valueOf(p.id)).tex(), gradient: m.tex(m.grad(p.id)),
    }));
  }

  // Rows of an aligned block as one display formula's body (lines.aligned).
  function aligned(rows) {
    return "\\begin{aligned}\n" + rows.join(" \\\\[1ex]\n") + "\n\\end{aligned}";
  }

  return { withValues, parameters, activation, compute, setup, parameterRows, givenMatrix, aligned };
});
