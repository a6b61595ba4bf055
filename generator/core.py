"""The numeric core: one forward and one backward pass through a fully connected network.

Pure functions of numpy arrays: no I/O, no formatting. The result is a `Trace`, the single
record of every intermediate that the pages, the graph animation and the tests all read.

Layers are numbered from 1 as on the pages: a0 is the input x, z<l> = W<l> a<l-1> + b<l>,
a<l> = f<l>(z<l>), and the loss compares the last activation with the target y.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import elementary

ACTIVATIONS = ("sigmoid", "tanh", "relu", "identity")
LOSSES = ("mse", "bce")


def sigmoid(z):
    # Split by sign so that exp() only ever sees non-positive arguments: no overflow for
    # inputs such as -1000, and full precision near both ends.
    z = np.asarray(z, dtype=float)
    e = elementary.each(elementary.exp, -np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def activate(name, z):
    if name == "sigmoid":
        return sigmoid(z)
    if name == "tanh":
        return elementary.each(elementary.tanh, z)
    if name == "relu":
        return np.maximum(z, 0.0)
    if name == "identity":
        return np.array(z, dtype=float)
    raise ValueError(f"unknown activation {name!r}")


def activation_derivative(name, z, a):
    """f'(z), written with the already computed a = f(z) where that is how it is taught."""
    if name == "sigmoid":
        # Equal to a(1 - a), but without the cancellation in 1 - a when a is close to 1:
        # exact to the last bit until it underflows, for z beyond about 745.
        e = elementary.each(elementary.exp, -np.abs(z))
        return e / (1.0 + e) ** 2
    if name == "tanh":
        return 1.0 - a * a
    if name == "relu":
        # The convention at exactly zero: relu'(0) = 0, as in most frameworks.
        return (z > 0).astype(float)
    if name == "identity":
        return np.ones_like(z)
    raise ValueError(f"unknown activation {name!r}")


def softplus(t):
    """log(1 + e^t) without overflow."""
    return elementary.each(elementary.softplus, t)


def loss_value(name, a, y, z=None, output_activation=None):
    if name == "mse":
        return 0.5 * elementary.total((a - y) ** 2)
    if name == "bce":
        if output_activation == "sigmoid" and z is not None:
            # From the logits: log a = -softplus(-z), log(1 - a) = -softplus(z). Exact even
            # where a rounds to 0 or 1 in floating point.
            return elementary.total(y * softplus(-z) + (1.0 - y) * softplus(z))
        with np.errstate(divide="ignore"):
            log_a, log_1_minus_a = elementary.each(elementary.log, a), elementary.each(elementary.log1p, -a)
            return -elementary.total(y * log_a + (1.0 - y) * log_1_minus_a)
    raise ValueError(f"unknown loss {name!r}")


def loss_gradient(name, a, y):
    """dL/da for the output activation a."""
    if name == "mse":
        return a - y
    if name == "bce":
        with np.errstate(divide="ignore", invalid="ignore"):
            return (a - y) / (a * (1.0 - a))
    raise ValueError(f"unknown loss {name!r}")


@dataclass
class Network:
    """A network's shape and numbers: everything the computation needs and nothing else."""

    sizes: list[int]
    activations: list[str]  # one per layer after the input
    loss: str
    weights: list[np.ndarray]  # weights[l-1] is W<l>, shape (sizes[l], sizes[l-1])
    biases: list[np.ndarray]  # biases[l-1] is b<l>, shape (sizes[l],)

    @property
    def depth(self) -> int:
        return len(self.sizes) - 1

    @property
    def parameter_count(self) -> int:
        return sum(w.size + b.size for w, b in zip(self.weights, self.biases))


