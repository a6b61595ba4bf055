// Every printed line of an example, recomputed on the page from what the build gives it (the
// data of generator/content/recompute.py: the given numbers, each formula as data, and the
// notation): the worked quantities of generator/content/worked.py, the learning step's table
// rows and worked update of generator/content/learning.py, and the graph-form rows of
// generator/content/notations.py, each string as the build prints it.
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    const here = (name) => require("./backprop-" + name + ".js");
    module.exports = factory(here("decimal"), here("expr"), here("engine"), here("numbers"), here("refs"),
      here("notation"), here("formula"), here("lines"));
  } else {
    root.BackpropWorked = factory(root.BackpropDecimal, root.BackpropExpr, root.BackpropEngine, root.BackpropNumbers,
      root.BackpropRefs, root.BackpropNotation, root.BackpropFormula, root.BackpropLines);
  }
})(typeof self !== "undefined" ? self : this, function (decimal, expr, engine, numbers, refs, notation, formula, lines) {
  "use strict";

  // The digits of the calculation that finds which values are exact (drift.WORKING_PRECISION),
  // and its exponent range (decimal.MAX_EMAX).
  const WORKING_PRECISION = 40;
  const MAX_EMAX = 999999999999999999;

  function gradient(t, r) {
    if (r.kind === "x") return t.gradA[0][r.j - 1];
    if (r.kind === "W") return t.gradW[r.layer][r.j - 1][r.k - 1];
    const table = { b: t.gradB, z: t.gradZ, a: t.gradA }[r.kind];
    return table[r.layer][r.j - 1];
  }

  // The double of any value by id, from the network, the sample and the trace (Trace.value).
  function traceValues(net, x, y, t) {
    return (id) => {
      const r = refs.parse(id);
      if (r.role === "d") return gradient(t, r);
      if (r.role === "s") return t.activationDerivative[r.layer][r.j - 1];
      const values = {
        L: () => t.loss, x: () => x[r.j - 1], y: () => y[r.j - 1],
        z: () => t.z[r.layer][r.j - 1], a: () => t.a[r.layer][r.j - 1],
        W: () => net.weights[r.layer - 1][r.j - 1][r.k - 1], b: () => net.biases[r.layer - 1][r.j - 1],
      };
      return values[r.kind]();
    };
  }

  // The example's own numbers, as typed (the shortest decimal that gives each double back).
  function givenDecimals(data) {
    const given = new Map();
    const add = (id, v) => given.set(id, lines.decimalOf(numbers.exactValue(v)));
    data.x.forEach((v, k) => add("x" + (k + 1), v));
    data.y.forEach((v, j) => add("y" + (j + 1), v));
    data.network.weights.forEach((W, l) => W.forEach((row, j) => row.forEach((v, k) => add(`W${l + 1}_${j + 1}_${k + 1}`, v))));
    data.network.biases.forEach((b, l) => b.forEach((v, j) => add(`b${l + 1}_${j + 1}`, v)));
    return given;
  }

  // drift.exact_chain, for what it decides: which quantities are exact (no rounding in their
  // formula at 40 digits, and none in anything they are computed from), and their values.
  function exactChain(data) {
    const given = givenDecimals(data);
    const values = new Map();
    const exact = new Map();
    const valueOf = (id) => (given.has(id) ? given.get(id) : values.get(id));
    for (const [id, f] of data.quantities) {
      let value = null;
      if (expr.uniqueOperands(f).every((r) => given.has(r) || exact.get(r) === true)) {
        try {
          value = expr.evaluate(f, valueOf, new decimal.Context(WORKING_PRECISION, { strict: true, emax: MAX_EMAX }));
        } catch (e) {
          if (e !== decimal.INEXACT) throw e;
        }
      }
      values.set(id, value);
      exact.set(id, value !== null);
    }
    return { values, exact };
  }

  // How formulas are written for one example: in TeX or text, with operands as a line shows
  // them (or symbols, shown = null).
  function writers(data) {
    const n = new notation.Notation(data.network.sizes, data.notation.activations);
    const symbol = (form) => (id) => n.symbol(id)[form === "tex" ? 0 : 1];
    return {
      n,
      tex: (f, shown) => formula.tex(f, shown, symbol("tex"), data.functions),
      text: (f, shown) => formula.text(f, shown, symbol("text"), data.functions),
    };
  }

  // Each worked quantity's equation in TeX, as a row of an aligned block (with the chain
  // rule's product first where the computation takes a shortcut), and in text; and its value
  // as printed, in TeX and in text. Each record keeps its Line (worked.Quantity.line), its
  // formula and its symbols, which the page's other parts read.
  function quantityRecords(data, values, w) {
    const digits = data.digits;
    return data.quantities.map(([id, f, chainRule]) => {
      const result = values.printed(id, digits);
      const line = lines.substituted(f, result, values, digits, values.isExact(id));
      const [symbolTex, symbolText] = w.n.symbol(id);
      const formulaTex = w.tex(f, line.shown);
      let aligned = line.tex(symbolTex, formulaTex, true);
      if (chainRule) {
        const product = lines.substituted(chainRule, result, values, digits, values.isExact(id));
        aligned = product.tex(symbolTex, w.tex(chainRule, product.shown), true) + " \\\\[1ex]\n"
          + line.tex("&= " + w.tex(f, null), formulaTex);
      }
      return {
        id, tex: line.tex(symbolTex, formulaTex), aligned, text: line.text(symbolText, w.text(f, line.shown)),
        valueTex: line.result.tex(), valueText: line.result.text(), line, formula: f, symbolTex, symbolText,
      };
    });
  }

  const PRINTED = ["id", "tex", "aligned", "text", "valueTex", "valueText"];

  function quantityLines(data, values, w) {
    return quantityRecords(data, values, w).map((q) => Object.fromEntries(PRINTED.map((k) => [k, q[k]])));
  }

  // The backward pass as the graph sees it: per node, each edge's local derivative times the
  // gradient at its far end, every product holding as printed, and their sum too.
  function graphRows(data, values, w) {
    return data.graph.map(([node, edges]) => {
      const total = values.printed("d" + node, data.digits);
      const shown = lines.sumOfTerms(edges.map((e) => e[1]), total, values, data.digits);
      const parts = edges.map(([target, f], i) =>
        "from " + w.n.text(target) + ": " + shown[i].tailText(w.text(f, shown[i].shown)));
      return { node: w.n.text(node), edges: parts, total: total.tex(), sum: edges.length > 1 };
    });
  }

  return { traceValues, givenDecimals, exactChain, writers, quantityRecords, quantityLines, graphRows, WORKING_PRECISION, MAX_EMAX };
});
