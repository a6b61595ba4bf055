// Line charts as SVG for the page's numbers (generator/content/plot.py), as trees
// (backprop-markup.js), for the parts the pages draw again: axes with their ticks, and a series
// drawn as a line. The geometry comes from the build (the settings' `plot`); tick labels arrive
// already printed, so nothing here formats a value beyond a coordinate.
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory(require("./backprop-numbers.js"), require("./backprop-markup.js"));
  else root.BackpropPlot = factory(root.BackpropNumbers, root.BackpropMarkup);
})(typeof self !== "undefined" ? self : this, function (numbers, markup) {
  "use strict";

  const { h, empty } = markup;

  // x with `places` decimals, rounded half to even on its exact binary value, as Python's
  // format(x, ".1f") writes it ("-0.0" for a small negative).
  function fixed(x, places) {
    const sign = x < 0 || Object.is(x, -0) ? "-" : "";
    let q = 0n;
    if (x !== 0) {
      const { digits, point } = numbers.exactDecimal(x);
      const shift = point + places;
      const d = BigInt(digits);
      if (shift >= 0) q = d * 10n ** BigInt(shift);
      else {
        const unit = 10n ** BigInt(-shift);
        const r = d % unit;
        q = d / unit;
        if (2n * r > unit || (2n * r === unit && (q & 1n) === 1n)) q += 1n;
      }
    }
    const s = q.toString().padStart(places + 1, "0");
    return sign + s.slice(0, s.length - places) + "." + s.slice(s.length - places);
  }

  const f = (v) => fixed(v, 1);
  // 10 to a whole power, as Python's 10.0 ** e (the nearest double).
  const power = (e) => Number("1e" + e);

  function Axis(label, low, high, ticks, log) {
    Object.assign(this, { label, low, high, ticks, log: Boolean(log) });
  }

  Axis.prototype.fraction = function (v) {
    if (this.log) return (Math.log10(v) - Math.log10(this.low)) / (Math.log10(this.high) - Math.log10(this.low));
    return (v - this.low) / (this.high - this.low);
  };

  // A step of 1, 2 or 5 times a power of ten giving about `target` ticks over the span.
  function niceStep(span, target) {
    const raw = span / Math.max(target || 5, 1);
    const unit = power(Math.floor(Math.log10(raw)));
    for (const multiple of [1, 2, 5, 10]) if (multiple * unit >= raw) return multiple * unit;
    return 10 * unit;
  }

  // Python's round(x, 12): the nearest double to x correctly rounded to 12 decimals.
  const round12 = (x) => Number(x.toFixed(12));

  function linearTicks(low, high, target) {
    const step = niceStep(high - low, target);
    const first = Math.ceil(low / step - 1e-9);
    const last = Math.floor(high / step + 1e-9);
    const out = [];
    for (let i = first; i <= last; i += 1) out.push(round12(i * step));
    return out;
  }

  function powersOfTen(low, high, superscript, most) {
    const stride = Math.max(1, Math.ceil((high - low) / (most || 8)));
    const out = [];
    for (let e = low; e <= high; e += stride) out.push({ value: power(e), label: "10", superscript: superscript(e) });
    return out;
  }

  function Chart(geometry, chart) {
    Object.assign(this, chart, { g: geometry });
  }

  Chart.prototype.px = function (x, y) {
    const g = this.g;
    const w = g.WIDTH - g.MARGIN_LEFT - g.MARGIN_RIGHT;
    const ht = g.HEIGHT - g.MARGIN_TOP - g.MARGIN_BOTTOM;
    return [g.MARGIN_LEFT + this.x.fraction(x) * w, g.MARGIN_TOP + (1 - this.y.fraction(y)) * ht];
  };

  function label(tick) {
    return [tick.label].concat(tick.superscript ? [h("tspan", { class: "bp-sup", dy: "-0.5em" }, tick.superscript)] : []);
  }

  // Grid lines, tick labels, the frame and the axis titles.
  function axes(c) {
    const g = c.g;
    const [left, right, top, bottom] = [g.MARGIN_LEFT, g.WIDTH - g.MARGIN_RIGHT, g.MARGIN_TOP, g.HEIGHT - g.MARGIN_BOTTOM];
    const grid = [];
    const labels = [];
    c.x.ticks.forEach((t) => {
      const x = c.px(t.value, c.y.low)[0];
      grid.push(empty("line", { x1: f(x), y1: String(top), x2: f(x), y2: String(bottom + g.TICK_LENGTH) }));
      labels.push(h("text", { x: f(x), y: String(bottom + g.TICK_LENGTH + g.FONT_SIZE + 4), "text-anchor": "middle" }, label(t)));
    });
    c.y.ticks.forEach((t) => {
      const y = c.px(c.x.low, t.value)[1];
      grid.push(empty("line", { x1: String(left - g.TICK_LENGTH), y1: f(y), x2: String(right), y2: f(y) }));
      labels.push(h("text", { x: String(left - g.TICK_LENGTH - 4), y: f(y + g.FONT_SIZE / 3), "text-anchor": "end" }, label(t)));
    });
    return [
      h("g", { class: "bp-grid", stroke: "currentColor", "aria-hidden": "true" }, grid),
      h("g", { class: "bp-ticks", fill: "currentColor", "aria-hidden": "true" }, labels),
      empty("rect", { class: "bp-frame", x: String(left), y: String(top), width: String(right - left), height: String(bottom - top),
        fill: "none", stroke: "currentColor", "aria-hidden": "true" }),
      h("text", { class: "bp-axis-title", x: f((left + right) / 2), y: String(g.HEIGHT - 8), "text-anchor": "middle",
        fill: "currentColor" }, c.x.label),
      h("text", { class: "bp-axis-title", transform: `translate(16 ${f((top + bottom) / 2)}) rotate(-90)`, "text-anchor": "middle",
        fill: "currentColor" }, c.y.label),
    ];
  }

  // A series drawn as a line, without markers (the loss over training).
  function line(c, s) {
    const path = s.points.map(([x, y]) => c.px(x, y)).map(([x, y]) => f(x) + "," + f(y)).join(" ");
    return h("g", { class: "bp-series " + s.css_class, "aria-hidden": "true" }, empty("polyline", { points: path, fill: "none" }));
  }

  // The chart in a <figure> with its caption (plot.figure); chart: {id, title, description, x,
  // y, series: [{points, css_class}]}.
  function figure(geometry, chart, caption) {
    const c = new Chart(geometry, chart);
    const [titleId, descId] = [c.id + "-title", c.id + "-desc"];
    const svg = h("svg", [["class", "bp-chart"], ["viewBox", `0 0 ${geometry.WIDTH} ${geometry.HEIGHT}`], ["role", "img"],
      ["aria-labelledby", titleId + " " + descId], ["font-size", String(geometry.FONT_SIZE)], ["xmlns", "http://www.w3.org/2000/svg"]],
    h("title", { id: titleId }, c.title), h("desc", { id: descId }, c.description), axes(c), c.series.map((s) => line(c, s)));
    return Object.assign(h("figure", { class: "bp-plot" }, svg, h("figcaption", {}, caption)), { quote: true });
  }

  return { Axis, figure, linearTicks, niceStep, powersOfTen, fixed, power };
});
