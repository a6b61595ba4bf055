"""How big the gradient is in each layer, and what shrinks it: the same weights run with each
hidden activation in turn, the size of dL/dz per layer, and the units whose slope f'(z) is
nearly or exactly zero.

Going back one layer, the backward pass multiplies by a weight and by a slope f'(z)
(delta^(l) = (W^(l+1))^T delta^(l+1) * f'(z^(l))). The sigmoid's slope is at most 1/4, so
every sigmoid layer shrinks the gradient by about four unless its weights are large; tanh's
slope reaches 1 and relu's is 1 or 0. Pure: numbers in, numbers out.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import core
from .activations import ACTIVATIONS

# The hidden activations compared, each with the example's own weights.
COMPARED = ("sigmoid", "tanh", "relu")

# A unit is stalled where its slope f'(z) is below this fraction of the largest slope its
# activation has: a saturated sigmoid or tanh (|z| large), or a relu with z <= 0 (slope 0, a
# unit that is dead for this input). Little gradient passes back through it.
STALLED = 0.1


def largest_slope(name: str) -> float:
    """The largest slope the activation has: each one here has it at z = 0 or, for relu, at
    every z above 0."""
    f = ACTIVATIONS[name]
    z = np.array([-1.0, 0.0, 1.0])
    return float(np.max(f.derivative(z, f.function(z))))


def swapped(net: core.Network, hidden: str) -> core.Network:
    """The network with every hidden layer's activation replaced; the output layer keeps its
    own, so the loss and what it compares stay the same."""
    activations = [hidden] * (net.depth - 1) + [net.activations[-1]]
    return core.Network(net.sizes, activations, net.loss, net.weights, net.biases)


def size(v) -> float:
    """The Euclidean length of a vector."""
    return float(np.sqrt(np.sum(np.square(v))))


@dataclass
class Stalled:
    layer: int
    j: int
    activation: str
    z: float
    slope: float


@dataclass
class Layers:
    """One run of the network: the size of dL/dz^(l) for every layer l from 1, the largest
    slope each layer's units have, and the stalled units."""

    hidden: str
    trace: core.Trace
    sizes: list[float]
    largest_slopes: list[float]
    stalled: list[Stalled]

    @property
    def first_over_last(self) -> float:
        """How much smaller (below 1) or larger the gradient reaching layer 1 is than the one
        leaving the output layer."""
        return self.sizes[0] / self.sizes[-1] if self.sizes[-1] else float("nan")

    def factors(self) -> list[float | None]:
        """Going back from layer l + 1 to layer l, how much the gradient's size is multiplied
        by, for l from 1 (None where the layer above has none left)."""
        return [here / above if above else None for here, above in zip(self.sizes, self.sizes[1:])]


def stalled_units(trace: core.Trace) -> list[Stalled]:
    net, out = trace.network, []
    for l, name in enumerate(net.activations, start=1):
        limit = STALLED * largest_slope(name)
        for j, (z, s) in enumerate(zip(trace.z[l], trace.activation_derivative[l]), start=1):
            if s < limit:
                out.append(Stalled(l, j, name, float(z), float(s)))
    return out


def layers(net: core.Network, x, y, hidden: str) -> Layers:
    t = core.run(swapped(net, hidden), x, y)
    depth = net.depth
    return Layers(hidden, t, [size(t.grad_z[l]) for l in range(1, depth + 1)],
                  [float(np.max(t.activation_derivative[l])) for l in range(1, depth + 1)], stalled_units(t))


def compare(net: core.Network, x, y) -> list[Layers]:
    """The network with each of COMPARED as its hidden activation."""
    return [layers(net, x, y, h) for h in COMPARED]
