// The graph's layout for the page's numbers (the layout half of generator/content/graph.py):
// every label a node will ever show is given room from the start, columns and rows are placed,
// edges routed, and every coordinate rounded to a tenth as the build rounds it. `g` is the
// build's geometry (the settings' graph); nodes and edges are Maps by id, changed in place.
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory(require("./backprop-plot.js"));
  else root.BackpropGraphLayout = factory(root.BackpropPlot);
})(typeof self !== "undefined" ? self : this, function (plot) {
  "use strict";

  // Python's round(v, 1) and round(v): half to even on the exact binary value.
  const r = (v) => Number(plot.fixed(v, 1));
  function roundHalfEven(x) {
    const low = Math.floor(x);
    const rest = x - low;
    if (rest !== 0.5) return rest < 0.5 ? low : low + 1;
    return low % 2 === 0 ? low : low + 1;
  }

  const isDigit = (ch) => /^\p{Nd}$/u.test(ch);
  const isUpper = (ch) => /^\p{Lu}$/u.test(ch);

  // Approximate advance width of a label, as graph.text_width estimates it.
  function textWidth(g, text, size) {
    let em = 0;
    for (const ch of text) {
      if (Object.prototype.hasOwnProperty.call(g.WIDTHS, ch)) em += g.WIDTHS[ch];
      else if (g.SMALL.includes(ch)) em += 0.4;
      else if (isDigit(ch)) em += 0.6;
      else if (isUpper(ch)) em += 0.7;
      else em += 0.58;
    }
    return em * (size === undefined ? g.FONT : size);
  }

  const box = (x, y, w, h, rx) => ({ x: r(x), y: r(y), w: r(w), h: r(h), cx: r(x + w / 2), rx: r(rx || 0) });
  const tagWidth = (g, symbol, value) => Math.max(textWidth(g, symbol), textWidth(g, value)) + 2 * g.TAG_PADDING_X;

  function shapeSize(g, node, chipWidth) {
    if (node.shape === "circle") return [2 * g.RADIUS, 2 * g.RADIUS];
    if (node.shape === "diamond") return [2 * g.DIAMOND, 2 * g.DIAMOND];
    return [chipWidth, g.CHIP_HEIGHT];
  }

  // Every label a node will ever show is reserved from the start, so nothing moves.
  function reserveRoom(g, nodes, columns, steps) {
    const shown = new Map();
    const of = (id) => shown.get(id) || shown.set(id, {}).get(id);
    steps.forEach((s) => {
      if (s.slot === "value") of(s.node).value = s.text;
      else if (s.slot === "gradient") of(s.node).gradient = [s.symbol, s.text];
    });
    columns.forEach((col) => {
      const chipWidth = Math.max(...col.nodes.map((i) => textWidth(g, nodes.get(i).symbol) + 2 * g.CHIP_PADDING), 0);
      col.nodes.forEach((i) => {
        const node = nodes.get(i);
        const [w, h] = shapeSize(g, node, chipWidth);
        const seen = shown.get(i) || {};
        const value = node.given || seen.value || "";
        const tag = seen.gradient ? tagWidth(g, ...seen.gradient) : 0;
        Object.assign(node, { w, h, box_width: Math.max(w, textWidth(g, value), tag), top: h / 2 + g.GAP + g.LINE,
          bottom: h / 2 + (seen.gradient ? g.GAP + g.TAG_HEIGHT : 0), tag_width: tag });
      });
      col.width = Math.max(...col.nodes.map((i) => nodes.get(i).box_width));
      if (col.kind === "leaves") col.nodes.forEach((i) => { if (nodes.get(i).shape === "chip") nodes.get(i).w = col.width; });
    });
  }

  // Centres of nodes stacked downwards from `start`, the top of the first box.
  function stack(g, nodes, ids, start) {
    const ys = [];
    let y = start;
    ids.forEach((i) => {
      const n = nodes.get(i);
      ys.push(y + n.top);
      y += n.top + n.bottom + g.SLOT_GAP;
    });
    return ys;
  }

  function centred(g, nodes, ids) {
    const ys = stack(g, nodes, ids, 0.0);
    const middle = (ys[0] + ys[ys.length - 1]) / 2;
    return ys.map((y) => y - middle);
  }

  const mean = (values) => values.reduce((s, v) => s + v, 0) / values.length;

  function placeRows(g, nodes, columns, edges) {
    let centres = [];
    const level = new Map();
    const placeUnits = (units) => {
      if (units.length && level.has(units[0])) units.forEach((i) => { nodes.get(i).y = level.get(i); });
      else centred(g, nodes, units).forEach((y, index) => { nodes.get(units[index]).y = y; });
      const last = units.reduce((a, b) => (nodes.get(b).y > nodes.get(a).y ? b : a));
      return nodes.get(last).y + nodes.get(last).bottom + g.SLOT_GAP;
    };
    columns.forEach((col) => {
      if (col.kind === "leaves") {
        let start = placeUnits(col.units) + g.GROUP_GAP;
        centres = col.groups.map((group) => {
          const ys = stack(g, nodes, group, start);
          group.forEach((i, index) => { nodes.get(i).y = ys[index]; });
          start = ys[ys.length - 1] + nodes.get(group[group.length - 1]).bottom + g.SLOT_GAP + g.GROUP_GAP;
          return ys.reduce((s, y) => s + y, 0) / ys.length;
        });
      } else if (col.kind === "sums") {
        col.nodes.forEach((i, index) => { nodes.get(i).y = centres[index]; level.set(col.activations[index], centres[index]); });
      } else if (col.kind === "outputs") {
        const start = placeUnits(col.units);
        stack(g, nodes, col.targets, start).forEach((y, index) => { nodes.get(col.targets[index]).y = y; });
      } else {
        const inputs = Array.from(edges.values()).filter((e) => e.target === "L").map((e) => nodes.get(e.source).y);
        nodes.get("L").y = mean(inputs);
      }
    });
  }

  // Columns left to right, with room for the fans of edges and the derivative labels.
  function placeColumns(g, nodes, columns, labels) {
    let x = g.MARGIN;
    for (let c = 0; c < columns.length; c += 1) {
      const col = columns[c];
      Object.assign(col, { left: x, right: x + col.width });
      col.nodes.forEach((i) => { nodes.get(i).x = x + col.width / 2; });
      if (c + 1 === columns.length) return col.right;
      let gap = g.LOSS_GAP;
      if (columns[c + 1].kind === "sums") gap = g.FAN_GAP;
      else if (col.kind === "sums") {
        const widths = Array.from(labels.values()).filter((s) => col.nodes.includes(s.node)).map((s) => tagWidth(g, s.label, s.text));
        gap = Math.max(...widths, 0) + 2 * g.EDGE_LABEL_MARGIN;
      }
      x = col.right + gap;
    }
    return x;
  }

  function routeEdges(g, nodes, columns, edges, labels) {
    const columnOf = new Map();
    columns.forEach((col) => col.nodes.forEach((i) => columnOf.set(i, col)));
    edges.forEach((e) => {
      const [source, target] = [nodes.get(e.source), nodes.get(e.target)];
      const points = [[source.x + source.w / 2, source.y], [columnOf.get(source.id).right, source.y],
        [columnOf.get(target.id).left, target.y], [target.x - target.w / 2, target.y]];
      const path = points.slice(0, 1).concat(points.slice(1).filter((p, i) =>
        Math.abs(p[0] - points[i][0]) > 0.01 || Math.abs(p[1] - points[i][1]) > 0.01));
      e.points = path.map(([px, py]) => [r(px), r(py)]);
      e.label_box = null;
      if (labels.has(e.id)) {
        const s = labels.get(e.id);
        const w = tagWidth(g, s.label, s.text);
        const middle = (columnOf.get(source.id).right + columnOf.get(target.id).left) / 2;
        e.label_box = box(middle - w / 2, source.y - g.TAG_HEIGHT / 2, w, g.TAG_HEIGHT, g.TAG_HEIGHT / 2);
      }
    });
  }

  // Baselines of the two lines of text in a tag or edge label: a symbol, then a value.
  function baselines(g, b) {
    const first = b.y + g.TAG_PADDING_Y + 0.76 * g.TAG_LINE;
    return [r(first), r(first + g.TAG_LINE)];
  }

  function finishNode(g, n) {
    n.value_y = r(n.y - n.h / 2 - g.GAP);
    n.tag = n.tag_width ? box(n.x - n.tag_width / 2, n.y + n.h / 2 + g.GAP, n.tag_width, g.TAG_HEIGHT, g.TAG_HEIGHT / 2) : null;
    n.tag_baselines = n.tag ? baselines(g, n.tag) : null;
    n.box = box(n.x - n.box_width / 2, n.y - n.top, n.box_width, n.top + n.bottom);
    n.shape_box = box(n.x - n.w / 2, n.y - n.h / 2, n.w, n.h, g.CHIP_HEIGHT / 6);
    const [hw, hh] = [n.w / 2, n.h / 2];
    const corners = [[n.x, n.y - hh], [n.x + hw, n.y], [n.x, n.y + hh], [n.x - hw, n.y]];
    n.corners = n.shape === "diamond" ? corners.map(([px, py]) => [r(px), r(py)]) : null;
    n.r = n.shape === "circle" ? r(n.w / 2) : null;
    ["x", "y", "w", "h"].forEach((k) => { n[k] = r(n[k]); });
    ["top", "bottom", "box_width", "tag_width"].forEach((k) => { delete n[k]; });
  }

  // Shift everything so that the topmost label starts at the margin; returns the bottom.
  function moveToMargin(g, nodes, edges) {
    const all = Array.from(nodes.values());
    const labelled = Array.from(edges.values()).filter((e) => e.label_box);
    const top = Math.min(...all.map((n) => n.y - n.top), ...labelled.map((e) => e.label_box.y), 0);
    const bottom = Math.max(...all.map((n) => n.y + n.bottom), ...labelled.map((e) => e.label_box.y + e.label_box.h));
    const dy = g.MARGIN - top;
    all.forEach((n) => { n.y += dy; finishNode(g, n); });
    edges.forEach((e) => {
      e.points = e.points.map(([px, py]) => [px, r(py + dy)]);
      if (e.label_box) {
        const b = e.label_box;
        e.label_box = box(b.x, b.y + dy, b.w, b.h, b.rx);
      }
      e.label_baselines = e.label_box ? baselines(g, e.label_box) : null;
    });
    return bottom + dy;
  }

  // Places every node, label and edge; returns the drawing's width and height.
  function layout(g, nodes, columns, edges, steps) {
    reserveRoom(g, nodes, columns, steps);
    placeRows(g, nodes, columns, edges);
    const labels = new Map();
    steps.forEach((s) => { if (s.slot === "edge") labels.set(s.edge, s); });
    const right = placeColumns(g, nodes, columns, labels);
    routeEdges(g, nodes, columns, edges, labels);
    const bottom = moveToMargin(g, nodes, edges);
    return [r(right + g.MARGIN), r(bottom + g.MARGIN)];
  }

  return { layout, textWidth, roundHalfEven, round1: r };
});
