"""The computational graph's data: its steps follow the computation, carry the worked page's own
strings and numbers that an independent numpy computation confirms, and its layout puts no label
on top of another."""
from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from generator import render
from generator.content import graph, model
from generator.example import parse
from tests import authored, reference
from tests.rounding import is_correctly_rounded, shows_given

GIVEN_KINDS = {"input", "parameter", "target"}
GRADIENT_KINDS = {"dL/da", "dL/dz", "dL/dW", "dL/db"}

# Networks beyond the examples folder, so that every activation, both losses, single-neuron
# layers (symbols without subscripts) and three layers of weights are covered.
EXTRA = {
    "deep-mixed": {
        "title": "Three layers",
        "network": {"sizes": [2, 3, 2, 2], "activation": ["tanh", "relu", "sigmoid"], "loss": "bce"},
        "sample": {"x": [0.7, -1.2], "y": [1.0, 0.0]},
        "init": {"seed": 11},
        "display": {"significant_digits": 4},
    },
    "single-units": {
        "title": "One neuron per layer",
        "network": {"sizes": [1, 1, 1], "activation": ["identity", "sigmoid"], "loss": "mse"},
        "sample": {"x": [2.0], "y": [0.25]},
        "parameters": {"W1": [[-0.5]], "b1": [0.3], "W2": [[1.5]], "b2": [-0.2]},
    },
    "long-given": {
        "title": "Given numbers with more digits than the pages show",
        "network": {"sizes": [2, 1], "activation": "tanh"},
        "sample": {"x": [0.41237, -1.6042], "y": [0.123456]},
        "parameters": {"W1": [[0.7318, -0.25061]], "b1": [0.0555]},
        "display": {"significant_digits": 2},
    },
    "widest-drawn": {
        "title": "Twelve parameters in a column",
        "network": {"sizes": [3, 3, 1], "activation": "relu", "loss": "mse"},
        "sample": {"x": [1.0, -2.0, 0.5], "y": [0.3]},
        "init": {"seed": 3},
    },
}


def computed_from(slug, data) -> model.Computed:
    return model.compute(parse(data, Path(f"{slug}.toml")))


@pytest.fixture(scope="module")
def every(computed):
    """The examples of examples/ and the extra networks whose graph is drawn (an example deeper
    than the drawing allows gets a sentence instead), each with its graph data."""
    all_ = list(computed) + [computed_from(slug, data) for slug, data in EXTRA.items()]
    return [(c, c.graph) for c in all_ if c.graph["drawable"]]


def by_slug(every, slug):
    return next(g for c, g in every if c.example.slug == slug)


def as_written(c) -> authored.Authored:
    """A computed example as its author wrote it, read again without the loader."""
    slug = c.example.slug
    return authored.from_data(EXTRA[slug], f"{slug}.toml") if slug in EXTRA else authored.read(c.example.path)


def assert_rounds_to(shown: str, exact: float, digits: int, what: str):
    """`shown` is `exact` correctly rounded, with no more than `digits` significant digits."""
    assert is_correctly_rounded(shown, exact, digits), f"{what}: shows {shown}, exact value {exact!r} to {digits} digits"


# --- Steps -------------------------------------------------------------------------------------

def test_every_quantity_is_one_step_in_page_order_with_the_page_strings(every):
    for c, g in every:
        assert [s["id"] for s in g["steps"]] == [q.id for q in c.quantities], c.example.slug
        assert Counter(s["id"] for s in g["steps"]).most_common(1)[0][1] == 1
        for s, q in zip(g["steps"], c.quantities):
            assert (s["phase"], s["symbol"], s["text"], s["log"]) == (q.phase, q.symbol_text, q.value_text, q.equation_text()), q.id
        phases = [s["phase"] for s in g["steps"]]
        assert phases == sorted(phases, key=["forward", "backward"].index), "forward steps come first"
        assert g["forward_steps"] == phases.count("forward")


