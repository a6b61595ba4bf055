"""Load and check an example file (TOML), turning it into a `core.Network` and a sample.

Every problem is reported as an `ExampleError`: one sentence that names the file, the key and
what was expected, so the author can fix it without reading code.
"""
from __future__ import annotations

import difflib
import math
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .errors import ExampleError
from .maths import core

# Limits keep every page readable and every graph drawable; they are checked before any
# array is allocated.
MAX_LAYERS = 6  # entries in network.sizes, the input layer included
MAX_UNITS = 12  # neurons in any one layer
MAX_SIGNIFICANT_DIGITS = 12
MAX_TRAINING_STEPS = 100_000
# Samples in a mini-batch: each is a column of the matrices a page writes out.
MAX_SAMPLES = 8
# Inputs, targets and parameters stay within this magnitude, so that no deep network's sums
# and squares can overflow double precision.
MAX_MAGNITUDE = 1e6

# The keys an example may use, table by table; anything else is probably a typo.
KEYS = {
    "": {"title", "description", "network", "sample", "samples", "parameters", "init", "training", "display"},
    "network": {"sizes", "activation", "loss"},
    "sample": {"x", "y"},
    "samples": {"x", "y"},
    "init": {"seed"},
    "training": {"learning_rate", "steps"},
    "display": {"significant_digits"},
}
DEFAULTS = {"learning_rate": 0.5, "steps": 200, "significant_digits": 3}


@dataclass
class Example:
    slug: str  # the file name made URL-safe (page_name): names the example's page
    path: Path
    title: str
    description: str
    network: core.Network
    x: np.ndarray  # the worked sample: the first of `samples`
    y: np.ndarray
    learning_rate: float
    steps: int
    significant_digits: int
    drawn_from_seed: int | None  # the init seed when [parameters] was absent
    samples: list = field(default_factory=list)  # (x, y) of every sample; one unless [[samples]]


