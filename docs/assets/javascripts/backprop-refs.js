// generator/maths/refs.py for the page: a value's id (x1, y1, W1_1_2, b2_1, z1_1, a1_2, L,
// learning_rate, and with a role in front, dz2_1 for a gradient, uW1_1_2 for a parameter's
// update, nW1_1_2 for the loss with a parameter nudged, s1_1 for an activation's derivative)
// read back into where the value sits.
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.BackpropRefs = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // Set by the example: inputs, targets, weights, biases.
  const GIVEN = ["x", "y", "W", "b"];
  const PATTERN = /^([dun]?)(learning_rate|L|[xyWbzas])(\d*)(?:_(\d+))?(?:_(\d+))?$/;
  const parsed = new Map();

  // {kind, layer, j, k, role} as in a Ref: kind x, y, W, b, z, a, L or eta; role "", "d", "s",
  // "u" or "n". An id that is none of these is an error.
  function parse(id) {
    let ref = parsed.get(id);
    if (ref) return ref;
    const m = PATTERN.exec(id);
    if (!m) throw new RangeError("not a value's id: " + id);
    const [, prefix, name, first, second, third] = m;
    const numbers = [first, second, third].map((n) => (n ? Number(n) : 0));
    if (name === "x" || name === "y") ref = { kind: name, layer: 0, j: numbers[0], k: 0 };
    else if (name === "L" || name === "learning_rate") ref = { kind: name === "L" ? "L" : "eta", layer: 0, j: 0, k: 0 };
    else ref = { kind: name === "s" ? "z" : name, layer: numbers[0], j: numbers[1], k: numbers[2] };
    ref.role = name === "s" ? "s" : prefix;
    parsed.set(id, ref);
    return ref;
  }

  const isGiven = (ref) => ref.role === "" && GIVEN.includes(ref.kind);

  return { parse, isGiven };
});
