// The learning step's parts whose wording depends on the numbers, written again for the page's
// own (generator/templates/_learning-step.md.j2): how the loss changed with one step, and the
// training run with its plot, its table of losses and its outputs. Each takes its part's model
// and returns the part's blocks as trees (backprop-markup.js), in the words of the template.
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory(require("./backprop-markup.js"));
  else root.BackpropProseLearning = factory(root.BackpropMarkup);
})(typeof self !== "undefined" ? self : this, function (markup) {
  "use strict";

  const { h, math, number, table } = markup;
  const p = (...children) => h("p", {}, children);
  const braced = (tex) => math("{" + tex + "}");

  function change(s) {
    const first = s.lower
      ? ["The loss fell from ", braced(s.change_from), " to ", braced(s.change_to), ", a change of ", braced(s.change), "."]
      : ["The loss rose from ", braced(s.change_from), " to ", braced(s.change_to), ", a change of ", math(`+{${s.change}}`),
        ": with this learning rate the step overshoots."];
    return [p(first, " To first order a step changes the loss by ",
      math(`-\\eta \\sum_\\theta \\left(\\partial L / \\partial \\theta\\right)^2 ${s.predicted_relation} {${s.predicted_change}}`),
      ": never positive, which is why a small enough step against the gradient lowers the loss wherever the gradient is not "
      + "zero. The actual change differs from it by the curvature the first-order estimate leaves out.")];
  }

  // root: the way from the page to the site's top folder ("" or "../").
  function training(tr, root) {
    const eta = math(`\\eta = {${tr.learning_rate}}`);
    let run;
    if (tr.diverged) {
      run = ["Repeating the step (learning rate ", eta, "), the loss goes from ", braced(tr.loss_first), " to ", braced(tr.loss_last),
        ` and then, after ${tr.diverged_after} steps, is no longer a finite number: each step overshoots by more than the last, so `
        + "the run stops there. A smaller learning rate would converge."];
    } else {
      const how = tr.every_step_lower ? ", falling at every step" : tr.lower ? ", though not at every step"
        : ": it does not fall, so the learning rate is too large for this example";
      run = [`Repeating the step ${tr.steps} times (learning rate `, eta, "), the loss goes from ", braced(tr.loss_first), " to ",
        braced(tr.loss_last), how + "."];
    }
    return [
      p(run, " These steps all use the one worked sample: the network learns to reproduce its target and nothing else, it "
        + "memorises it. Real training takes each step on the loss averaged over many samples: see ",
      h("a", { href: root + "mini-batches.html" }, "mini-batches"), "."),
      tr.figure,
      h("details", { class: "note bp-training-loss" },
        h("summary", {}, `The loss${tr.table_is_sampled ? " at evenly spaced steps" : " at every step"}`),
        table(["Step", "Loss"], tr.table.map((r) => [r.step, number(r.loss)]))),
      p("The outputs before the first step and after the last:"),
      table(["Output", "Target", "Before training", "After the last step"],
        tr.outputs.map((o) => [braced(o.symbol), number(o.target), number(o.before), number(o.after)])),
    ];
  }

  return { change, training };
});
