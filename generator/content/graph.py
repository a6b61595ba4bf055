"""The computational graph of an example, as data for the page's interactive drawing.

Pure: reads a computed example (its network, trace and worked quantities) and returns a dict the
page embeds as JSON. The browser only places what it is given and shows the strings it is given:

- nodes with stable ids (the quantity ids x1, W1_1_2, b1_1, z1_1, a1_1, L, and y1 for targets),
  in topological order, which is also the order keyboard focus visits them;
- edges, each a path from a node to a node computed from it, with its local derivative;
- a left-to-right layout in SVG user units (columns: per layer its inputs with its parameters
  under them, then its weighted sums; the outputs with the targets; the loss);
- the steps of the animation, one per worked quantity, forward ones in computation order and
  then backward ones: what each step lights up, the string it shows and its log line, all taken
  from `worked.Quantity` so the graph and the page always agree.
"""
from __future__ import annotations

from ..maths import refs
from ..maths.activations import ACTIVATIONS
from .notation import Notation

# The drawing stays legible while no column holds more than this many nodes. The tallest column
# is a layer's inputs with its weights and biases, sizes[l-1] + sizes[l] * (sizes[l-1] + 1): 3
# inputs and 3 neurons (15) are drawn, 4 and 3 (19) are not.
MAX_COLUMN_NODES = 15
# Each layer of weights adds two columns; beyond three the drawing gets too wide to read.
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
FAN_GAP = 72  # before the weighted sums, where every input and parameter of a layer fans in
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
    """How many nodes each column of the drawing holds, left to right: a layer's inputs with its
    weights and biases under them, then its weighted sums; the outputs with the targets under
    them; the loss."""
    heights = []
    for l in range(1, len(sizes)):
        heights += [sizes[l - 1] + sizes[l] * (sizes[l - 1] + 1), sizes[l]]
    return heights + [2 * sizes[-1], 1]


def drawable(sizes) -> bool:
    return len(sizes) - 1 <= MAX_WEIGHT_LAYERS and max(column_heights(sizes)) <= MAX_COLUMN_NODES


def edge_id(source, target) -> str:
    return f"{source}->{target}"


def graph_data(example, trace, quantities, fmt) -> dict:
    """Everything the page's drawing needs, ready for json.dumps."""
    net = example.network
    limits = dict(column_nodes=MAX_COLUMN_NODES, weight_layers=MAX_WEIGHT_LAYERS,
                  most_column_nodes=max(column_heights(net.sizes)), weight_layers_here=net.depth)
    if not drawable(net.sizes):
        return dict(drawable=False, limits=limits)
    nodes, columns = _nodes(trace, fmt)
    edges = _edges(net)
    steps = _steps(net, quantities, edges)
    width, height = _layout(nodes, columns, edges, steps)
    _mark_filling_steps(nodes, edges, steps)
    return dict(drawable=True, limits=limits, example=example.slug,
                width=width, height=height, min_width=round(width * MIN_SCALE), font=FONT,
                nodes=[nodes[str(r)] for r in _topological(net)],
                edges=list(edges.values()), steps=steps,
                forward_steps=sum(1 for s in steps if s["phase"] == "forward"))


# --- Nodes --------------------------------------------------------------------------------------

_KINDS = {"x": ("input", "circle", "input"), "y": ("target", "circle", "target"),
          "W": ("parameter", "chip", "weight"), "b": ("parameter", "chip", "bias"),
          "z": ("sum", "circle", "weighted sum"), "a": ("activation", "circle", "activation"),
          "L": ("loss", "diamond", "loss")}


def _node(ref, n: Notation, given=None) -> dict:
    kind, shape, title = _KINDS[ref.kind]
    symbol = n.text(ref)
    return dict(id=str(ref), kind=kind, shape=shape, symbol=symbol, title=f"{title} {symbol}", given=given)


