// What a reader types into a field of an editable page, read as the example file's loader reads
// a number (generator/example.py): a finite decimal number within the loader's bound, a target
// in [0, 1] under cross-entropy, a positive learning rate. And the address that keeps the
// reader's numbers: the changed values only, by their ids, as typed.
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.BackpropEditValues = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // Digits with an optional point and exponent: no hexadecimal, no "Infinity", no "NaN".
  const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
  // The longest text a field or the address may hold: enough for any double, typed in full.
  const LONGEST = 400;

  const isTarget = (ref) => /^y\d+$/.test(ref);

  // {value} for a number the page can use, or {error}: one sentence for the reader. `data` is
  // the page data (its loss and the loader's bound).
  function parse(text, ref, data) {
    const s = String(text).trim().replace(/^\u2212/, "-");
    const largest = data.settings.largest;
    if (s === "") return { error: "Enter a number." };
    if (s.length > LONGEST || !NUMBER.test(s)) return { error: "Not a number: write digits, such as 0.9 or -1.5e-3." };
    const value = Number(s);
    if (!Number.isFinite(value) || Math.abs(value) > largest) {
      return { error: `Out of range: the size of a value is at most ${largest.toLocaleString("en-US")}.` };
    }
    if (ref === "learning_rate" && !(value > 0)) return { error: "The learning rate must be greater than 0." };
    if (isTarget(ref) && data.network.loss === "bce" && !(value >= 0 && value <= 1)) {
      return { error: "Under cross-entropy a target is a probability: between 0 and 1." };
    }
    return { value: value === 0 ? 0 : value };
  }

  // The values an address holds for the page's fields (`refs`, a Set), as typed: only the ids
  // the page knows, each read by `parse`; anything else in it is left alone and changes nothing.
  function fromAddress(search, refs, data) {
    const found = new Map();
    new URLSearchParams(search).forEach((text, ref) => {
      if (refs.has(ref) && !parse(text, ref, data).error) found.set(ref, text.trim());
    });
    return found;
  }

  // The address's query with `changed` (a Map of id to text) in place of the page's fields and
  // every other parameter kept.
  function toAddress(search, refs, changed) {
    const params = new URLSearchParams(search);
    refs.forEach((ref) => params.delete(ref));
    changed.forEach((text, ref) => params.set(ref, text));
    const query = params.toString();
    return query ? "?" + query : "";
  }

  return { parse, fromAddress, toAddress, LONGEST };
});
