"""The computational graph of an example, as data for the page's interactive drawing.

Pure: reads a computed example (its network, trace and worked quantities) and returns a dict the
page embeds as JSON. The browser only places what it is given and shows the strings it is given:

- nodes with stable ids (the quantity ids x1, W1_1_2, b1_1, z1_1, a1_1, L, and y1 for targets),
  in topological order, which is also the order keyboard focus visits them;
- edges, each a path from a node to a node computed from it;
- a left-to-right layout in SVG user units (columns: inputs, then per layer its parameters,
  weighted sums and activations, then the loss);
- the steps of the animation, one per worked quantity, forward ones in computation order and
  then backward ones: what each step lights up, the string it shows and its log line, all taken
  from `worked.Quantity` so the graph and the page always agree.
"""
from __future__ import annotations

from . import numbers, worked

# The drawing stays legible while no column holds more than this many nodes. The tallest column
# is a layer's parameters: sizes[l] * (sizes[l-1] + 1) weights and biases, so 3 inputs and 3
# neurons (12) are drawn, 4 and 3 (15) are not.
MAX_COLUMN_NODES = 12
# Each layer of weights adds four columns; beyond three the drawing gets too wide to read.
MAX_WEIGHT_LAYERS = 3

# Geometry in SVG user units; the SVG scales to the page's width through its viewBox. A unit is
# a CSS pixel at natural size, and the drawing never shrinks below MIN_SCALE of it (it scrolls
# sideways instead), so that labels stay at least FONT * MIN_SCALE pixels high.
FONT = 14
MIN_SCALE = 0.8
RADIUS = 19  # circles: inputs, targets, weighted sums, activations
CHIP_HEIGHT = 24  # rectangles: weights and biases
CHIP_PADDING = 8
DIAMOND = 24  # half diagonal of the loss's diamond
LINE = 17  # height of the value label above a shape
TAG_LINE = 16  # line height inside a gradient tag and an edge label
TAG_PADDING_X = 6
TAG_PADDING_Y = 4
TAG_HEIGHT = 2 * TAG_LINE + 2 * TAG_PADDING_Y
GAP = 4  # between a shape and its labels
SLOT_GAP = 10  # between the boxes of two nodes in a column
GROUP_GAP = 14  # between the parameter groups of two neurons
FAN_GAP = 36  # before a parameter column, where every input fans out to every neuron
FEED_GAP = 22  # between parameters and the weighted sum they feed
LOSS_GAP = 28
EDGE_LABEL_MARGIN = 6
MARGIN = 8

# Approximate advance widths in em: Helvetica and Arial metrics (what Material's system font
# stack resolves to almost everywhere) with some slack; a browser test checks the real boxes
# for overlaps.
_SMALL = set("₀₁₂₃₄₅₆₇₈₉⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾⁻")
_WIDTHS = {".": 0.3, ",": 0.3, " ": 0.3, "·": 0.3, "−": 0.62, "=": 0.62, "×": 0.62, "+": 0.62,
           "-": 0.36, "∂": 0.52, "/": 0.3, "(": 0.36, ")": 0.36, "′": 0.26, "½": 0.9, "W": 0.98}


def text_width(text: str, size: float = FONT) -> float:
    em = 0.0
    for ch in text:
        if ch in _WIDTHS:
            em += _WIDTHS[ch]
        elif ch in _SMALL:
            em += 0.4
        elif ch.isdigit():
            em += 0.6
        elif ch.isupper():
            em += 0.7
        else:
            em += 0.58
    return em * size


def column_heights(sizes) -> list[int]:
    """How many nodes each column of the drawing holds, left to right."""
    heights = [sizes[0]]
    for l in range(1, len(sizes)):
        heights += [sizes[l] * (sizes[l - 1] + 1), sizes[l], sizes[l]]
    heights[-1] += sizes[-1]  # the targets stand under the output activations
    return heights + [1]


def drawable(sizes) -> bool:
    return len(sizes) - 1 <= MAX_WEIGHT_LAYERS and max(column_heights(sizes)) <= MAX_COLUMN_NODES


def edge_id(source: str, target: str) -> str:
    return f"{source}->{target}"


