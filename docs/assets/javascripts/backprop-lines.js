// generator/content/lines.py for the page: printed lines a reader can redo with a calculator.
// A line is symbol = formula = result, the formula with its numbers substituted; evaluating the
// formula with the numbers exactly as printed (at 60 digits), then rounding to the digits the
// result is printed with, gives the printed result. Operands get the fewest extra (guard)
// digits that make that true; numbers known exactly are printed exactly; each relation is =
// where both sides are equal and ≈ where one is a rounding of the other.
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("./backprop-decimal.js"), require("./backprop-expr.js"),
      require("./backprop-numbers.js"), require("./backprop-refs.js"));
  } else root.BackpropLines = factory(root.BackpropDecimal, root.BackpropExpr, root.BackpropNumbers, root.BackpropRefs);
})(typeof self !== "undefined" ? self : this, function (decimal, expr, numbers, refs) {
  "use strict";

  // Operands are never printed with more significant digits than this: about what a double holds.
  const MAX_DIGITS = 15;
  // Precision of the arithmetic that checks a line with its printed numbers.
  const CHECK_PRECISION = 60;
  const EQUALS = "=";
  const APPROX = "≈";
  const TEX_RELATION = { [EQUALS]: "=", [APPROX]: "\\approx" };

  // The number a Rounded prints, read once and kept on it: lines ask for it again and again.
  function decimalOf(r) {
    if (r.decimalValue === undefined) r.decimalValue = decimal.fromRounded(r);
    return r.decimalValue;
  }
  const isInfinite = (r) => r.mantissa === "∞";

  function roundDecimal(x, digits) {
    return numbers.roundExpansion(x.c < 0n, decimal.expansion(x), digits);
  }

  // An exactly known value: written exactly when it has at most `digits` significant digits,
  // otherwise rounded to `digits` (numbers.fit).
  function fit(x, digits) {
    const significant = decimal.expansion(x).digits.replace(/0+$/, "").length || 1;
    if (significant <= digits) return numbers.exactExpansion(x.c < 0n, decimal.expansion(x));
    return roundDecimal(x, digits);
  }

  // Every value of one example as a page may print it: the double of the trace (valueOf), and
  // the exact decimal where the computation is exact (exact: {values, exact}, by id). `given`
  // adds numbers the author gave beyond the network (the learning rate), `derived` values
  // computed outside the trace (a parameter's update), never exact; both are Maps by id.
  function Values(valueOf, exact, given, derived) {
    Object.assign(this, { valueOf, exact, given: given || new Map(), derived: derived || new Map() });
    this.cache = new Map();
  }

  Values.prototype.isGiven = function (id) {
    return this.given.has(id) || refs.isGiven(refs.parse(id));
  };

  Values.prototype.isExact = function (id) {
    return this.isGiven(id) || (!this.derived.has(id) && this.exact.exact.get(id) === true);
  };

  Values.prototype.value = function (id) {
    if (this.given.has(id)) return this.given.get(id);
    if (this.derived.has(id)) return this.derived.get(id);
    return this.valueOf(id);
  };

  Values.prototype.exactOf = function (id) {
    return this.isGiven(id) ? decimalOf(this.printed(id, 1)) : this.exact.values.get(id);
  };

  // The value at `digits` significant digits, or exactly when it is exact and that short (given
  // numbers always exactly, as typed).
  Values.prototype.printed = function (id, digits) {
    let byDigits = this.cache.get(id);
    if (byDigits === undefined) {
      byDigits = this.isGiven(id) ? numbers.exactValue(this.value(id)) : [];
      this.cache.set(id, byDigits);
    }
    if (!Array.isArray(byDigits)) return byDigits;
    if (byDigits[digits] === undefined) {
      const exact = this.isExact(id);
      byDigits[digits] = exact ? fit(this.exact.values.get(id), digits) : numbers.roundValue(this.value(id), digits);
    }
    return byDigits[digits];
  };

  // How one substituted formula is printed: its result, the relations (symbol to formula,
  // formula to result), and the operands as printed (null: written with symbols).
  function Line(result, relations, operands, guard) {
    Object.assign(this, { result, relations, operands, guard });
    this.shown = operands ? (id) => operands.get(id) : null;
  }

  // [relation, text] after the symbol: the formula and the result, or the result alone when
  // the formula is only the result again.
  Line.prototype.parts = function (formula, result) {
    const [first, second] = this.relations;
    if (formula && formula !== result) return [[first, formula], [second, result]];
    return [[first === EQUALS && second === EQUALS ? EQUALS : APPROX, result]];
  };

  // In TeX; `aligned` puts the alignment mark of an aligned block before the first relation.
  Line.prototype.tex = function (symbol, formula, aligned) {
    const written = this.parts(formula, this.result.tex()).map(([r, p]) => TEX_RELATION[r] + " " + p).join(" ");
    return symbol + " " + (aligned ? "&" : "") + written;
  };

  Line.prototype.text = function (symbol, formula) {
    return symbol + this.parts(formula, this.result.text()).map(([r, p]) => " " + r + " " + p).join("");
  };

  // The formula and its result, without a symbol in front, in text: 0.6 × 0.5 = 0.3.
  Line.prototype.tailText = function (formula) {
    return formula + " " + this.relations[1] + " " + this.result.text();
  };

  // The formula's value with its operands exactly as printed; null when one of them is beyond
  // double precision (printed as ∞).
  // The formula's value with its operands as printed (null past a double's range), and
  // whether that value is exact: sigma(1000) is 1 to 60 digits, but not equal to 1.
  function evaluated(formula, operands) {
    for (const r of operands.values()) if (isInfinite(r)) return { value: null, exactly: false };
    const context = new decimal.Context(CHECK_PRECISION);
    const value = expr.evaluate(formula, (id) => decimalOf(operands.get(id)), context);
    return { value, exactly: !context.inexact };
  }

  // Whether the value, rounded to the digits the result is printed with, is the result.
  function holds(value, result) {
    if (value === null || isInfinite(result)) return false;
    if (result.exact) return decimal.equal(value, decimalOf(result));
    return decimal.equal(roundHalfUp(value, result.digits), decimalOf(result));
  }

  // The value of x rounded half up to n significant digits: what the Rounded of
  // numbers.roundExpansion prints, without writing it out.
  function roundHalfUp(x, n) {
    const a = x.c < 0n ? -x.c : x.c;
    const drop = decimal.digitCount(a) - n;
    if (x.c === 0n || drop <= 0) return x;
    const unit = decimal.pow10(drop);
    const q = a / unit + (2n * (a % unit) >= unit ? 1n : 0n);
    return { c: x.c < 0n ? -q : q, e: x.e + drop };
  }

  // The formula with the fewest guard digits on its operands that make the line hold; with
  // symbols instead of numbers where no number of digits a double holds would.
  function substituted(formula, result, values, digits, resultExact) {
    const ids = expr.uniqueOperands(formula);
    if (!(Array.isArray(formula) && formula[0] === "symbol")) {
      for (let guard = 0; guard <= Math.max(MAX_DIGITS - digits, 0); guard += 1) {
        const operands = new Map(ids.map((id) => [id, values.printed(id, digits + guard)]));
        const { value, exactly } = evaluated(formula, operands);
        if (holds(value, result)) {
          const exact = ids.every((id) => values.isExact(id) && decimal.equal(decimalOf(operands.get(id)), values.exactOf(id)));
          const equal = exactly && decimal.equal(value, decimalOf(result));
          return new Line(result, [exact ? EQUALS : APPROX, equal ? EQUALS : APPROX], operands, guard);
        }
      }
    }
    return new Line(result, [EQUALS, resultExact && result.exact ? EQUALS : APPROX], null, 0);
  }

  // The sum of printed numbers (decimals), unrounded at the check's precision.
  function added(list) {
    const context = new decimal.Context(CHECK_PRECISION);
    return list.reduce((s, v) => context.add(s, v), decimal.ZERO);
  }

  // The formula's exact value, where every operand is known exactly and no step rounds.
  function exactValueOf(formula, values) {
    if (!expr.uniqueOperands(formula).every((id) => values.isExact(id))) return null;
    const context = new decimal.Context(CHECK_PRECISION, { strict: true });
    try {
      return expr.evaluate(formula, (id) => values.exactOf(id), context);
    } catch (e) {
      if (e === decimal.INEXACT) return null;
      throw e;
    }
  }

  // A double's exact binary value.
  function fromDouble(x) {
    if (x === 0) return decimal.ZERO;
    const { digits, point } = numbers.exactDecimal(x);
    return decimal.fromDigits(x < 0, digits, point);
  }

  // The formula's value from the exact binary values of its operands, at the check's precision,
  // as the nearest double. A product with an infinite factor (a gradient beyond double
  // precision) is 0 beside a 0 factor and infinite otherwise, as in decimal.
  function floatValueOf(formula, values) {
    const doubles = new Map(expr.uniqueOperands(formula).map((id) => [id, values.value(id)]));
    if (Array.from(doubles.values()).every(Number.isFinite)) {
      const context = new decimal.Context(CHECK_PRECISION);
      return decimal.toNumber(expr.evaluate(formula, (id) => fromDouble(doubles.get(id)), context));
    }
    if (formula[0] !== "product") throw new RangeError("an infinite operand outside a product");
    const factors = formula[2].map((f) => (expr.isConst(f) ? f : doubles.get(f)));
    return factors.includes(0) ? 0 : factors.reduce((p, f) => p * f, 1);
  }

  function printedValue(value, exact, digits) {
    return exact !== null ? fit(exact, digits) : numbers.roundValue(value, digits);
  }

  // Lines for terms whose printed values add up to the printed total: each term's result gets
  // the fewest guard digits that make the sum hold, and its own line holds as printed.
  function sumOfTerms(terms, total, values, digits) {
    const exact = terms.map((t) => exactValueOf(t, values));
    const floats = terms.map((t) => floatValueOf(t, values));
    const at = (n) => floats.map((v, i) => printedValue(v, exact[i], n));
    let shown = at(digits);
    for (let guard = 0; guard <= Math.max(MAX_DIGITS - digits, 0); guard += 1) {
      shown = at(digits + guard);
      if (terms.length === 1 || holds(added(shown.map(decimalOf)), total)) break;
    }
    return terms.map((t, i) => substituted(t, shown[i], values, digits, exact[i] !== null));
  }

  return {
    MAX_DIGITS, CHECK_PRECISION, EQUALS, APPROX, TEX_RELATION,
    Values, Line, fit, evaluated, holds, substituted, added, sumOfTerms, decimalOf, fromDouble, roundHalfUp,
  };
});