def test_seed_log_lines_read_as_the_worked_page_writes_them(every):
    logs = {s["id"]: s["log"] for s in by_slug(every, "seed")["steps"]}
    assert logs["z1_1"] == "z₁⁽¹⁾ = 0.2·0.5 + 0.5·0.3 + 0.1 = 0.35"
    # Each holds with a calculator: −0.0926 × 0.207 = −0.0191682, which rounds to −0.0192.
    assert logs["dz2_1"] == "∂L/∂z⁽²⁾ ≈ −0.0926 × 0.207 ≈ −0.0192"
    # 0.7074 − 0.8 = −0.0926 exactly: guard digits on the output make the line hold.
    assert logs["da2_1"] == "∂L/∂a⁽²⁾ ≈ 0.7074 − 0.8 = −0.0926"
    assert logs["a1_1"] == "a₁⁽¹⁾ = σ(0.35) ≈ 0.587"


def test_forward_steps_are_in_topological_order(every):
    for c, g in every:
        given = {n["id"] for n in g["nodes"] if n["kind"] in GIVEN_KINDS}
        done = set()
        for s in g["steps"]:
            if s["phase"] != "forward":
                continue
            for i in map(str, c.by_id(s["id"]).inputs):
                assert i in done or i in given, f"{c.example.slug}: {s['id']} uses {i} before it is computed"
            for n in s["sources"]:
                assert n in done or n in given, f"{c.example.slug}: {s['id']} lights {n} before it has a value"
            done.add(s["id"])


def test_backward_steps_are_in_reverse_topological_order(every):
    for c, g in every:
        forward = {q.id for q in c.quantities if q.phase == "forward"}
        given = {n["id"] for n in g["nodes"] if n["kind"] in GIVEN_KINDS}
        order = {s["id"]: i for i, s in enumerate(g["steps"])}
        # Which values each value feeds, from the forward computation itself.
        consumers = {}
        for q in c.quantities:
            if q.phase == "forward":
                for i in map(str, q.inputs):
                    consumers.setdefault(i, []).append(q.id)
        for s in g["steps"]:
            if s["phase"] != "backward":
                continue
            q = c.by_id(s["id"])
            for i in map(str, q.inputs):
                assert i in forward or i in given or order[i] < order[s["id"]], f"{c.example.slug}: {q.id} uses {i} too early"
            if q.kind in GRADIENT_KINDS:
                # A node's gradient comes after the gradient of every node it feeds.
                for consumer in consumers.get(str(q.ref.node), []):
                    if consumer != "L":
                        assert order["d" + consumer] < order[q.id], f"{c.example.slug}: {q.id} before d{consumer}"


def test_values_and_gradients_match_the_reference_implementation(every):
    for c, g in every:
        written = as_written(c)  # read again without the loader, computed by tests/reference.py
        expected, digits = written.values(), written.digits
        assert set(expected) == {s["id"] for s in g["steps"]}, c.example.slug
        for s in g["steps"]:
            exact = expected[s["id"]]
            assert c.by_id(s["id"]).value == pytest.approx(exact, rel=1e-9, abs=1e-12), s["id"]
            assert_rounds_to(s["text"], exact, digits, f"{c.example.slug} {s['id']}")


def test_given_nodes_show_the_examples_own_numbers(every):
    for c, g in every:
        ex = as_written(c)
        nodes = {n["id"]: n for n in g["nodes"]}
        for id, v in ex.given().items():
            assert shows_given(nodes[id]["given"], v, ex.digits), f"{ex.slug}: {id} shows {nodes[id]['given']}, given {v}"
        computed_kinds = {n["kind"] for n in g["nodes"] if n["given"] is None}
        assert computed_kinds == {"sum", "activation", "loss"}


def test_each_step_shows_its_string_on_its_own_node_or_edge(every):
    for c, g in every:
        nodes = {n["id"] for n in g["nodes"]}
        edges = {e["id"] for e in g["edges"]}
        shown = Counter()
        for s in g["steps"]:
            assert s["node"] in nodes and set(s["sources"]) <= nodes and set(s["edges"]) <= edges, s["id"]
            assert s["edges"], f"{s['id']} lights no edge"
            if s["slot"] == "edge":
                assert s["edge"] in s["edges"] and s["label"].endswith("′")
                shown[("edge", s["edge"])] += 1
            else:
                assert s["slot"] == ("value" if s["phase"] == "forward" else "gradient")
                shown[(s["slot"], s["node"])] += 1
        assert max(shown.values()) == 1, "two steps write to the same place"


