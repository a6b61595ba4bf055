"""The page prints every line as the build prints it (backprop-recompute.js and the scripts it
uses): on random networks of every activation and both losses, shapes up to the loader's
limits, values across its range and 1 to 12 digits, each worked quantity's equation (TeX, as an
aligned row, and text) and value, each learning-step table row and worked update, and each
graph-form row from JavaScript are the strings generator/content makes; and where the build
refuses to print (a value that is not a number), the script refuses too. The script gets only
what a page would give it (generator/content/recompute.py: the given numbers, the formulas as
data, the notation) and computes the trace, the exact values and every line itself."""
from __future__ import annotations

import itertools
import random

import numpy as np
import pytest

from generator import example
from generator.content import learning, notations, recompute, worked
from generator.content.lines import Values
from generator.content.notation import Notation
from generator.content.numbers import Formatter
from generator.maths import core, drift, training
from tests import js_ports

NETWORKS = 520
# Activations of the output layer, and the losses each allows (cross-entropy needs a sigmoid).
KINDS = [(a, loss) for a, loss in itertools.product(core.ACTIVATION_NAMES, core.LOSS_NAMES) if loss == "mse" or a == "sigmoid"]


def shape(rng, index: int) -> list[int]:
    """Every fortieth network at the limits (6 layers of 12), the others anywhere below them."""
    if index % 40 == 0:
        return [example.MAX_UNITS] * example.MAX_LAYERS
    depth = rng.randint(1, example.MAX_LAYERS - 1)
    most = rng.choice([3, 6, example.MAX_UNITS])
    return [rng.randint(1, most) for _ in range(depth + 1)]


def network(rng, index: int):
    """A network the loader accepts, its sample, learning rate and digits."""
    output, loss = KINDS[index % len(KINDS)]
    sizes = shape(rng, index)
    depth = len(sizes) - 1
    activations = [rng.choice(core.ACTIVATION_NAMES) for _ in range(depth - 1)] + [output]
    profile = rng.choice(["ordinary", "ordinary", "wide"])
    value = lambda: js_ports.random_value(rng, profile)  # noqa: E731
    weights = [np.array([[value() for _ in range(n)] for _ in range(m)]) for n, m in zip(sizes, sizes[1:])]
    biases = [np.array([value() for _ in range(m)]) for m in sizes[1:]]
    for W, b in zip(weights, biases):
        if rng.random() < 0.3:
            # A neuron whose weighted input is exactly 0: sigma(0) = 1/2 and tanh(0) = 0 exactly.
            row = rng.randrange(len(b))
            W[row, :], b[row] = 0.0, 0.0
    x = np.array([value() for _ in range(sizes[0])])
    if loss == "bce":
        y = np.array([rng.choice([0.0, 1.0, rng.random(), round(rng.random(), 2)]) for _ in range(sizes[-1])])
    else:
        y = np.array([value() for _ in range(sizes[-1])])
    learning_rate = rng.choice([0.5, 0.1, round(10 ** rng.uniform(-4, 1), 3)])
    return core.Network(sizes, activations, loss, weights, biases), x, y, learning_rate, rng.randint(1, 12)


def python_lines(net, x, y, learning_rate, digits) -> tuple[dict, list]:
    """Every line as generator/content prints it, in the shape the script answers in; and the
    worked quantities' Line objects, to see which rules the cases exercised."""
    fmt, n = Formatter(digits), Notation(net.sizes, net.activations)
    with np.errstate(all="ignore"):
        trace = core.run(net, x, y)
        step = training.step(net, x, y, learning_rate)
    exact = drift.exact_chain(net, x, y)
    quantities = worked.quantities(trace, fmt, exact)
    updates = [learning.Update(step, p, exact, fmt) for p in net.parameters()]
    lines = {"quantities": [{"id": q.id, "tex": q.equation_tex(), "aligned": q.aligned_tex(), "text": q.equation_text(),
                             "valueTex": q.value_tex, "valueText": q.value_text} for q in quantities],
             "updates": [{"id": str(u.p), "row": u.row(n), "worked": u.worked(n)} for u in updates],
             "graph": notations.graph_rows(trace, Values(trace, exact), fmt)}
    return lines, [q.line for q in quantities] + [u.step for u in updates] + [u.new for u in updates]


def refused(f, *args):
    """f's answer, or "NaN!" where the build refuses to print a value that is not a number (an
    output that saturates onto its cross-entropy target makes dL/da 0/0 in double precision)."""
    try:
        return f(*args)
    except ValueError as e:
        if "NaN" not in str(e):
            raise
        return "NaN!", []


def first_difference(python, script) -> str | None:
    if python == "NaN!" or script == "NaN!":
        return None if python == script else f"Python answers {str(python)[:80]}, JavaScript {str(script)[:80]}"
    for part in python:
        if len(python[part]) != len(script[part]):
            return f"{part}: {len(python[part])} in Python, {len(script[part])} in JavaScript"
        for ours, theirs in zip(python[part], script[part]):
            if ours != theirs:
                return f"{part}:\n  Python     {ours}\n  JavaScript {theirs}"
    return None


def cases(count: int, seed: int = 1313):
    rng = random.Random(seed)
    return [network(rng, i) for i in range(count)]


@pytest.fixture(scope="module")
def compared():
    """(case, the build's lines, their Line objects, the script's answer) for every case."""
    batch = cases(NETWORKS)
    answers = js_ports.run("lines", [recompute.page_data(*c) for c in batch])
    return [(c, *refused(python_lines, *c), answer) for c, answer in zip(batch, answers)]


def test_every_line_prints_as_the_build_prints_it(compared):
    checked = 0
    for (net, x, y, learning_rate, digits), python, _, answer in compared:
        difference = first_difference(python, answer)
        assert difference is None, (f"{net.sizes} {net.activations} {net.loss}, {digits} digits, "
                                    f"learning rate {learning_rate}: {difference}")
        checked += sum(len(v) for v in python.values()) if python != "NaN!" else 0
    assert checked > 100_000


def test_the_cases_cover_what_they_claim(compared):
    nets = [c[0] for c, *_ in compared]
    assert {(n.activations[-1], n.loss) for n in nets} == set(KINDS)
    assert sum(n.sizes == [example.MAX_UNITS] * example.MAX_LAYERS for n in nets) >= 10
    assert {c[4] for c, *_ in compared} == set(range(1, 13))
    lines = [line for _, _, found, _ in compared for line in found]
    shown = [line for line in lines if line.operands]
    assert sum(line.guard_digits > 0 for line in shown) > 1000  # operands with guard digits
    assert sum(line.relations == ("=", "=") for line in shown) > 500  # exact values, exactly
    assert sum(line.relations == ("=", "≈") for line in shown) > 500
    assert sum(line.relations[0] == "≈" for line in shown) > 1000  # operands rounded
    assert sum(not line.operands for line in lines) > 1000  # written with symbols
    assert sum(line.result.mantissa == "∞" for line in lines) > 10
    texts = [q["aligned"] for _, python, _, _ in compared if python != "NaN!" for q in python["quantities"]]
    assert sum("\\\\[1ex]" in t for t in texts) > 100  # the chain rule's row of the cross-entropy shortcut
    # Every network prints: a sigmoid output saturated onto its own target has dL/da = -1 or 1.
    assert sum(python == "NaN!" for _, python, _, _ in compared) == 0
