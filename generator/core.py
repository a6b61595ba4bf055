"""The numeric core: one forward and one backward pass through a fully connected network.

Pure functions of numpy arrays: no I/O, no formatting. The result is a `Trace`, the single
record of every intermediate that the pages, the graph animation and the tests all read.

Layers are numbered from 1 as on the pages: a0 is the input x, z<l> = W<l> a<l-1> + b<l>,
a<l> = f<l>(z<l>), and the loss compares the last activation with the target y.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

ACTIVATIONS = ("sigmoid", "tanh", "relu", "identity")
LOSSES = ("mse", "bce")


def sigmoid(z):
    # Split by sign so that exp() only ever sees non-positive arguments: no overflow for
    # inputs such as -1000, and full precision near both ends.
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def activate(name, z):
    if name == "sigmoid":
        return sigmoid(z)
    if name == "tanh":
        return np.tanh(z)
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
        e = np.exp(-np.abs(z))
        return e / (1.0 + e) ** 2
    if name == "tanh":
        # Equal to 1 - a^2, written as 4e / (1 + e)^2 with e = exp(-2|z|) for the same reason.
        e = np.exp(-2.0 * np.abs(z))
        return 4.0 * e / (1.0 + e) ** 2
    if name == "relu":
        # The convention at exactly zero: relu'(0) = 0, as in most frameworks.
        return (z > 0).astype(float)
    if name == "identity":
        return np.ones_like(z)
    raise ValueError(f"unknown activation {name!r}")


def softplus(t):
    """log(1 + e^t) without overflow."""
    return np.logaddexp(0.0, t)


def loss_value(name, a, y, z=None, output_activation=None):
    if name == "mse":
        return 0.5 * float(np.sum((a - y) ** 2))
    if name == "bce":
        if output_activation == "sigmoid" and z is not None:
            # From the logits: log a = -softplus(-z), log(1 - a) = -softplus(z). Exact even
            # where a rounds to 0 or 1 in floating point.
            return float(np.sum(y * softplus(-z) + (1.0 - y) * softplus(z)))
        with np.errstate(divide="ignore"):
            return float(-np.sum(y * np.log(a) + (1.0 - y) * np.log1p(-a)))
    raise ValueError(f"unknown loss {name!r}")


def loss_gradient(name, a, y):
    """dL/da for the output activation a."""
    if name == "mse":
        return a - y
    if name == "bce":
        with np.errstate(divide="ignore", invalid="ignore"):
            return (a - y) / (a * (1.0 - a))
    raise ValueError(f"unknown loss {name!r}")


def sigmoid_minus(z, y):
    """sigmoid(z) - y without the rounding of sigmoid(z) to 1: for z >= 0 it is
    (1 - y) - sigmoid(-z), whose small part keeps its precision."""
    return np.where(z >= 0, (1.0 - y) - sigmoid(-z), sigmoid(z) - y)


def sigmoid_bce_gradient(z, y):
    """dL/da of cross-entropy on a sigmoid output, (a - y) / (a(1 - a)), from the logit z as
    (1 - y)(1 + e^z) - y(1 + e^-z): exact where a rounds to 0 or 1, and infinite only where
    the value itself is beyond the floating-point range."""
    with np.errstate(over="ignore", invalid="ignore"):
        towards_one = np.where(y < 1, (1.0 - y) * (1.0 + np.exp(z)), 0.0)
        towards_zero = np.where(y > 0, y * (1.0 + np.exp(-z)), 0.0)
    return towards_one - towards_zero


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
        z.append(W @ a[-1] + b)
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

    sigmoid_bce = net.loss == "bce" and net.activations[-1] == "sigmoid"
    if sigmoid_bce:
        t.grad_a[L] = sigmoid_bce_gradient(t.z[L], y)
    else:
        t.grad_a[L] = loss_gradient(net.loss, t.a[L], y)
    for l in range(L, 0, -1):
        if l == L and sigmoid_bce:
            # dL/da * sigma'(z) simplifies to a - y; using it keeps saturated outputs finite.
            t.grad_z[l] = sigmoid_minus(t.z[L], y)
        else:
            t.grad_z[l] = t.grad_a[l] * t.activation_derivative[l]
        t.grad_W[l] = np.outer(t.grad_z[l], t.a[l - 1])
        t.grad_b[l] = t.grad_z[l].copy()
        t.grad_a[l - 1] = net.weights[l - 1].T @ t.grad_z[l]
    return t
