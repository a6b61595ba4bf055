"""Why weights start random, read from the built pages: the independent implementation, trained
step by step here, keeps equal hidden units equal at every step and random ones apart, with the
numbers the pages show; and the init-scale table is the variance of a uniform draw."""
from __future__ import annotations

import math
import re

import numpy as np

from generator.content.symmetry import RANDOM_START_SEED
from generator.example import draw_parameters
from generator.maths.core import Network
from generator.maths.symmetry import equal_layer
from tests import beyond_pages as bp
from tests import pages
from tests import reference
from tests.rounding import is_correctly_rounded, parse_shown


def train(sizes, activations, loss, W, b, x, y, eta, steps):
    """Gradient descent with the independent implementation: the gradients before every step
    and after the last, and the parameters at the end."""
    W = [[list(map(float, row)) for row in layer] for layer in W]
    b = [list(map(float, layer)) for layer in b]
    history = []
    for step in range(steps + 1):
        v = reference.worked_values(sizes, activations, loss, W, b, x, y)
        history.append(v)
        if step == steps:
            break
        for l in range(1, len(sizes)):
            for j in range(sizes[l]):
                for k in range(sizes[l - 1]):
                    W[l - 1][j][k] -= eta * v[f"dW{l}_{j + 1}_{k + 1}"]
                b[l - 1][j] -= eta * v[f"db{l}_{j + 1}"]
    return history, W, b


def unit_gradients(v, sizes, l, j):
    return ([v[f"dW{l}_{j}_{k}"] for k in range(1, sizes[l - 1] + 1)] + [v[f"db{l}_{j}"]]
            + [v[f"dW{l + 1}_{i}_{j}"] for i in range(1, sizes[l + 1] + 1)])


def symmetric(computed):
    return next(c for c in computed if c.example.slug == "symmetric-start")


def runs(c):
    ex, net = c.example, c.example.network
    equal = train(net.sizes, net.activations, net.loss, net.weights, net.biases, ex.x.tolist(), ex.y.tolist(),
                  ex.learning_rate, ex.steps)
    W, b = draw_parameters(net.sizes, RANDOM_START_SEED)
    random = train(net.sizes, net.activations, net.loss, W, b, ex.x.tolist(), ex.y.tolist(), ex.learning_rate, ex.steps)
    return equal, random


def test_equal_units_get_equal_gradients_at_every_step_and_random_ones_never(computed):
    c = symmetric(computed)
    sizes = c.example.network.sizes
    (equal, _, _), (random, _, _) = runs(c)
    assert len(equal) == c.example.steps + 1
    for v in equal:
        first = unit_gradients(v, sizes, 1, 1)
        assert all(unit_gradients(v, sizes, 1, j) == first for j in range(2, sizes[1] + 1))
    for v in random:
        grads = [unit_gradients(v, sizes, 1, j) for j in range(1, sizes[1] + 1)]
        assert len({tuple(g) for g in grads}) == sizes[1]


def gradient_rows(page, css):
    return bp.table(page, css)


def test_the_pages_show_the_runs(built_site, computed):
    c = symmetric(computed)
    sizes, digits = c.example.network.sizes, c.example.significant_digits
    (equal, W_end, b_end), (random, _, _) = runs(c)
    for page in (built_site / "symmetry.html", pages.topic_page(built_site, c, "symmetry")):
        text = bp.text(page)
        assert f"equal to the last bit at all {c.example.steps + 1} of those points" in text
        for css, history in (("bp-symmetry-equal", equal), ("bp-symmetry-random", random)):
            rows = gradient_rows(page, css)
            assert rows[0][0] == "0" and int(rows[-1][0]) == c.example.steps
            for row in rows:
                v = history[int(row[0])]
                for j, cell in enumerate(row[1:-1], start=1):
                    assert is_correctly_rounded(bp.unwrap(cell), v[f"dW1_{j}_1"], digits), (page.name, css, row)
                grads = np.array([unit_gradients(v, sizes, 1, j) for j in range(1, sizes[1] + 1)])
                spread = float(np.max(grads.max(axis=0) - grads.min(axis=0)))
                assert is_correctly_rounded(bp.unwrap(row[-1]), spread, digits), (page.name, css, row)
                assert (spread == 0) == (css == "bp-symmetry-equal")
        # After training the equal units still have equal parameters, as shown.
        shown = re.findall(r"W_\{(\d)1\}\^\{\(1\)\} = ([-\d.]+)", text)
        ends = [(j, value) for j, value in shown if parse_shown(value)[1] == digits]
        assert any(j == "1" and is_correctly_rounded(value, W_end[0][0][0], digits) for j, value in ends)
        assert {value for j, value in ends[:sizes[1]]} == {ends[0][1]}


