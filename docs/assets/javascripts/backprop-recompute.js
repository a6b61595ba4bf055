// Recomputes an example on the page and prints all its lines again: the forward and backward
// pass and one learning step (backprop-engine.js), which values are exact, and every worked
// line, learning-step line and graph-form row, from the data the build gives
// (generator/content/recompute.py).
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("./backprop-engine.js"), require("./backprop-lines.js"),
      require("./backprop-worked.js"), require("./backprop-learning.js"));
  } else root.BackpropRecompute = factory(root.BackpropEngine, root.BackpropLines, root.BackpropWorked, root.BackpropLearning);
})(typeof self !== "undefined" ? self : this, function (engine, lines, worked, learning) {
  "use strict";

  // {quantities: [{id, tex, aligned, text, valueTex, valueText}], updates: [{id, row, worked}], graph: [{node,
  // edges, total, sum}]}, in the build's order.
  function recompute(data) {
    const net = data.network;
    const trace = engine.run(net, data.x, data.y);
    const valueOf = worked.traceValues(net, data.x, data.y, trace);
    // Only the parameters are read from the network after the step.
    const after = worked.traceValues(engine.step(net, trace, data.learning_rate), data.x, data.y, trace);
    const exact = worked.exactChain(data);
    const values = new lines.Values(valueOf, exact);
    const w = worked.writers(data);
    return {
      quantities: worked.quantityLines(data, values, w),
      updates: data.updates.map((entry) => learning.updateLines(data, entry, valueOf, after, exact, w)),
      graph: worked.graphRows(data, values, w),
    };
  }

  return { recompute };
});
