// Draws a computational graph as SVG from the page's JSON. Every position and every string
// comes from that data, which the generator computed; this file only creates elements.
(function () {
  "use strict";
  var SVG_NS = "http://www.w3.org/2000/svg";
  var ns = (window.BackpropGraph = window.BackpropGraph || {});
  var drawn = 0;

  function element(name, attributes, parent) {
    var el = document.createElementNS(SVG_NS, name);
    Object.keys(attributes || {}).forEach(function (key) {
      el.setAttribute(key, attributes[key]);
    });
    if (parent) parent.appendChild(el);
    return el;
  }

  function pathData(points) {
    return points.map(function (p, i) {
      return (i === 0 ? "M" : "L") + p[0] + " " + p[1];
    }).join(" ");
  }

  // A box with two lines of text (a gradient tag or a derivative on an edge), empty until a
  // step fills it.
  function twoLineBox(parent, className, box, baselines) {
    var group = element("g", { "class": className }, parent);
    element("rect", { x: box.x, y: box.y, width: box.w, height: box.h, rx: box.rx }, group);
    var text = element("text", { x: box.cx, "text-anchor": "middle" }, group);
    var lines = baselines.map(function (y, i) {
      return element("tspan", { x: box.cx, y: y, "class": i === 0 ? "bp-line-symbol" : "bp-line-value" }, text);
    });
    return { group: group, symbol: lines[0], value: lines[1] };
  }

  function shape(node, parent) {
    if (node.shape === "circle") {
      return element("circle", { cx: node.x, cy: node.y, r: node.r, "class": "bp-node__shape" }, parent);
    }
    if (node.shape === "diamond") {
      return element("polygon", { points: node.corners.join(" "), "class": "bp-node__shape" }, parent);
    }
    var box = node.shape_box;
    return element("rect", { x: box.x, y: box.y, width: box.w, height: box.h, rx: box.rx, "class": "bp-node__shape" }, parent);
  }

  // Returns the SVG and the elements a player needs, looked up by the stable ids of the data.
  ns.draw = function (container, data) {
    drawn += 1;
    var arrowId = "bp-arrow-" + drawn;
    var svg = element("svg", {
      viewBox: "0 0 " + data.width + " " + data.height,
      "class": "bp-graph__svg",
      role: "group",
      "aria-label": "Computational graph of the example, nodes in computation order",
    });
    svg.style.maxWidth = data.width + "px";
    svg.style.minWidth = data.min_width + "px";
    svg.style.fontSize = data.font + "px";

    var defs = element("defs", {}, svg);
    var marker = element("marker", {
      // Sized in drawing units, so that a lit (thicker) edge keeps the same arrowhead.
      id: arrowId, viewBox: "0 0 10 10", refX: "9", refY: "5", markerUnits: "userSpaceOnUse",
      markerWidth: "9", markerHeight: "9", orient: "auto",
    }, defs);
    element("path", { d: "M0 1 L10 5 L0 9 z", "class": "bp-arrow" }, marker);

    var edgeLayer = element("g", { "class": "bp-graph__edges", "aria-hidden": "true" }, svg);
    var labelLayer = element("g", { "class": "bp-graph__edge-labels", "aria-hidden": "true" }, svg);
    var nodeLayer = element("g", { "class": "bp-graph__nodes" }, svg);
    var parts = { svg: svg, nodes: {}, edges: {}, labels: {} };

    data.edges.forEach(function (edge) {
      parts.edges[edge.id] = element("path", {
        d: pathData(edge.points), "class": "bp-edge", "data-edge-id": edge.id,
        "marker-end": "url(#" + arrowId + ")",
      }, edgeLayer);
      if (edge.label_box) {
        parts.labels[edge.id] = twoLineBox(labelLayer, "bp-edge-label", edge.label_box, edge.label_baselines);
        parts.labels[edge.id].group.setAttribute("data-edge-id", edge.id);
      }
    });

    // Document order is the topological order of the data, so Tab visits the nodes in the
    // order they are computed.
    data.nodes.forEach(function (node) {
      var group = element("g", {
        "class": "bp-node bp-node--" + node.kind, "data-node-id": node.id,
        tabindex: "0", role: "img", "aria-label": node.title,
      }, nodeLayer);
      shape(node, group);
      var symbol = element("text", { x: node.x, y: node.y, "class": "bp-node__symbol", "text-anchor": "middle", "dominant-baseline": "central" }, group);
      symbol.textContent = node.symbol;
      var value = element("text", { x: node.x, y: node.value_y, "class": "bp-node__value", "text-anchor": "middle" }, group);
      var tag = node.tag ? twoLineBox(group, "bp-node__tag", node.tag, node.tag_baselines) : null;
      parts.nodes[node.id] = { group: group, value: value, tag: tag, data: node };
    });

    container.appendChild(svg);
    return parts;
  };
})();
