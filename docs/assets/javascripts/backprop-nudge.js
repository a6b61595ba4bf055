// The nudge test for the page's numbers (generator/maths/nudge.py and generator/content/nudge.py):
// the parameters with the largest gradient and the smallest one that is not zero, each raised
// by a small step h; the loss recomputed exactly in decimal before and after, its change set
// beside the gradient times h, each written as a line that holds with a calculator.
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    const here = (name) => require("./backprop-" + name + ".js");
    module.exports = factory(here("decimal"), here("expr"), here("engine"), here("numbers"), here("formula"), here("lines"),
      here("worked"), here("model"));
  } else {
    root.BackpropNudge = factory(root.BackpropDecimal, root.BackpropExpr, root.BackpropEngine, root.BackpropNumbers,
      root.BackpropFormula, root.BackpropLines, root.BackpropWorked, root.BackpropModel);
  }
})(typeof self !== "undefined" ? self : this, function (decimal, expr, engine, numbers, formula, lines, worked, model) {
  "use strict";

  // Python's default decimal context, and the one the exact computation works in.
  const DEFAULT_PRECISION = 28;
  const STEP = "nudge_step";
  const absolute = (x) => ({ c: x.c < 0n ? -x.c : x.c, e: x.e });
  const sign = (x) => (x.c > 0n ? 1 : x.c < 0n ? -1 : 0);

  // The parameter with the largest gradient in size and, beside it, the one with the smallest
  // that is not zero (the first in the pages' order on a tie); only the first when they are one.
  function chosen(m) {
    const size = (p) => Math.abs(m.grad(p.id));
    let largest = m.parameters[0];
    m.parameters.forEach((p) => { if (size(p) > size(largest)) largest = p; });
    let smallest = null;
    m.parameters.forEach((p) => {
      if (m.grad(p.id) !== 0 && (smallest === null || size(p) < size(smallest))) smallest = p;
    });
    return smallest === null || smallest.id === largest.id ? [largest] : [largest, smallest];
  }

  // The loss as the build's decimal calculation finds it (drift.exact_chain): every quantity
  // of the forward pass to the loss at its working precision, from the given numbers as typed;
  // from the doubles where the decimal logarithm met a 0.
  function lossOf(data) {
    const given = worked.givenDecimals(data);
    const values = new Map();
    const context = new decimal.Context(worked.WORKING_PRECISION, { emax: worked.MAX_EMAX });
    const valueOf = (id) => (given.has(id) ? given.get(id) : values.get(id));
    for (const [id, f] of data.quantities) {
      values.set(id, expr.evaluate(f, valueOf, context));
      if (id === "L") break;
    }
    const loss = values.get("L");
    return loss !== null ? loss : lines.fromDouble(engine.run(data.network, data.x, data.y).loss);
  }

  // One parameter raised by the step, the sum taken in decimal (0.1 + 0.001 = 0.101).
  function measure(m, p, step) {
    const before = m.valueOf(p.id);
    const typed = (v) => lines.decimalOf(numbers.exactValue(v));
    const after = decimal.toNumber(new decimal.Context(DEFAULT_PRECISION).add(typed(before), typed(step)));
    const moved = model.withValues(m.data, new Map([[p.id, after]]));
    const work = new decimal.Context(worked.WORKING_PRECISION);
    const loss = lossOf(m.data);
    const nudged = lossOf(moved);
    const gradient = m.grad(p.id);
    return {
      p, step, before, after, gradient, loss, nudged, change: work.subtract(nudged, loss),
      predicted: work.multiply(lines.fromDouble(gradient), typed(step)),
    };
  }

  // The page's values with the step given and the two losses, exact decimals, derived.
  function nudgeValues(m, t) {
    const values = new lines.Values(m.valueOf, m.exact, new Map([[STEP, t.step]]),
      new Map([["L", t.loss], ["n" + t.p.id, t.nudged]]));
    const printed = values.printed;
    values.printed = function (id, digits) {
      const v = this.derived.get(id);
      return v === undefined ? printed.call(this, id, digits) : roundDecimal(v, digits);
    };
    return values;
  }

  const roundDecimal = (x, digits) => numbers.roundExpansion(x.c < 0n, decimal.expansion(x), digits);

  function row(m, t, close) {
    const { p } = t;
    const digits = m.digits;
    const values = nudgeValues(m, t);
    const symbol = m.n.tex(p.id);
    const names = new Map([[STEP, "h"], ["L", "L"], ["n" + p.id, `L(${symbol} + h)`]]);
    const write = (id) => names.get(id) || m.n.tex(id);
    const tex = (f, shown) => formula.tex(f, shown, write, m.data.functions);
    const raise = ["sum", [p.id, STEP]];
    const changeFormula = ["difference", "n" + p.id, "L"];
    const predictedFormula = ["product", "times", ["d" + p.id, STEP]];
    const raised = lines.substituted(raise, numbers.exactValue(t.after), values, digits, true);
    const change = lines.substituted(changeFormula, roundDecimal(t.change, digits), values, digits, false);
    const predicted = lines.substituted(predictedFormula, roundDecimal(t.predicted, digits), values, digits, false);
    const line = (ln, general, f) => ln.tex(general, tex(f, ln.shown), true);
    const gradient = values.printed("d" + p.id, digits);
    const context = new decimal.Context(DEFAULT_PRECISION);
    const gap = absolute(context.subtract(t.change, t.predicted));
    const c = sign(t.change);
    return {
      id: p.id, symbol, name: m.n.text(p.id), before: numbers.exactValue(t.before).tex(), after: raised.result.tex(),
      tex: model.aligned([line(raised, tex(raise, null), raise), line(change, "\\Delta L", changeFormula),
        line(predicted, tex(predictedFormula, null), predictedFormula)]),
      gradient: gradient.tex(), gradient_value: lines.decimalOf(gradient), change: change.result.tex(),
      predicted: predicted.result.tex(), agree: change.result.tex() === predicted.result.tex(),
      close: decimal.compare(gap, context.multiply(close, context.round(absolute(t.predicted)))) <= 0,
      negative: t.gradient < 0, zero: t.gradient === 0, lowered: c < 0, raised_loss: c > 0,
      same_sign: (c > 0) === (t.gradient > 0) && (c < 0) === (t.gradient < 0),
    };
  }

  // settings: the page data's settings (the step h and what counts as close).
  function nudgeTest(m, settings) {
    const close = decimal.fromDigits(false, settings.nudge_close.replace(".", ""), -(settings.nudge_close.split(".")[1] || "").length);
    const rows = chosen(m).map((p) => row(m, measure(m, p, settings.nudge_step), close));
    let ratio = null;
    if (rows.length === 2 && rows[1].gradient_value.c !== 0n) {
      const context = new decimal.Context(DEFAULT_PRECISION);
      ratio = lines.fit(absolute(context.divide(rows[0].gradient_value, rows[1].gradient_value)), m.digits).tex();
    }
    return {
      step: numbers.exactValue(settings.nudge_step).tex(), rows, ratio, changes_follow: rows.every((r) => r.agree || r.close),
    };
  }

  return { nudgeTest, chosen };
});