def test_the_worked_page_says_which_units_are_equal_and_the_numbers_it_shows_are(built_site, computed):
    """The worked page names the equal layer and its units; every value and gradient of those
    units, as the independent implementation computes them and as the page prints them, is the
    same for each."""
    c = symmetric(computed)
    ex, net = c.example, c.example.network
    l = equal_layer(net)
    units = range(1, net.sizes[l] + 1)
    v = reference.worked_values(net.sizes, net.activations, net.loss, [w.tolist() for w in net.weights],
                                [b.tolist() for b in net.biases], ex.x.tolist(), ex.y.tolist())
    for name in ("z", "a", "dz", "da"):
        assert len({v[f"{name}{l}_{j}"] for j in units}) == 1, name
    assert len({tuple(unit_gradients(v, net.sizes, l, j)) for j in units}) == 1
    page = pages.built(built_site, c.page)
    text = " ".join(bp.text(page).split())
    assert f"The {net.sizes[l]} neurons of layer {l} start with the same weights and bias" in text
    # The page's table of parameters: each unit's incoming weights and bias print alike.
    table = next(t for t in pages.tables(page) if t[0][0] == "Parameter")
    shown = {bp.unwrap(row[0]): row[2] for row in table[1:]}
    for k in range(1, net.sizes[l - 1] + 1):
        assert len({shown[f"W_{{{j}{k}}}^{{({l})}}"] for j in units}) == 1, k
    assert len({shown[f"b_{{{j}}}^{{({l})}}"] for j in units}) == 1


def test_an_equal_layer_is_found_only_where_every_unit_matches():
    W1 = np.array([[0.4, -0.2], [0.4, -0.2]])
    same = Network([2, 2, 1], ["sigmoid"] * 2, "mse", [W1, np.array([[0.3, 0.3]])], [np.array([0.1, 0.1]), np.zeros(1)])
    assert equal_layer(same) == 1
    outgoing = Network([2, 2, 1], ["sigmoid"] * 2, "mse", [W1, np.array([[0.3, 0.31]])], [np.array([0.1, 0.1]), np.zeros(1)])
    bias = Network([2, 2, 1], ["sigmoid"] * 2, "mse", [W1, np.array([[0.3, 0.3]])], [np.array([0.1, 0.2]), np.zeros(1)])
    assert equal_layer(outgoing) is None and equal_layer(bias) is None


def normal_tail(t: float) -> float:
    """P(|Z| > t) for a standard normal Z."""
    return math.erfc(t / math.sqrt(2))


def test_the_init_scale_table_is_the_variance_of_a_uniform_draw(built_site):
    rows = bp.table(built_site / "symmetry.html", "bp-init-scale")
    # The sigmoid's slope falls below a tenth of 1/4 where e^-|z| / (1 + e^-|z|)^2 < 1/40: solved here.
    lo, hi = 0.0, 20.0
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if math.exp(-mid) / (1 + math.exp(-mid)) ** 2 >= 0.025 else (lo, mid)
    edge = hi
    # Each fan-in twice: weights scaled by 1/sqrt(n), then in +-1.
    assert len(rows) >= 6 and len(rows) % 2 == 0
    for scaled_row, fixed_row in zip(rows[::2], rows[1::2]):
        n = bp.count(scaled_row[0])
        assert bp.count(fixed_row[0]) == n
        bound = bp.unwrap(scaled_row[1]).split(r"\approx")[-1].strip()
        assert bound == "c = 1" if n == 1 else is_correctly_rounded(bound, 1 / math.sqrt(n), 3)
        assert bp.unwrap(fixed_row[1]) == "c = 1"
        for row, c in ((scaled_row, 1 / math.sqrt(n)), (fixed_row, 1.0)):
            expected, measured, share = (float(parse_shown(bp.unwrap(cell))[0]) for cell in row[2:5])
            # A uniform draw on +-c has variance c^2 / 3; n of them add up.
            assert is_correctly_rounded(bp.unwrap(row[2]), math.sqrt(n * c * c / 3), 3)
            # Measured over the draws: within a few standard errors of the expected spread.
            assert abs(measured / expected - 1) < 0.06
            # Scaled, the sum practically never reaches the saturated range; fixed, it does once
            # it can (|z| <= n c), about as often as a normal variable of the same spread.
            if c < 1 or n <= edge:
                assert share == 0, (n, c)
            else:
                assert abs(share - normal_tail(edge / math.sqrt(n / 3))) < 0.03, (n, share)
