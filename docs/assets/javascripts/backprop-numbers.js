// generator/content/numbers.py for the page: a double rounded to significant digits, or a given
// number written exactly, printed as TeX or as text, character for character as the build
// prints it. Rounding is done on the exact
// binary value of the double, as Python's Decimal(x) sees it: BigInt gives its full decimal
// expansion, so a value such as 0.125 (exactly halfway at two digits) is rounded as a tie and
// 0.1 (slightly above 0.1000000000000000055) is not.
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.BackpropNumbers = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // The printing policy, in one place (the running example's page states it): a change of the
  // rules is a change here, matched by the same change in generator/content/numbers.py.
  const POLICY = {
    // Powers of ten of the leading digit written as plain decimals: 0.0001 up to below
    // 1,000,000. Smaller and larger values are written in scientific notation.
    plainExponents: { from: -4, to: 5 },
    // A rounded value keeps its trailing zeros, which are significant: 0.800, not 0.8.
    dropTrailingZeros: false,
    // A value exactly halfway between two roundings goes away from zero, as a calculator does.
    tieRoundsUp: () => true,
  };

  const MINUS = "\u2212";
  const SUPERSCRIPTS = { 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹", "-": "⁻" };
  const view = new DataView(new ArrayBuffer(8));

  // |x| = digits × 10^point exactly, for finite nonzero x: the double is m × 2^e with an
  // integer m, and for e < 0 that is m × 5^-e × 10^e.
  function exactDecimal(x) {
    view.setFloat64(0, Math.abs(x));
    const bits = view.getBigUint64(0);
    const biased = Number(bits >> 52n);
    let m = bits & 0xfffffffffffffn;
    let e = biased === 0 ? -1074 : biased - 1075;
    if (biased !== 0) m |= 0x10000000000000n;
    while (e < 0 && (m & 1n) === 0n) {
      m >>= 1n;
      e += 1;
    }
    if (e >= 0) return { digits: (m << BigInt(e)).toString(), point: 0 };
    return { digits: (m * 5n ** BigInt(-e)).toString(), point: e };
  }

  // The first n significant digits of an exact decimal, rounded by the policy, and the power
  // of ten of the leading digit (one higher when rounding carries, as 9.996 to 10.0).
  function roundDigits({ digits, point }, n) {
    let exponent = digits.length - 1 + point;
    if (digits.length <= n) return { digits: digits.padEnd(n, "0"), exponent };
    const kept = digits.slice(0, n);
    const first = digits[n];
    const restIsZero = /^0*$/.test(digits.slice(n + 1));
    const up = first > "5" || (first === "5" && (!restIsZero || POLICY.tieRoundsUp(Number(kept[n - 1]))));
    if (!up) return { digits: kept, exponent };
    const raised = (BigInt(kept) + 1n).toString();
    if (raised.length > n) return { digits: raised.slice(0, n), exponent: exponent + 1 };
    return { digits: raised, exponent };
  }

  function dropZeros(s) {
    return POLICY.dropTrailingZeros && s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
  }

  // n digits d1 d2 ... with the point placed so that the value is d1.d2... × 10^exponent.
  function plain(digits, exponent) {
    const n = digits.length;
    if (exponent >= n - 1) return digits + "0".repeat(exponent - n + 1);
    if (exponent >= 0) return digits.slice(0, exponent + 1) + "." + digits.slice(exponent + 1);
    return "0." + "0".repeat(-exponent - 1) + digits;
  }

  function Rounded(negative, mantissa, exponent, exact, digits) {
    this.negative = negative;
    this.mantissa = mantissa;
    this.exponent = exponent; // null for plain decimals
    this.exact = exact; // the printed number is the value itself
    this.digits = digits; // significant digits shown
  }

  Rounded.prototype.tex = function () {
    const sign = this.negative ? "-" : "";
    if (this.mantissa === "∞") return sign + "\\infty";
    if (this.exponent === null) return sign + this.mantissa;
    return sign + this.mantissa + " \\times 10^{" + this.exponent + "}";
  };

  // Plain text with a true minus sign and a superscript exponent, for the graph and its log.
  Rounded.prototype.text = function () {
    const sign = this.negative ? MINUS : "";
    if (this.exponent === null) return sign + this.mantissa;
    const power = String(this.exponent).replace(/./g, (c) => SUPERSCRIPTS[c]);
    return sign + this.mantissa + " × 10" + power;
  };

  // Digits d1 d2 ... of a value d1.d2... × 10^exponent, written plain or scientific.
  function written(negative, digits, exponent, exact) {
    const { from, to } = POLICY.plainExponents;
    if (exponent >= from && exponent <= to) return new Rounded(negative, dropZeros(plain(digits, exponent)), null, exact, digits.length);
    return new Rounded(negative, dropZeros(plain(digits, 0)), exponent, exact, digits.length);
  }

  function roundValue(x, n) {
    if (Number.isNaN(x)) throw new RangeError("cannot display NaN");
    if (!Number.isFinite(x)) return new Rounded(x < 0, "∞", null, false, 1);
    if (x === 0) return new Rounded(false, "0", null, true, 1);
    return roundExpansion(x < 0, exactDecimal(x), n);
  }

  // A decimal value, its digits and the power of ten of the last one, rounded as a double is:
  // for the values the build computes in decimal arithmetic (round_value of a Decimal).
  function roundExpansion(negative, exact, n) {
    if (/^0*$/.test(exact.digits)) return new Rounded(false, "0", null, true, 1);
    const { digits, exponent } = roundDigits(exact, n);
    const same = exact.digits.replace(/0+$/, "").length <= n;
    return written(negative, digits, exponent, same);
  }

  // A decimal value written exactly, without trailing zeros (exact_value of a Decimal).
  function exactExpansion(negative, exact) {
    if (/^0*$/.test(exact.digits)) return new Rounded(false, "0", null, true, 1);
    const digits = exact.digits.replace(/0+$/, "");
    return written(negative, digits, exact.digits.length - 1 + exact.point, true);
  }

  // A number the author gave, exactly as typed: the shortest digits that give the double back
  // (what Python's repr prints), without trailing zeros.
  function exactValue(x) {
    if (!Number.isFinite(x)) return roundValue(x, 1);
    if (x === 0) return new Rounded(false, "0", null, true, 1);
    const [mantissa, power] = Math.abs(x).toExponential().split("e");
    const digits = mantissa.replace(".", "").replace(/0+$/, "") || "0";
    return written(x < 0, digits, Number(power), true);
  }

  // A value as a factor or summand inside a formula: in parentheses when negative or scientific.
  function factor(r, form) {
    const s = r[form]();
    return r.negative || r.exponent !== null ? "(" + s + ")" : s;
  }

  // A count (of operations or passes) exactly, its digits grouped in threes.
  function grouped(n, separator) {
    const s = BigInt(n).toString();
    const sign = s.startsWith("-") ? "-" : "";
    return sign + s.slice(sign.length).replace(/\B(?=(\d{3})+$)/g, separator);
  }

  return {
    POLICY,
    roundValue,
    exactValue,
    roundExpansion,
    exactExpansion,
    // The exact decimal expansion of a double's magnitude: {digits, point}.
    exactDecimal,
    tex: (x, n) => roundValue(x, n).tex(),
    text: (x, n) => roundValue(x, n).text(),
    texFactor: (x, n) => factor(roundValue(x, n), "tex"),
    textFactor: (x, n) => factor(roundValue(x, n), "text"),
    countTex: (n) => grouped(n, "\\,"),
    countText: (n) => grouped(n, "\u202f"),
  };
});