def _nodes(trace, fmt):
    """Every node by id, and the columns left to right. A layer's inputs and its parameters stand
    in one column, each feeding the weighted sums of the next: no edge crosses a column."""
    net = trace.network
    n = Notation(net.sizes, net.activations)
    nodes: dict[str, dict] = {}

    def add(ref, given=False):
        # Given values (inputs, targets, parameters) show from the start, as the author typed them.
        nodes[str(ref)] = _node(ref, n, fmt.given_text(trace.value(ref)) if given else None)
        return str(ref)

    columns, units = [], [add(refs.x(k), True) for k in range(1, net.sizes[0] + 1)]
    for l in range(1, net.depth + 1):
        groups = [[add(refs.W(l, j, k), True) for k in range(1, net.sizes[l - 1] + 1)] + [add(refs.b(l, j), True)]
                  for j in range(1, net.sizes[l] + 1)]
        columns.append(dict(kind="leaves", layer=l, units=units, groups=groups, nodes=units + [i for g in groups for i in g]))
        columns.append(dict(kind="sums", layer=l, nodes=[add(refs.z(l, j)) for j in range(1, net.sizes[l] + 1)],
                            activations=[str(refs.a(l, j)) for j in range(1, net.sizes[l] + 1)]))
        units = [add(refs.a(l, j)) for j in range(1, net.sizes[l] + 1)]
    targets = [add(refs.y(j), True) for j in range(1, net.sizes[-1] + 1)]
    columns.append(dict(kind="outputs", units=units, targets=targets, nodes=units + targets))
    columns.append(dict(kind="loss", nodes=[add(refs.LOSS)]))
    return nodes, columns


def _topological(net) -> list:
    """Nodes in an order where each comes after everything it is computed from: inputs, then per
    layer its parameters, sums and activations, then the targets and the loss."""
    order = [refs.x(k) for k in range(1, net.sizes[0] + 1)]
    for l in range(1, net.depth + 1):
        units = range(1, net.sizes[l] + 1)
        order += [p for p in net.parameters() if p.layer == l]
        order += [refs.z(l, j) for j in units] + [refs.a(l, j) for j in units]
    return order + [refs.y(j) for j in range(1, net.sizes[-1] + 1)] + [refs.LOSS]


# --- Edges --------------------------------------------------------------------------------------

def _edges(net) -> dict[str, dict]:
    """Every edge by id, from a value to one computed from it: each input (or activation) and
    each weight and bias into the weighted sums it enters, each sum into its activation, the
    outputs and targets into the loss. `local` names the edge's local derivative, d target /
    d source, by the id of the value that is it ("1" for a bias; None into the loss from a
    target, whose gradient is not needed): a node's gradient is the sum, over the edges
    leaving it, of the local derivative times the gradient at the edge's end."""
    edges = {}

    def add(source, target, local):
        edges[edge_id(source, target)] = dict(id=edge_id(source, target), source=str(source), target=str(target),
                                              local=None if local is None else str(local))

    for l in range(1, net.depth + 1):
        for j in range(1, net.sizes[l] + 1):
            z = refs.z(l, j)
            for k in range(1, net.sizes[l - 1] + 1):
                add(refs.a(l - 1, k), z, refs.W(l, j, k))
                add(refs.W(l, j, k), z, refs.a(l - 1, k))
            add(refs.b(l, j), z, "1")
            add(z, refs.a(l, j), z.slope)
    for j in range(1, net.sizes[-1] + 1):
        add(refs.a(net.depth, j), refs.LOSS, refs.a(net.depth, j).grad)
        add(refs.y(j), refs.LOSS, None)
    return edges


# --- Steps --------------------------------------------------------------------------------------

def _lit(net, q, into) -> tuple[list, list]:
    """The edges a step lights, and the nodes it lights besides its inputs."""
    node = q.ref.node
    if q.kind in ("z", "a", "loss"):
        return into[str(node)], []
    if q.kind == "dL/da" and q.layer == net.depth:
        return [edge_id(node, refs.LOSS)], []
    if q.kind in ("dL/da", "dL/dx"):
        # The gradient comes back from every sum of the next layer, each times its weight.
        l, k = q.layer, node.j
        weights = [refs.W(l + 1, j, k) for j in range(1, net.sizes[l + 1] + 1)]
        return [edge_id(node, refs.z(l + 1, w.j)) for w in weights], weights
    if q.kind in ("derivative", "dL/dz"):
        return [edge_id(node, refs.a(node.layer, node.j))], []
    # dL/dW, dL/db: back along the edge into the sum.
    return [edge_id(node, refs.z(node.layer, node.j))], []


