"""The numeric core: one forward and one backward pass through a fully connected network.

Pure functions of numpy arrays: no I/O, no formatting. The result is a `Trace`, the single
record of every intermediate that the pages, the graph animation and the tests all read.

Layers are numbered from 1 as on the pages: a0 is the input x, z<l> = W<l> a<l-1> + b<l>,
a<l> = f<l>(z<l>), and the loss compares the last activation with the target y.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

import numpy as np

from . import elementary, refs
from .activations import ACTIVATIONS
from .losses import LOSSES, softplus  # noqa: F401 - softplus is part of the core's vocabulary
from .refs import Ref

ACTIVATION_NAMES = tuple(ACTIVATIONS)
LOSS_NAMES = tuple(LOSSES)


def sigmoid(z):
    return ACTIVATIONS["sigmoid"].function(z)


def activate(name, z):
    return ACTIVATIONS[name].function(z)


def activation_derivative(name, z, a):
    """f'(z), written with the already computed a = f(z) where that is how it is taught."""
    return ACTIVATIONS[name].derivative(z, a)


def sigmoid_minus(z, y):
    """sigmoid(z) - y without the rounding of sigmoid(z) to 1: for z >= 0 it is
    (1 - y) - sigmoid(-z), whose small part keeps its precision."""
    return np.where(z >= 0, (1.0 - y) - sigmoid(-z), sigmoid(z) - y)


def sigmoid_bce_gradient(z, y):
    """dL/da of cross-entropy on a sigmoid output, (a - y) / (a(1 - a)), from the logit z as
    (1 - y)(1 + e^z) - y(1 + e^-z): exact where a rounds to 0 or 1, and infinite only where
    the value itself is beyond the floating-point range."""
    with np.errstate(over="ignore", invalid="ignore"):
        towards_one = np.where(y < 1, (1.0 - y) * (1.0 + elementary.each(elementary.exp, z)), 0.0)
        towards_zero = np.where(y > 0, y * (1.0 + elementary.each(elementary.exp, -z)), 0.0)
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

    @property
    def logistic_output(self) -> bool:
        """A sigmoid output under cross-entropy: dL/da times sigma'(z) simplifies to a - y, the
        one place where the backward pass takes a shortcut."""
        return self.loss == "bce" and self.activations[-1] == "sigmoid"

    def parameters(self) -> Iterator[Ref]:
        """Every weight and bias in the pages' order: layer by layer, and within a layer neuron
        by neuron, each neuron's weights followed by its bias."""
        for l in range(1, self.depth + 1):
            for j in range(1, self.sizes[l] + 1):
                for k in range(1, self.sizes[l - 1] + 1):
                    yield refs.W(l, j, k)
                yield refs.b(l, j)

    def value(self, ref: Ref) -> float:
        """A weight's or a bias's value."""
        if ref.kind == "W":
            return float(self.weights[ref.layer - 1][ref.j - 1, ref.k - 1])
        if ref.kind == "b":
            return float(self.biases[ref.layer - 1][ref.j - 1])
        raise KeyError(f"{ref} is not a parameter")

    def nudged(self, ref: Ref, delta: float) -> Network:
        """A copy with one parameter moved by delta; this network is never changed."""
        weights = [w.copy() for w in self.weights]
        biases = [b.copy() for b in self.biases]
        if ref.kind == "W":
            weights[ref.layer - 1][ref.j - 1, ref.k - 1] += delta
        else:
            biases[ref.layer - 1][ref.j - 1] += delta
        return Network(self.sizes, self.activations, self.loss, weights, biases)


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

    def value(self, ref: Ref) -> float:
        """Any value of the computation by reference: given (x, y, W, b), computed (z, a, L),
        a gradient (role "d") or an activation's derivative (role "s")."""
        if ref.role == "d":
            return self.grad(ref.node)
        if ref.role == "s":
            return float(self.activation_derivative[ref.layer][ref.j - 1])
        if ref.kind == "L":
            return float(self.loss)
        if ref.kind == "x":
            return float(self.x[ref.j - 1])
        if ref.kind == "y":
            return float(self.y[ref.j - 1])
        if ref.kind in ("z", "a"):
            return float((self.z if ref.kind == "z" else self.a)[ref.layer][ref.j - 1])
        return self.network.value(ref)

    def grad(self, ref: Ref) -> float:
        """dL/d(value) for an input, a weighted sum, an activation or a parameter."""
        if ref.kind == "x":
            return float(self.grad_a[0][ref.j - 1])
        if ref.kind == "W":
            return float(self.grad_W[ref.layer][ref.j - 1, ref.k - 1])
        table = {"b": self.grad_b, "z": self.grad_z, "a": self.grad_a}[ref.kind]
        return float(table[ref.layer][ref.j - 1])

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


def loss_value(name, a, y, z=None, output_activation=None):
    return LOSSES[name].value(a, y, z, output_activation == "sigmoid")


def loss_gradient(name, a, y):
    """dL/da for the output activation a."""
    return LOSSES[name].gradient(a, y)


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
    t.grad_a, t.grad_z, t.grad_W, t.grad_b = ([None] * (L + 1) for _ in range(4))
    if net.logistic_output:
        # From the logit, not from a: exact where a rounds to 0 or 1 in floating point, and
        # infinite only where the value itself is beyond the floating-point range.
        t.grad_a[L] = sigmoid_bce_gradient(t.z[L], y)
        t.grad_z[L] = sigmoid_minus(t.z[L], y)
    else:
        t.grad_a[L] = loss_gradient(net.loss, t.a[L], y)
        t.grad_z[L] = t.grad_a[L] * t.activation_derivative[L]
    for l in range(L, 0, -1):
        if l < L:
            t.grad_z[l] = t.grad_a[l] * t.activation_derivative[l]
        t.grad_W[l] = np.outer(t.grad_z[l], t.a[l - 1])
        t.grad_b[l] = t.grad_z[l].copy()
        t.grad_a[l - 1] = elementary.weighted_sums(net.weights[l - 1].T, t.grad_z[l], np.zeros(net.sizes[l - 1]))
    return t
