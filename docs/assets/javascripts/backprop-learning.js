// The learning step's lines of generator/content/learning.py for the page: per parameter, the
// update eta * dL/dtheta from the printed gradient and the new value from the printed update,
// each holding as printed, as a table row and as a worked update of two aligned lines.
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("./backprop-decimal.js"), require("./backprop-numbers.js"), require("./backprop-lines.js"));
  } else root.BackpropLearning = factory(root.BackpropDecimal, root.BackpropNumbers, root.BackpropLines);
})(typeof self !== "undefined" ? self : this, function (decimal, numbers, lines) {
  "use strict";

  // A parameter's new value with at least `digits` significant digits, and as many more as it
  // takes to show that it moved (0.500418 after 0.5 shows as 0.5004, not 0.500).
  function changed(after, before, digits) {
    if (after === before) return numbers.exactValue(before);
    const old = lines.decimalOf(numbers.exactValue(before));
    const value = Number.isFinite(after) ? lines.fromDouble(after) : null;
    for (let n = digits; n <= lines.MAX_DIGITS; n += 1) {
      // What roundValue(after, n) prints, compared before it is written out.
      const moved = value === null || !decimal.equal(lines.roundHalfUp(value, n), old);
      if (moved) return numbers.roundValue(after, n);
    }
    return numbers.roundValue(after, lines.MAX_DIGITS);
  }

  // The update gets the fewest digits from which the new value follows as printed; the
  // gradient, the fewest from which the update follows.
  function updateOf(values, id, after, digits) {
    const next = changed(after, values.value(id), digits);
    const old = values.exactOf(id);
    const follows = (update) => lines.holds(lines.added([old, negate(lines.decimalOf(update))]), next);
    let n = digits;
    let update = values.printed("u" + id, n);
    while (!follows(update) && n < lines.MAX_DIGITS) {
      n += 1;
      update = values.printed("u" + id, n);
    }
    return { next, update, n };
  }

  const negate = (v) => ({ c: -v.c, e: v.e });

  // learning.across: two values printed with as many digits as it takes for the difference of
  // the printed numbers to round to their printed change ([before, after], Rounded).
  function across(before, after, digits) {
    const change = numbers.roundValue(after - before, digits);
    if (!Number.isFinite(before) || !Number.isFinite(after)) return [numbers.roundValue(before, digits), numbers.roundValue(after, digits)];
    let n = digits;
    const holds = (k) => lines.holds(lines.added([lines.decimalOf(numbers.roundValue(after, k)),
      negate(lines.decimalOf(numbers.roundValue(before, k)))]), change);
    while (!holds(n) && n < lines.MAX_DIGITS) n += 1;
    return [numbers.roundValue(before, n), numbers.roundValue(after, n)];
  }

  // One parameter's table row ({symbol, old, gradient, step, new}, TeX) and worked update.
  // entry is one of data.updates: [id, step formula, new-value formula, new value in general];
  // valueOf(id) gives the doubles before the step, after(id) a parameter after it; exact is
  // the exact chain.
  function updateLines(data, entry, valueOf, after, exact, w) {
    const [id, stepFormula, newFormula, generalFormula] = entry;
    const eta = data.learning_rate;
    const values = new lines.Values(valueOf, exact, new Map([["learning_rate", eta]]),
      new Map([["u" + id, eta * valueOf("d" + id)]]));
    const { next, update, n } = updateOf(values, id, after(id), data.digits);
    const step = lines.substituted(stepFormula, update, values, data.digits, false);
    const moved = lines.substituted(newFormula, next, values, n, false);
    const gradient = (step.operands && step.operands.get("d" + id)) || numbers.roundValue(values.value("d" + id), data.digits);
    const row = {
      symbol: w.n.tex(id), old: numbers.exactValue(values.value(id)).tex(), gradient: gradient.tex(),
      step: step.result.tex(), new: moved.result.tex(),
    };
    const worked = step.tex(w.tex(stepFormula, null), w.tex(stepFormula, step.shown), true) + " \\\\[1ex]\n"
      + moved.tex(w.tex(generalFormula, null), w.tex(newFormula, moved.shown), true);
    return { id, row, worked };
  }

  return { changed, across, updateLines };
});
