// The computational graph of an editable page, for the reader's numbers: its data and its
// drawing made again (backprop-graph-data.js, backprop-graph-svg.js) and handed to the graph's
// player as a fresh copy of the built widget, or the built one back on Reset.
(function () {
  "use strict";

  const ns = (window.BackpropEdit = window.BackpropEdit || {});

  // The widget as built: what the player changed while it played taken back out.
  function pristine(root) {
    const copy = root.cloneNode(true);
    copy.removeAttribute("data-graph-ready");
    copy.setAttribute("data-phase", "idle");
    const log = copy.querySelector(".bp-graph__log ol");
    if (log) log.replaceChildren();
    return copy;
  }

  function GraphPart(root) {
    this.root = root;
    this.built = root && pristine(root);
  }

  GraphPart.prototype.present = function () {
    return Boolean(this.root && this.root.isConnected);
  };

  GraphPart.prototype.replace = function (fresh) {
    this.root.replaceWith(fresh);
    this.root = fresh;
    if (window.BackpropGraph && window.BackpropGraph.setup) window.BackpropGraph.setup(fresh);
  };

  // graph: {data, drawing (a tree, or null where the network is too large to draw)}.
  GraphPart.prototype.show = function (graph) {
    if (!graph || !this.present()) return;
    const fresh = this.built.cloneNode(true);
    fresh.querySelector("script").textContent = JSON.stringify([graph.data]);
    const canvas = fresh.querySelector(".bp-graph__canvas");
    if (canvas && graph.drawing) canvas.replaceChildren(window.BackpropMarkup.toDOM(graph.drawing, document, null));
    this.replace(fresh);
  };

  GraphPart.prototype.restore = function () {
    if (this.present()) this.replace(this.built.cloneNode(true));
  };

  ns.GraphPart = GraphPart;
})();