def test_nodes_have_stable_ids_in_topological_order(every):
    seed = by_slug(every, "seed")
    ids = [n["id"] for n in seed["nodes"]]
    assert ids == ["x1", "x2", "W1_1_1", "W1_1_2", "b1_1", "W1_2_1", "W1_2_2", "b1_2", "z1_1", "z1_2",
                   "a1_1", "a1_2", "W2_1_1", "W2_1_2", "b2_1", "z2_1", "a2_1", "y1", "L"]
    for c, g in every:
        position = {n["id"]: i for i, n in enumerate(g["nodes"])}
        assert len(position) == len(g["nodes"])
        for e in g["edges"]:
            assert position[e["source"]] < position[e["target"]], e["id"]


# --- Layout ------------------------------------------------------------------------------------

def overlaps(a, b, margin=1.0):
    return (a["x"] < b["x"] + b["w"] - margin and b["x"] < a["x"] + a["w"] - margin and
            a["y"] < b["y"] + b["h"] - margin and b["y"] < a["y"] + a["h"] - margin)


def test_layout_puts_no_label_on_another_and_stays_in_the_drawing(every):
    for c, g in every:
        boxes = [(n["id"], n["box"]) for n in g["nodes"]] + [(e["id"], e["label_box"]) for e in g["edges"] if e["label_box"]]
        for (i, a), (j, b) in itertools.combinations(boxes, 2):
            assert not overlaps(a, b), f"{c.example.slug}: {i} and {j} overlap"
        for i, box in boxes:
            assert 0 <= box["x"] and box["x"] + box["w"] <= g["width"], i
            assert 0 <= box["y"] and box["y"] + box["h"] <= g["height"], i
        for n in g["nodes"]:
            if n["tag"]:
                assert n["box"]["x"] <= n["tag"]["x"] and n["tag"]["x"] + n["tag"]["w"] <= n["box"]["x"] + n["box"]["w"] + 0.2


def test_edges_run_left_to_right_between_the_nodes_they_join(every):
    for c, g in every:
        nodes = {n["id"]: n for n in g["nodes"]}
        for e in g["edges"]:
            xs = [p[0] for p in e["points"]]
            assert xs == sorted(xs), e["id"]
            (x0, y0), (x1, y1) = e["points"][0], e["points"][-1]
            s, t = nodes[e["source"]], nodes[e["target"]]
            assert (x0, y0) == pytest.approx((s["x"] + s["w"] / 2, s["y"]), abs=0.2), e["id"]
            assert (x1, y1) == pytest.approx((t["x"] - t["w"] / 2, t["y"]), abs=0.2), e["id"]


def test_the_seed_fits_the_content_column_and_phones_scroll_rather_than_shrink(every):
    seed = by_slug(every, "seed")
    # Material's content column is about 690 px wide on a 1280 px screen.
    assert seed["min_width"] <= 690
    assert seed["min_width"] / seed["width"] * seed["font"] >= 11


# --- The limit and the page --------------------------------------------------------------------

@pytest.mark.parametrize("sizes, drawn", [
    ([2, 2, 1], True), ([3, 3, 1], True), ([1, 6], True), ([3, 2, 2, 2], True),
    ([4, 3, 1], False), ([2, 5, 1], False), ([1, 7], True), ([1, 8], False), ([2, 2, 2, 2, 1], False), ([12, 12, 12, 12, 12, 12], False),
])
def test_drawable_limit(sizes, drawn):
    assert graph.drawable(sizes) is drawn
    assert (max(graph.column_heights(sizes)) <= graph.MAX_COLUMN_NODES and len(sizes) - 1 <= graph.MAX_WEIGHT_LAYERS) is drawn


def render_graph(c) -> str:
    return render.environment().get_template("_graph.md.j2").render(ex=c)


