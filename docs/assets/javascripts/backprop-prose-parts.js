// The parts of the editable pages that only place numbers in fixed words, written again for the
// page's own numbers: the set-up's matrices and the worked equations (generator/templates/
// example.md.j2), the parameter table, the two gates (_gates.md.j2) and the learning step's
// loss, update and outputs (_learning-step.md.j2). Each takes its part's model and returns the
// part's blocks as trees (backprop-markup.js), in the words of the template.
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory(require("./backprop-markup.js"));
  else root.BackpropProseParts = factory(root.BackpropMarkup);
})(typeof self !== "undefined" ? self : this, function (markup) {
  "use strict";

  const { h, math, number, table } = markup;
  const p = (...children) => h("p", {}, children);
  const braced = (tex) => math("{" + tex + "}");
  const display = (tex) => math(tex, true);
  const alignedBlock = (rows) => display("\\begin{aligned}\n" + rows.join(" \\\\[1ex]\n") + "\n\\end{aligned}");

  // setup: model.setup's matrices (backprop-model.js setup).
  function setup(s) {
    return [display(`x = ${s.x}, \\qquad y = ${s.y}`)].concat(s.layers.map((layer) =>
      display(`W^{(${layer.layer})} = ${layer.weights}, \\qquad b^{(${layer.layer})} = ${layer.biases}`)));
  }

  // The worked equations of `quantities` (records of backprop-worked.js), as the macro
  // `equations` writes them.
  const equations = (quantities) => [alignedBlock(quantities.map((q) => q.aligned))];

  function parameterTable(rows) {
    return [table(["Parameter", "Value", ["Gradient ", math("\\partial L / \\partial \\theta")]],
      rows.map((r) => [math(r.symbol), number(r.value), number(r.gradient)]))];
  }

  function gatesAdd(g) {
    const add = g.add;
    const mul = g.multiply;
    return [
      p("The weighted sum ", math(add.z), " is an add node: it adds ", add.products.map((t) => [math(t), ", "]), "and the bias ",
        math(add.bias), ". A sum changes one for one with each of its terms, so every input receives the sum's gradient ",
        math(`\\partial L / \\partial ${add.z} \\approx {${add.gradient}}`), " as it is:"),
      alignedBlock(add.lines),
      p("The drawing folds each product into the sum: the two edges from ", math(mul.w), " and ", math(mul.a), " into ",
        math(add.z), " stand for the product ", math(mul.product), "."),
    ];
  }

  function gatesMultiply(g) {
    const mul = g.multiply;
    const out = [
      p("The product ", math(mul.product), " is a multiply node. Raising the weight changes the product by ", math(mul.a),
        " times as much, and raising ", math(mul.a), " changes it by ", math(mul.w), " times as much, so each input receives "
        + "the gradient times the ", h("em", {}, "other"), " input: the weight's gradient takes the activation, the "
        + "activation's takes the weight."),
      display("\\begin{aligned}\n" + mul.weight_line + " \\\\[1ex]\n" + mul.input_line + "\n\\end{aligned}"),
    ];
    if (mul.fan_out > 1) {
      out.push(p(math(mul.a), ` feeds ${mul.fan_out} weighted sums, so this is one of the ${mul.fan_out} terms of its gradient `,
        math(`${mul.total_symbol} \\approx {${mul.total}}`), ": where a value feeds several nodes, the gradients coming back "
        + "from them add up."));
    }
    return out;
  }

  // href: where the worked example is (the built page's own link).
  function stepLoss(s, href) {
    return [p("The forward pass gives the loss ", braced(s.loss_before), " and the backward pass the gradient of every "
      + "parameter (both are worked out in full on the ", h("a", { href }, "worked example"), ").")];
  }

  function stepUpdate(s) {
    const headings = [["Parameter ", math("\\theta")], ["Value ", math("\\theta")],
      ["Gradient ", math("\\partial L / \\partial \\theta")], ["Step ", math("\\eta \\, \\partial L / \\partial \\theta")],
      ["New value ", math("\\theta_{\\text{new}}")]];
    return [
      p("Each weight and bias takes a step against its gradient, scaled by the learning rate ",
        math(`\\eta = {${s.learning_rate}}`), ":"),
      display("\\theta_{\\text{new}} = \\theta - \\eta \\, \\frac{\\partial L}{\\partial \\theta}"),
      p("For example,"),
      display("\\begin{aligned}\n" + s.worked_update + "\n\\end{aligned}"),
      h("div", { class: "bp-learning-step" }, table(headings,
        s.rows.map((r) => [braced(r.symbol), number(r.old), number(r.gradient), number(r.step), number(r.new)]))),
    ];
  }

  function stepOutputs(s) {
    const rows = s.outputs.map((o) => [braced(o.symbol), number(o.target), number(o.before), number(o.after)]);
    rows.push(["loss", "", number(s.loss_before), number(s.loss_after)]);
    return [table(["Output", "Target", "Before the step", "After the step"], rows)];
  }

  return { setup, equations, parameterTable, gatesAdd, gatesMultiply, stepLoss, stepUpdate, stepOutputs };
});
