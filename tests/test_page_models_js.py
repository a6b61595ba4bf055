"""Every part of an editable page that follows the reader's numbers, as the page's scripts make it
from the page data alone (docs/assets/javascripts/backprop-*.js, in Node), equals what
generator/content and the templates make of the same numbers (tests/page_models.py): each part's
model, the graph's drawing, the loss plot, and the HTML of every part whose wording depends on
the numbers. For the held-in examples and for random networks of every activation and both
losses, shapes up to the loader's limits, values across the allowed range; one Node process for
all of them."""
from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path

import numpy as np
import pytest

from generator import example
from generator.maths import core
from tests import js_ports, page_models
from tests.test_engine_js import network

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.toml"))
NETWORKS = 520


def random_examples(count: int, seed: int = 13) -> list:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        # Mostly ordinary values: a network whose forward pass overflows to NaN is refused by
        # both sides alike, and prints nothing to compare.
        net, x, y = network(rng, i, "ordinary" if rng.random() < 0.75 else "wide")
        if net.loss == "bce":
            # As the loader has it: cross-entropy reads a probability, a sigmoid's output.
            net = core.Network(net.sizes, net.activations[:-1] + ["sigmoid"], net.loss, net.weights, net.biases)
        learning_rate = rng.choice([0.5, 0.1, 10 ** rng.uniform(-4, 1)])
        out.append(page_models.example_of(net, x, y, learning_rate, rng.randint(1, 12), steps=rng.choice([1, 2, 17, 200])))
    return out


def start_node(examples: list) -> subprocess.Popen:
    """Node at work on the whole batch while Python computes its side."""
    request = json.dumps({"kind": "pages", "cases": [page_models.page_data(ex) for ex in examples]})
    proc = subprocess.Popen(["node", str(js_ports.HARNESS)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    proc.stdin.write(request)
    proc.stdin.close()
    return proc


def answers(proc: subprocess.Popen) -> list:
    out = proc.stdout.read()
    err = proc.stderr.read()
    if proc.wait(timeout=600):
        pytest.fail(f"node {js_ports.HARNESS.name} failed: {err.strip()}", pytrace=False)
    return json.loads(out)


def python_side(ex):
    """The parts' models and HTML as the build makes them, or "NaN!" where the build refuses to
    print a value that is not a number."""
    try:
        p = page_models.parts(ex)
        return page_models.models(p), page_models.prose(p)
    except ValueError as e:
        if "NaN" not in str(e):
            raise
        return "NaN!"


def first_difference(ours, theirs) -> str:
    a, b = json.dumps(ours), json.dumps(theirs)
    i = next((i for i, (c, d) in enumerate(zip(a, b)) if c != d), min(len(a), len(b)))
    return f"Python: …{a[max(0, i - 120):i + 120]}…\nJavaScript: …{b[max(0, i - 120):i + 120]}…"


def check(ex, answer) -> bool:
    """Asserts that the two sides agree; True where both printed the page, False where both refuse."""
    ours = python_side(ex)
    name = f"{ex.slug} {ex.network.sizes} {ex.network.activations} {ex.network.loss}"
    if ours == "NaN!" or answer == "NaN!":
        assert ours == answer, f"{name}: Python gives {str(ours)[:80]}, JavaScript {str(answer)[:80]}"
        return False
    models, prose = ours
    for kind, model in models.items():
        assert answer["models"][kind] == model, f"{name}: the {kind} part differs\n{first_difference(model, answer['models'][kind])}"
    for kind, part in prose.items():
        theirs = answer["prose"][kind]
        assert page_models.normal(theirs["html"]) == page_models.normal(part["html"]), (
            f"{name}: the {kind} part's HTML differs\n{first_difference(page_models.normal(part['html']), page_models.normal(theirs['html']))}")
        assert theirs["formulas"] == part["formulas"], f"{name}: the {kind} part's formulas differ"
    return True


def test_every_example_s_parts_are_made_again_exactly():
    examples = [example.load(p) for p in EXAMPLES]
    assert "seed" in [ex.slug for ex in examples]
    proc = start_node(examples)
    assert all(check(ex, answer) for ex, answer in zip(examples, answers(proc)))


def test_random_networks_parts_are_made_again_exactly():
    examples = random_examples(NETWORKS)
    proc = start_node(examples)
    with np.errstate(all="ignore"):
        printed = [check(ex, answer) for ex, answer in zip(examples, answers(proc))]
    assert len(printed) == NETWORKS
    # Most networks print: the comparison is of pages, not of refusals.
    assert sum(printed) >= 0.8 * NETWORKS


def test_the_random_networks_cover_what_they_claim():
    examples = random_examples(NETWORKS)
    nets = [ex.network for ex in examples]
    assert {(n.activations[-1], n.loss) for n in nets} == (
        {(f, "mse") for f in core.ACTIVATION_NAMES} | {("sigmoid", "bce")})
    assert {f for n in nets if n.loss == "bce" for f in n.activations[:-1]} == set(core.ACTIVATION_NAMES)
    assert max(len(n.sizes) for n in nets) == example.MAX_LAYERS
    assert max(max(n.sizes) for n in nets) == example.MAX_UNITS
    assert {ex.significant_digits for ex in examples} == set(range(1, 13))
    # Some can be drawn as a graph and some cannot; some training runs diverge.
    assert any(max(n.sizes) <= 3 for n in nets) and any(max(n.sizes) >= 8 for n in nets)
