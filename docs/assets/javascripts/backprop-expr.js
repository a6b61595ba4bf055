// generator/maths/expr.py for the page: a formula as the build gives it (the data of
// generator/maths/expr_data.py), its operands, and its value in decimal arithmetic. A value is
// null where the formula is undefined (the logarithm of 0, a division by 0, an exponential
// that overflows) and wherever such a value is used, except as a factor beside an exact 0.
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("./backprop-decimal.js"), require("./backprop-decimal-elementary.js"));
  } else root.BackpropExpr = factory(root.BackpropDecimal, root.BackpropDecimalElementary);
})(typeof self !== "undefined" ? self : this, function (decimal, elementary) {
  "use strict";

  const isOperand = (e) => typeof e === "string";
  const isConst = (e) => typeof e === "number";

  // The nodes below a node, in the order they are written.
  const CHILDREN = {
    symbol: () => [],
    sum: (e) => e[1],
    product: (e) => e[2],
    difference: (e) => [e[1], e[2]],
    quotient: (e) => [e[1], e[2]],
    power: (e) => [e[1]],
    half: (e) => [e[1]],
    negative: (e) => [e[1]],
    indicator: (e) => [e[1]],
    group: (e) => [e[2]],
    apply: (e) => [e[2]],
  };

  function children(e) {
    return isOperand(e) || isConst(e) ? [] : CHILDREN[e[0]](e);
  }

  // Every operand's id, left to right, symbols included (expr.operands).
  function operands(e) {
    if (isOperand(e)) return [e];
    if (isConst(e)) return [];
    if (e[0] === "symbol") return [e[1]];
    return children(e).flatMap(operands);
  }

  // Each operand's id once, in order of first appearance; kept per formula, which pages ask
  // for again and again.
  const uniques = new WeakMap();
  function uniqueOperands(e) {
    if (!Array.isArray(e)) return operands(e);
    let ids = uniques.get(e);
    if (ids === undefined) {
      ids = Array.from(new Set(operands(e)));
      uniques.set(e, ids);
    }
    return ids;
  }

  const anyNull = (values) => values.some((v) => v === null);
  const isZero = (v) => v !== null && v.c === 0n;

  // Nodes whose value comes from their children's values, null if any of them is null.
  const SIMPLE = {
    difference: (ctx, [a, b]) => ctx.subtract(a, b),
    quotient: (ctx, [a, b]) => (b.c === 0n ? null : ctx.divide(a, b)),
    half: (ctx, [a]) => ctx.divide(a, decimal.fromInt(2)),
    negative: (ctx, [a]) => ctx.negate(a),
    group: (ctx, [a]) => a,
    indicator: (ctx, [a]) => (a.c > 0n ? decimal.ONE : decimal.ZERO),
  };

  function Evaluation(valueOf, context) {
    this.valueOf = valueOf;
    this.context = context;
  }

  Evaluation.prototype.of = function (e) {
    if (isOperand(e)) return this.valueOf(e);
    if (isConst(e)) return decimal.fromInt(e);
    const ctx = this.context;
    switch (e[0]) {
      case "symbol":
        return this.valueOf(e[1]);
      case "sum": {
        const values = e[1].map((t) => this.of(t));
        return anyNull(values) ? null : values.reduce((s, v) => ctx.add(s, v), decimal.ZERO);
      }
      case "product": {
        // 0 times anything is 0, even an undefined logarithm: y ln a with y = 0.
        const values = e[2].map((f) => this.of(f));
        if (values.some(isZero)) return decimal.ZERO;
        return anyNull(values) ? null : values.reduce((p, v) => ctx.multiply(p, v), decimal.ONE);
      }
      case "power": {
        const base = this.of(e[1]);
        return base === null ? null : ctx.power(base, e[2]);
      }
      case "apply": {
        const argument = this.of(e[2]);
        return argument === null ? null : elementary.FUNCTIONS[e[1]](ctx, argument);
      }
      default: {
        const parts = children(e).map((c) => this.of(c));
        return anyNull(parts) ? null : SIMPLE[e[0]](ctx, parts);
      }
    }
  };

  // The formula's value with each operand's value from valueOf(id), in the context's arithmetic.
  function evaluate(e, valueOf, context) {
    return new Evaluation(valueOf, context).of(e);
  }

  return { isOperand, isConst, children, operands, uniqueOperands, evaluate };
});
