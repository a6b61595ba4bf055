// Decimal arithmetic as Python's decimal module does it, for the page's printed lines: a number
// is c × 10^e with a BigInt c, and every operation rounds its exact result to the context's
// significant digits, half to even, as a decimal.Context does (generator/content/lines.py
// checks a line at 60 digits; generator/maths/drift.py finds exact values at 40). A context
// records whether any of its results was rounded (decimal's Inexact flag); a strict one stops
// at the first rounding, where only exact values are wanted.
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.BackpropDecimal = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  const ZERO = { c: 0n, e: 0 };
  const ONE = { c: 1n, e: 0 };
  // Thrown by a strict context at its first rounded result.
  const INEXACT = new Error("inexact");

  const abs = (c) => (c < 0n ? -c : c);
  const digitCount = (c) => abs(c).toString().length;
  const pow10 = (n) => 10n ** BigInt(n);

  function fromInt(n) {
    return { c: BigInt(n), e: 0 };
  }

  // A value from its decimal digits and the power of ten of the last one (digits × 10^point).
  function fromDigits(negative, digits, point) {
    const c = BigInt(digits);
    return { c: negative ? -c : c, e: point };
  }

  // The number a Rounded (backprop-numbers.js) prints, exactly: its mantissa and power of ten.
  function fromRounded(r) {
    const [whole, fraction = ""] = r.mantissa.split(".");
    return fromDigits(r.negative, whole + fraction, (r.exponent || 0) - fraction.length);
  }

  // The power of ten of the leading digit (decimal's adjusted()); 0 for zero.
  function adjusted(x) {
    return x.c === 0n ? 0 : x.e + digitCount(x.c) - 1;
  }

  function compare(x, y) {
    const sx = x.c > 0n ? 1 : x.c < 0n ? -1 : 0;
    const sy = y.c > 0n ? 1 : y.c < 0n ? -1 : 0;
    if (sx !== sy || sx === 0) return sx - sy;
    if (adjusted(x) !== adjusted(y)) return adjusted(x) > adjusted(y) ? sx : -sx;
    const e = Math.min(x.e, y.e);
    const a = x.c * pow10(x.e - e);
    const b = y.c * pow10(y.e - e);
    return a === b ? 0 : a > b ? 1 : -1;
  }

  const equal = (x, y) => compare(x, y) === 0;
  const negate = (x) => ({ c: -x.c, e: x.e });

  // Digits and the power of ten of the last one, without the sign: what backprop-numbers.js
  // rounds and writes.
  function expansion(x) {
    return { digits: abs(x.c).toString(), point: x.e };
  }

  // The double nearest to x, as Python's float(Decimal) gives it (the engine parses the
  // decimal string correctly rounded).
  function toNumber(x) {
    return Number(x.c.toString() + "e" + x.e);
  }

  function Context(precision, options) {
    this.precision = precision;
    // The largest power of ten a result may have: decimal's Emax (999999 by default).
    this.emax = (options && options.emax) || 999999;
    this.strict = Boolean(options && options.strict);
    this.inexact = false;
  }

  Context.prototype.rounded = function () {
    if (this.strict) throw INEXACT;
    this.inexact = true;
  };

  // x rounded to the context's digits, half to even.
  Context.prototype.round = function (x, precision) {
    const p = precision || this.precision;
    const a = abs(x.c);
    const drop = a.toString().length - p;
    if (drop <= 0) return x;
    const unit = pow10(drop);
    let q = a / unit;
    const r = a % unit;
    if (r !== 0n) {
      this.rounded();
      if (2n * r > unit || (2n * r === unit && (q & 1n) === 1n)) q += 1n;
    }
    return { c: x.c < 0n ? -q : q, e: x.e + drop };
  };

  // Far below the digits that round, a term's size does not matter, only its sign: it is
  // replaced by a unit there, so that 1 + 10^-1000000 needs no million-digit integer.
  Context.prototype.add = function (x, y) {
    if (x.c === 0n) return this.round(y);
    if (y.c === 0n) return this.round(x);
    if (adjusted(y) > adjusted(x)) [x, y] = [y, x];
    const floor = Math.min(x.e, adjusted(x) - this.precision - 2);
    if (adjusted(y) < floor - 1) y = { c: y.c < 0n ? -1n : 1n, e: floor - 2 };
    const e = Math.min(x.e, y.e);
    return this.round({ c: x.c * pow10(x.e - e) + y.c * pow10(y.e - e), e });
  };

  Context.prototype.subtract = function (x, y) {
    return this.add(x, negate(y));
  };

  Context.prototype.multiply = function (x, y) {
    return this.round({ c: x.c * y.c, e: x.e + y.e });
  };

  Context.prototype.negate = function (x) {
    return this.round(negate(x));
  };

  // x / y (y not zero), correctly rounded: the quotient to one digit more than the context
  // keeps, and a last digit 1 standing for any remainder.
  Context.prototype.divide = function (x, y) {
    if (x.c === 0n) return ZERO;
    const shift = Math.max(this.precision + 1 + digitCount(y.c) - digitCount(x.c), 0);
    const n = abs(x.c) * pow10(shift);
    const d = abs(y.c);
    let q = (n / d) * 10n;
    if (n % d !== 0n) q += 1n;
    const negative = (x.c < 0n) !== (y.c < 0n);
    return this.round({ c: negative ? -q : q, e: x.e - y.e - shift - 1 });
  };

  // x ** n for a whole n >= 1 as decimal computes it: squarings and multiplications at
  // digits(n) + 2 more digits, rounded to the context's digits once more at the end.
  Context.prototype.power = function (x, n) {
    if (x.c === 0n) return ZERO;
    const work = this.precision + String(n).length + 2;
    const bits = n.toString(2);
    let result = x;
    for (const bit of bits.slice(1)) {
      result = this.round({ c: result.c * result.c, e: 2 * result.e }, work);
      if (bit === "1") result = this.round({ c: result.c * x.c, e: result.e + x.e }, work);
    }
    return this.round(result);
  };

  return {
    ZERO, ONE, INEXACT, Context, fromInt, fromDigits, fromRounded, adjusted, compare, equal,
    expansion, toNumber, digitCount, pow10,
  };
});
