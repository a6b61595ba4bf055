"""The numeric core against independent values: the seed's hand-derived numbers, a second
implementation, and central finite differences."""
from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from generator.maths import core
from generator.example import load
from tests import reference
from tests.rounding import is_correctly_rounded

SEED = load("examples/seed.toml")


@pytest.fixture(scope="module")
def seed_trace():
    return core.run(SEED.network, SEED.x, SEED.y)


# Values derived by hand from the seed's numbers, checked to the precision the seed prints
# them, where the seed's arithmetic is right.
SEED_BY_HAND = {
    "z1": [0.35, 0.47],  # 0.2*0.5 + 0.5*0.3 + 0.1 and 0.3*0.5 + 0.4*0.3 + 0.2, exact
    "a1": ["0.587", "0.615"],  # sigma(0.35), sigma(0.47)
    "z2": ["0.883"],
    "sigma_prime_z2": "0.207",
    "sigma_prime_z1": ["0.242", "0.237"],
}


def test_seed_forward_values_match_the_hand_calculation(seed_trace):
    assert seed_trace.z[1] == pytest.approx(SEED_BY_HAND["z1"], abs=1e-15)
    for shown, exact in zip(SEED_BY_HAND["a1"], seed_trace.a[1]):
        assert is_correctly_rounded(shown, exact, 3)
    assert is_correctly_rounded(SEED_BY_HAND["z2"][0], seed_trace.z[2][0], 3)
    assert is_correctly_rounded(SEED_BY_HAND["sigma_prime_z2"], seed_trace.activation_derivative[2][0], 3)
    for shown, exact in zip(SEED_BY_HAND["sigma_prime_z1"], seed_trace.activation_derivative[1]):
        assert is_correctly_rounded(shown, exact, 3)


def test_seed_values_for_the_record(seed_trace):
    # a2 = 0.707 (the seed prints 0.708), L = 0.00429, dL/dz2 = -0.0192, dL/dW1_11 = -0.00139.
    assert is_correctly_rounded("0.707", seed_trace.a[2][0], 3)
    assert not is_correctly_rounded("0.708", seed_trace.a[2][0], 3)
    assert is_correctly_rounded("0.00429", seed_trace.loss, 3)
    assert is_correctly_rounded("-0.0192", seed_trace.grad_z[2][0], 3)
    assert is_correctly_rounded("-0.00139", seed_trace.grad_W[1][0, 0], 3)


def test_seed_sigmoid_by_its_definition(seed_trace):
    for z, a in zip(seed_trace.z[1], seed_trace.a[1]):
        assert a == pytest.approx(1 / (1 + math.exp(-z)), rel=1e-15)


def random_network(rng, sizes, activations, loss):
    weights = [rng.normal(0, 1, (m, n)) for n, m in zip(sizes, sizes[1:])]
    biases = [rng.normal(0, 0.5, m) for m in sizes[1:]]
    return core.Network(list(sizes), list(activations), loss, weights, biases)


CASES = [
    (activation, loss, sizes)
    for activation, loss, sizes in itertools.product(
        core.ACTIVATIONS, core.LOSSES, [(2, 2, 1), (3, 4, 2), (1, 3, 3, 2)])
]


def sample(rng, net):
    x = rng.normal(0, 1, net.sizes[0])
    y = rng.uniform(0.05, 0.95, net.sizes[-1])
    return x, y


def make_case(activation, loss, sizes, seed=0):
    rng = np.random.default_rng(seed)
    # bce needs outputs in (0, 1): the output layer is a sigmoid there.
    acts = [activation] * (len(sizes) - 1)
    if loss == "bce":
        acts[-1] = "sigmoid"
    net = random_network(rng, sizes, acts, loss)
    return net, *sample(rng, net)


# Central differences with step EPS have truncation error O(EPS^2) and rounding error
# O(1e-16 / EPS); with EPS = 1e-6 both are far below the tolerance.
EPS = 1e-6
FD_TOLERANCE = dict(rel=1e-5, abs=1e-8)


@pytest.mark.parametrize("activation,loss,sizes", CASES)
def test_gradients_match_central_finite_differences(activation, loss, sizes):
    net, x, y = make_case(activation, loss, sizes)
    trace = core.run(net, x, y)
    for params, grads in ((net.weights, trace.grad_W), (net.biases, trace.grad_b)):
        for l, p in enumerate(params, start=1):
            for index in np.ndindex(p.shape):
                original = p[index]
                p[index] = original + EPS
                up = core.loss_of(net, x, y)
                p[index] = original - EPS
                down = core.loss_of(net, x, y)
                p[index] = original
                numeric = (up - down) / (2 * EPS)
                assert grads[l][index] == pytest.approx(numeric, **FD_TOLERANCE), (l, index)


@pytest.mark.parametrize("activation,loss,sizes", CASES)
def test_every_intermediate_matches_a_second_implementation(activation, loss, sizes):
    net, x, y = make_case(activation, loss, sizes, seed=1)
    trace = core.run(net, x, y)
    expected = reference.worked_values(net.sizes, net.activations, net.loss,
                                       [w.tolist() for w in net.weights], [b.tolist() for b in net.biases],
                                       x.tolist(), y.tolist())
    got = {"L": trace.loss}
    for l in range(1, net.depth + 1):
        for j in range(net.sizes[l]):
            got[f"z{l}_{j+1}"] = trace.z[l][j]
            got[f"a{l}_{j+1}"] = trace.a[l][j]
            got[f"s{l}_{j+1}"] = trace.activation_derivative[l][j]
            got[f"dz{l}_{j+1}"] = trace.grad_z[l][j]
            got[f"da{l}_{j+1}"] = trace.grad_a[l][j]
            got[f"db{l}_{j+1}"] = trace.grad_b[l][j]
            for k in range(net.sizes[l - 1]):
                got[f"dW{l}_{j+1}_{k+1}"] = trace.grad_W[l][j, k]
    for k in range(net.sizes[0]):
        got[f"dx{k+1}"] = trace.grad_a[0][k]
    assert got.keys() == expected.keys()
    for key in expected:
        assert got[key] == pytest.approx(expected[key], rel=1e-9, abs=1e-12), key


def test_relu_derivative_at_exactly_zero_is_zero():
    z = np.array([-1.0, 0.0, 2.0])
    assert core.activation_derivative("relu", z, np.maximum(z, 0)).tolist() == [0.0, 0.0, 1.0]


def test_sigmoid_is_stable_at_extremes():
    # Underflow to 0 is the right answer far out; overflow or NaN would not be.
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        s = core.sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    assert s.tolist() == [0.0, 0.5, 1.0]


@pytest.mark.parametrize("z, y, expected", [(1000.0, 1.0, -1.0), (-1000.0, 0.0, 1.0)])
def test_a_sigmoid_output_saturated_onto_its_target_has_a_finite_gradient(z, y, expected):
    # dL/da = -y/a + (1 - y)/(1 - a): with a within 1e-400 of y it is -1/a or 1/(1 - a), -1 or 1
    # to every digit a double holds, although a - y and a(1 - a) are both 0 in floating point.
    net = core.Network([1, 1], ["sigmoid"], "bce", [np.array([[z]])], [np.array([0.0])])
    trace = core.run(net, [1.0], [y])
    assert trace.grad_a[1][0] == expected
    assert trace.grad_z[1][0] == 0.0 and trace.loss == 0.0
