// How the numbers are printed, shown on the page's own lines (generator/content/printing.py):
// a line that holds exactly, one that rounds, an operand that carries guard digits, a rounded
// value that keeps a trailing zero. Only lines that exist are shown.
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory(require("./backprop-numbers.js"), require("./backprop-lines.js"));
  else root.BackpropPrinting = factory(root.BackpropNumbers, root.BackpropLines);
})(typeof self !== "undefined" ? self : this, function (numbers, lines) {
  "use strict";

  const relations = (q, first, second) => q.line.relations[0] === first && q.line.relations[1] === second;

  // The first operand of the guarded line shown with more digits than its own line prints it.
  function guardOf(m, guarded) {
    for (const [id, shown] of guarded.line.operands) {
      const own = m.by.get(id);
      if (own && shown.digits > own.line.result.digits) {
        return { symbol: own.symbolText, own: own.valueText, shown: shown.text(), line: guarded.symbolText };
      }
    }
    return null;
  }

  // settings: the page data's settings (the range of plain decimals).
  function printing(m, settings) {
    const shown = m.quantities.filter((q) => q.line.operands && q.line.operands.size > 0);
    const exact = shown.find((q) => relations(q, lines.EQUALS, lines.EQUALS));
    const rounded = shown.find((q) => relations(q, lines.EQUALS, lines.APPROX));
    const guarded = shown.find((q) => q.line.guard > 0);
    const zero = m.quantities.find((q) => !q.line.result.exact && q.line.result.mantissa.endsWith("0")
      && q.line.result.mantissa.includes("."));
    return {
      digits: m.digits, low: numbers.exactValue(settings.plain_low).text(), high: numbers.countText(settings.plain_high),
      exact: exact ? exact.text : null, rounded: rounded ? rounded.text : null,
      guard: guarded ? guardOf(m, guarded) : null, zero: zero ? { symbol: zero.symbolText, value: zero.valueText } : null,
    };
  }

  return { printing };
});