def _steps(net, quantities, edges) -> list[dict]:
    into = {}
    for e in edges.values():
        into.setdefault(e["target"], []).append(e["id"])
    out = []
    for q in quantities:
        node = q.ref.node
        lit, more_sources = _lit(net, q, into)
        sources = [str(i.node) for i in q.inputs if i.node != node] + [str(w) for w in more_sources]
        edge = lit[0] if q.kind == "derivative" else None
        # The activation's local derivative is written on the edge it belongs to.
        slot = "edge" if edge else "value" if q.phase == "forward" else "gradient"
        out.append(dict(id=q.id, phase=q.phase, kind=q.kind, node=str(node), slot=slot, edge=edge,
                        symbol=q.symbol_text, text=q.value_text, log=q.equation_text(),
                        label=ACTIVATIONS[net.activations[q.layer - 1]].text + "′" if edge else None,
                        sources=list(dict.fromkeys(sources)), edges=lit))
    return out


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


def _layout(nodes, columns, edges, steps):
    """Place every node, label and edge; returns the drawing's width and height."""
    _reserve_room(nodes, columns, steps)
    _place_rows(nodes, columns, edges)
    labels = {s["edge"]: s for s in steps if s["slot"] == "edge"}
    right = _place_columns(nodes, columns, labels)
    _route_edges(nodes, columns, edges, labels)
    bottom = _move_to_margin(nodes, edges)
    return _r(right + MARGIN), _r(bottom + MARGIN)


def _reserve_room(nodes, columns, steps):
    """Every label a node will ever show is reserved from the start, so nothing moves."""
    shown = {}  # node id -> {"value": text, "gradient": (symbol, text)}
    for s in steps:
        if s["slot"] == "value":
            shown.setdefault(s["node"], {})["value"] = s["text"]
        elif s["slot"] == "gradient":
            shown.setdefault(s["node"], {})["gradient"] = (s["symbol"], s["text"])
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
        if col["kind"] == "leaves":
            # Chips fill their column so that their edges leave from its edge, never under a label.
            for i in col["nodes"]:
                if nodes[i]["shape"] == "chip":
                    nodes[i]["w"] = col["width"]


def _stack(nodes, ids, start) -> list[float]:
    """Centres of nodes stacked downwards from `start` (the top of the first box)."""
    ys, y = [], start
    for i in ids:
        ys.append(y + nodes[i]["top"])
        y += nodes[i]["top"] + nodes[i]["bottom"] + SLOT_GAP
    return ys


def _centred(nodes, ids) -> list[float]:
    ys = _stack(nodes, ids, 0.0)
    middle = (ys[0] + ys[-1]) / 2
    return [y - middle for y in ys]


def _place_rows(nodes, columns, edges):
    """Vertical: a layer's inputs stand level with the sums that computed them (the network's
    inputs centred on y = 0); its parameters stand under them, grouped by the neuron they feed;
    each weighted sum stands level with the middle of its group; the targets stand under the
    outputs, and the loss level with the middle of what it is computed from."""
    centres: list[float] = []  # of the parameter groups of the layer being placed
    level = {}  # activation id -> the height of the sum it comes from

    def place_units(units):
        if units and units[0] in level:
            for i in units:
                nodes[i]["y"] = level[i]
        else:
            for i, y in zip(units, _centred(nodes, units)):
                nodes[i]["y"] = y
        last = max(units, key=lambda i: nodes[i]["y"])
        return nodes[last]["y"] + nodes[last]["bottom"] + SLOT_GAP

    for col in columns:
        if col["kind"] == "leaves":
            start = place_units(col["units"]) + GROUP_GAP
            centres = []
            for group in col["groups"]:
                ys = _stack(nodes, group, start)
                for i, y in zip(group, ys):
                    nodes[i]["y"] = y
                centres.append(sum(ys) / len(ys))
                start = ys[-1] + nodes[group[-1]]["bottom"] + SLOT_GAP + GROUP_GAP
        elif col["kind"] == "sums":
            for i, a, y in zip(col["nodes"], col["activations"], centres):
                nodes[i]["y"] = level[a] = y
        elif col["kind"] == "outputs":
            start = place_units(col["units"])
            for i, y in zip(col["targets"], _stack(nodes, col["targets"], start)):
                nodes[i]["y"] = y
        else:
            inputs = [e["source"] for e in edges.values() if e["target"] == "L"]
            nodes["L"]["y"] = sum(nodes[i]["y"] for i in inputs) / len(inputs)


