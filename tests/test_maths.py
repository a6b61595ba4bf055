"""The maths behind the pages beyond one pass, checked without building the site: a learning
step and a training run, a mini-batch, the gradient check and the round-at-every-step chain,
each against tests/reference.py or a hand calculation written here."""
from __future__ import annotations

import math
from decimal import Decimal

import mpmath
import numpy as np
import pytest

from generator.content import formula
from generator.content.notation import Notation
from generator.maths import batch, core, drift, gradcheck, losses, refs, training
from generator.maths import expr as E
from tests import authored, reference
from tests.test_drift import by_hand

@pytest.fixture(scope="module")
def examples():
    from generator import site
    return authored.read_all(site.EXAMPLES)


def network(ex, W=None, b=None) -> core.Network:
    """The generator's network for an example as its author wrote it."""
    W, b = (ex.plain() if W is None else (W, b))
    return core.Network(list(ex.sizes), list(ex.activations), ex.loss,
                        [np.array(w, dtype=float) for w in W], [np.array(v, dtype=float) for v in b])


def sample(ex):
    return np.array([float(v) for v in ex.x]), np.array([float(v) for v in ex.y])


def stepped(ex, W, b, rate):
    """Parameters after one step of gradient descent, from the reference's gradients."""
    g = ex.values(W, b)
    W = [[[w - rate * g[f"dW{l}_{j}_{k}"] for k, w in enumerate(row, 1)] for j, row in enumerate(layer, 1)]
         for l, layer in enumerate(W, 1)]
    b = [[v - rate * g[f"db{l}_{j}"] for j, v in enumerate(layer, 1)] for l, layer in enumerate(b, 1)]
    return W, b


def close(a, b, rel=1e-9, abs_=1e-12) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_)


def test_one_step_moves_every_parameter_against_its_gradient(examples):
    for ex in examples.values():
        W, b = stepped(ex, *ex.plain(), ex.learning_rate)
        x, y = sample(ex)
        s = training.step(network(ex), x, y, ex.learning_rate)
        assert s.learning_rate == ex.learning_rate
        assert close(s.before.loss, ex.values()["L"]), ex.slug
        for l in range(1, ex.depth + 1):
            assert np.allclose(s.network_after.weights[l - 1], W[l - 1], rtol=1e-12, atol=1e-15), ex.slug
            assert np.allclose(s.network_after.biases[l - 1], b[l - 1], rtol=1e-12, atol=1e-15), ex.slug
        assert close(s.after.loss, ex.values(W, b)["L"]), ex.slug
        assert s.network_after.activations == ex.activations and s.network_after.loss == ex.loss


def test_a_run_records_the_loss_before_every_step_and_after_the_last(examples):
    ex = examples["seed"]
    W, b = ex.plain()
    losses = [ex.values(W, b)["L"]]
    for _ in range(5):
        W, b = stepped(ex, W, b, ex.learning_rate)
        losses.append(ex.values(W, b)["L"])
    x, y = sample(ex)
    run = training.train(network(ex), x, y, ex.learning_rate, 5)
    assert run.steps == 5 and run.learning_rate == ex.learning_rate and len(run.losses) == 6
    assert all(close(got, want) for got, want in zip(run.losses, losses)), (run.losses, losses)
    assert close(run.outputs_before[0], ex.values()["a2_1"])
    assert close(run.outputs_after[0], ex.values(W, b)["a2_1"])
    assert np.allclose(run.network_after.weights[0], W[0], rtol=1e-12)


@pytest.mark.parametrize("count, limit, indices", [
    (4, 10, [0, 1, 2, 3]), (5, 5, [0, 1, 2, 3, 4]), (201, 5, [0, 50, 100, 150, 200]), (7, 3, [0, 3, 6]),
    (11, 6, [0, 2, 4, 6, 8, 10]), (1, 2, [0]),
])
def test_a_long_run_is_sampled_evenly_with_both_ends(count, limit, indices):
    assert training.sample_indices(count, limit) == indices


