"""The computational graph drawn as SVG, in its idle state, from `graph.graph_data()`.

Pure: a dict in, a string out. The page carries this drawing in its HTML, at its final size,
so it shows at first paint and with JavaScript off; graph-parts.js finds its elements by the
data's ids and the widget fills them as the animation plays. In the idle state every given
value (inputs, parameters, targets) is written above its node; computed values, gradient tags
and edge labels are empty until a step fills them.
"""
from __future__ import annotations

from html import escape

LABEL = "Computational graph of the example, nodes in computation order"


def _n(v) -> str:
    """A coordinate as SVG wants it: 12 for 12.0, 12.5 for 12.5."""
    text = repr(float(v))
    return text[:-2] if text.endswith(".0") else text


def _element(name: str, attributes: dict, content: str = "") -> str:
    attrs = "".join(f' {k}="{escape(v if isinstance(v, str) else _n(v))}"' for k, v in attributes.items())
    return f"<{name}{attrs}>{content}</{name}>"


def _path(points) -> str:
    return " ".join(("M" if i == 0 else "L") + f"{_n(x)} {_n(y)}" for i, (x, y) in enumerate(points))


def _two_line_box(class_name: str, box: dict, baselines, extra: dict | None = None) -> str:
    """A gradient tag or an edge label: a pill with an empty symbol line and value line."""
    lines = "".join(_element("tspan", {"x": box["cx"], "y": y, "class": "bp-line-symbol" if i == 0 else "bp-line-value"})
                    for i, y in enumerate(baselines))
    rect = _element("rect", {"x": box["x"], "y": box["y"], "width": box["w"], "height": box["h"], "rx": box["rx"]})
    text = _element("text", {"x": box["cx"], "text-anchor": "middle"}, lines)
    return _element("g", {"class": class_name, **(extra or {})}, rect + text)


def _shape(node: dict) -> str:
    if node["shape"] == "circle":
        return _element("circle", {"cx": node["x"], "cy": node["y"], "r": node["r"], "class": "bp-node__shape"})
    if node["shape"] == "diamond":
        corners = " ".join(f"{_n(x)},{_n(y)}" for x, y in node["corners"])
        return _element("polygon", {"points": corners, "class": "bp-node__shape"})
    box = node["shape_box"]
    return _element("rect", {"x": box["x"], "y": box["y"], "width": box["w"], "height": box["h"], "rx": box["rx"],
                             "class": "bp-node__shape"})


def idle_label(node: dict) -> str:
    """What a screen reader hears for a node before any step: its name and its given value."""
    return node["title"] + (f" = {node['given']}" if node["given"] else ", not computed yet")


def _node(node: dict) -> str:
    parts = [
        _shape(node),
        _element("text", {"x": node["x"], "y": node["y"], "class": "bp-node__symbol", "text-anchor": "middle",
                          "dominant-baseline": "central"}, escape(node["symbol"])),
        _element("text", {"x": node["x"], "y": node["value_y"], "class": "bp-node__value", "text-anchor": "middle"},
                 escape(node["given"] or "")),
    ]
    if node["tag"]:
        parts.append(_two_line_box("bp-node__tag", node["tag"], node["tag_baselines"]))
    # Document order is the topological order of the data, so Tab visits the nodes in the
    # order they are computed.
    return _element("g", {"class": f"bp-node bp-node--{node['kind']}", "data-node-id": node["id"], "tabindex": "0",
                          "role": "img", "aria-label": idle_label(node)}, "".join(parts))


def drawing(data: dict) -> str:
    """The whole drawing as one <svg> element, on one line (Markdown keeps it as raw HTML)."""
    arrow = f"bp-arrow-{data['example']}"
    marker = _element("marker", {
        # Sized in drawing units, so that a lit (thicker) edge keeps the same arrowhead.
        "id": arrow, "viewBox": "0 0 10 10", "refX": "9", "refY": "5", "markerUnits": "userSpaceOnUse",
        "markerWidth": "9", "markerHeight": "9", "orient": "auto",
    }, _element("path", {"d": "M0 1 L10 5 L0 9 z", "class": "bp-arrow"}))
    edges, labels = [], []
    for edge in data["edges"]:
        edges.append(_element("path", {"d": _path(edge["points"]), "class": "bp-edge", "data-edge-id": edge["id"],
                                       "marker-end": f"url(#{arrow})"}))
        if edge["label_box"]:
            labels.append(_two_line_box("bp-edge-label", edge["label_box"], edge["label_baselines"],
                                        {"data-edge-id": edge["id"]}))
    style = f"max-width: {_n(data['width'])}px; min-width: {_n(data['min_width'])}px; font-size: {_n(data['font'])}px"
    content = (_element("defs", {}, marker)
               + _element("g", {"class": "bp-graph__edges", "aria-hidden": "true"}, "".join(edges))
               + _element("g", {"class": "bp-graph__edge-labels", "aria-hidden": "true"}, "".join(labels))
               + _element("g", {"class": "bp-graph__nodes"}, "".join(_node(n) for n in data["nodes"])))
    return _element("svg", {"viewBox": f"0 0 {_n(data['width'])} {_n(data['height'])}", "class": "bp-graph__svg",
                            "role": "group", "aria-label": LABEL, "style": style}, content)