def graph_data(computed) -> dict:
    """Everything the page's drawing needs, ready for json.dumps."""
    net = computed.example.network
    limits = dict(column_nodes=MAX_COLUMN_NODES, weight_layers=MAX_WEIGHT_LAYERS,
                  most_column_nodes=max(column_heights(net.sizes)), weight_layers_here=net.depth)
    if not drawable(net.sizes):
        return dict(drawable=False, limits=limits)
    nodes, columns = _nodes(computed)
    edges = _edges(net)
    steps = _steps(computed, edges)
    width, height = _layout(nodes, columns, edges, steps, net)
    _mark_filling_steps(nodes, edges, steps)
    return dict(drawable=True, limits=limits, example=computed.example.slug,
                width=width, height=height, min_width=round(width * MIN_SCALE), font=FONT,
                nodes=_topological(nodes, net),
                edges=list(edges.values()), steps=steps,
                forward_steps=sum(1 for s in steps if s["phase"] == "forward"))


# --- Nodes --------------------------------------------------------------------------------------

def _nodes(computed):
    """Every node by id, and the columns left to right (each a list of node ids)."""
    ex, trace = computed.example, computed.trace
    net, digits = ex.network, ex.significant_digits
    n = worked.Notation(net.sizes)
    text = lambda v: numbers.text(float(v), digits)  # noqa: E731 - one rounding rule for every given value
    nodes: dict[str, dict] = {}

    def add(id, kind, shape, symbol, title, given=None):
        nodes[id] = dict(id=id, kind=kind, shape=shape, symbol=symbol, title=title, given=given)
        return id

    columns = [dict(kind="input", nodes=[add(f"x{k}", "input", "circle", n.x(k)[1], f"input {n.x(k)[1]}", text(trace.x[k - 1]))
                                         for k in range(1, net.sizes[0] + 1)])]
    for l in range(1, net.depth + 1):
        W, b = net.weights[l - 1], net.biases[l - 1]
        groups = []
        for j in range(1, net.sizes[l] + 1):
            group = [add(f"W{l}_{j}_{k}", "parameter", "chip", n.weight(l, j, k)[1], f"weight {n.weight(l, j, k)[1]}", text(W[j - 1, k - 1]))
                     for k in range(1, net.sizes[l - 1] + 1)]
            group.append(add(f"b{l}_{j}", "parameter", "chip", n.bias(l, j)[1], f"bias {n.bias(l, j)[1]}", text(b[j - 1])))
            groups.append(group)
        columns.append(dict(kind="parameters", layer=l, nodes=[i for g in groups for i in g], groups=groups))
        units = range(1, net.sizes[l] + 1)
        columns.append(dict(kind="sums", layer=l, nodes=[add(f"z{l}_{j}", "sum", "circle", n.unit("z", l, j)[1],
                                                                  f"weighted sum {n.unit('z', l, j)[1]}") for j in units]))
        columns.append(dict(kind="activations", layer=l, nodes=[add(f"a{l}_{j}", "activation", "circle", n.unit("a", l, j)[1],
                                                                         f"activation {n.unit('a', l, j)[1]}") for j in units]))
    columns[-1]["targets"] = [add(f"y{j}", "target", "circle", n.y(j)[1], f"target {n.y(j)[1]}", text(trace.y[j - 1]))
                              for j in range(1, net.sizes[-1] + 1)]
    columns[-1]["nodes"] = columns[-1]["nodes"] + columns[-1]["targets"]
    columns.append(dict(kind="loss", nodes=[add("L", "loss", "diamond", "L", "loss L")]))
    return nodes, columns


def _topological(nodes, net):
    """Nodes in an order where each comes after everything it is computed from: inputs, then per
    layer its parameters, sums and activations, then the targets and the loss."""
    order = [f"x{k}" for k in range(1, net.sizes[0] + 1)]
    for l in range(1, net.depth + 1):
        units, prev = range(1, net.sizes[l] + 1), range(1, net.sizes[l - 1] + 1)
        order += [p for j in units for p in [f"W{l}_{j}_{k}" for k in prev] + [f"b{l}_{j}"]]
        order += [f"z{l}_{j}" for j in units] + [f"a{l}_{j}" for j in units]
    order += [f"y{j}" for j in range(1, net.sizes[-1] + 1)] + ["L"]
    return [nodes[i] for i in order]


# --- Edges --------------------------------------------------------------------------------------