@dataclass
class Trace:
    """Every intermediate of one forward and one backward pass, layers numbered from 1.

    z[l], a[l], activation_derivative[l] and the gradients are lists indexed by layer; index 0
    of a is the input x (and of grad_a, dL/dx). Index 0 of the others is unused (None).
    """

    network: Network
    x: np.ndarray
    y: np.ndarray
    z: list = field(default_factory=list)
    a: list = field(default_factory=list)
    loss: float = 0.0
    activation_derivative: list = field(default_factory=list)
    grad_a: list = field(default_factory=list)
    grad_z: list = field(default_factory=list)
    grad_W: list = field(default_factory=list)
    grad_b: list = field(default_factory=list)

    def to_json(self) -> dict:
        """The trace in the command line's JSON shape (full float precision)."""
        layers = range(1, self.network.depth + 1)
        forward = {}
        for l in layers:
            forward[f"z{l}"] = self.z[l].tolist()
            forward[f"a{l}"] = self.a[l].tolist()
        gradients = {}
        for l in layers:
            gradients[f"W{l}"] = self.grad_W[l].tolist()
            gradients[f"b{l}"] = self.grad_b[l].tolist()
        for l in layers:
            gradients[f"z{l}"] = self.grad_z[l].tolist()
            gradients[f"a{l}"] = self.grad_a[l].tolist()
        return {
            "forward": forward,
            "loss": self.loss,
            "activation_derivatives": {f"z{l}": self.activation_derivative[l].tolist() for l in layers},
            "gradients": gradients,
        }


def forward(net: Network, x) -> tuple[list, list]:
    """z and a for every layer (index 0: z unused, a the input)."""
    a = [np.asarray(x, dtype=float)]
    z = [None]
    for W, b, f in zip(net.weights, net.biases, net.activations):
        # Each weighted sum rounded once: the same last bit on every machine and in the page's
        # JavaScript, whatever the order of its terms (BLAS's W @ a depends on the processor).
        z.append(elementary.weighted_sums(W, a[-1], b))
        a.append(activate(f, z[-1]))
    return z, a


def loss_of(net: Network, x, y) -> float:
    """The loss alone, as a finite-difference check needs it."""
    z, a = forward(net, x)
    return loss_value(net.loss, a[-1], np.asarray(y, dtype=float), z[-1], net.activations[-1])


def run(net: Network, x, y) -> Trace:
    """One forward pass, the loss, and one backward pass, with every intermediate recorded."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    t = Trace(network=net, x=x, y=y)
    t.z, t.a = forward(net, x)
    L = net.depth
    t.loss = loss_value(net.loss, t.a[L], y, t.z[L], net.activations[-1])

    t.activation_derivative = [None] + [
        activation_derivative(f, t.z[l], t.a[l]) for l, f in enumerate(net.activations, start=1)
    ]
    t.grad_a = [None] * (L + 1)
    t.grad_z = [None] * (L + 1)
    t.grad_W = [None] * (L + 1)
    t.grad_b = [None] * (L + 1)

    if net.loss == "bce" and net.activations[-1] == "sigmoid":
        # a(1 - a) from the stable derivative, so that only a truly saturated output (whose
        # gradient exceeds the floating-point range) gives an infinite dL/da.
        with np.errstate(divide="ignore", invalid="ignore"):
            t.grad_a[L] = (t.a[L] - y) / t.activation_derivative[L]
    else:
        t.grad_a[L] = loss_gradient(net.loss, t.a[L], y)
    for l in range(L, 0, -1):
        if l == L and net.loss == "bce" and net.activations[-1] == "sigmoid":
            # dL/da * sigma'(z) simplifies to a - y; using it keeps saturated outputs finite.
            t.grad_z[l] = t.a[L] - y
        else:
            t.grad_z[l] = t.grad_a[l] * t.activation_derivative[l]
        t.grad_W[l] = np.outer(t.grad_z[l], t.a[l - 1])
        t.grad_b[l] = t.grad_z[l].copy()
        t.grad_a[l - 1] = elementary.weighted_sums(net.weights[l - 1].T, t.grad_z[l], np.zeros(net.sizes[l - 1]))
    return t