def test_a_batch_is_the_mean_over_its_samples():
    sizes, acts = [2, 3, 2], ["tanh", "sigmoid"]
    W = [[[0.1, -0.4], [0.3, 0.2], [-0.5, 0.6]], [[0.2, -0.3, 0.4], [0.5, 0.1, -0.2]]]
    b = [[0.1, -0.2, 0.05], [0.0, 0.3]]
    samples = [([0.5, -0.3], [0.2, 0.9]), ([-1.0, 0.8], [0.7, 0.1]), ([0.25, 0.4], [0.5, 0.5])]
    net = core.Network(sizes, acts, "mse", [np.array(w) for w in W], [np.array(v) for v in b])
    got = batch.run(net, [(np.array(x), np.array(y)) for x, y in samples])
    each = [reference.worked_values(sizes, acts, "mse", W, b, x, y) for x, y in samples]
    m = len(samples)
    assert got.size == m and got.network is net
    assert close(got.loss, math.fsum(e["L"] for e in each) / m)
    assert got.X.tolist() == [[s[0][k] for s in samples] for k in range(2)]
    assert got.Y.tolist() == [[s[1][j] for s in samples] for j in range(2)]
    for l in (1, 2):
        for j in range(1, sizes[l] + 1):
            assert close(got.grad_b[l][j - 1], math.fsum(e[f"db{l}_{j}"] for e in each) / m)
            assert close(got.mean_grad_b[l][j - 1], math.fsum(e[f"db{l}_{j}"] for e in each) / m)
            assert [close(got.deltas[l][j - 1][i], e[f"dz{l}_{j}"]) for i, e in enumerate(each)] == [True] * m
            assert [close(got.A[l][j - 1][i], e[f"a{l}_{j}"]) for i, e in enumerate(each)] == [True] * m
            for k in range(1, sizes[l - 1] + 1):
                mean = math.fsum(e[f"dW{l}_{j}_{k}"] for e in each) / m
                assert close(got.grad_W[l][j - 1][k - 1], mean) and close(got.mean_grad_W[l][j - 1][k - 1], mean)


def test_the_check_is_the_central_difference_beside_the_reference_gradient(examples):
    for ex in examples.values():
        W, b = ex.plain()
        x, y = sample(ex)
        result = gradcheck.check(network(ex), x, y)
        assert result.epsilon == gradcheck.EPSILON == 1e-5
        g = ex.values()
        assert [str(r.parameter) for r in result.rows] == [
            f"{p}{l}_{j}" + (f"_{k}" if p == "W" else "")
            for l in range(1, ex.depth + 1) for j in range(1, ex.sizes[l] + 1)
            for p, k in [("W", k) for k in range(1, ex.sizes[l - 1] + 1)] + [("b", None)]]
        for r in result.rows:
            assert close(r.backprop, g[f"d{r.parameter}"], rel=1e-9, abs_=1e-15), (ex.slug, r.parameter)
        # The first weight's difference quotient, redone with the reference's loss.
        e = gradcheck.EPSILON
        plus = [[list(row) for row in layer] for layer in W]
        minus = [[list(row) for row in layer] for layer in W]
        plus[0][0][0] += e
        minus[0][0][0] -= e
        quotient = (ex.values(plus, b)["L"] - ex.values(minus, b)["L"]) / (2 * e)
        assert close(result.rows[0].finite_difference, quotient, rel=1e-6, abs_=1e-11), ex.slug


def test_the_chain_rounded_at_every_step_is_the_hand_calculation(examples):
    for ex in examples.values():
        x, y = sample(ex)
        for digits in (2, 3, 4):
            chain = drift.rounded_chain(network(ex), x, y, digits)
            hand = by_hand(ex, ex.x, ex.y, digits)
            for id, value in chain.values.items():
                assert value == hand[id], (ex.slug, digits, id, value, hand[id])


