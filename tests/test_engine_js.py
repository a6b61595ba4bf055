"""The page's engine (backprop-engine.js) computes what generator/core.py computes, to the bit,
and prints it as the build prints it: random networks of every activation and both losses, of
every shape the loader accepts, with values from tiny to the loader's bound of 1,000,000,
saturated sigmoids and relu at exactly 0; then one gradient-descent step."""
from __future__ import annotations

import itertools
import random

import numpy as np

from generator import example
from generator.maths import core, training
from tests import js_ports

NETWORKS = 520


value = js_ports.random_value


def network(rng, index: int, profile: str | None = None) -> tuple[core.Network, np.ndarray, np.ndarray]:
    activation, loss = list(itertools.product(core.ACTIVATION_NAMES, core.LOSS_NAMES))[index % 8]
    depth = rng.randint(1, example.MAX_LAYERS - 1)
    sizes = [rng.randint(1, example.MAX_UNITS) for _ in range(depth + 1)]
    activations = [activation] * depth if rng.random() < 0.5 else [rng.choice(core.ACTIVATION_NAMES) for _ in range(depth)]
    activations[-1] = activation
    profile = profile or rng.choice(["ordinary", "wide"])
    weights = [np.array([[value(rng, profile) for _ in range(n)] for _ in range(m)]) for n, m in zip(sizes, sizes[1:])]
    biases = [np.array([value(rng, profile) for _ in range(m)]) for m in sizes[1:]]
    for W, b in zip(weights, biases):
        if rng.random() < 0.3:
            # A neuron whose weighted input is exactly 0: relu'(0) = 0, sigmoid(0) = 1/2.
            row = rng.randrange(len(b))
            W[row, :] = 0.0
            b[row] = 0.0
    x = np.array([value(rng, profile) for _ in range(sizes[0])])
    if loss == "bce":
        y = np.array([rng.choice([0.0, 1.0, rng.random(), round(rng.random(), 2)]) for _ in range(sizes[-1])])
    else:
        y = np.array([value(rng, profile) for _ in range(sizes[-1])])
    return core.Network(sizes, activations, loss, weights, biases), x, y


def deep(v, f):
    if isinstance(v, (list, tuple)):
        return [deep(e, f) for e in v]
    if v is None:
        return None
    if isinstance(v, np.ndarray):
        return deep(v.tolist(), f)
    return f(float(v))


def printed(x: float, digits: int) -> str:
    """The four forms of a value on a page, one a line, or "NaN!" where the build refuses."""
    forms = js_ports.printed(x, digits)
    return forms if forms == "NaN!" else "\n".join(forms)


def python_side(net, x, y, learning_rate, digits) -> tuple[dict, dict]:
    with np.errstate(all="ignore"):
        t = core.run(net, x, y)
        after = training.updated(net, t, learning_rate)
    values = {"z": t.z, "a": t.a, "loss": t.loss, "activation_derivative": t.activation_derivative,
              "grad_a": t.grad_a, "grad_z": t.grad_z, "grad_W": t.grad_W, "grad_b": t.grad_b,
              "weights_after": after.weights, "biases_after": after.biases}
    return ({k: deep(v, js_ports.bits) for k, v in values.items()},
            {k: deep(v, lambda f: printed(f, digits)) for k, v in values.items()})


def differences(ours, theirs, same, path=""):
    """Paths at which two nested lists differ, their leaves (strings or None) compared by `same`."""
    if isinstance(ours, list) and isinstance(theirs, list) and len(ours) == len(theirs):
        return [d for i, (o, t) in enumerate(zip(ours, theirs)) for d in differences(o, t, same, f"{path}[{i}]")]
    if ours is None or theirs is None or isinstance(ours, list) or isinstance(theirs, list):
        return [] if ours == theirs else [(path, ours, theirs)]
    return [] if same(ours, theirs) else [(path, ours, theirs)]


def test_random_networks_agree_to_the_bit_and_print_identically():
    rng = random.Random(2024)
    batch, cases = [], []
    for i in range(NETWORKS):
        net, x, y = network(rng, i)
        learning_rate = rng.choice([0.5, 0.1, 10 ** rng.uniform(-4, 1)])
        digits = rng.randint(1, 12)
        batch.append((net, x, y, learning_rate, digits))
        cases.append({"sizes": net.sizes, "activations": net.activations, "loss": net.loss,
                      "weights": deep(net.weights, js_ports.bits), "biases": deep(net.biases, js_ports.bits),
                      "x": deep(x, js_ports.bits), "y": deep(y, js_ports.bits),
                      "learning_rate": js_ports.bits(learning_rate), "digits": digits})
    answers = js_ports.run("networks", cases)
    checked = 0
    for (net, x, y, learning_rate, digits), answer in zip(batch, answers):
        bits, shown = python_side(net, x, y, learning_rate, digits)
        for key in bits:
            differ = differences(bits[key], answer["bits"][key], js_ports.same_double)
            differ += differences(shown[key], answer["printed"][key], str.__eq__)
            assert not differ, (f"{net.sizes} {net.activations} {net.loss}: {key}{differ[0][0]} is "
                                f"{differ[0][1]} in Python, {differ[0][2]} in JavaScript")
            checked += 1
    assert checked == NETWORKS * 10


def test_the_cases_cover_what_they_claim():
    rng = random.Random(2024)
    nets = [network(rng, i) for i in range(NETWORKS)]
    assert {(n.activations[-1], n.loss) for n, _, _ in nets} == set(itertools.product(core.ACTIVATION_NAMES, core.LOSS_NAMES))
    assert max(len(n.sizes) for n, _, _ in nets) == example.MAX_LAYERS
    assert max(max(n.sizes) for n, _, _ in nets) == example.MAX_UNITS
    with np.errstate(all="ignore"):
        traces = [core.run(n, x, y) for n, x, y in nets]
    zs = [z for t in traces for l in range(1, t.network.depth + 1) for z in t.z[l].tolist()]
    saturated = [t for t in traces if any(
        f == "sigmoid" and np.any(np.abs(t.z[l]) > 40) for l, f in enumerate(t.network.activations, start=1))]
    relu_at_zero = [t for t in traces if any(
        f == "relu" and np.any(t.z[l] == 0) for l, f in enumerate(t.network.activations, start=1))]
    assert 0.0 in zs and max(map(abs, zs)) > 1e12 and min(abs(z) for z in zs if z) < 1e-100
    assert len(saturated) > 50 and len(relu_at_zero) > 20
    params = [abs(v) for n, _, _ in nets for W in n.weights for v in W.ravel().tolist()]
    assert max(params) == example.MAX_MAGNITUDE
