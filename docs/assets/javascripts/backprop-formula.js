// generator/content/formula.py for the page: a formula (as data, see backprop-expr.js) written
// out with its numbers substituted, in TeX and in plain text, character for character as the
// build writes it. A number in a leading place (the first term of a sum, the first factor of a
// product, the left side of a difference, a function's argument) is written as it is; anywhere
// else a negative number or one in scientific notation is put in parentheses.
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory(require("./backprop-expr.js"));
  else root.BackpropFormula = factory(root.BackpropExpr);
})(typeof self !== "undefined" ? self : this, function (expr) {
  "use strict";

  const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";

  // What differs between the two forms.
  const FORMS = {
    tex: {
      minus: "-",
      subtract: " - ",
      half: "\\frac{1}{2}",
      products: { dot: " \\cdot ", times: " \\cdot ", cross: " \\times " },
      brackets: { "()": ["(", ")"], "[]": ["\\left[", "\\right]"] },
      // Juxtaposed factors need a space only before a command such as \ln.
      juxtapose: (following) => (following.startsWith("\\") ? " " : ""),
      power: (base, exponent) => base + "^" + exponent,
      quotient: (numerator, denominator) => "\\frac{" + numerator + "}{" + denominator + "}",
    },
    text: {
      minus: "−",
      subtract: " − ",
      half: "½",
      products: { dot: "·", times: " × ", cross: " × " },
      brackets: { "()": ["(", ")"], "[]": ["[", "]"] },
      juxtapose: () => "·",
      power: (base, exponent) => base + String(exponent).replace(/\d/g, (d) => SUPERSCRIPT[d]),
      quotient: (numerator, denominator) => "(" + numerator + ") / (" + denominator + ")",
    },
  };

  // form: "tex" or "text"; value(id): the operand as printed (a Rounded), or value null to
  // write every operand as its symbol; symbol(id): its symbol in this form; functions: how
  // each function is written (the build's data).
  function Writer(form, value, symbol, functions) {
    Object.assign(this, FORMS[form], { form, value, symbol, functions });
  }

  Writer.prototype.write = function (e, leading = true) {
    if (expr.isOperand(e)) {
      if (this.value === null) return this.symbol(e);
      const r = this.value(e);
      const shown = r[this.form]();
      return leading || (!r.negative && r.exponent === null) ? shown : "(" + shown + ")";
    }
    if (expr.isConst(e)) return String(e);
    switch (e[0]) {
      case "symbol":
        return this.symbol(e[1]);
      case "sum":
        return this.sum(e[1], leading);
      case "product":
        return this.product(e[1], e[2], leading);
      case "difference":
        return this.write(e[1], leading) + this.subtract + this.write(e[2], false);
      default:
        return this.wrapped(e, leading);
    }
  };

  Writer.prototype.wrapped = function (e, leading) {
    switch (e[0]) {
      case "power":
        return this.power(this.write(e[1], false), e[2]);
      case "quotient":
        return this.quotient(this.write(e[1]), this.write(e[2]));
      case "half":
        return this.half + this.write(e[1], leading);
      case "negative":
        return this.minus + this.write(e[1]);
      case "group": {
        const [start, end] = this.brackets[e[1]];
        return start + this.write(e[2]) + end;
      }
      case "apply":
        return this.apply(e[1], e[2]);
      case "indicator":
        return "[" + this.write(e[1]) + " > 0]";
      default:
        throw new TypeError("not an expression: " + JSON.stringify(e));
    }
  };

  Writer.prototype.sum = function (terms, leading) {
    let out = "";
    terms.forEach((term, i) => {
      if (Array.isArray(term) && term[0] === "negative") out += (i === 0 ? this.minus : this.subtract) + this.write(term[1]);
      else out += (i === 0 ? "" : " + ") + this.write(term, leading && i === 0);
    });
    return out;
  };

  Writer.prototype.product = function (sign, factors, leading) {
    const parts = factors.map((f, i) => this.write(f, leading && i === 0));
    let out = parts[0];
    for (const part of parts.slice(1)) out += (sign === "juxtapose" ? this.juxtapose(part) : this.products[sign]) + part;
    return out;
  };

  // A bare number needs no parentheses after some functions (\ln 0.587).
  Writer.prototype.apply = function (name, argument) {
    const f = this.functions[name];
    const bare = f["bare_" + this.form];
    const template = bare && expr.isOperand(argument) ? bare : f[this.form];
    const written = this.write(argument);
    return template.replace("{}", () => written);
  };

  function tex(e, value, symbol, functions) {
    return new Writer("tex", value, symbol, functions).write(e);
  }

  function text(e, value, symbol, functions) {
    return new Writer("text", value, symbol, functions).write(e);
  }

  return { tex, text };
});
