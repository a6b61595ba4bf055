"""The parameters of an `[init] seed` example, checked against what the README documents: weights
uniform in +-1/sqrt(fan-in) and biases in +-0.1, rounded to two decimals, drawn from numpy's
default_rng(seed) layer by layer (weights row by row, then biases). The stream is drawn again
here (tests/authored.py), not taken from the generator."""
from __future__ import annotations

import math
from decimal import Decimal
from pathlib import Path

import pytest

from generator.example import parse
from tests import authored

ROOT = Path(__file__).resolve().parent.parent
CASES = [([2, 2, 1], 0), ([2, 3, 1], 6), ([3, 2, 2], 21), ([3, 4, 3, 2], 12), ([1, 12, 12, 1], 7), ([12, 1], 2024)]


def loaded(sizes, seed):
    """The generator's parameters for an example that gives only a seed."""
    data = {"title": "t", "network": {"sizes": sizes}, "sample": {"x": [0.5] * sizes[0], "y": [0.5] * sizes[-1]},
            "init": {"seed": seed}}
    net = parse(data, Path("drawn.toml")).network
    return [W.tolist() for W in net.weights], [b.tolist() for b in net.biases]


def test_the_readme_documents_the_recipe_the_tests_draw_with():
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "uniformly from ±1/√(fan-in) and biases from ±0.1, rounded to two decimals" in readme
    assert "`default_rng(seed)`" in readme and "weights row by row, then its biases" in readme


@pytest.mark.parametrize("sizes, seed", CASES)
def test_the_drawn_parameters_are_the_seeds_stream(sizes, seed):
    W, b = authored.draw(sizes, seed)
    got_W, got_b = loaded(sizes, seed)
    assert got_W == [[[float(w) for w in row] for row in layer] for layer in W]
    assert got_b == [[float(v) for v in layer] for layer in b]


@pytest.mark.parametrize("sizes, seed", CASES)
def test_the_drawn_parameters_keep_to_the_documented_ranges(sizes, seed):
    W, b = loaded(sizes, seed)
    for fan_in, layer_W, layer_b in zip(sizes, W, b):
        bound = 1 / math.sqrt(fan_in)
        for v in [w for row in layer_W for w in row]:
            # Rounding to two decimals may carry a value past the bound by half a hundredth.
            assert abs(v) <= bound + 0.005 and Decimal(repr(v)).as_tuple().exponent >= -2, (fan_in, v)
        for v in layer_b:
            assert abs(v) <= 0.1 and Decimal(repr(v)).as_tuple().exponent >= -2, v


def test_the_draws_fill_their_ranges():
    # A stream that ignored the bound (or the seed) would show here: many draws reach close to
    # both ends of the documented range, and two seeds differ.
    W, b = loaded([4, 12, 12], 3)
    weights = [w for row in W[0] for w in row]
    assert max(weights) >= 0.4 and min(weights) <= -0.4
    assert max(b[0] + b[1]) >= 0.07 and min(b[0] + b[1]) <= -0.07
    assert loaded([4, 12, 12], 4) != (W, b)


def test_every_seeded_example_draws_what_its_page_shows(examples):
    # The pages themselves are read in tests/test_printed_lines.py against these numbers.
    seeded = [ex for ex in examples.values() if ex.seed is not None]
    assert seeded, "an example with [init] seed is expected in examples/"
    for ex in seeded:
        assert loaded(ex.sizes, ex.seed) == ex.plain(), ex.slug