def _edges(net) -> dict[str, dict]:
    """Every edge by id: an input (or previous activation) into each weight that multiplies it,
    each weight and bias into its weighted sum, the sum into its activation, the outputs and
    targets into the loss."""
    edges = {}

    def add(source, target):
        edges[edge_id(source, target)] = dict(id=edge_id(source, target), source=source, target=target)

    for l in range(1, net.depth + 1):
        for j in range(1, net.sizes[l] + 1):
            for k in range(1, net.sizes[l - 1] + 1):
                add(worked.input_id(l - 1, k), f"W{l}_{j}_{k}")
                add(f"W{l}_{j}_{k}", f"z{l}_{j}")
            add(f"b{l}_{j}", f"z{l}_{j}")
            add(f"z{l}_{j}", f"a{l}_{j}")
    for j in range(1, net.sizes[-1] + 1):
        add(f"a{net.depth}_{j}", "L")
        add(f"y{j}", "L")
    return edges


# --- Steps --------------------------------------------------------------------------------------

def node_of(quantity_id: str) -> str:
    """The node a quantity belongs to: its own for values, the differentiated one for gradients,
    the weighted sum for an activation's derivative."""
    if quantity_id[0] == "d":
        return quantity_id[1:]
    if quantity_id[0] == "s":
        return "z" + quantity_id[1:]
    return quantity_id


def _steps(computed, edges) -> list[dict]:
    net = computed.example.network
    into = {}
    for e in edges.values():
        into.setdefault(e["target"], []).append(e["id"])
    out = []
    for q in computed.quantities:
        node = node_of(q.id)
        sources = [node_of(i) for i in q.inputs if node_of(i) != node]
        edge, slot = None, "value" if q.phase == "forward" else "gradient"
        if q.kind == "z":
            # The inputs reach the sum through the weights that multiply them.
            lit = into[node] + [e for w in q.inputs if w.startswith("W") for e in into[w]]
        elif q.kind in ("a", "loss"):
            lit = into[node]
        elif q.kind == "dL/da" and q.layer == net.depth:
            lit = [edge_id(node, "L")]
        elif q.kind == "dL/da":
            # The gradient comes back from every sum of the next layer, through each weight.
            l, k = q.layer, node.rsplit("_", 1)[1]
            units = range(1, net.sizes[l + 1] + 1)
            weights = [f"W{l + 1}_{j}_{k}" for j in units]
            lit = [e for j, w in zip(units, weights) for e in (edge_id(node, w), edge_id(w, f"z{l + 1}_{j}"))]
            sources += weights
        elif q.kind == "derivative":
            # The activation's local derivative is written on the edge it belongs to.
            slot, edge = "edge", edge_id(node, "a" + node[1:])
            lit = [edge]
        elif q.kind == "dL/dz":
            lit = [edge_id(node, "a" + node[1:])]
        else:  # dL/dW, dL/db: back along the edge into the sum
            lit = [edge_id(node, _sum_fed_by(node))]
        out.append(dict(id=q.id, phase=q.phase, kind=q.kind, node=node, slot=slot, edge=edge,
                        symbol=q.symbol_text, text=q.value_text, log=q.equation_text(),
                        label=_edge_label(net, q) if slot == "edge" else None,
                        sources=list(dict.fromkeys(sources)), edges=lit))
    return out


def _sum_fed_by(parameter: str) -> str:
    """z2_1 for W2_1_2 and for b2_1."""
    layer, unit = parameter[1:].split("_")[:2]
    return f"z{layer}_{unit}"


def _edge_label(net, q) -> str:
    """The short name of an activation's derivative written on its edge, e.g. σ′."""
    return worked.ACTIVATION_NAMES[net.activations[q.layer - 1]][1] + "′"


def _mark_filling_steps(nodes, edges, steps):
    """Which step fills each node's value and gradient, and each edge's label (None: never, or
    given from the start), so that the page and the tests read it instead of working it out."""
    for n in nodes.values():
        n["value_step"] = n["gradient_step"] = None
    for e in edges.values():
        e["label_step"] = None
    for i, s in enumerate(steps):
        if s["slot"] == "edge":
            edges[s["edge"]]["label_step"] = i
        else:
            nodes[s["node"]][f"{s['slot']}_step"] = i


# --- Layout -------------------------------------------------------------------------------------

def _shape_size(node, chip_width):
    if node["shape"] == "circle":
        return 2 * RADIUS, 2 * RADIUS
    if node["shape"] == "diamond":
        return 2 * DIAMOND, 2 * DIAMOND
    return chip_width, CHIP_HEIGHT


