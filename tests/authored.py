"""An example as its author wrote it, read with tomllib alone: the settings with the defaults the
README documents, and the parameters as given or, for `[init] seed`, drawn here from the seed as
the README documents. Nothing comes from the generator's loader, so that a bug there cannot be
confirmed by the same bug in the tests.
"""
from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

import numpy as np

from tests import reference

# The defaults the README documents for keys an example may leave out.
DEFAULTS = {"activation": "sigmoid", "loss": "mse", "learning_rate": 0.5, "steps": 200, "significant_digits": 3}
TWO_DECIMALS = Decimal("0.01")


def draw(sizes, seed) -> tuple[list, list]:
    """The README's recipe: numpy's default_rng(seed), layer by layer its weights row by row
    uniform in +-1/sqrt(fan-in), then its biases uniform in +-0.1, each rounded to two decimals
    (half to even, on the exact binary value)."""
    rng = np.random.default_rng(seed)
    weights, biases = [], []
    for fan_in, fan_out in zip(sizes, sizes[1:]):
        bound = 1 / math.sqrt(fan_in)
        W = rng.uniform(-bound, bound, size=(fan_out, fan_in))
        b = rng.uniform(-0.1, 0.1, size=fan_out)
        weights.append([[_two_decimals(v) for v in row] for row in W])
        biases.append([_two_decimals(v) for v in b])
    return weights, biases


def _two_decimals(v) -> Decimal:
    return Decimal(float(v)).quantize(TWO_DECIMALS, rounding=ROUND_HALF_EVEN)


def _decimal(v) -> Decimal:
    """A number as its author typed it: tomllib keeps floats as Decimal here; a float from a
    table written in Python stands for the shortest decimal that reads back as it."""
    if isinstance(v, Decimal):
        return v
    return Decimal(repr(v)) if isinstance(v, float) else Decimal(int(v))


@dataclass(frozen=True)
class Authored:
    path: Path
    data: dict
    sizes: list[int]
    activations: list[str]
    loss: str
    x: list[Decimal]
    y: list[Decimal]
    W: list[list[list[Decimal]]]  # W[l - 1][j - 1][k - 1]
    b: list[list[Decimal]]  # b[l - 1][j - 1]
    seed: int | None
    learning_rate: float
    steps: int
    digits: int

    @property
    def slug(self) -> str:
        return self.path.stem

    @property
    def depth(self) -> int:
        return len(self.sizes) - 1

    @property
    def parameter_count(self) -> int:
        return sum(n * (m + 1) for m, n in zip(self.sizes, self.sizes[1:]))

    def plain(self) -> tuple[list, list]:
        """The parameters as nested lists of floats, for the reference implementation."""
        return ([[[float(w) for w in row] for row in layer] for layer in self.W],
                [[float(v) for v in layer] for layer in self.b])

    def values(self, W=None, b=None) -> dict[str, float]:
        """Every quantity of the worked example by id, from tests/reference.py."""
        plain = self.plain()
        return reference.worked_values(self.sizes, self.activations, self.loss,
                                       plain[0] if W is None else W, plain[1] if b is None else b,
                                       [float(v) for v in self.x], [float(v) for v in self.y])

    def given(self) -> dict[str, Decimal]:
        """The numbers the author gave or the seed drew, by id: x1, y1, W1_1_2, b1_1 ..."""
        out = {f"x{k}": v for k, v in enumerate(self.x, 1)}
        out.update({f"y{j}": v for j, v in enumerate(self.y, 1)})
        for l, (W, b) in enumerate(zip(self.W, self.b), 1):
            for j, row in enumerate(W, 1):
                out.update({f"W{l}_{j}_{k}": w for k, w in enumerate(row, 1)})
                out[f"b{l}_{j}"] = b[j - 1]
        return out


def read(path) -> Authored:
    path = Path(path)
    data = tomllib.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    return from_data(data, path)


def from_data(data: dict, path) -> Authored:
    # The worked sample: [sample], or the first of a mini-batch's [[samples]].
    net, sample = data["network"], data["sample"] if "sample" in data else data["samples"][0]
    sizes = list(net["sizes"])
    activation = net.get("activation", DEFAULTS["activation"])
    activations = list(activation) if isinstance(activation, list) else [activation] * (len(sizes) - 1)
    y = sample["y"] if isinstance(sample["y"], list) else [sample["y"]]
    seed = data["init"]["seed"] if "parameters" not in data else None
    if seed is None:
        params = data["parameters"]
        W = [[[_decimal(w) for w in row] for row in params[f"W{l}"]] for l in range(1, len(sizes))]
        b = [[_decimal(v) for v in params[f"b{l}"]] for l in range(1, len(sizes))]
    else:
        W, b = draw(sizes, seed)
    training, display = data.get("training", {}), data.get("display", {})
    return Authored(
        path=Path(path), data=data, sizes=sizes, activations=activations,
        loss=net.get("loss", DEFAULTS["loss"]),
        x=[_decimal(v) for v in sample["x"]], y=[_decimal(v) for v in y], W=W, b=b, seed=seed,
        learning_rate=float(training.get("learning_rate", DEFAULTS["learning_rate"])),
        steps=int(training.get("steps", DEFAULTS["steps"])),
        digits=int(display.get("significant_digits", DEFAULTS["significant_digits"])))


def read_all(folder) -> dict[str, Authored]:
    """Every example of a folder by slug."""
    return {p.stem: read(p) for p in sorted(Path(folder).glob("*.toml"))}
