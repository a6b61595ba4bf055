"""The gradient check: backpropagation's gradient beside central finite differences.

Pure: takes a network and a sample, returns numbers. Each parameter is nudged by +-EPSILON in
a copy of the network, so the network passed in is never changed.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import core

# The step of the central difference (L(t + e) - L(t - e)) / 2e. Its error has two parts:
# truncation, about e^2 times the third derivative, and floating-point cancellation, about
# 1e-16 * |L| / e. They balance near e = 1e-5 for losses and gradients of the size the
# examples have; smaller steps are worse, not better (1e-7 loses three more digits).
EPSILON = 1e-5

# Backprop and finite differences agree when |difference| <= ABSOLUTE + RELATIVE * the larger
# magnitude. RELATIVE leaves room for the truncation error above (about 1e-10 relative in the
# examples); ABSOLUTE covers gradients that are exactly zero, such as those of a ReLU neuron
# that is switched off, where a relative difference means nothing.
RELATIVE_TOLERANCE = 1e-6
ABSOLUTE_TOLERANCE = 1e-10


@dataclass
class Row:
    """One parameter: where it sits and both estimates of dL/d(parameter)."""

    kind: str  # "W" or "b"
    layer: int
    j: int  # neuron of `layer`, from 1
    k: int | None  # neuron of layer - 1, from 1 (weights only)
    backprop: float
    finite_difference: float

    @property
    def id(self) -> str:
        return f"W{self.layer}_{self.j}_{self.k}" if self.kind == "W" else f"b{self.layer}_{self.j}"

    @property
    def absolute_difference(self) -> float:
        return abs(self.backprop - self.finite_difference)

    @property
    def relative_difference(self) -> float | None:
        """|difference| / larger magnitude; None when both are exactly zero."""
        scale = max(abs(self.backprop), abs(self.finite_difference))
        return self.absolute_difference / scale if scale > 0 else None

    @property
    def agrees(self) -> bool:
        scale = max(abs(self.backprop), abs(self.finite_difference))
        return self.absolute_difference <= ABSOLUTE_TOLERANCE + RELATIVE_TOLERANCE * scale


@dataclass
class GradientCheck:
    epsilon: float
    rows: list[Row]

    @property
    def parameter_count(self) -> int:
        return len(self.rows)

    @property
    def loss_evaluations(self) -> int:
        """Central differences evaluate the loss twice per parameter."""
        return 2 * len(self.rows)

    @property
    def all_agree(self) -> bool:
        return all(r.agrees for r in self.rows)

    @property
    def largest_absolute_difference(self) -> float:
        return max(r.absolute_difference for r in self.rows)

    @property
    def largest_relative_difference(self) -> float:
        return max((r.relative_difference for r in self.rows if r.relative_difference is not None), default=0.0)


def _nudged_loss(net: core.Network, x, y, kind: str, layer: int, index: tuple, delta: float) -> float:
    weights = [w.copy() for w in net.weights]
    biases = [b.copy() for b in net.biases]
    (weights if kind == "W" else biases)[layer - 1][index] += delta
    return core.loss_of(core.Network(net.sizes, net.activations, net.loss, weights, biases), x, y)


def central_difference(net: core.Network, x, y, kind: str, layer: int, index: tuple, epsilon: float = EPSILON) -> float:
    plus = _nudged_loss(net, x, y, kind, layer, index, epsilon)
    minus = _nudged_loss(net, x, y, kind, layer, index, -epsilon)
    return (plus - minus) / (2 * epsilon)


def check(net: core.Network, x, y, epsilon: float = EPSILON) -> GradientCheck:
    """Both gradients for every parameter, in the pages' order: layer by layer, and within a
    layer neuron by neuron, each neuron's weights followed by its bias."""
    trace = core.run(net, x, y)
    rows = []
    for l in range(1, net.depth + 1):
        for j in range(1, net.sizes[l] + 1):
            for k in range(1, net.sizes[l - 1] + 1):
                fd = central_difference(net, x, y, "W", l, (j - 1, k - 1), epsilon)
                rows.append(Row("W", l, j, k, float(trace.grad_W[l][j - 1, k - 1]), fd))
            fd = central_difference(net, x, y, "b", l, (j - 1,), epsilon)
            rows.append(Row("b", l, j, None, float(trace.grad_b[l][j - 1]), fd))
    return GradientCheck(epsilon, rows)