def test_the_exact_chain_is_the_reference_to_double_precision(examples):
    for ex in examples.values():
        x, y = sample(ex)
        chain = drift.exact_chain(network(ex), x, y)
        for id, want in ex.values().items():
            if id in chain.values:
                assert close(float(chain.values[id]), want, rel=1e-12, abs_=1e-300), (ex.slug, id)


def test_the_seed_by_hand_to_three_digits():
    # Worked on paper: z1_1 = 0.2(0.5) + 0.5(0.3) + 0.1 = 0.35, a1_1 = sigma(0.35) = 0.58661...,
    # z2_1 = 0.352 + 0.4305 -> 0.431 + 0.1 = 0.883, sigma(0.883) = 0.70746... -> 0.707.
    net = core.Network([2, 2, 1], ["sigmoid", "sigmoid"], "mse",
                       [np.array([[0.2, 0.5], [0.3, 0.4]]), np.array([[0.6, 0.7]])],
                       [np.array([0.1, 0.2]), np.array([0.1])])
    chain = drift.rounded_chain(net, np.array([0.5, 0.3]), np.array([0.8]), 3)
    assert [chain.values[i] for i in ("z1_1", "z1_2", "a1_1", "a1_2", "z2_1", "a2_1")] == [
        Decimal(v) for v in ("0.35", "0.47", "0.587", "0.615", "0.883", "0.707")]
    assert chain.terms["z2_1"] == [Decimal("0.352"), Decimal("0.431"), Decimal("0.1")]
    assert chain.exact["z1_1"] and not chain.exact["a1_1"]
    assert drift.round_significant(Decimal("1.005"), 3) == Decimal("1.01")
    assert drift.round_significant(Decimal("-0.0012345"), 2) == Decimal("-0.0012")
    assert drift.round_significant(Decimal(0), 3) == 0


def test_the_command_lines_json_holds_every_value_of_the_reference(examples):
    for ex in examples.values():
        x, y = sample(ex)
        got, want = core.run(network(ex), x, y).to_json(), ex.values()
        layers = range(1, ex.depth + 1)
        assert list(got) == ["forward", "loss", "activation_derivatives", "gradients"]
        assert close(got["loss"], want["L"])
        assert list(got["forward"]) == [f"{v}{l}" for l in layers for v in "za"]
        assert list(got["gradients"]) == [f"{v}{l}" for l in layers for v in "Wb"] + [f"{v}{l}" for l in layers for v in "za"]
        for l in layers:
            units = range(1, ex.sizes[l] + 1)
            for v in "za":
                assert all(close(got["forward"][f"{v}{l}"][j - 1], want[f"{v}{l}_{j}"]) for j in units), ex.slug
                assert all(close(got["gradients"][f"{v}{l}"][j - 1], want[f"d{v}{l}_{j}"]) for j in units), ex.slug
            assert all(close(got["activation_derivatives"][f"z{l}"][j - 1], want[f"s{l}_{j}"]) for j in units)
            assert all(close(got["gradients"][f"b{l}"][j - 1], want[f"db{l}_{j}"]) for j in units)
            assert all(close(got["gradients"][f"W{l}"][j - 1][k - 1], want[f"dW{l}_{j}_{k}"])
                       for j in units for k in range(1, ex.sizes[l - 1] + 1))


def test_a_trace_reads_each_input_and_target_at_its_position(examples):
    ex = examples["two-outputs"]
    x, y = sample(ex)
    assert len(x) >= 2 and len(y) >= 2
    t = core.run(network(ex), x, y)
    assert [t.value(refs.x(k)) for k in range(1, len(x) + 1)] == [float(v) for v in ex.x]
    assert [t.value(refs.y(j)) for j in range(1, len(y) + 1)] == [float(v) for v in ex.y]
    with pytest.raises(KeyError, match="z1_1 is not a parameter"):
        network(ex).value(refs.z(1, 1))