def _tag_width(symbol, value):
    return max(text_width(symbol), text_width(value)) + 2 * TAG_PADDING_X


def _layout(nodes, columns, edges, steps, net):
    """Place every node, label and edge; returns the drawing's width and height."""
    shown = {}  # node id -> {"value": text, "gradient": (symbol, text)}
    for s in steps:
        if s["slot"] == "value":
            shown.setdefault(s["node"], {})["value"] = s["text"]
        elif s["slot"] == "gradient":
            shown.setdefault(s["node"], {})["gradient"] = (s["symbol"], s["text"])

    # Sizes: every label a node will ever show is reserved from the start, so nothing moves.
    for col in columns:
        chip_width = max([text_width(nodes[i]["symbol"]) + 2 * CHIP_PADDING for i in col["nodes"]] + [0])
        for i in col["nodes"]:
            node = nodes[i]
            w, h = _shape_size(node, chip_width)
            value = node["given"] or shown.get(i, {}).get("value", "")
            gradient = shown.get(i, {}).get("gradient")
            node.update(w=w, h=h, box_width=max(w, text_width(value), _tag_width(*gradient) if gradient else 0),
                        top=h / 2 + GAP + LINE, bottom=h / 2 + (GAP + TAG_HEIGHT if gradient else 0),
                        tag_width=_tag_width(*gradient) if gradient else 0)
        col["width"] = max(nodes[i]["box_width"] for i in col["nodes"])
        if col["kind"] == "parameters":
            # Chips fill their column so that incoming edges end on them, never under a label.
            for i in col["nodes"]:
                nodes[i]["w"] = col["width"]

    def pitch(i):
        return nodes[i]["top"] + nodes[i]["bottom"] + SLOT_GAP

    def stack(ids, start):
        """Centres of nodes stacked downwards from `start` (the top of the first box)."""
        ys, y = [], start
        for i in ids:
            ys.append(y + nodes[i]["top"])
            y += pitch(i)
        return ys

    def centred(ids):
        ys = stack(ids, 0.0)
        middle = (ys[0] + ys[-1]) / 2
        return [y - middle for y in ys]

    # Vertical: each layer's parameters are grouped by the neuron they feed, and the neuron's sum
    # and activation stand level with the middle of its group. Everything is centred on y = 0.
    centres: list[float] = []  # of the parameter groups of the layer being placed
    for col in columns:
        if col["kind"] == "input":
            for i, y in zip(col["nodes"], centred(col["nodes"])):
                nodes[i]["y"] = y
        elif col["kind"] == "parameters":
            flat = centred(col["nodes"])
            ys = dict(zip(col["nodes"], flat))
            # Open a gap between groups, keeping the column centred.
            groups = col["groups"]
            for g, group in enumerate(groups):
                shift = (g - (len(groups) - 1) / 2) * GROUP_GAP
                for i in group:
                    nodes[i]["y"] = ys[i] + shift
            centres = [sum(nodes[i]["y"] for i in g) / len(g) for g in groups]
        elif col["kind"] in ("sums", "activations"):
            units = [i for i in col["nodes"] if nodes[i]["kind"] != "target"]
            for i, y in zip(units, centres):
                nodes[i]["y"] = y
            if col.get("targets"):
                last = units[-1]
                start = nodes[last]["y"] + nodes[last]["bottom"] + SLOT_GAP
                for i, y in zip(col["targets"], stack(col["targets"], start)):
                    nodes[i]["y"] = y
        else:  # the loss, level with the middle of what it is computed from
            inputs = [e["source"] for e in edges.values() if e["target"] == "L"]
            nodes["L"]["y"] = sum(nodes[i]["y"] for i in inputs) / len(inputs)

    # Horizontal: columns left to right, with room for the fans of edges and for the derivative
    # labels between a sum and its activation.
    labels = {s["edge"]: s for s in steps if s["slot"] == "edge"}
    x = MARGIN
    for c, col in enumerate(columns):
        col["left"], col["right"] = x, x + col["width"]
        for i in col["nodes"]:
            nodes[i]["x"] = x + col["width"] / 2
        if c + 1 == len(columns):
            break
        following = columns[c + 1]["kind"]
        if following == "parameters":
            gap = FAN_GAP
        elif following == "sums":
            gap = FEED_GAP
        elif following == "activations":
            widths = [_tag_width(s["label"], s["text"]) for s in labels.values() if s["node"] in col["nodes"]]
            gap = max(widths + [0]) + 2 * EDGE_LABEL_MARGIN
        else:
            gap = LOSS_GAP
        x = col["right"] + gap
    column_of = {i: col for col in columns for i in col["nodes"]}

    # Edges leave a shape on its right, run to the edge of its column, cross the gap and enter
    # the next column level with their target: no edge passes under a label.
    for e in edges.values():
        source, target = nodes[e["source"]], nodes[e["target"]]
        points = [(source["x"] + source["w"] / 2, source["y"]), (column_of[source["id"]]["right"], source["y"]),
                  (column_of[target["id"]]["left"], target["y"]), (target["x"] - target["w"] / 2, target["y"])]
        path = points[:1] + [p for prev, p in zip(points, points[1:]) if abs(p[0] - prev[0]) > 0.01 or abs(p[1] - prev[1]) > 0.01]
        e["points"] = [[_r(px), _r(py)] for px, py in path]
        e["label_box"] = None
        if e["id"] in labels:
            w = _tag_width(labels[e["id"]]["label"], labels[e["id"]]["text"])
            middle = (column_of[source["id"]]["right"] + column_of[target["id"]]["left"]) / 2
            e["label_box"] = _box(middle - w / 2, source["y"] - TAG_HEIGHT / 2, w, TAG_HEIGHT, TAG_HEIGHT / 2)

    # Shift everything so that the topmost label starts at the margin.
    top = min([n["y"] - n["top"] for n in nodes.values()] +
              [e["label_box"]["y"] for e in edges.values() if e["label_box"]] + [0])
    bottom = max([n["y"] + n["bottom"] for n in nodes.values()] +
                 [e["label_box"]["y"] + e["label_box"]["h"] for e in edges.values() if e["label_box"]])
    dy = MARGIN - top
    for n in nodes.values():
        n["y"] += dy
        n["value_y"] = _r(n["y"] - n["h"] / 2 - GAP)  # baseline of the value label
        n["tag"] = _box(n["x"] - n["tag_width"] / 2, n["y"] + n["h"] / 2 + GAP, n["tag_width"], TAG_HEIGHT, TAG_HEIGHT / 2) if n["tag_width"] else None
        n["tag_baselines"] = _baselines(n["tag"]) if n["tag"] else None
        n["box"] = _box(n["x"] - n["box_width"] / 2, n["y"] - n["top"], n["box_width"], n["top"] + n["bottom"])
        # What the browser draws, ready to use: the chip's rectangle, the diamond's corners.
        n["shape_box"] = _box(n["x"] - n["w"] / 2, n["y"] - n["h"] / 2, n["w"], n["h"], CHIP_HEIGHT / 6)
        half_w, half_h = n["w"] / 2, n["h"] / 2
        corners = ((n["x"], n["y"] - half_h), (n["x"] + half_w, n["y"]), (n["x"], n["y"] + half_h), (n["x"] - half_w, n["y"]))
        n["corners"] = [[_r(px), _r(py)] for px, py in corners] if n["shape"] == "diamond" else None
        n["r"] = _r(n["w"] / 2) if n["shape"] == "circle" else None
        for key in ("x", "y", "w", "h"):
            n[key] = _r(n[key])
        for key in ("top", "bottom", "box_width", "tag_width"):
            del n[key]
    for e in edges.values():
        e["points"] = [[px, _r(py + dy)] for px, py in e["points"]]
        if e["label_box"]:
            b = e["label_box"]
            e["label_box"] = _box(b["x"], b["y"] + dy, b["w"], b["h"], b["rx"])
        e["label_baselines"] = _baselines(e["label_box"]) if e["label_box"] else None
    return _r(x + columns[-1]["width"] + MARGIN), _r(bottom + dy + MARGIN)


def _baselines(box):
    """Baselines of the two lines of text in a tag or edge label: a symbol, then a value."""
    first = box["y"] + TAG_PADDING_Y + 0.76 * TAG_LINE
    return [_r(first), _r(first + TAG_LINE)]


def _box(x, y, w, h, rx=0.0):
    """A rectangle with its centre line and corner radius, as SVG needs them."""
    return dict(x=_r(x), y=_r(y), w=_r(w), h=_r(h), cx=_r(x + w / 2), rx=_r(rx))


def _r(v: float) -> float:
    return round(float(v), 1)
