"""Vanishing and exploding gradients, read from the built pages: every size, slope and factor is
the independent implementation's, run with each hidden activation; the stalled units named are
exactly those whose slope the independent implementation finds below the limit."""
from __future__ import annotations

import math
import re
from fractions import Fraction

import numpy as np

from generator.maths.core import Network
from generator.maths.vanishing import layers
from tests import beyond_pages as bp
from tests import pages
from tests import calculator, reference
from tests.rounding import is_correctly_rounded, parse_shown

HIDDEN = ["sigmoid", "tanh", "relu"]
# Each activation's largest slope, by hand: sigma'(0) = 1/4, tanh'(0) = 1, relu' = 1 above 0.
LARGEST = {"sigmoid": 0.25, "tanh": 1.0, "relu": 1.0}
# The pages' stated limit: a slope below this share of the largest is stalled.
SHARE = 0.1


def run(c, hidden):
    """The independent values with every hidden layer's activation replaced."""
    net = c.example.network
    activations = [hidden] * (net.depth - 1) + [net.activations[-1]]
    return reference.worked_values(net.sizes, activations, net.loss, [w.tolist() for w in net.weights],
                                   [b.tolist() for b in net.biases], c.example.x.tolist(), c.example.y.tolist())


def size(v, l, n):
    return math.sqrt(sum(v[f"dz{l}_{j}"] ** 2 for j in range(1, n + 1)))


def deepest(computed):
    return max(sorted(computed, key=lambda c: c.example.slug), key=lambda c: c.example.network.depth)


def pages_with_layers(built_site, computed):
    deep = deepest(computed)
    out = [(deep, built_site / "vanishing-gradients.html")]
    return out + [(c, pages.topic_page(built_site, c, "layers")) for c in computed
                  if c.example.slug != "seed" and c.example.network.depth >= 2]


def test_every_size_and_slope_is_the_independent_ones(built_site, computed):
    checked = 0
    for c, page in pages_with_layers(built_site, computed):
        net, digits = c.example.network, c.example.significant_digits
        runs = {h: run(c, h) for h in HIDDEN}
        rows = bp.table(page, "bp-layers")
        assert [int(r[0]) for r in rows] == list(range(net.depth, 0, -1))
        shown_sizes = {}
        for row in rows:
            l = int(row[0])
            for i, h in enumerate(HIDDEN):
                v = runs[h]
                shown_size, shown_slope = bp.unwrap(row[1 + 2 * i]), bp.unwrap(row[2 + 2 * i])
                assert is_correctly_rounded(shown_size, size(v, l, net.sizes[l]), digits), (page.name, l, h)
                shown_sizes[l, h] = parse_shown(shown_size)[0]
                slope = max(v[f"s{l}_{j}"] for j in range(1, net.sizes[l] + 1))
                assert is_correctly_rounded(shown_slope, slope, digits), (page.name, l, h)
                if l < net.depth:
                    assert slope <= LARGEST[h]
                checked += 1
        factors = bp.table(page, "bp-layer-factors")
        assert len(factors) == net.depth - 1
        for row in factors:
            above, here = (int(n) for n in re.match(r"(\d+) to (\d+)", row[0]).groups())
            assert above == here + 1
            for i, h in enumerate(HIDDEN):
                # A factor is the quotient of the two sizes as the table above shows them, so
                # that a reader with a calculator gets it from the table.
                here_size, above_size = shown_sizes[here, h], shown_sizes[above, h]
                if above_size == 0:
                    assert row[1 + i] == "—"
                else:
                    assert is_correctly_rounded(bp.unwrap(row[1 + i]), here_size / above_size, digits), (page.name, row[0], h)
    assert checked >= 3 * 5