def load(path) -> Example:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise ExampleError(path, None, f"cannot be read ({e.strerror.lower() if e.strerror else e})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ExampleError(path, None, "is not UTF-8 text") from None
    if not text.strip():
        raise ExampleError(path, None, "is empty; an example needs at least [network], [sample] and title")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        # tomllib's message already carries "(at line L, column C)".
        raise ExampleError(path, None, f"is not valid TOML: {e}") from None
    return parse(data, path)


def parse(data: dict, path) -> Example:
    path = Path(path)
    check = _Checker(path)
    check.known_keys(data, "")
    for table in ("network", "sample", "init", "training", "display"):
        if table in data:
            check.table(data, table)
            check.known_keys(data[table], table)

    title = check.text(data, "title", required=True)
    description = check.text(data, "description", required=False) or ""

    network = check.require(data, "network")
    sizes = check.int_list(network, "network.sizes", minimum=1, maximum=MAX_UNITS)
    if len(sizes) < 2:
        raise ExampleError(path, "network.sizes", f"expected at least 2 layers (input and output), got {len(sizes)}")
    if len(sizes) > MAX_LAYERS:
        raise ExampleError(path, "network.sizes", f"expected at most {MAX_LAYERS} layers so the pages stay readable, got {len(sizes)}")
    depth = len(sizes) - 1
    activations = check.activations(network, depth)
    loss = check.choice(network, "network.loss", core.LOSSES, default="mse")
    if loss == "bce" and activations[-1] != "sigmoid":
        # Cross-entropy takes the logarithm of a and of 1 - a: only the sigmoid keeps both positive.
        check.fail("network.activation", f"expected sigmoid in the output layer for the bce loss, "
                                         f"whose outputs must lie between 0 and 1, got {activations[-1]!r}")

    samples = _samples(check, data, sizes, loss)
    x, y = samples[0]

    weights, biases, seed = _parameters(check, data, sizes)
    training = data.get("training", {})
    learning_rate = check.number(training, "training.learning_rate", DEFAULTS["learning_rate"], positive=True)
    if learning_rate > MAX_MAGNITUDE:
        # Like every number of an example, so that a step times a gradient stays a finite number.
        check.fail("training.learning_rate", f"expected at most {MAX_MAGNITUDE:,.0f}, got {learning_rate:g}")
    steps = check.integer(training, "training.steps", DEFAULTS["steps"], minimum=1, maximum=MAX_TRAINING_STEPS)
    display = data.get("display", {})
    digits = check.integer(display, "display.significant_digits", DEFAULTS["significant_digits"], minimum=1, maximum=MAX_SIGNIFICANT_DIGITS)

    return Example(
        slug=page_name(path),
        path=path,
        title=title,
        description=description,
        network=core.Network(sizes, activations, loss, weights, biases),
        x=x,
        y=y,
        learning_rate=learning_rate,
        steps=steps,
        significant_digits=digits,
        drawn_from_seed=seed,
        samples=samples,
    )


def _samples(check: "_Checker", data: dict, sizes: list[int], loss: str) -> list:
    """The [sample] of a worked example, or the [[samples]] of a mini-batch, as (x, y) pairs."""
    if "samples" in data and "sample" in data:
        check.fail("samples", "expected either [sample] or [[samples]], not both")
    if "samples" not in data:
        return [_sample(check, check.require(data, "sample", hint="give [sample] with x and y, or [[samples]]"),
                        "sample", sizes, loss)]
    tables = data["samples"]
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        check.fail("samples", f"expected [[samples]] tables, each with x and y, got {_kind(tables)}")
    if not 1 <= len(tables) <= MAX_SAMPLES:
        check.fail("samples", f"expected 1 to {MAX_SAMPLES} samples so the matrices fit the page, got {len(tables)}")
    out = []
    for i, table in enumerate(tables, start=1):
        check.known_keys(table, f"samples[{i}]", KEYS["samples"])
        out.append(_sample(check, table, f"samples[{i}]", sizes, loss))
    return out


def _sample(check: "_Checker", table: dict, key: str, sizes: list[int], loss: str):
    x = check.vector(table, f"{key}.x", sizes[0])
    y = check.vector(table, f"{key}.y", sizes[-1])
    if loss == "bce" and not np.all((y >= 0) & (y <= 1)):
        check.fail(f"{key}.y", "expected targets in [0, 1] for the bce loss")
    return x, y


def _parameters(check: "_Checker", data: dict, sizes: list[int]):
    """Weights and biases as given in [parameters], or drawn from [init]'s seed (then also the
    seed; otherwise None)."""
    depth = len(sizes) - 1
    if "parameters" not in data:
        init = check.require(data, "init", hint="give [parameters] or [init] with a seed")
        seed = check.integer(init, "init.seed", minimum=0)
        return (*draw_parameters(sizes, seed), seed)
    check.table(data, "parameters")
    expected = {f"{p}{l}" for l in range(1, depth + 1) for p in "Wb"}
    check.known_keys(data["parameters"], "parameters", expected)
    weights, biases = [], []
    for l in range(1, depth + 1):
        weights.append(check.matrix(data["parameters"], f"parameters.W{l}", sizes[l], sizes[l - 1]))
        biases.append(check.vector(data["parameters"], f"parameters.b{l}", sizes[l]))
    if "init" in data:
        check.fail("init", "expected either [parameters] or [init], not both")
    return weights, biases, None


def draw_parameters(sizes, seed):
    """Weights uniform in +-1/sqrt(fan-in), biases in +-0.1, rounded to two decimals so that
    the substituted formulas stay readable; the same seed always gives the same numbers."""
    rng = np.random.default_rng(seed)
    weights, biases = [], []
    for fan_in, fan_out in zip(sizes, sizes[1:]):
        bound = 1.0 / math.sqrt(fan_in)
        weights.append(np.round(rng.uniform(-bound, bound, size=(fan_out, fan_in)), 2))
        biases.append(np.round(rng.uniform(-0.1, 0.1, size=fan_out), 2))
    return weights, biases


class _Checker:
    """Small typed readers that raise an ExampleError naming the dotted key."""

    def __init__(self, path: Path):
        self.path = path

    def fail(self, key, message):
        raise ExampleError(self.path, key, message)

    def known_keys(self, table: dict, prefix: str, allowed=None):
        allowed = KEYS[prefix] if allowed is None else allowed
        for key in table:
            if key not in allowed:
                dotted = f"{prefix}.{key}" if prefix else key
                close = difflib.get_close_matches(key, sorted(allowed), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else f"; expected one of {', '.join(sorted(allowed))}"
                self.fail(dotted, f"unknown key{hint}")

    def table(self, data, key):
        if not isinstance(data[key], dict):
            self.fail(key, f"expected a table [{key}], got {_kind(data[key])}")

    def require(self, table, key, hint=None):
        if key not in table:
            self.fail(key, "missing" + (f"; {hint}" if hint else ""))
        return table[key]

    def _get(self, table, dotted, default, required=True):
        key = dotted.rsplit(".", 1)[-1]
        if key not in table:
            if default is not None or not required:
                return default
            self.fail(dotted, "missing")
        return table[key]

    def text(self, table, key, required):
        value = self._get(table, key, None, required)
        if value is None:
            return None
        if not isinstance(value, str):
            self.fail(key, f"expected a string, got {_kind(value)}")
        if required and not value.strip():
            self.fail(key, "expected a non-empty string")
        return value

    def number(self, table, key, default=None, positive=False):
        value = self._get(table, key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(key, f"expected a number, got {_kind(value)}")
        if not math.isfinite(value):
            self.fail(key, f"expected a finite number, got {value}")
        if positive and value <= 0:
            self.fail(key, f"expected a number above 0, got {value}")
        return float(value)

    def integer(self, table, key, default=None, minimum=None, maximum=None):
        value = self._get(table, key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(key, f"expected a whole number, got {_kind(value)}")
        if minimum is not None and value < minimum:
            self.fail(key, f"expected at least {minimum}, got {value}")
        if maximum is not None and value > maximum:
            self.fail(key, f"expected at most {maximum}, got {value}")
        return value

    def int_list(self, table, key, minimum, maximum):
        value = self._get(table, key, None)
        if not isinstance(value, list) or not value:
            self.fail(key, f"expected a list of whole numbers such as [2, 2, 1], got {_kind(value)}")
        if len(value) > MAX_LAYERS:
            self.fail(key, f"expected at most {MAX_LAYERS} layers so the pages stay readable, got {len(value)}")
        for i, n in enumerate(value):
            if isinstance(n, bool) or not isinstance(n, int):
                self.fail(key, f"expected whole numbers, got {_kind(n)} at position {i + 1}")
            if n < minimum:
                self.fail(key, f"expected every layer to have at least {minimum} neuron, got {n} at position {i + 1}")
            if n > maximum:
                self.fail(key, f"expected at most {maximum} neurons per layer so the graph stays drawable, got {n} at position {i + 1}")
        return list(value)

    def choice(self, table, key, allowed, default):
        value = self._get(table, key, default)
        if value not in allowed:
            self.fail(key, f"expected one of {', '.join(allowed)}, got {value!r}")
        return value

    def activations(self, table, depth):
        key = "network.activation"
        value = table.get("activation", "sigmoid")
        names = value if isinstance(value, list) else [value] * depth
        if isinstance(value, list) and len(value) != depth:
            self.fail(key, f"expected one activation per layer after the input ({depth}), got {len(value)}")
        for name in names:
            if name not in core.ACTIVATIONS:
                self.fail(key, f"expected one of {', '.join(core.ACTIVATIONS)}, got {name!r}")
        return list(names)

    def _numbers(self, values, key):
        out = []
        for i, v in enumerate(values):
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                self.fail(key, f"expected numbers, got {_kind(v)} at position {i + 1}")
            if not math.isfinite(v):
                self.fail(key, f"expected finite numbers, got {v} at position {i + 1}")
            if abs(v) > MAX_MAGNITUDE:
                self.fail(key, f"expected numbers between -{MAX_MAGNITUDE:,.0f} and {MAX_MAGNITUDE:,.0f}, got {v:g} at position {i + 1}")
            out.append(float(v))
        return out

    def vector(self, table, key, n):
        value = self._get(table, key, None)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and n == 1:
            value = [value]  # a single target may be written without brackets
        if not isinstance(value, list):
            self.fail(key, f"expected a list of {n} numbers, got {_kind(value)}")
        if len(value) != n:
            self.fail(key, f"expected {n} number{'' if n == 1 else 's'} (shape [{n}]), got {len(value)}")
        return np.array(self._numbers(value, key))

    def matrix(self, table, key, rows, cols):
        value = self._get(table, key, None)
        if not isinstance(value, list) or not all(isinstance(r, list) for r in value):
            self.fail(key, f"expected a list of {rows} rows (shape [{rows}, {cols}]), got {_kind(value)}")
        shape = [len(value), *sorted({len(r) for r in value})]
        if len(value) != rows or any(len(r) != cols for r in value):
            got = f"[{len(value)}, {shape[1]}]" if len(shape) == 2 else f"{len(value)} rows of lengths {', '.join(str(len(r)) for r in value)}"
            self.fail(key, f"expected shape [{rows}, {cols}], got {got}")
        return np.array([self._numbers(r, key) for r in value]).reshape(rows, cols)


def page_name(path) -> str:
    """The file name as a page name: lower-case ASCII letters, digits and single hyphens
    ("My Net (v2)!.toml" gives "my-net-v2"); accented letters lose only their accents."""
    ascii_name = unicodedata.normalize("NFKD", Path(path).stem).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def _kind(value) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return f"the whole number {value}"
    if isinstance(value, float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__
