// e^x and ln x at a decimal context's precision, correctly rounded (half to even), as Python's
// decimal module gives them: the value is computed in BigInt fixed point with more digits than
// needed and a bound on its error, and is accepted only when every value within that bound
// rounds to the same digits; otherwise it is computed again with more digits. Neither function
// ever meets a tie (e^x and ln x are irrational for a decimal x other than 0 and 1), so this
// always ends. The sigmoid and tanh are built from exp as generator/maths/activations.py
// builds them, each step rounded.
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory(require("./backprop-decimal.js"));
  else root.BackpropDecimalElementary = factory(root.BackpropDecimal);
})(typeof self !== "undefined" ? self : this, function (decimal) {
  "use strict";

  const { ZERO, ONE, adjusted, compare, pow10 } = decimal;
  // Digits computed beyond the context's precision on the first try, and added on each retry.
  const GUARD = 12;
  const MORE = 20;

  // atanh(1 / q) × 10^w, to within a few units of the last place: q > 1 a BigInt.
  function atanhInverse(q, w) {
    const one = pow10(w);
    const q2 = q * q;
    let power = one / q;
    let sum = power;
    for (let k = 3n; power !== 0n; k += 2n) {
      power /= q2;
      sum += power / k;
    }
    return sum;
  }

  // ln 2 and ln 10 in fixed point, kept at the most digits asked for so far.
  const constants = { digits: 0, ln2: 0n, ln10: 0n };
  function lnConstants(w) {
    if (constants.digits < w) {
      const extra = w + 10;
      const ln2 = 2n * atanhInverse(3n, extra);
      // ln 10 = 3 ln 2 + ln(5/4), and ln(5/4) = 2 atanh(1/9).
      const ln10 = 3n * ln2 + 2n * atanhInverse(9n, extra);
      Object.assign(constants, { digits: extra, ln2, ln10 });
    }
    const scale = pow10(constants.digits - w);
    return { ln2: constants.ln2 / scale, ln10: constants.ln10 / scale };
  }

  // x × 10^w as a BigInt, truncated.
  function fixed(x, w) {
    const shift = x.e + w;
    return shift >= 0 ? x.c * pow10(shift) : x.c / pow10(-shift);
  }

  // The context's rounding of a value known to lie within [v - error, v + error] × 10^(shift-w),
  // or null where the bound straddles a rounding boundary. Below 10^-emax a result is
  // subnormal, as in decimal: it keeps only the digits down to 10^(-emax - precision + 1).
  function settle(context, v, error, w, shift = 0) {
    const tiny = -context.emax - context.precision + 1;
    const leading = adjusted({ c: v - error, e: shift - w });
    const precision = Math.min(context.precision, leading - tiny + 1);
    if (precision < 1) return ZERO;
    const probe = new decimal.Context(precision);
    const low = probe.round({ c: v - error, e: shift - w });
    const high = probe.round({ c: v + error, e: shift - w });
    return compare(low, high) === 0 ? low : null;
  }

  // e^r × 10^w for |r| × 10^-w below about 1.2 (Taylor series), with its error bound.
  function expSeries(r, w) {
    const one = pow10(w);
    let term = one;
    let sum = one;
    let n = 0n;
    while (term !== 0n) {
      n += 1n;
      term = (term * r) / (one * n);
      sum += term;
    }
    return { value: sum, error: n + 32n };
  }

  function expAttempt(context, x, w) {
    // e^x = 10^k e^r with r = x - k ln 10, |r| <= ln(10)/2.
    const k = Math.round(decimal.toNumber(x) / Math.LN10);
    const kDigits = String(Math.abs(k)).length;
    const { ln10 } = lnConstants(w + kDigits);
    const r = fixed(x, w) - (BigInt(k) * ln10) / pow10(kDigits);
    const { value, error } = expSeries(r, w);
    return settle(context, value, error, w, k);
  }

  // e^x; null where it overflows the context's largest exponent (where decimal raises
  // Overflow), 0 below its smallest subnormal (where decimal gives 0, clamped).
  function exp(context, x) {
    if (x.c === 0n) return ONE;
    context.rounded();
    if (adjusted(x) < -context.precision - 2) return ONE;
    const limit = (context.emax + 2) * Math.LN10;
    if (compare(x, decimal.fromInt(Math.ceil(limit))) > 0) return null;
    if (compare(x, decimal.fromInt(-Math.ceil(limit + context.precision * Math.LN10))) < 0) return ZERO;
    for (let w = context.precision + GUARD; ; w += MORE) {
      const result = expAttempt(context, x, w);
      if (result) return adjusted(result) > context.emax ? null : result;
    }
  }

  // 2 atanh((f - 1)/(f + 1)) = ln f, for f × 10^-w near 1, with its error bound.
  function lnSeries(f, w) {
    const one = pow10(w);
    const t = ((f - one) * one) / (f + one);
    const t2 = (t * t) / one;
    let power = t;
    let sum = t;
    let n = 1n;
    for (let k = 3n; power !== 0n; k += 2n) {
      power = (power * t2) / one;
      sum += power / k;
      n += 1n;
    }
    return { value: 2n * sum, error: 4n * n + 32n };
  }

  // ln x = K ln 10 + j ln 2 + ln f, with x = 10^K 2^j f and f within a factor 1.5 of 1; near 1,
  // ln f alone, with as many more digits as x is close to 1 (ln x is then about x - 1).
  function lnAttempt(context, x, w) {
    const K = adjusted(x);
    const near = Math.abs(decimal.toNumber(x) - 1) < 0.1;
    const scale = near ? 0 : K;
    const j = near ? 0 : Math.round(Math.log2(decimal.toNumber({ c: x.c, e: x.e - K })));
    const { ln2, ln10 } = lnConstants(w + 8);
    let f = fixed({ c: x.c, e: x.e - scale }, w);
    f = j >= 0 ? f / (1n << BigInt(j)) : f << BigInt(-j);
    const { value, error } = lnSeries(f, w);
    const logs = (BigInt(scale) * ln10 + BigInt(j) * ln2) / pow10(8);
    return settle(context, value + logs, error + 2n, w);
  }

  // ln x for x > 0; exactly 0 at 1.
  function ln(context, x) {
    if (compare(x, ONE) === 0) return ZERO;
    context.rounded();
    const closeness = adjusted(new decimal.Context(context.precision + 5).subtract(x, ONE));
    const start = context.precision + GUARD + Math.max(0, -closeness);
    for (let w = start; ; w += MORE) {
      const result = lnAttempt(context, x, w);
      if (result) return result;
    }
  }

  // The activations' exact forms in generator/maths/activations.py, and the logarithm of
  // generator/maths/expr.py (undefined at and below 0), each step rounded by the context.
  // null stands for a value decimal cannot give (an exponential that overflows).
  function sigmoid(context, z) {
    const e = exp(context, context.negate(z));
    return e === null ? null : context.divide(ONE, context.add(ONE, e));
  }

  function tanh(context, z) {
    const e = exp(context, context.multiply(decimal.fromInt(2), z));
    return e === null ? null : context.divide(context.subtract(e, ONE), context.add(e, ONE));
  }

  function relu(context, z) {
    return compare(z, ZERO) > 0 ? z : ZERO;
  }

  function logarithm(context, v) {
    return compare(v, ZERO) > 0 ? ln(context, v) : null;
  }

  return { exp, ln, FUNCTIONS: { sigmoid, tanh, relu, ln: logarithm } };
});
