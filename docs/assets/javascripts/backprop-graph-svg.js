// The computational graph drawn as SVG in its idle state, from the graph data
// (generator/content/graph_svg.py), as a tree (backprop-markup.js): the page puts it in place
// of the drawing the build made, and the widget (graph-widget.js) wakes it up as before.
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory(require("./backprop-markup.js"));
  else root.BackpropGraphSvg = factory(root.BackpropMarkup);
})(typeof self !== "undefined" ? self : this, function (markup) {
  "use strict";

  const { h } = markup;

  // A coordinate as SVG wants it: 12 for 12.0, 12.5 for 12.5 (Python's repr without ".0").
  const n = (v) => (typeof v === "string" ? v : String(v));

  function attrs(object) {
    return Object.entries(object).map(([k, v]) => [k, n(v)]);
  }

  const path = (points) => points.map(([x, y], i) => (i === 0 ? "M" : "L") + n(x) + " " + n(y)).join(" ");

  // A gradient tag or an edge label: a pill with an empty symbol line and value line.
  function twoLineBox(className, box, baselines, extra) {
    const lines = baselines.map((y, i) => h("tspan", attrs({ x: box.cx, y, class: i === 0 ? "bp-line-symbol" : "bp-line-value" })));
    const rect = h("rect", attrs({ x: box.x, y: box.y, width: box.w, height: box.h, rx: box.rx }));
    const text = h("text", attrs({ x: box.cx, "text-anchor": "middle" }), lines);
    return h("g", attrs(Object.assign({ class: className }, extra || {})), rect, text);
  }

  function shape(node) {
    if (node.shape === "circle") return h("circle", attrs({ cx: node.x, cy: node.y, r: node.r, class: "bp-node__shape" }));
    if (node.shape === "diamond") {
      return h("polygon", attrs({ points: node.corners.map(([x, y]) => n(x) + "," + n(y)).join(" "), class: "bp-node__shape" }));
    }
    const b = node.shape_box;
    return h("rect", attrs({ x: b.x, y: b.y, width: b.w, height: b.h, rx: b.rx, class: "bp-node__shape" }));
  }

  // What a screen reader hears for a node before any step: its name and its given value.
  const idleLabel = (node) => node.title + (node.given ? " = " + node.given : ", not computed yet");

  function drawNode(node) {
    const parts = [
      shape(node),
      h("text", attrs({ x: node.x, y: node.y, class: "bp-node__symbol", "text-anchor": "middle", "dominant-baseline": "central" }),
        node.symbol),
      h("text", attrs({ x: node.x, y: node.value_y, class: "bp-node__value", "text-anchor": "middle" }), node.given || ""),
    ];
    if (node.tag) parts.push(twoLineBox("bp-node__tag", node.tag, node.tag_baselines));
    return h("g", attrs({ class: "bp-node bp-node--" + node.kind, "data-node-id": node.id, tabindex: "0", role: "img",
      "aria-label": idleLabel(node) }), parts);
  }

  // label: what the drawing is called for a screen reader (the settings' graph_label).
  function drawing(data, label) {
    const arrow = "bp-arrow-" + data.example;
    const marker = h("marker", attrs({ id: arrow, viewBox: "0 0 10 10", refX: "9", refY: "5", markerUnits: "userSpaceOnUse",
      markerWidth: "9", markerHeight: "9", orient: "auto" }), h("path", attrs({ d: "M0 1 L10 5 L0 9 z", class: "bp-arrow" })));
    const edges = [];
    const labels = [];
    data.edges.forEach((e) => {
      edges.push(h("path", attrs({ d: path(e.points), class: "bp-edge", "data-edge-id": e.id, "marker-end": `url(#${arrow})` })));
      if (e.label_box) labels.push(twoLineBox("bp-edge-label", e.label_box, e.label_baselines, { "data-edge-id": e.id }));
    });
    const style = `max-width: ${n(data.width)}px; min-width: ${n(data.min_width)}px; font-size: ${n(data.font)}px`;
    return h("svg", attrs({ viewBox: `0 0 ${n(data.width)} ${n(data.height)}`, class: "bp-graph__svg", role: "group",
      "aria-label": label, style }),
    h("defs", {}, marker), h("g", { class: "bp-graph__edges", "aria-hidden": "true" }, edges),
    h("g", { class: "bp-graph__edge-labels", "aria-hidden": "true" }, labels),
    h("g", { class: "bp-graph__nodes" }, data.nodes.map(drawNode)));
  }

  return { drawing };
});
