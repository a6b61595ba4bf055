"""Gradient descent on the example's one sample: one step in full, then many.

Pure: every function returns new arrays and new networks; the network passed in is never
changed. A step is theta <- theta - learning_rate * dL/dtheta for every weight and bias, with
the gradient from one backward pass.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from . import core


def updated(net: core.Network, trace: core.Trace, learning_rate: float) -> core.Network:
    """The network after one gradient-descent step along the trace's gradients."""
    weights = [W - learning_rate * trace.grad_W[l] for l, W in enumerate(net.weights, start=1)]
    biases = [b - learning_rate * trace.grad_b[l] for l, b in enumerate(net.biases, start=1)]
    return core.Network(net.sizes, net.activations, net.loss, weights, biases)


@dataclass
class Step:
    """One learning step: the trace before it, the network and the trace after it."""

    learning_rate: float
    before: core.Trace
    network_after: core.Network
    after: core.Trace

    @property
    def loss_change(self) -> float:
        return self.after.loss - self.before.loss

    @property
    def predicted_loss_change(self) -> float:
        """The first-order prediction -learning_rate * |gradient|^2: for a small enough step
        the loss falls by about this much, which is why a step along -gradient lowers it."""
        t = self.before
        squared = sum(float(np.sum(t.grad_W[l] ** 2) + np.sum(t.grad_b[l] ** 2)) for l in range(1, t.network.depth + 1))
        return -self.learning_rate * squared


def step(net: core.Network, x, y, learning_rate: float) -> Step:
    before = core.run(net, x, y)
    after_net = updated(net, before, learning_rate)
    return Step(learning_rate, before, after_net, core.run(after_net, x, y))


@dataclass
class Training:
    """The loss before every step and after the last (steps + 1 values), and the outputs
    before the first step and after the last. A run whose loss stops being a finite number
    (a learning rate so large that the steps overshoot without bound) ends there: `losses`
    then ends with that non-finite value and `diverged` is true."""

    learning_rate: float
    steps: int  # as asked for
    losses: np.ndarray
    outputs_before: np.ndarray
    outputs_after: np.ndarray
    network_after: core.Network

    @property
    def diverged(self) -> bool:
        return not math.isfinite(self.losses[-1])

    @property
    def steps_taken(self) -> int:
        return len(self.losses) - 1


def train(net: core.Network, x, y, learning_rate: float, steps: int) -> Training:
    trace = core.run(net, x, y)
    outputs_before = trace.a[-1].copy()
    losses = [trace.loss]
    # Overflow is an outcome here, not an error: it ends the run and the page says so.
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            if not math.isfinite(losses[-1]):
                break
            net = updated(net, trace, learning_rate)
            trace = core.run(net, x, y)
            losses.append(trace.loss)
    return Training(learning_rate, steps, np.array(losses), outputs_before, trace.a[-1].copy(), net)


def sample_indices(count: int, limit: int) -> list[int]:
    """At most `limit` indices from 0 to count - 1, evenly spread, first and last included:
    enough points for a plot or a table of a long run without thousands of rows."""
    if count <= limit:
        return list(range(count))
    return sorted({round(i * (count - 1) / (limit - 1)) for i in range(limit)})
