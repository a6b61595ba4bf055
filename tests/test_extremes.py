"""Numerical extremes: large weights and inputs compute without overflow, and tiny or huge
values are shown in scientific notation, never as a string of zeros."""
from __future__ import annotations

import math
import re
import warnings

import numpy as np
import pytest

from generator.content import numbers, worked
from generator.content.numbers import Formatter
from generator.maths import core
from tests import reference
from tests.rounding import is_correctly_rounded


def extreme_network(activation, loss):
    acts = [activation, "sigmoid" if loss == "bce" else activation]
    weights = [np.array([[1000.0, -3.0], [0.5, 2.0]]), np.array([[4.0, -1000.0]])]
    biases = [np.array([0.0, 1.0]), np.array([0.5])]
    return core.Network([2, 2, 1], acts, loss, weights, biases)


@pytest.mark.parametrize("activation", core.ACTIVATIONS)
@pytest.mark.parametrize("loss", core.LOSSES)
def test_large_weights_and_inputs_compute_without_overflow(activation, loss):
    net = extreme_network(activation, loss)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise"):
            trace = core.run(net, [-500.0, 2.0], [0.25])
            quantities = worked.quantities(trace, Formatter(3))
    assert math.isfinite(trace.loss)
    for q in quantities:
        assert not math.isnan(q.value), q.id
        if math.isinf(q.value):
            # Only a saturated sigmoid output under cross-entropy has a gradient beyond
            # double precision, and the page names it.
            assert loss == "bce" and q.id.startswith("da2"), q.id
            assert q.value_tex.endswith(r"\infty")
    # Every parameter gradient stays finite, whatever dL/da does.
    for g in trace.grad_W[1:] + trace.grad_b[1:]:
        assert np.all(np.isfinite(g))


def test_cross_entropy_of_a_saturated_sigmoid_is_exact():
    # z = 40: a rounds to 1 in double precision, yet L = softplus(-40) when y = 1.
    net = core.Network([1, 1], ["sigmoid"], "bce", [np.array([[40.0]])], [np.array([0.0])])
    trace = core.run(net, [1.0], [1.0])
    assert trace.loss == pytest.approx(math.log1p(math.exp(-40.0)), rel=1e-12)
    assert trace.grad_z[1][0] == pytest.approx(-math.exp(-40.0) / (1 + math.exp(-40.0)), rel=1e-9)


def test_sigmoid_derivative_keeps_its_precision_near_saturation():
    z = np.array([30.0, -30.0])
    s = core.activation_derivative("sigmoid", z, core.sigmoid(z))
    exact = math.exp(-30.0) / (1 + math.exp(-30.0)) ** 2
    assert s == pytest.approx([exact, exact], rel=1e-14)


def test_tiny_and_huge_values_are_shown_in_scientific_notation():
    net = extreme_network("sigmoid", "mse")
    trace = core.run(net, [-500.0, 2.0], [0.25])
    expected = reference.worked_values(net.sizes, net.activations, net.loss,
                                       [w.tolist() for w in net.weights], [b.tolist() for b in net.biases],
                                       [-500.0, 2.0], [0.25])
    for q in worked.quantities(trace, Formatter(3)):
        assert not re.fullmatch(r"-?0\.0+", q.value_tex), q.id
        if q.value != 0 and (abs(q.value) < 1e-4 or abs(q.value) >= 1e6):
            assert r"\times 10^{" in q.value_tex, (q.id, q.value_tex)
        assert is_correctly_rounded(q.value_tex, expected[q.id], 3) or q.value == pytest.approx(expected[q.id], rel=1e-6)


def test_tiny_value_formats_as_power_of_ten():
    assert numbers.tex(3.2e-200, 3) == r"3.20 \times 10^{-200}"
    assert numbers.text(-4.56e-9, 3) == "−4.56 × 10⁻⁹"


def test_a_sigmoid_beyond_the_decimal_range_is_written_with_symbols():
    # z = 10^6 · (-10) = -10^7: checking sigma(z) with its printed number needs e^(10^7), beyond
    # the largest power of ten decimal arithmetic holds, so the line names z instead.
    net = core.Network([1, 1], ["sigmoid"], "mse", [np.array([[1e6]])], [np.array([0.0])])
    lines = {q.id: q.equation_text() for q in worked.quantities(core.run(net, [-10.0], [0.5]), Formatter(3))}
    assert lines["z1_1"] == "z⁽¹⁾ = 1 × 10⁶·(−10) + 0 = −1 × 10⁷"
    assert lines["a1_1"] == "a⁽¹⁾ = σ(z⁽¹⁾) ≈ 0"
