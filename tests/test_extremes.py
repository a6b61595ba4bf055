"""Numerical extremes: large weights and inputs compute without overflow, saturated outputs
under cross-entropy keep their precision, and tiny or huge values are shown in scientific
notation, never as a string of zeros. Expected values come from the independent implementation
run with mpmath at a thousand digits."""
from __future__ import annotations

import math
import re
import sys
import warnings
from fractions import Fraction

import mpmath
import numpy as np
import pytest

from generator.content import numbers, worked
from generator.content.numbers import Formatter
from generator.maths import core
from tests import reference
from tests.rounding import is_correctly_rounded

# Enough digits to resolve 1 - sigmoid(z) for every z these tests use.
PRECISION = 1000
# Beyond these the exact value has no double: it underflows to 0 or overflows to infinity.
SMALLEST = Fraction(sys.float_info.min) * Fraction(sys.float_info.epsilon)  # the least subnormal
LARGEST = Fraction(sys.float_info.max)


def precise(net, x, y) -> dict[str, Fraction]:
    """Every quantity of the worked example by id, exactly as mpmath computes it."""
    with mpmath.workdps(PRECISION):
        values = reference.worked_values(net.sizes, net.activations, net.loss, [w.tolist() for w in net.weights],
                                         [b.tolist() for b in net.biases], list(x), list(y), m=mpmath.mp)
        return {id: as_fraction(v) for id, v in values.items()}


def as_fraction(v) -> Fraction:
    sign, man, exp, _ = mpmath.mpf(v)._mpf_
    f = Fraction(man) * Fraction(2) ** exp
    return -f if sign else f


def rough(v: Fraction) -> str:
    """An exact value in a few digits, for a failure message (no float holds some of them)."""
    with mpmath.workdps(PRECISION):
        return mpmath.nstr(mpmath.mpf(v.numerator) / v.denominator, 6)


def shown_right(shown: str, exact: Fraction, digits: int) -> bool:
    """The exact value correctly rounded; or, for a value with no double, 0 when it is below
    the least one and a signed infinity when it is above the largest."""
    if abs(exact) > LARGEST:
        return shown == ("-" if exact < 0 else "") + r"\infty"
    if 0 < abs(exact) < SMALLEST / 2:
        return shown == "0"
    return is_correctly_rounded(shown, exact, digits)


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
    exact = precise(net, [-500.0, 2.0], [0.25])
    assert math.isfinite(trace.loss)
    for q in quantities:
        assert not math.isnan(q.value), q.id
        assert shown_right(q.value_tex, exact[q.id], 3), (q.id, q.value_tex, rough(exact[q.id]))
        if math.isinf(q.value):
            # Only a saturated sigmoid output under cross-entropy has a gradient beyond
            # double precision, and the page names it.
            assert loss == "bce" and q.id.startswith("da2"), q.id
    # Every parameter gradient stays finite, whatever dL/da does.
    for g in trace.grad_W[1:] + trace.grad_b[1:]:
        assert np.all(np.isfinite(g))


@pytest.mark.parametrize("z", [40.0, -40.0, 800.0, -800.0, 0.3])
@pytest.mark.parametrize("y", [1.0, 0.0, 0.25])
def test_cross_entropy_of_a_saturated_sigmoid_keeps_its_precision(z, y):
    # At z = 40, a rounds to 1 in double precision; at 800 so does everything near it. The loss
    # and every gradient still match the exact values to the last bits, or are named infinite
    # where the exact value is beyond double precision.
    net = core.Network([1, 1], ["sigmoid"], "bce", [np.array([[z]])], [np.array([0.0])])
    trace = core.run(net, [1.0], [y])
    exact = precise(net, [1.0], [y])
    got = {"L": trace.loss, "dz1_1": trace.grad_z[1][0], "da1_1": trace.grad_a[1][0], "dW1_1_1": trace.grad_W[1][0, 0]}
    for id, value in got.items():
        if abs(exact[id]) > LARGEST:
            assert value == (math.inf if exact[id] > 0 else -math.inf), id
        else:
            assert value == pytest.approx(float(exact[id]), rel=1e-12, abs=0), (id, value, float(exact[id]))
    for q in worked.quantities(trace, Formatter(3)):
        assert shown_right(q.value_tex, exact[q.id], 3), (q.id, q.value_tex, rough(exact[q.id]))


def test_sigmoid_derivative_keeps_its_precision_near_saturation():
    z = np.array([30.0, -30.0])
    s = core.activation_derivative("sigmoid", z, core.sigmoid(z))
    with mpmath.workdps(PRECISION):
        exact = float(mpmath.exp(-30) / (1 + mpmath.exp(-30)) ** 2)
    assert s == pytest.approx([exact, exact], rel=1e-14, abs=0)


def test_tiny_and_huge_values_are_shown_in_scientific_notation():
    net = extreme_network("sigmoid", "mse")
    trace = core.run(net, [-500.0, 2.0], [0.25])
    exact = precise(net, [-500.0, 2.0], [0.25])
    for q in worked.quantities(trace, Formatter(3)):
        assert not re.fullmatch(r"-?0\.0+", q.value_tex), q.id
        if q.value != 0 and (abs(q.value) < 1e-4 or abs(q.value) >= 1e6):
            assert r"\times 10^{" in q.value_tex, (q.id, q.value_tex)
        assert shown_right(q.value_tex, exact[q.id], 3), (q.id, q.value_tex, rough(exact[q.id]))


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
