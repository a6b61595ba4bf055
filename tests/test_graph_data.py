"""The graph data's columns and limits: the counts the drawable limit rests on are the drawing's
own columns, and the sentence for a network too large to draw names its numbers. Expected values
are counted by hand from the column layout the module describes, or read off the drawn nodes."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from generator import render
from generator.content import graph, model
from generator.example import parse


def computed(sizes, seed=1):
    data = {"title": "t", "network": {"sizes": sizes}, "init": {"seed": seed},
            "sample": {"x": [0.5] * sizes[0], "y": [0.5] * sizes[-1]}}
    return model.compute(parse(data, Path("t.toml")))


# Per layer: its inputs with every weight and bias of its neurons, then its weighted sums; then
# the outputs with their targets; then the loss.
@pytest.mark.parametrize("sizes, heights", [
    ([2, 2, 1], [2 + 2 * 3, 2, 2 + 1 * 3, 1, 2 * 1, 1]),
    ([1, 1], [1 + 1 * 2, 1, 2 * 1, 1]),
    ([3, 2, 2, 2], [3 + 2 * 4, 2, 2 + 2 * 3, 2, 2 + 2 * 3, 2, 2 * 2, 1]),
    ([1, 3], [1 + 3 * 2, 3, 2 * 3, 1]),
])
def test_column_heights_by_hand(sizes, heights):
    assert graph.column_heights(sizes) == heights


@pytest.mark.parametrize("sizes", [[2, 2, 1], [1, 1], [3, 2, 2, 2], [1, 3], [2, 3, 2]])
def test_column_heights_are_the_drawn_columns(sizes):
    g = computed(sizes).graph
    drawn = Counter(n["x"] for n in g["nodes"])
    assert [drawn[x] for x in sorted(drawn)] == graph.column_heights(sizes)
    assert g["limits"] == dict(column_nodes=15, weight_layers=3, most_column_nodes=max(drawn.values()),
                               weight_layers_here=len(sizes) - 1)


@pytest.mark.parametrize("sizes, tallest, layers, why", [
    ([4, 3, 1], 4 + 3 * 5, 2, "Here the tallest column (a layer's inputs with its weights and biases) would hold 19 nodes."),
    ([2, 2, 2, 2, 1], 2 + 2 * 3, 4, "Here there are 4 layers of weights."),
    ([4, 3, 3, 3, 1], 4 + 3 * 5, 4, "would hold 19 nodes, and there are 4 layers of weights."),
])
def test_the_sentence_for_a_network_too_large_names_the_limits_it_exceeds(sizes, tallest, layers, why):
    c = computed(sizes)
    assert c.graph == dict(drawable=False, limits=dict(column_nodes=15, weight_layers=3,
                                                       most_column_nodes=tallest, weight_layers_here=layers))
    text = " ".join(render.environment().get_template("_graph.md.j2").render(ex=c).split())
    assert "at most 15 nodes in any column and at most 3 layers of weights" in text
    assert why in text
    # A limit the network keeps to is not given as a reason.
    if tallest <= 15:
        assert "would hold" not in text
    if layers <= 3:
        assert "there are" not in text


def test_each_kind_of_node_has_its_shape_and_the_data_names_its_example():
    # Values are circles, the parameters a reader sets are chips, and the loss is a diamond.
    shapes = {"input": "circle", "target": "circle", "sum": "circle", "activation": "circle",
              "parameter": "chip", "loss": "diamond"}
    g = computed([2, 2, 1]).graph
    assert {n["kind"]: n["shape"] for n in g["nodes"]} == shapes
    assert all((n["r"] is not None) == (n["shape"] == "circle") for n in g["nodes"])
    assert g["example"] == "t"


SHAPES = [[2, 2, 1], [1, 1], [3, 2, 2, 2], [1, 3], [2, 3, 2], [3, 3, 1]]


@pytest.mark.parametrize("sizes", SHAPES)
def test_each_activation_stands_level_with_its_sum(sizes):
    # The module's layout: a layer's outputs stand level with the sums that computed them, so
    # the edge from a sum into its activation is one straight horizontal line.
    g = computed(sizes).graph
    nodes = {n["id"]: n for n in g["nodes"]}
    into_activations = [e for e in g["edges"] if nodes[e["target"]]["kind"] == "activation"]
    assert len(into_activations) == sum(sizes[1:])
    for e in into_activations:
        assert nodes[e["source"]]["y"] == nodes[e["target"]]["y"], e["id"]
        assert len({y for _, y in e["points"]}) == 1, e["id"]


@pytest.mark.parametrize("sizes", SHAPES)
def test_parameters_stack_in_groups_without_holes(sizes):
    # Under a layer's inputs, each neuron's weights and bias stand one under the other, SLOT_GAP
    # apart, and the groups (and the first group from the inputs) GROUP_GAP further apart: no
    # room is left for a node that is not drawn.
    g = computed(sizes).graph
    columns = {}
    for n in g["nodes"]:
        columns.setdefault(n["x"], []).append(n)
    gaps = set()
    for column in columns.values():
        column.sort(key=lambda n: n["y"])
        for upper, lower in zip(column, column[1:]):
            if lower["kind"] == "parameter":
                gap = lower["box"]["y"] - (upper["box"]["y"] + upper["box"]["h"])
                assert min(abs(gap - graph.SLOT_GAP), abs(gap - graph.SLOT_GAP - graph.GROUP_GAP)) < 0.15, lower["id"]
                gaps.add(round(gap))
    assert gaps == {graph.SLOT_GAP, graph.SLOT_GAP + graph.GROUP_GAP}
    # The topmost box (a node's or an edge label's) starts at the drawing's margin.
    boxes = [n["box"] for n in g["nodes"]] + [e["label_box"] for e in g["edges"] if e["label_box"]]
    assert min(b["y"] for b in boxes) == graph.MARGIN


def test_every_edge_names_its_local_derivative():
    # d z / d a is the weight, d z / d W the input, d z / d b is 1, d a / d z the activation's
    # slope, and d L / d a the output's gradient; a target's gradient is never needed.
    g = computed([2, 1]).graph
    local = {e["id"]: e["local"] for e in g["edges"]}
    assert local == {"x1->z1_1": "W1_1_1", "W1_1_1->z1_1": "x1", "x2->z1_1": "W1_1_2", "W1_1_2->z1_1": "x2",
                     "b1_1->z1_1": "1", "z1_1->a1_1": "s1_1", "a1_1->L": "da1_1", "y1->L": None}


def mixed():
    data = {"title": "t", "network": {"sizes": [2, 2, 2, 1], "activation": ["tanh", "relu", "identity"]},
            "init": {"seed": 4}, "sample": {"x": [0.5, -0.5], "y": [0.2]}}
    return model.compute(parse(data, Path("t.toml")))


def test_a_step_lights_what_it_is_computed_from_and_labels_only_its_edge():
    c = mixed()
    # The derivative of each layer's activation, written on its edges, as the pages name them.
    primes = {1: "tanh′", 2: "relu′", 3: "id′"}
    for s, q in zip(c.graph["steps"], c.quantities):
        assert s["kind"] == q.kind
        inputs = {str(i.node) for i in q.inputs} - {s["node"]}
        assert s["node"] not in s["sources"] and inputs <= set(s["sources"]), s["id"]
        if s["slot"] == "edge":
            assert s["label"] == primes[q.layer], s["id"]
        else:
            assert s["label"] is None, s["id"]
    assert {s["label"] for s in c.graph["steps"]} == {None, *primes.values()}
