// Sums rounded once, and exp, expm1, tanh, log, log1p and softplus, from the four basic
// operations of double precision: the same operations, in the same order, as
// generator/elementary.py, so that the page computes the build's numbers to the last bit.
// Math.exp and Math.tanh are not used because they differ between browsers (and numpy's between
// machines) in the last bit; +, -, * and / are correctly rounded everywhere, and a sum rounded
// once has only one possible result. The comments in generator/elementary.py explain each step.
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.BackpropElementary = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  const LN2_HI = 0.6931471803691238;
  const LN2_LO = 1.9082149292705877e-10;
  const INV_LN2 = 1.4426950408889634;
  const SQRT_HALF = 0.7071067811865476;

  const EXPM1_COEFFICIENTS = [];
  for (let n = 2, factorial = 2; n <= 14; n += 1, factorial *= n) EXPM1_COEFFICIENTS.push(1 / factorial);
  const ATANH_COEFFICIENTS = [];
  for (let j = 1; j <= 10; j += 1) ATANH_COEFFICIENTS.push(2 / (2 * j + 1));

  const SPLITTER = 134217729; // 2^27 + 1
  const view = new DataView(new ArrayBuffer(8));

  // The exact sum of the partials, rounded once to the nearest double, ties to even: the
  // partials are kept nonoverlapping as each term comes in (Shewchuk), then added from the
  // largest down, with the correction that makes a tie split across partials round to even.
  // The same algorithm as Python's math.fsum, for finite terms; NaN where a partial sum
  // leaves the double range (where math.fsum raises OverflowError).
  function fsum(terms) {
    const partials = [];
    for (let x of terms) {
      let i = 0;
      for (let y of partials) {
        if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
        const hi = x + y;
        const lo = y - (hi - x);
        if (lo !== 0) partials[i++] = lo;
        x = hi;
      }
      partials.length = i;
      if (!Number.isFinite(x)) return NaN;
      if (x !== 0) partials.push(x);
    }
    let n = partials.length;
    if (n === 0) return 0;
    let hi = partials[--n];
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = partials[--n];
      hi = x + y;
      lo = y - (hi - x);
      if (lo !== 0) break;
    }
    if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0))) {
      const y = lo * 2;
      const x = hi + y;
      if (y === x - hi) hi = x;
    }
    return hi;
  }

  function total(terms) {
    const rounded = terms.every(Number.isFinite) ? fsum(terms) : NaN;
    if (!Number.isNaN(rounded)) return rounded + 0;
    let s = 0;
    for (const t of terms) s += t;
    return s;
  }

  function twoProduct(a, b) {
    const p = a * b;
    let c = SPLITTER * a;
    const aHi = c - (c - a);
    const aLo = a - aHi;
    c = SPLITTER * b;
    const bHi = c - (c - b);
    const bLo = b - bHi;
    return [p, ((aHi * bHi - p) + aHi * bLo + aLo * bHi) + aLo * bLo];
  }

  // One entry of W v + b, rounded once: row is a row of W, bias the entry of b.
  function weightedSum(row, v, bias) {
    const products = [];
    const errors = [];
    row.forEach((w, j) => {
      const [p, e] = twoProduct(w, v[j]);
      products.push(p);
      errors.push(e);
    });
    if (errors.every(Number.isFinite)) return total(products.concat(errors, [bias]));
    return total(products.concat([bias]));
  }

  // 2^k exactly, for -1022 <= k <= 1023, from its bits.
  function pow2(k) {
    view.setUint32(0, ((k + 1023) << 20) >>> 0);
    view.setUint32(4, 0);
    return view.getFloat64(0);
  }

  function scale(y, k) {
    if (k > 1023) return y * pow2(1023) * pow2(k - 1023);
    if (k < -1022) return y * pow2(k + 100) * pow2(-100);
    return y * pow2(k);
  }

  function reduce(x) {
    const k = Math.floor(x * INV_LN2 + 0.5);
    const hi = x - k * LN2_HI;
    const lo = k * LN2_LO;
    const r = hi - lo;
    return [k, r, (hi - r) - lo];
  }

  function twoSum(a, b) {
    const s = a + b;
    const bb = s - a;
    return [s, (a - (s - bb)) + (b - bb)];
  }

  function expm1Reduced(x) {
    const [k, r, c] = reduce(x);
    let q = EXPM1_COEFFICIENTS[EXPM1_COEFFICIENTS.length - 1];
    for (let i = EXPM1_COEFFICIENTS.length - 2; i >= 0; i -= 1) q = EXPM1_COEFFICIENTS[i] + r * q;
    const tail = (r * r) * q + (c + c * r);
    const e = r + tail;
    return [k, e, tail - (e - r)];
  }

  function exp(x) {
    if (x !== x) return x;
    if (x > 710) return Infinity;
    if (x < -746) return 0;
    const [k, e, eError] = expm1Reduced(x);
    const [s, error] = twoSum(1, e);
    return scale(s + (error + eError), k);
  }

  function expm1Pair(x) {
    const [k, e, eError] = expm1Reduced(x);
    if (k === 0) return [e, eError];
    if (k >= -53 && k <= 52) {
      const p = pow2(k);
      const [hi, error] = twoSum(p - 1, p * e);
      return [hi, error + p * eError];
    }
    if (k < -53) return [-1, pow2(k) * (1 + e)];
    const [s, error] = twoSum(1, e);
    return [scale(s, k), scale(error + eError, k) - 1];
  }

  function expm1(x) {
    if (x !== x || x === 0) return x;
    if (x > 710) return Infinity;
    if (x < -40) return -1;
    const [hi, lo] = expm1Pair(x);
    return hi + lo;
  }

  function tanh(x) {
    if (x !== x || x === 0) return x;
    const ax = Math.abs(x);
    if (ax > 22) return x > 0 ? 1 : -1;
    let y;
    if (ax < 1) {
      const [hi, lo] = expm1Pair(-2 * ax);
      const d = 2 + hi;
      const dError = (2 - d) + hi;
      const q = -hi / d;
      y = q + q * (lo / hi - (dError + lo) / d);
    } else {
      y = 1 - 2 / (2 + expm1(2 * ax));
    }
    return x > 0 ? y : -y;
  }

  // m and k with x = m 2^k, m in [sqrt(1/2), sqrt(2)), for positive finite x: frexp from the
  // bits (subnormals scaled up first), then one exact doubling where m is below sqrt(1/2).
  function split(x) {
    let shift = 0;
    if (x < 2.2250738585072014e-308) {
      x *= 18014398509481984; // 2^54
      shift = 54;
    }
    view.setFloat64(0, x);
    const high = view.getUint32(0);
    const k = ((high >>> 20) & 0x7ff) - 1022 - shift;
    view.setUint32(0, ((high & 0x800fffff) | (1022 << 20)) >>> 0);
    const m = view.getFloat64(0);
    return m < SQRT_HALF ? [m * 2, k - 1] : [m, k];
  }

  function logParts(k, f, low) {
    const s = f / (2 + f);
    const z = s * s;
    let q = ATANH_COEFFICIENTS[ATANH_COEFFICIENTS.length - 1];
    for (let i = ATANH_COEFFICIENTS.length - 2; i >= 0; i -= 1) q = ATANH_COEFFICIENTS[i] + z * q;
    const R = z * q;
    const hf = 0.5 * f * f;
    return k * LN2_HI - ((hf - (s * (hf + R) + (k * LN2_LO + low))) - f);
  }

  function log(x) {
    if (x !== x || x < 0) return NaN;
    if (x === 0) return -Infinity;
    if (x === Infinity) return x;
    const [m, k] = split(x);
    return logParts(k, m - 1, 0);
  }

  function log1p(u) {
    if (u !== u || u < -1) return NaN;
    if (u === -1) return -Infinity;
    if (u === Infinity || Math.abs(u) < 5.551115123125783e-17) return u; // 2^-54
    const c = 1 + u;
    const error = Math.abs(u) >= 1 ? 1 - (c - u) : u - (c - 1);
    const [m, k] = split(c);
    return logParts(k, m - 1, error / c);
  }

  function softplus(t) {
    return (t > 0 ? t : 0) + log1p(exp(-Math.abs(t)));
  }

  return { total, twoProduct, weightedSum, exp, expm1, tanh, log, log1p, softplus };
});
