"""Why weights start random: hidden units that start equal get equal gradients, so gradient
descent keeps them equal for ever; and what the scale of a random start is for.

Two hidden units of a layer are interchangeable when they have the same incoming weights, the
same bias and the same outgoing weights: they then compute the same activation, receive the
same gradient, take the same step, and are interchangeable again after it. Pure: numbers in,
numbers out.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import core, training
from .activations import ACTIVATIONS

# The fan-ins of the init-scale table (the running example's, then ten, a hundred and a thousand
# times as many), and how many weighted sums are drawn for each.
FAN_INS = (2, 20, 200, 2000)
DRAWS = 2000
DRAW_SEED = 0


def unit_parameters(net: core.Network, layer: int, j: int) -> np.ndarray:
    """Everything that makes hidden unit j of `layer` what it is: its incoming weights, its
    bias and its outgoing weights (j counts from 1)."""
    return np.concatenate([net.weights[layer - 1][j - 1], [net.biases[layer - 1][j - 1]], net.weights[layer][:, j - 1]])


def unit_gradients(trace: core.Trace, layer: int, j: int) -> np.ndarray:
    """The gradients of the same parameters."""
    return np.concatenate([trace.grad_W[layer][j - 1], [trace.grad_b[layer][j - 1]], trace.grad_W[layer + 1][:, j - 1]])


def equal_layer(net: core.Network) -> int | None:
    """The first hidden layer whose units all start equal (and number two or more), or None."""
    for l in range(1, net.depth):
        first = unit_parameters(net, l, 1)
        if net.sizes[l] > 1 and all(np.array_equal(first, unit_parameters(net, l, j)) for j in range(2, net.sizes[l] + 1)):
            return l
    return None


def spread(vectors: list[np.ndarray]) -> float:
    """The largest difference between any two of the units, over every entry."""
    stacked = np.array(vectors)
    return float(np.max(stacked.max(axis=0) - stacked.min(axis=0)))


@dataclass
class Run:
    """Gradient descent from one start, watching the units of one hidden layer: before every
    step, each unit's gradients and the spread of the gradients and of the parameters between
    units (steps + 1 entries: the last is after the last step)."""

    layer: int
    start: core.Network
    gradients: list[list[np.ndarray]]  # [step][unit] -> that unit's gradients
    gradient_spreads: np.ndarray
    parameter_spreads: np.ndarray
    end: core.Network

    @property
    def steps(self) -> int:
        return len(self.gradient_spreads) - 1

    @property
    def equal_at(self) -> int:
        """At how many of the steps every unit's gradients were equal, to the last bit."""
        return int(np.sum(self.gradient_spreads == 0))


def run(net: core.Network, x, y, learning_rate: float, steps: int, layer: int) -> Run:
    units = range(1, net.sizes[layer] + 1)
    start, gradients, g_spreads, p_spreads = net, [], [], []
    for step in range(steps + 1):
        trace = core.run(net, x, y)
        grads = [unit_gradients(trace, layer, j) for j in units]
        gradients.append(grads)
        g_spreads.append(spread(grads))
        p_spreads.append(spread([unit_parameters(net, layer, j) for j in units]))
        if step < steps:
            net = training.updated(net, trace, learning_rate)
    return Run(layer, start, gradients, np.array(g_spreads), np.array(p_spreads), net)


def with_parameters(net: core.Network, weights, biases) -> core.Network:
    """The same network from another start."""
    return core.Network(net.sizes, net.activations, net.loss, list(weights), list(biases))


@dataclass
class Scale:
    """Weighted sums z = w_1 + ... + w_n of n weights drawn uniformly from +-bound (inputs of
    size 1), for each fan-in n: their spread (standard deviation), expected and measured, and
    the share that lands where the sigmoid's slope is below `limit`."""

    fan_in: int
    bound: float
    expected: float
    measured: float
    saturated: float


def saturation_edge(limit: float) -> float:
    """Where the sigmoid's slope falls below `limit`: it falls as |z| grows, so beyond this |z|
    and nowhere else. Found by bisection on the core's own slope."""
    sigmoid = ACTIVATIONS["sigmoid"]

    def slope(z: float) -> float:
        return float(sigmoid.derivative(np.array([z]), sigmoid.function(np.array([z])))[0])

    low, high = 0.0, 1.0
    while slope(high) >= limit:
        high *= 2
    while high - low > 1e-12 * high:
        middle = (low + high) / 2
        low, high = (middle, high) if slope(middle) >= limit else (low, middle)
    return high


def scale(fan_in: int, bound: float, limit: float, draws: int = DRAWS, seed: int = DRAW_SEED) -> Scale:
    rng = np.random.default_rng([seed, fan_in])
    z = rng.uniform(-bound, bound, size=(draws, fan_in)).sum(axis=1)
    # A uniform weight on +-bound has variance bound^2 / 3, and n of them add up.
    return Scale(fan_in, bound, float(np.sqrt(fan_in * bound ** 2 / 3)), float(np.std(z)),
                 float(np.mean(np.abs(z) > saturation_edge(limit))))
