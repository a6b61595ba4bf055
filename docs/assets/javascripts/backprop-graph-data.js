// The computational graph of the page's numbers as data for the page's drawing
// (generator/content/graph.py): the nodes with their given values, the edges, the steps of the
// animation with the worked page's own strings, and the layout, whose room for every label
// depends on the strings it will show. The geometry comes from the build (the settings' graph).
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("./backprop-numbers.js"), require("./backprop-refs.js"), require("./backprop-plot.js"),
      require("./backprop-graph-layout.js"));
  } else root.BackpropGraphData = factory(root.BackpropNumbers, root.BackpropRefs, root.BackpropPlot, root.BackpropGraphLayout);
})(typeof self !== "undefined" ? self : this, function (numbers, refs, plot, layout) {
  "use strict";

  const KINDS = {
    x: ["input", "circle", "input"], y: ["target", "circle", "target"], W: ["parameter", "chip", "weight"],
    b: ["parameter", "chip", "bias"], z: ["sum", "circle", "weighted sum"], a: ["activation", "circle", "activation"],
    L: ["loss", "diamond", "loss"],
  };

  // The id of the value an id is about: itself, the value a gradient is taken of, or the
  // weighted sum an activation's derivative is taken at (Ref.node).
  function nodeOf(id) {
    const r = refs.parse(id);
    if (r.kind === "L") return "L";
    if (r.kind === "x" || r.kind === "y") return r.kind + r.j;
    if (r.kind === "W") return `W${r.layer}_${r.j}_${r.k}`;
    return `${r.kind}${r.layer}_${r.j}`;
  }

  const edgeId = (source, target) => source + "->" + target;
  const activation = (layer, k) => (layer === 0 ? "x" + k : `a${layer}_${k}`);

  function columnHeights(sizes) {
    const heights = [];
    for (let l = 1; l < sizes.length; l += 1) heights.push(sizes[l - 1] + sizes[l] * (sizes[l - 1] + 1), sizes[l]);
    return heights.concat([2 * sizes[sizes.length - 1], 1]);
  }

  function drawable(sizes, g) {
    return sizes.length - 1 <= g.MAX_WEIGHT_LAYERS && Math.max(...columnHeights(sizes)) <= g.MAX_COLUMN_NODES;
  }

  // Every node by id, and the columns left to right (graph._nodes).
  function nodesOf(m) {
    const n = m.n;
    const sizes = m.net.sizes;
    const nodes = new Map();
    const add = (id, given) => {
      const [kind, shape, title] = KINDS[refs.parse(id).kind];
      const symbol = n.text(id);
      nodes.set(id, { id, kind, shape, symbol, title: title + " " + symbol,
        given: given ? numbers.exactValue(m.valueOf(id)).text() : null });
      return id;
    };
    const range = (count) => Array.from({ length: count }, (_, i) => i + 1);
    const columns = [];
    let units = range(sizes[0]).map((k) => add("x" + k, true));
    for (let l = 1; l < sizes.length; l += 1) {
      const groups = range(sizes[l]).map((j) => range(sizes[l - 1]).map((k) => add(`W${l}_${j}_${k}`, true)).concat([add(`b${l}_${j}`, true)]));
      columns.push({ kind: "leaves", layer: l, units, groups, nodes: units.concat(groups.flat()) });
      columns.push({ kind: "sums", layer: l, nodes: range(sizes[l]).map((j) => add(`z${l}_${j}`, false)),
        activations: range(sizes[l]).map((j) => `a${l}_${j}`) });
      units = range(sizes[l]).map((j) => add(`a${l}_${j}`, false));
    }
    const targets = range(sizes[sizes.length - 1]).map((j) => add("y" + j, true));
    columns.push({ kind: "outputs", units, targets, nodes: units.concat(targets) });
    columns.push({ kind: "loss", nodes: [add("L", false)] });
    return { nodes, columns };
  }

  // Nodes in an order where each comes after everything it is computed from.
  function topological(m) {
    const sizes = m.net.sizes;
    const order = [];
    for (let k = 1; k <= sizes[0]; k += 1) order.push("x" + k);
    for (let l = 1; l < sizes.length; l += 1) {
      m.parameters.filter((p) => p.layer === l).forEach((p) => order.push(p.id));
      for (let j = 1; j <= sizes[l]; j += 1) order.push(`z${l}_${j}`);
      for (let j = 1; j <= sizes[l]; j += 1) order.push(`a${l}_${j}`);
    }
    for (let j = 1; j <= sizes[sizes.length - 1]; j += 1) order.push("y" + j);
    return order.concat(["L"]);
  }

  function edgesOf(m) {
    const edges = new Map();
    const add = (source, target, local) => edges.set(edgeId(source, target), { id: edgeId(source, target), source, target, local });
    const sizes = m.net.sizes;
    const L = sizes.length - 1;
    for (let l = 1; l <= L; l += 1) {
      for (let j = 1; j <= sizes[l]; j += 1) {
        const z = `z${l}_${j}`;
        for (let k = 1; k <= sizes[l - 1]; k += 1) {
          add(activation(l - 1, k), z, `W${l}_${j}_${k}`);
          add(`W${l}_${j}_${k}`, z, activation(l - 1, k));
        }
        add(`b${l}_${j}`, z, "1");
        add(z, `a${l}_${j}`, `s${l}_${j}`);
      }
    }
    for (let j = 1; j <= sizes[L]; j += 1) {
      add(`a${L}_${j}`, "L", `da${L}_${j}`);
      add("y" + j, "L", null);
    }
    return edges;
  }

  // The edges a step lights, and the nodes it lights besides its inputs (graph._lit).
  function lit(m, q, into) {
    const node = nodeOf(q.id);
    const r = refs.parse(node);
    if (["z", "a", "loss"].includes(q.kind)) return [into.get(node), []];
    if (q.kind === "dL/da" && q.layer === m.depth) return [[edgeId(node, "L")], []];
    if (q.kind === "dL/da" || q.kind === "dL/dx") {
      const l = q.layer;
      const weights = [];
      for (let j = 1; j <= m.net.sizes[l + 1]; j += 1) weights.push([`W${l + 1}_${j}_${r.j}`, `z${l + 1}_${j}`]);
      return [weights.map(([, z]) => edgeId(node, z)), weights.map(([w]) => w)];
    }
    if (q.kind === "derivative" || q.kind === "dL/dz") return [[edgeId(node, `a${r.layer}_${r.j}`)], []];
    return [[edgeId(node, `z${r.layer}_${r.j}`)], []];
  }

  function stepsOf(m, edges) {
    const into = new Map();
    edges.forEach((e) => {
      if (!into.has(e.target)) into.set(e.target, []);
      into.get(e.target).push(e.id);
    });
    return m.data.computation.map(([id, phase, kind, layer, inputs]) => {
      const q = { id, phase, kind, layer };
      const node = nodeOf(id);
      const [edgesLit, more] = lit(m, q, into);
      const sources = inputs.map(nodeOf).filter((i) => i !== node).concat(more);
      const edge = kind === "derivative" ? edgesLit[0] : null;
      const worked = m.by.get(id);
      return {
        id, phase, kind, node, slot: edge ? "edge" : phase === "forward" ? "value" : "gradient", edge,
        symbol: worked.symbolText, text: worked.valueText, log: worked.text,
        label: edge ? m.data.notation.activations[layer - 1][1] + "′" : null, sources: Array.from(new Set(sources)), edges: edgesLit,
      };
    });
  }

  function markFillingSteps(nodes, edges, steps) {
    nodes.forEach((n) => Object.assign(n, { value_step: null, gradient_step: null }));
    edges.forEach((e) => { e.label_step = null; });
    steps.forEach((s, i) => {
      if (s.slot === "edge") edges.get(s.edge).label_step = i;
      else nodes.get(s.node)[s.slot + "_step"] = i;
    });
  }

  // Everything the page's drawing needs (graph.graph_data); g: the settings' graph geometry.
  function graphData(m, g) {
    const sizes = m.net.sizes;
    const limits = { column_nodes: g.MAX_COLUMN_NODES, weight_layers: g.MAX_WEIGHT_LAYERS,
      most_column_nodes: Math.max(...columnHeights(sizes)), weight_layers_here: sizes.length - 1 };
    if (!drawable(sizes, g)) return { drawable: false, limits };
    const { nodes, columns } = nodesOf(m);
    const edges = edgesOf(m);
    const steps = stepsOf(m, edges);
    const [width, height] = layout.layout(g, nodes, columns, edges, steps);
    markFillingSteps(nodes, edges, steps);
    return {
      drawable: true, limits, example: m.data.slug, width, height,
      min_width: layout.roundHalfEven(width * g.MIN_SCALE),
      font: g.FONT, nodes: topological(m).map((id) => nodes.get(id)), edges: Array.from(edges.values()), steps,
      forward_steps: steps.filter((s) => s.phase === "forward").length,
    };
  }

  return { graphData, drawable, columnHeights, nodeOf };
});