def _place_columns(nodes, columns, labels) -> float:
    """Horizontal: columns left to right, with room for the fans of edges and for the derivative
    labels between a sum and its activation. Returns the right edge of the last column."""
    x = MARGIN
    for c, col in enumerate(columns):
        col["left"], col["right"] = x, x + col["width"]
        for i in col["nodes"]:
            nodes[i]["x"] = x + col["width"] / 2
        if c + 1 == len(columns):
            return col["right"]
        following = columns[c + 1]["kind"]
        if following == "sums":
            gap = FAN_GAP
        elif col["kind"] == "sums":
            # The activations' derivatives are written on the edges from the sums.
            widths = [_tag_width(s["label"], s["text"]) for s in labels.values() if s["node"] in col["nodes"]]
            gap = max(widths + [0]) + 2 * EDGE_LABEL_MARGIN
        else:
            gap = LOSS_GAP
        x = col["right"] + gap


def _route_edges(nodes, columns, edges, labels):
    """Edges leave a shape on its right, run to the edge of its column, cross the gap and enter
    the next column level with their target: no edge passes under a label."""
    column_of = {i: col for col in columns for i in col["nodes"]}
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


def _move_to_margin(nodes, edges) -> float:
    """Shift everything so that the topmost label starts at the margin, and write each node's
    boxes as the browser draws them. Returns the bottom of the lowest box."""
    top = min([n["y"] - n["top"] for n in nodes.values()] +
              [e["label_box"]["y"] for e in edges.values() if e["label_box"]] + [0])
    bottom = max([n["y"] + n["bottom"] for n in nodes.values()] +
                 [e["label_box"]["y"] + e["label_box"]["h"] for e in edges.values() if e["label_box"]])
    dy = MARGIN - top
    for n in nodes.values():
        n["y"] += dy
        _finish_node(n)
    for e in edges.values():
        e["points"] = [[px, _r(py + dy)] for px, py in e["points"]]
        if e["label_box"]:
            b = e["label_box"]
            e["label_box"] = _box(b["x"], b["y"] + dy, b["w"], b["h"], b["rx"])
        e["label_baselines"] = _baselines(e["label_box"]) if e["label_box"] else None
    return bottom + dy


def _finish_node(n):
    """A placed node's labels and shapes, ready to draw: the value's baseline, the gradient tag,
    the chip's rectangle, the diamond's corners, the circle's radius."""
    n["value_y"] = _r(n["y"] - n["h"] / 2 - GAP)
    n["tag"] = _box(n["x"] - n["tag_width"] / 2, n["y"] + n["h"] / 2 + GAP, n["tag_width"], TAG_HEIGHT, TAG_HEIGHT / 2) if n["tag_width"] else None
    n["tag_baselines"] = _baselines(n["tag"]) if n["tag"] else None
    n["box"] = _box(n["x"] - n["box_width"] / 2, n["y"] - n["top"], n["box_width"], n["top"] + n["bottom"])
    n["shape_box"] = _box(n["x"] - n["w"] / 2, n["y"] - n["h"] / 2, n["w"], n["h"], CHIP_HEIGHT / 6)
    half_w, half_h = n["w"] / 2, n["h"] / 2
    corners = ((n["x"], n["y"] - half_h), (n["x"] + half_w, n["y"]), (n["x"], n["y"] + half_h), (n["x"] - half_w, n["y"]))
    n["corners"] = [[_r(px), _r(py)] for px, py in corners] if n["shape"] == "diamond" else None
    n["r"] = _r(n["w"] / 2) if n["shape"] == "circle" else None
    for key in ("x", "y", "w", "h"):
        n[key] = _r(n[key])
    for key in ("top", "bottom", "box_width", "tag_width"):
        del n[key]


def _baselines(box):
    """Baselines of the two lines of text in a tag or edge label: a symbol, then a value."""
    first = box["y"] + TAG_PADDING_Y + 0.76 * TAG_LINE
    return [_r(first), _r(first + TAG_LINE)]


def _box(x, y, w, h, rx=0.0):
    """A rectangle with its centre line and corner radius, as SVG needs them."""
    return dict(x=_r(x), y=_r(y), w=_r(w), h=_r(h), cx=_r(x + w / 2), rx=_r(rx))


def _r(v: float) -> float:
    return round(float(v), 1)
