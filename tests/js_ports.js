// Runs the page's JavaScript ports on a batch of cases for tests/js_ports.py: reads one JSON
// request from stdin, writes one JSON answer to stdout. Doubles travel as the 16 hex digits of
// their bits, so that nothing is lost or rounded on the way (-0, infinities and NaN included).
"use strict";
const path = require("path");
const scripts = path.join(__dirname, "..", "docs", "assets", "javascripts");
const elementary = require(path.join(scripts, "backprop-elementary.js"));
const engine = require(path.join(scripts, "backprop-engine.js"));
const numbers = require(path.join(scripts, "backprop-numbers.js"));
const recompute = require(path.join(scripts, "backprop-recompute.js"));
const decimal = require(path.join(scripts, "backprop-decimal.js"));
const decimalElementary = require(path.join(scripts, "backprop-decimal-elementary.js"));
const page = (name) => require(path.join(scripts, "backprop-" + name + ".js"));

const view = new DataView(new ArrayBuffer(8));
function toBits(x) {
  view.setFloat64(0, x);
  return view.getBigUint64(0).toString(16).padStart(16, "0");
}
function fromBits(h) {
  view.setBigUint64(0, BigInt("0x" + h));
  return view.getFloat64(0);
}
function deep(value, f) {
  return Array.isArray(value) ? value.map((v) => deep(v, f)) : value === null ? null : f(value);
}
// A value printed as the build prints it (its four forms), or "NaN!" where the build refuses.
function forms(x, digits) {
  try {
    const r = numbers.roundValue(x, digits);
    return [r.tex(), r.text(), numbers.texFactor(x, digits), numbers.textFactor(x, digits)];
  } catch (e) {
    if (e instanceof RangeError) return "NaN!";
    throw e;
  }
}

function network(c) {
  const net = Object.assign({}, c, { weights: deep(c.weights, fromBits), biases: deep(c.biases, fromBits) });
  const x = c.x.map(fromBits);
  const y = c.y.map(fromBits);
  const t = engine.run(net, x, y);
  const after = engine.step(net, t, fromBits(c.learning_rate));
  const values = {
    z: t.z, a: t.a, loss: t.loss, activation_derivative: t.activationDerivative,
    grad_a: t.gradA, grad_z: t.gradZ, grad_W: t.gradW, grad_b: t.gradB,
    weights_after: after.weights, biases_after: after.biases,
  };
  const answer = { bits: {}, printed: {} };
  for (const [key, v] of Object.entries(values)) {
    answer.bits[key] = deep(v, toBits);
    answer.printed[key] = deep(v, (x) => {
      const f = forms(x, c.digits);
      return Array.isArray(f) ? f.join("\n") : f;
    });
  }
  return answer;
}

// f's answer, or "NaN!" where it refuses to print a value that is not a number, as the build does.
function refusing(f) {
  return (c) => {
    try {
      return f(c);
    } catch (e) {
      if (e instanceof RangeError && /NaN/.test(e.message)) return "NaN!";
      throw e;
    }
  };
}

// A decimal written as Python's str(Decimal) writes it: "-1.25E-7", "0.001", "42".
function parseDecimal(s) {
  const m = /^(-?)(\d*)\.?(\d*)(?:E([+-]?\d+))?$/.exec(s);
  return decimal.fromDigits(m[1] === "-", m[2] + m[3] || "0", Number(m[4] || 0) - m[3].length);
}

const OPERATIONS = {
  add: (ctx, a, b) => ctx.add(a, b),
  subtract: (ctx, a, b) => ctx.subtract(a, b),
  multiply: (ctx, a, b) => ctx.multiply(a, b),
  divide: (ctx, a, b) => ctx.divide(a, b),
  square: (ctx, a) => ctx.power(a, 2),
  exp: (ctx, a) => decimalElementary.exp(ctx, a),
  ln: (ctx, a) => decimalElementary.ln(ctx, a),
  sigmoid: (ctx, a) => decimalElementary.FUNCTIONS.sigmoid(ctx, a),
  tanh: (ctx, a) => decimalElementary.FUNCTIONS.tanh(ctx, a),
};

