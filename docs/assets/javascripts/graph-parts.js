// Finds the parts of a computational graph's drawing. The generator draws the graph as SVG in
// the page itself (generator/graph_svg.py), in its idle state; this file only looks up, by the
// stable ids of the page's JSON, the elements the player fills as the animation plays.
(function () {
  "use strict";
  var ns = (window.BackpropGraph = window.BackpropGraph || {});

  function byId(svg, attribute, id) {
    return svg.querySelector("[" + attribute + '="' + id + '"]');
  }

  // A gradient tag or an edge label: its group and its two lines of text.
  function twoLineBox(group) {
    return group && {
      group: group,
      symbol: group.querySelector(".bp-line-symbol"),
      value: group.querySelector(".bp-line-value"),
    };
  }

  // Returns the SVG and its parts, or null when the page has no drawing for this data.
  ns.parts = function (root, data) {
    var svg = root.querySelector("svg.bp-graph__svg");
    if (!svg) return null;
    var parts = { svg: svg, nodes: {}, edges: {}, labels: {} };
    data.nodes.forEach(function (node) {
      var group = byId(svg, "data-node-id", node.id);
      parts.nodes[node.id] = {
        group: group,
        value: group.querySelector(".bp-node__value"),
        tag: twoLineBox(group.querySelector(".bp-node__tag")),
        data: node,
      };
    });
    data.edges.forEach(function (edge) {
      parts.edges[edge.id] = svg.querySelector('.bp-edge[data-edge-id="' + edge.id + '"]');
      var label = svg.querySelector('.bp-edge-label[data-edge-id="' + edge.id + '"]');
      if (label) parts.labels[edge.id] = twoLineBox(label);
    });
    return parts;
  };
})();
