"""The graph drawn in the page: generator/content/graph_svg.py writes, from the graph data alone, a
well-formed SVG in the idle state, with every node and edge of the data at its place and
every given value written, nothing computed shown yet."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from generator import site
from generator.content import graph_svg

NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def drawn():
    """(graph data, parsed drawing) for every example that has a graph."""
    out = []
    for c in site.compute_all():
        data = c.graph
        if data["drawable"]:
            svg = graph_svg.drawing(data)
            assert "\n" not in svg  # one line: Markdown keeps it as one raw HTML block
            out.append((data, ET.fromstring(svg.replace("<svg ", f'<svg xmlns="{NS[1:-1]}" ', 1))))
    assert len(out) >= 3
    return out


def by_attribute(root, name):
    return {e.get(name): e for e in root.iter() if e.get(name) is not None}


def texts(element):
    return ["".join(t.itertext()) for t in element.iter(f"{NS}text")]


def test_the_drawing_has_the_size_of_the_data(drawn):
    for data, svg in drawn:
        assert svg.get("viewBox") == f"0 0 {graph_svg._n(data['width'])} {graph_svg._n(data['height'])}"
        style = dict(part.split(": ") for part in svg.get("style").split("; "))
        assert style == {"max-width": f"{graph_svg._n(data['width'])}px", "min-width": f"{data['min_width']}px",
                         "font-size": f"{data['font']}px"}


def test_every_node_is_drawn_once_in_order_with_its_given_value(drawn):
    for data, svg in drawn:
        groups = [g for g in svg.iter(f"{NS}g") if g.get("data-node-id")]
        assert [g.get("data-node-id") for g in groups] == [n["id"] for n in data["nodes"]]
        for node, group in zip(data["nodes"], groups):
            symbol, value, *tag = texts(group)
            assert symbol == node["symbol"]
            # Inputs, parameters and targets show their values at once; the rest waits for a step.
            assert value == (node["given"] or "")
            assert tag == ([""] if node["tag"] else [])
            assert group.get("aria-label") == node["title"] + (f" = {node['given']}" if node["given"] else ", not computed yet")
            assert group.get("class") == f"bp-node bp-node--{node['kind']}" and group.get("tabindex") == "0"


def test_every_shape_stands_where_the_layout_puts_it(drawn):
    for data, svg in drawn:
        nodes = by_attribute(svg, "data-node-id")
        for node in data["nodes"]:
            shape = next(iter(nodes[node["id"]]))
            if node["shape"] == "circle":
                assert [float(shape.get(k)) for k in ("cx", "cy", "r")] == [node["x"], node["y"], node["r"]]
            elif node["shape"] == "diamond":
                corners = [[float(v) for v in p.split(",")] for p in shape.get("points").split()]
                assert corners == node["corners"]
            else:
                box = node["shape_box"]
                assert [float(shape.get(k)) for k in ("x", "y", "width", "height")] == [box["x"], box["y"], box["w"], box["h"]]


def test_every_edge_and_label_is_drawn_empty_of_values(drawn):
    for data, svg in drawn:
        paths = {e.get("data-edge-id"): e for e in svg.iter(f"{NS}path") if e.get("data-edge-id")}
        labels = {e.get("data-edge-id"): e for e in svg.iter(f"{NS}g") if e.get("data-edge-id")}
        assert set(paths) == {e["id"] for e in data["edges"]}
        assert set(labels) == {e["id"] for e in data["edges"] if e["label_box"]}
        for edge in data["edges"]:
            points = re.findall(r"[ML](\S+) (\S+)", paths[edge["id"]].get("d"))
            assert [[float(x), float(y)] for x, y in points] == edge["points"]
            assert paths[edge["id"]].get("marker-end") == f"url(#bp-arrow-{data['example']})"
            if edge["label_box"]:
                assert texts(labels[edge["id"]]) == [""]