def test_a_network_above_the_limit_gets_a_sentence_instead_of_a_drawing():
    big = computed_from("big", {"title": "Big", "network": {"sizes": [4, 3, 1]}, "sample": {"x": [1, 2, 3, 4], "y": [0]},
                                "init": {"seed": 1}})
    assert big.graph["drawable"] is False
    text = render_graph(big)
    assert "bp-graph" not in text and "<script" not in text
    assert "too large to draw legibly" in text
    assert f"at most {graph.MAX_COLUMN_NODES} nodes in any column" in text
    # Its first column: 4 inputs, and 3 neurons' 4 weights and a bias each.
    assert "would hold 19 nodes" in text


def test_the_page_embeds_the_graph_as_json_that_cannot_close_its_script(every):
    c = next(c for c, _ in every if c.example.slug == "seed")
    text = render_graph(c)
    m = re.search(r'<script type="application/json" class="bp-graph__data">(.*?)</script>', text, re.S)
    assert m and "</" not in m.group(1)
    # One object in an array, which stays harmless when run as a script (see the template).
    assert json.loads(m.group(1)) == [json.loads(json.dumps(c.graph))]
    assert '<div class="bp-graph" data-phase="idle">' in text



def test_the_data_says_which_step_fills_each_node_and_edge(every):
    for c, g in every:
        filled = {}
        for i, s in enumerate(g["steps"]):
            place = ("label", s["edge"]) if s["slot"] == "edge" else (s["slot"], s["node"])
            filled[place] = i
        for n in g["nodes"]:
            assert n["value_step"] == filled.get(("value", n["id"])), n["id"]
            assert n["gradient_step"] == filled.get(("gradient", n["id"])), n["id"]
            if n["given"] is not None:
                assert n["value_step"] is None, f"{n['id']} is given, not computed"
        for e in g["edges"]:
            assert e["label_step"] == filled.get(("label", e["id"])), e["id"]
        # Every computed node and every gradient on a node is filled by exactly one step.
        assert sum(n["value_step"] is not None for n in g["nodes"]) + sum(n["gradient_step"] is not None for n in g["nodes"]) \
            + sum(e["label_step"] is not None for e in g["edges"]) == len(g["steps"])


def test_every_gradient_is_the_sum_over_outgoing_edges_of_local_derivative_times_gradient(every):
    """The graph obeys its own rule, checked with the independent implementation's numbers: each
    node's gradient is the sum, over the edges leaving it, of the edge's local derivative times
    the gradient at its end (the loss's own gradient being 1)."""
    for c, g in every:
        if not g["drawable"]:
            continue
        ex = c.example
        v = reference.for_example(ex)
        given = {f"x{k}": x for k, x in enumerate(ex.x, 1)}
        for l, (W, b) in enumerate(zip(ex.network.weights, ex.network.biases), 1):
            given.update({f"W{l}_{j + 1}_{k + 1}": w for (j, k), w in np.ndenumerate(W)})

        def value(id):
            return 1.0 if id == "1" else given[id] if id in given else v[id]

        def gradient(id):
            return 1.0 if id == "L" else v["d" + id]

        checked = 0
        for node in g["nodes"]:
            if node["gradient_step"] is None:
                continue
            leaving = [e for e in g["edges"] if e["source"] == node["id"]]
            assert leaving and all(e["local"] is not None for e in leaving), node["id"]
            total = sum(value(e["local"]) * gradient(e["target"]) for e in leaving)
            assert total == pytest.approx(gradient(node["id"]), rel=1e-9, abs=1e-15), (ex.slug, node["id"])
            checked += 1
        # Every node but the loss and the targets has a gradient to check.
        assert checked == len(g["nodes"]) - 1 - ex.network.sizes[-1], ex.slug


def test_no_edge_runs_through_a_computed_value_it_does_not_feed(every):
    """Each edge ends where its source is used: inputs and weights run into weighted sums, never
    into one another (a weight is not computed from an input)."""
    for c, g in every:
        kinds = {n["id"]: n["kind"] for n in g.get("nodes", [])}
        for e in g.get("edges", []):
            assert (kinds[e["source"]], kinds[e["target"]]) in {
                ("input", "sum"), ("parameter", "sum"), ("activation", "sum"), ("sum", "activation"),
                ("activation", "loss"), ("target", "loss")}, e["id"]