// [value as "cE e" or null where decimal overflows, whether any step rounded].
function operation([name, args, precision]) {
  const ctx = new decimal.Context(precision);
  const result = OPERATIONS[name](ctx, ...args.map(parseDecimal));
  return [result === null ? null : result.c + "E" + result.e, ctx.inexact];
}

// Every part of a page that follows the reader's numbers, from the page data alone: the model
// of each part as generator/content builds it (decimals left out: they do not travel as JSON),
// the graph's drawing and the loss plot as HTML; and the parts whose wording depends on the
// numbers as HTML before typesetting, with their formulas.
function pageParts(data) {
  const m = page("model").compute(data);
  const settings = data.settings;
  const markup = page("markup");
  const found = {
    exercises: page("exercises").exercises(m), printing: page("printing").printing(m, settings),
    reading: page("reading").reading(m, settings.derivative_bound), nudge: page("nudge").nudgeTest(m, settings),
    step: page("training").learningStep(m), training: page("training").trainingRun(m, settings),
  };
  const worked = page("prose-worked");
  const learning = page("prose-learning");
  const parts = page("prose-parts");
  const gates = page("gates").gates(m);
  const prose = {
    "step-loss": parts.stepLoss(found.step, "numerical-example.html"), "step-update": parts.stepUpdate(found.step),
    "step-outputs": parts.stepOutputs(found.step), "gates-add": parts.gatesAdd(gates), "gates-multiply": parts.gatesMultiply(gates),
    exercises: worked.exercises(found.exercises), nudge: worked.nudge(found.nudge), reading: worked.reading(found.reading),
    printing: worked.printing(found.printing), "step-change": learning.change(found.step),
    training: learning.training(found.training, ""),
  };
  const without = (object, key) => Object.fromEntries(Object.entries(object).filter(([k]) => k !== key));
  const graph = page("graph-data").graphData(m, settings.graph);
  const models = Object.assign({}, found, {
    setup: page("model").setup(m), parameter_rows: page("model").parameterRows(m), gates, graph,
    reading: Object.assign({}, found.reading, { layers: found.reading.layers.map((row) => without(row, "mean_value")) }),
    nudge: Object.assign({}, found.nudge, { rows: found.nudge.rows.map((row) => without(row, "gradient_value")) }),
    training: Object.assign({}, found.training, { figure: markup.toHTML(found.training.figure) }),
    drawing: graph.drawable ? markup.toHTML(page("graph-svg").drawing(graph, settings.graph_label), true) : "",
  });
  return {
    models,
    prose: Object.fromEntries(Object.entries(prose).map(([kind, blocks]) => [kind, {
      html: blocks.map((b) => markup.toHTML(b)).join("\n"), formulas: blocks.flatMap((b) => markup.formulas(b)).map((f) => f.math),
    }])),
  };
}

const kinds = {
  elementary: (cases) => Object.fromEntries(
    Object.entries(cases).map(([name, args]) => [name, args.map((h) => toBits(elementary[name](fromBits(h))))])),
  sums: (cases) => cases.map((terms) => toBits(elementary.total(terms.map(fromBits)))),
  products: (cases) => cases.map(([a, b]) => elementary.twoProduct(fromBits(a), fromBits(b)).map(toBits)),
  numbers: (cases) => cases.map(([h, digits]) => forms(fromBits(h), digits)),
  given: (cases) => cases.map((h) => {
    const r = numbers.exactValue(fromBits(h));
    return [r.tex(), r.text()];
  }),
  counts: (cases) => cases.map((n) => [numbers.countTex(BigInt(n)), numbers.countText(BigInt(n))]),
  networks: (cases) => cases.map(network),
  lines: (cases) => cases.map(refusing(recompute.recompute)),
  pages: (cases) => cases.map(refusing(pageParts)),
  decimal: (cases) => cases.map(operation),
};

const request = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(kinds[request.kind](request.cases)));
