// The worked page's parts whose wording depends on the numbers, written again for the page's
// own: the exercises (generator/templates/_exercises.md.j2), the nudge test (_nudge.md.j2), what
// the numbers say (_reading.md.j2) and how they are printed (_printing.md.j2). Each takes its
// part's model and returns the part's blocks as trees (backprop-markup.js), in the words of its
// template; tests/test_prose_js.py holds each to the template's HTML on many networks.
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory(require("./backprop-markup.js"));
  else root.BackpropProseWorked = factory(root.BackpropMarkup);
})(typeof self !== "undefined" ? self : this, function (markup) {
  "use strict";

  const { h, math } = markup;
  const p = (...children) => h("p", {}, children);
  const display = (tex) => math(tex, true);
  const braced = (tex) => math("{" + tex + "}");

  // Inline formulas written into a string by the model (\(...\), \(...\)), as text and math.
  function inline(text) {
    const out = [];
    let last = 0;
    for (const m of text.matchAll(/\\\((.+?)\\\)/g)) {
      out.push(text.slice(last, m.index), math(m[1]));
      last = m.index + m[0].length;
    }
    return out.concat([text.slice(last)]).filter((part) => part !== "");
  }

  function exercise(e) {
    const question = e.output
      ? p("Compute ", math(`\\partial L / \\partial ${e.weight}`), ". Start at the loss, with the gradient of the output ",
        math(e.a), "; go back through its activation to the weighted sum ", math(e.z),
        ", then to the weight, whose other input is ", math(e.other), ".")
      : p("Compute ", math(`\\partial L / \\partial ${e.weight}`), `. Start from the gradients at the weighted sums of layer ${e.layer + 1}, `,
        inline(e.above), `, and ${e.fan_out === 1 ? "the weight" : `the ${e.fan_out} weights`} of layer ${e.layer + 1} that `,
        math(e.a), " feeds; go back to ", math(e.a), ", through its activation to ", math(e.z),
        ", then to the weight, whose other input is ", math(e.other), ".");
    return h("div", { class: "admonition question" },
      h("p", { class: "admonition-title" }, `Layer ${e.layer}${e.output ? " (the output layer)" : ""}`), question,
      h("details", { class: "success" }, h("summary", {}, "Answer and working"), display(e.working)));
  }

  const exercises = (list) => list.map(exercise);

  // How the loss's change compares with the gradient's prediction, and what the sign says.
  function verdict(r) {
    const at = math(`${r.symbol} = {${r.before}}`);
    const first = r.agree ? ["The loss changed by what the gradient predicted, to the digits shown."]
      : r.close ? ["The two are close but not equal: the gradient is the slope of the loss at ", at,
        " itself, and over the step the loss bends away from that slope a little; the smaller ", math("h"), ", the closer they come."]
        : ["The two differ: over this step the loss bends too much for its slope at ", at,
          " to predict the change; a smaller step would bring them together."];
    const s = math(r.symbol);
    const second = r.zero ? ["The gradient is zero: to first order, nudging ", s, " leaves the loss as it is."]
      : !r.same_sign ? ["Here the loss change and the gradient differ in sign: the gradient is so small that the bend "
        + "of the loss over the step outweighs it."]
        : r.negative ? ["The gradient is negative, and raising ", s, " lowered the loss: to lower the loss, ", math(r.symbol),
          " should grow, against the gradient's sign, which is the way gradient descent moves it."]
          : ["The gradient is positive, and raising ", s, " raised the loss: to lower the loss, ", math(r.symbol),
            " should shrink, against the gradient's sign, which is the way gradient descent moves it."];
    return p(first, " ", second);
  }

  function nudge(nv) {
    const out = [];
    nv.rows.forEach((r, i) => {
      const intro = i === 0 ? `The parameter with the largest gradient${nv.rows.length > 1 ? " in size" : ""} is `
        : "Beside it, the parameter with the smallest gradient that is not zero, ";
      out.push(p(intro, math(`${r.symbol} = {${r.before}}`), ":"), display(r.tex), verdict(r));
    });
    if (nv.ratio) {
      const [first, second] = nv.rows;
      out.push(p("As printed, the gradient of ", math(first.symbol), " is ", braced(nv.ratio), " times that of ", math(second.symbol),
        ` in size${nv.changes_follow ? ", and the same step changed the loss about that many times more" : ""}: the size of a `
        + "gradient says how much its parameter matters, at these values and for this input."));
    }
    return out;
  }

  function directions(d) {
    const out = [h("strong", {}, "Which way each parameter moves."), " Gradient descent moves every parameter against its "
      + "gradient: a negative gradient means that raising the parameter lowers the loss. "];
    if (d.grow === d.count) out.push(`Here all ${d.count} gradients are negative, so every parameter grows.`);
    else if (d.shrink === d.count) out.push(`Here all ${d.count} gradients are positive, so every parameter shrinks.`);
    else {
      out.push(`Here ${d.grow} of the ${d.count} gradients are negative (those parameters grow), ${d.shrink} are positive `
        + `(those shrink)${d.stay ? ` and ${d.stay} are exactly zero (those stay where they are)` : ""}.`);
    }
    const o = d.output;
    if (o) {
      out.push(" It starts at the output: ", math(`{${o.symbol}} \\approx {${o.value}}`), o.below
        ? " is negative because the output " : " is positive because the output ", braced(o.a),
      o.below ? " is below its target " : " is above its target ", braced(o.y),
      o.below ? ": a larger output means a smaller loss." : ": a smaller output means a smaller loss.",
      o.same_sign ? " Every other gradient is this number multiplied by factors that are all positive here (the weights after "
        + "the first layer, the inputs and activations, the activations' derivatives), so every gradient has its sign."
        : " On the way back it is multiplied by weights, activations and derivatives, and where one of them is negative or "
        + "zero the sign changes or the gradient vanishes.");
    }
    return p(out);
  }

  function shrinking(r) {
    const out = [h("strong", {}, "How the gradient changes from layer to layer."), " On the way back each layer multiplies the "
      + "gradient by a weight and by its activation's derivative. The gradients of the weighted sums, as printed, have an average "
      + "size of "];
    r.layers.forEach((l, i) => out.push(braced(l.mean), ` in layer ${l.layer}${i < r.layers.length - 1 ? ", " : ""}`));
    out.push(": the first layer's are about ", braced(r.shrink.ratio), ` times ${r.shrink.smaller ? "smaller" : "larger"} than the last layer's.`);
    r.layers.filter((l) => l.layer < r.layers[0].layer).forEach((l) => {
      out.push(` In layer ${l.layer} the derivative `, math(`${l.activation}'(z)`),
        l.lowest === l.highest ? [" is ", braced(l.lowest)] : [" is between ", braced(l.lowest), " and ", braced(l.highest)],
        l.bound !== "1" ? [", and it is never more than ", math(l.bound)] : [], ".");
    });
    if (r.shrink.smaller && r.shrink.bounded) {
      out.push(" A factor of at most a quarter at every sigmoid layer is why gradients shrink in deep networks of sigmoids: "
        + "vanishing gradients, here in miniature.");
    }
    return p(out);
  }

  function reading(r) {
    const out = [directions(r.directions)];
    if (r.shrink) out.push(shrinking(r));
    r.switched_off.forEach((u) => {
      out.push(p(h("strong", {}, "A switched-off ReLU unit."), " The weighted sum ", math(u.z), " is ", braced(u.value),
        ", not positive, so the unit's output ", math(u.a), " is 0 and so is its derivative ", math(u.slope),
        ": for this input the unit passes no gradient back, and its weights and bias get a gradient of exactly zero. A unit "
        + "that is off for every input never learns again (a dead ReLU)."));
    });
    return out;
  }

  function printing(m) {
    return [
      p(`Every value is computed in double precision. A value known only approximately is rounded for display to ${m.digits} `
        + "significant digits, half up (away from zero on a tie, as a calculator does), and keeps its trailing zeros, which are "
        + `significant${m.zero ? ` (${m.zero.symbol} ≈ ${m.zero.value})` : ""}. A value known exactly, such as a number given in the `
        + "example or a sum of products of such numbers, is written exactly as it is. Values of magnitude from "
        + `${m.low} to below ${m.high} are written as plain decimals, smaller or larger ones in scientific notation.`),
      p("Every line can be redone with a calculator: evaluate its formula with the numbers exactly as printed, round to the "
        + `digits its result is printed with, and you get the printed result. Where ${m.digits} digits are not enough for that, `
        + "the numbers inside a formula carry a few more (guard digits), as few as it takes"
        + (m.guard ? `: ${m.guard.symbol} ≈ ${m.guard.own} appears as ${m.guard.shown} in the line of ${m.guard.line}` : "")
        + ". Between two sides, = means that they are equal and ≈ that one is a rounding of the other"
        + (m.exact && m.rounded ? `: ${m.rounded}, but ${m.exact}` : "") + "."),
    ];
  }

  return { exercises, nudge, reading, printing, inline };
});
