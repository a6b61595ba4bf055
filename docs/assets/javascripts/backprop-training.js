// One learning step in full and the training run for the page's numbers
// (generator/content/learning.py and generator/maths/training.py): every parameter's update
// and new value as the build prints them (backprop-learning.js), the outputs and the loss before
// and after, the first-order prediction, and the loss over every step with its plot.
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    const here = (name) => require("./backprop-" + name + ".js");
    module.exports = factory(here("engine"), here("numbers"), here("worked"), here("learning"), here("plot"));
  } else {
    root.BackpropTraining = factory(root.BackpropEngine, root.BackpropNumbers, root.BackpropWorked, root.BackpropLearning,
      root.BackpropPlot);
  }
})(typeof self !== "undefined" ? self : this, function (engine, numbers, worked, learning, plot) {
  "use strict";

  // numpy's sum of a float64 array: pairwise, in blocks of up to 128 added eight at a time.
  function pairwise(a, start, n) {
    if (n < 8) {
      let s = -0;
      for (let i = 0; i < n; i += 1) s += a[start + i];
      return s;
    }
    if (n <= 128) {
      const r = a.slice(start, start + 8);
      let i = 8;
      for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j += 1) r[j] += a[start + i + j];
      let s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
      for (; i < n; i += 1) s += a[start + i];
      return s;
    }
    let half = Math.floor(n / 2);
    half -= half % 8;
    return pairwise(a, start, half) + pairwise(a, start + half, n - half);
  }

  const npSum = (values) => 0 + pairwise(values, 0, values.length);

  // -eta times the sum of every squared gradient (training.Step.predicted_loss_change).
  function predictedChange(trace, eta) {
    let squared = 0;
    for (let l = 1; l < trace.gradW.length; l += 1) {
      squared += npSum(trace.gradW[l].flat().map((g) => g * g)) + npSum(trace.gradB[l].map((g) => g * g));
    }
    return -eta * squared;
  }

  function outputs(m, before, after, afterTex) {
    const L = m.depth;
    return m.data.y.map((y, i) => ({
      symbol: m.n.unit("a", L, i + 1)[0], target: numbers.exactValue(y).tex(), before: m.tex(before[i]), after: afterTex(after[i]),
    }));
  }

  // learning.learning_step for the model's network and learning rate.
  function learningStep(m) {
    const data = m.data;
    const eta = data.learning_rate;
    const stepped = engine.step(m.net, m.trace, eta);
    const after = engine.run(stepped, data.x, data.y);
    const afterValues = worked.traceValues(stepped, data.x, data.y, m.trace);
    const updates = data.updates.map((entry) => learning.updateLines(data, entry, m.valueOf, afterValues, m.exact, m.w));
    const first = updates.find((u, i) => m.parameters[i].layer === m.depth);
    const L = m.depth;
    const [changeFrom, changeTo] = learning.across(m.trace.loss, after.loss, data.digits);
    const predicted = numbers.roundValue(predictedChange(m.trace, eta), data.digits);
    return {
      learning_rate: numbers.exactValue(eta).tex(), rows: updates.map((u) => u.row), worked_update: first.worked,
      outputs: outputs(m, m.trace.a[L], after.a[L], m.tex),
      loss_before: m.tex(m.trace.loss), loss_after: m.tex(after.loss), change_from: changeFrom.tex(), change_to: changeTo.tex(),
      change: m.tex(after.loss - m.trace.loss),
      predicted_change: predicted.tex(), predicted_relation: predicted.exact ? "=" : "\\approx",
      lower: after.loss < m.trace.loss,
    };
  }

  // training.train: the loss before every step and after the last, ended early where it stops
  // being a finite number.
  function train(m, steps) {
    const data = m.data;
    let net = m.net;
    let trace = m.trace;
    const losses = [trace.loss];
    for (let i = 0; i < steps; i += 1) {
      if (!Number.isFinite(losses[losses.length - 1])) break;
      net = engine.step(net, trace, data.learning_rate);
      trace = engine.run(net, data.x, data.y);
      losses.push(trace.loss);
    }
    return { losses, before: m.trace.a[m.depth], after: trace.a[m.depth], diverged: !Number.isFinite(losses[losses.length - 1]) };
  }

  // Python's round() of a float to a whole number: half to even.
  function roundHalfEven(x) {
    const low = Math.floor(x);
    const rest = x - low;
    if (rest !== 0.5) return rest < 0.5 ? low : low + 1;
    return low % 2 === 0 ? low : low + 1;
  }

  // At most `limit` indices from 0 to count - 1, evenly spread, first and last included.
  function sampleIndices(count, limit) {
    if (count <= limit) return Array.from({ length: count }, (_, i) => i);
    const found = new Set();
    for (let i = 0; i < limit; i += 1) found.add(roundHalfEven((i * (count - 1)) / (limit - 1)));
    return Array.from(found).sort((a, b) => a - b);
  }

  const MISSING = "—";

  // The loss axis: logarithmic where the loss falls over more than `ratio` times, else linear
  // from 0 (learning._loss_axis).
  function lossAxis(m, losses, ratio) {
    const low = losses.reduce((a, b) => Math.min(a, b));
    let high = losses.reduce((a, b) => Math.max(a, b));
    if (low > 0 && high / low > ratio) {
      const [lo, hi] = [Math.floor(Math.log10(low)), Math.ceil(Math.log10(high))];
      const exponent = (e) => String(e).replace("-", "\u2212");
      return [new plot.Axis("loss L (logarithmic scale)", plot.power(lo), plot.power(hi), plot.powersOfTen(lo, hi, exponent), true),
        "a logarithmic loss axis"];
    }
    high = high > 0 ? high : 1.0;
    const ticks = plot.linearTicks(0, high);
    if (ticks[ticks.length - 1] < high) ticks.push(ticks[ticks.length - 1] + plot.niceStep(high));
    const text = (v) => numbers.roundValue(v, m.digits).text();
    return [new plot.Axis("loss L", 0, ticks[ticks.length - 1], ticks.map((v) => ({ value: v, label: text(v) }))),
      "a linear loss axis"];
  }

  function lossFigure(m, run, losses, settings) {
    const data = m.data;
    const text = (v) => numbers.roundValue(v, m.digits).text();
    const points = sampleIndices(losses.length, settings.plot_points).map((i) => [i, losses[i]]);
    const last = losses.length - 1;
    const steps = plot.linearTicks(0, Math.max(last, 1)).filter((v) => v === Math.trunc(v));
    const x = new plot.Axis("step", 0, Math.max(last, 1), steps.map((v) => ({ value: v, label: text(v) })));
    const [y, scale] = lossAxis(m, losses, settings.log_scale_ratio);
    const description = `The loss after each of ${numbers.countText(last)} gradient-descent steps with learning rate `
      + `${numbers.exactValue(data.learning_rate).text()}, on ${scale}: it starts at ${text(losses[0])} and ends at `
      + `${text(losses[last])}` + (run.diverged ? ", after which it is no longer a finite number." : ".");
    const chart = { id: "loss-" + data.slug, title: "Training loss, " + data.title, description, x, y,
      series: [{ points, css_class: "bp-series-a" }] };
    return plot.figure(settings.plot, chart, "The loss at every training step. The table below gives the numbers.");
  }

  // learning.training_run for the model's network, learning rate and number of steps.
  function trainingRun(m, settings) {
    const run = train(m, m.data.steps);
    const losses = run.losses;
    const finite = run.diverged ? losses.slice(0, -1) : losses;
    const shown = sampleIndices(finite.length, settings.table_rows);
    const missing = (v) => (Number.isFinite(v) ? m.tex(v) : MISSING);
    return {
      steps: numbers.countTex(m.data.steps), learning_rate: numbers.exactValue(m.data.learning_rate).tex(),
      loss_first: m.tex(finite[0]), loss_last: m.tex(finite[finite.length - 1]), diverged: run.diverged,
      diverged_after: numbers.countTex(losses.length - 1),
      lower: !run.diverged && losses[losses.length - 1] < losses[0],
      every_step_lower: !run.diverged && losses.slice(1).every((v, i) => v < losses[i]),
      outputs: outputs(m, run.before, run.after, missing),
      table: shown.map((i) => ({ step: numbers.countText(i), loss: m.tex(finite[i]) })),
      table_is_sampled: shown.length < finite.length, figure: lossFigure(m, run, finite, settings),
    };
  }

  return { learningStep, trainingRun, train, sampleIndices, predictedChange, npSum, roundHalfEven };
});