def bce_by_hand(a, y):
    return -mpmath.fsum(t * mpmath.log(s) + (1 - t) * mpmath.log(1 - s) for s, t in zip(a, y))


def test_cross_entropy_from_the_outputs_alone():
    # Without the logits (or when the output is not a sigmoid) the loss is taken from a itself,
    # and its gradient is dL/da = -y/a + (1 - y)/(1 - a), the derivative of that sum.
    a, y = np.array([0.7, 0.2, 0.45]), np.array([1.0, 0.25, 0.0])
    bce = losses.LOSSES["bce"]
    want = bce_by_hand(a.tolist(), y.tolist())
    assert close(bce.value(a, y), float(want), rel=1e-15)
    z = np.array([0.5, 1.5, 0.25])  # tanh(z) between 0 and 1
    assert close(core.loss_value("bce", np.tanh(z), y, z, "tanh"), float(bce_by_hand(np.tanh(z).tolist(), y.tolist())),
                 rel=1e-15)
    by_hand = [-t / s + (1 - t) / (1 - s) for s, t in zip(a.tolist(), y.tolist())]
    assert np.allclose(bce.gradient(a, y), by_hand, rtol=1e-14, atol=0)


def test_the_loss_alone_keeps_the_precision_of_a_saturated_sigmoid():
    # A sigmoid output at z = 40 rounds to a = 1.0 exactly; the loss from the logits is still
    # ln(1 + e^-40), about 4.25e-18, where ln(a) would give 0.
    net = core.Network([1, 1, 1, 1], ["tanh", "relu", "sigmoid"], "bce",
                       [np.array([[1.0]]), np.array([[1.0]]), np.array([[1.0]])],
                       [np.array([0.0]), np.array([0.0]), np.array([40.0 - math.tanh(0.5)])])
    want = mpmath.log1p(mpmath.exp(-40 + (mpmath.mpf(math.tanh(0.5)) - math.tanh(0.5))))
    assert close(core.loss_of(net, [0.5], [1.0]), float(want), rel=1e-12, abs_=0)


def test_the_check_takes_its_step_as_given(examples):
    ex = examples["seed"]
    W, b = ex.plain()
    x, y = sample(ex)
    e = 1e-3
    result = gradcheck.check(network(ex), x, y, epsilon=e)
    plus = [[list(row) for row in layer] for layer in W]
    minus = [[list(row) for row in layer] for layer in W]
    plus[0][0][0] += e
    minus[0][0][0] -= e
    quotient = (ex.values(plus, b)["L"] - ex.values(minus, b)["L"]) / (2 * e)
    assert result.epsilon == e and close(result.rows[0].finite_difference, quotient, rel=1e-9, abs_=1e-14)


def test_the_loss_formulas_read_as_in_a_textbook():
    # The general formulas, symbols for numbers, as any textbook writes them: products of a
    # factor and a function side by side, square brackets around a sum that is negated or halved.
    op, n = E.Operand, Notation([2, 2, 1])
    one = [(op(refs.a(2, 1)), op(refs.y(1)))]
    two = [(op(refs.a(1, 1)), op(refs.y(1))), (op(refs.a(1, 2)), op(refs.y(2)))]
    bce, mse = losses.LOSSES["bce"], losses.LOSSES["mse"]
    assert formula.tex(bce.value_formula(one), None, n.tex) == r"-\left[y \ln a^{(2)} + (1 - y) \ln(1 - a^{(2)})\right]"
    assert formula.tex(bce.gradient_formula(*one[0]), None, n.tex) == r"\frac{a^{(2)} - y}{a^{(2)}(1 - a^{(2)})}"
    assert formula.tex(mse.value_formula(one), None, n.tex) == r"\frac{1}{2}(a^{(2)} - y)^2"
    assert formula.tex(mse.value_formula(two), None, Notation([2, 2]).tex) == \
        r"\frac{1}{2}\left[(a_{1}^{(1)} - y_{1})^2 + (a_{2}^{(1)} - y_{2})^2\right]"