def test_the_overall_factors_are_the_printed_first_size_over_the_printed_last(built_site, computed):
    """The sentences' factors from the output back to layer 1 divide the table's sizes as printed."""
    function_tex = {"sigmoid": r"\sigma", "tanh": r"\tanh", "relu": r"\operatorname{relu}"}
    for c, page in pages_with_layers(built_site, computed):
        net, digits = c.example.network, c.example.significant_digits
        rows = {int(r[0]): r for r in bp.table(page, "bp-layers")}
        text = re.sub(r"</?span[^>]*>", "", bp.text(page))
        sentence = re.search(r"back to layer 1 the gradient's size is multiplied by(.*?)\.\s", text, flags=re.S).group(1)
        for i, h in enumerate(HIDDEN):
            first, last = (parse_shown(bp.unwrap(rows[l][1 + 2 * i]))[0] for l in (1, net.depth))
            shown = re.search(r"\\\(\{([^}]*)\}\\\) with \\\(" + re.escape(function_tex[h]) + r"\\\)", sentence).group(1)
            assert is_correctly_rounded(shown, first / last, digits), (page.name, h, shown, first / last)
    deep = deepest(computed)
    page = built_site / "vanishing-gradients.html"
    rows = {int(r[0]): r for r in bp.table(page, "bp-layers")}
    first, last = (parse_shown(bp.unwrap(rows[l][1]))[0] for l in (1, deep.example.network.depth))
    shown = re.search(r"the gradient reaching layer 1 is \\\(\{([^}]*)\}\\\) times",
                      re.sub(r"</?span[^>]*>", "", bp.text(page))).group(1)
    assert is_correctly_rounded(shown, first / last, deep.example.significant_digits), (shown, first / last)


def test_the_deep_sigmoid_gradient_vanishes_and_the_bound_is_exact(built_site, computed):
    deep = deepest(computed)
    net = deep.example.network
    assert net.activations == ["sigmoid"] * net.depth and len(net.sizes) == 6
    v = run(deep, "sigmoid")
    first, last = size(v, 1, net.sizes[1]), size(v, net.depth, net.sizes[-1])
    # Each hidden layer shrinks it (by less than 1/4 of the weights' size, here), so that the first
    # layer's is more than a thousand times smaller than the output's.
    sizes = [size(v, l, net.sizes[l]) for l in range(1, net.depth + 1)]
    assert sizes == sorted(sizes) and first / last < 1e-3
    text = bp.text(built_site / "vanishing-gradients.html")
    hidden = net.depth - 1
    line = re.search(r"0\.25 \\cdot [^=]*= ([\d.]+)", text)
    assert line.group(0).count(r"\cdot") == hidden - 1
    assert Fraction(line.group(1)) == Fraction(1, 4) ** hidden
    ok, why = calculator.holds(calculator.tex_to_text(line.group(0).split(" = ")[0]), "=", line.group(1))
    assert ok, why


def stalled_on_page(page, hidden) -> set[tuple[int, int]]:
    """The units the page names as stalled in one run: (layer, unit)."""
    item = next(li for li in re.findall(r"<li>(.*?)</li>", bp.text(page), flags=re.S)
                if li.startswith("<strong>") and {"sigmoid": r"\sigma", "tanh": r"\tanh", "relu": "relu"}[hidden] in li.split("</strong>")[0])
    return {(int(l), int(j or 1)) for j, l in re.findall(r"z_?\{?(\d*)\}?\^\{\((\d+)\)\} = ", item)}


def test_the_stalled_units_are_named_where_they_occur(built_site, computed):
    found = 0
    for c, page in pages_with_layers(built_site, computed):
        net = c.example.network
        for h in HIDDEN:
            v = run(c, h)
            activations = [h] * (net.depth - 1) + [net.activations[-1]]
            expected = {(l, j) for l in range(1, net.depth + 1) for j in range(1, net.sizes[l] + 1)
                        if v[f"s{l}_{j}"] < SHARE * LARGEST.get(activations[l - 1], 1.0)}
            assert stalled_on_page(page, h) == expected, (page.name, h)
            found += len(expected)
    # Dead relu units occur in these examples, and are named.
    assert found > 0


def test_a_saturated_sigmoid_is_named_and_a_dead_relu_is_not_called_saturated():
    # Weights large enough to push the first layer far from zero.
    net = Network([1, 2, 1], ["sigmoid", "sigmoid"], "mse", [np.array([[8.0], [0.5]]), np.array([[1.0, 1.0]])],
                  [np.zeros(2), np.zeros(1)])
    stalled = layers(net, np.array([1.0]), np.array([0.5]), "sigmoid").stalled
    # sigma'(8) = e^-8 / (1 + e^-8)^2, about 0.000335: far below a tenth of 1/4; sigma'(0.5) is not.
    assert [(s.layer, s.j) for s in stalled] == [(1, 1)]
    assert abs(stalled[0].slope - math.exp(-8) / (1 + math.exp(-8)) ** 2) < 1e-15
    relu = layers(net, np.array([-1.0]), np.array([0.5]), "relu").stalled
    assert [(s.layer, s.j, s.slope) for s in relu] == [(1, 1, 0.0), (1, 2, 0.0)]
