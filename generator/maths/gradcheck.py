"""The gradient check: backpropagation's gradient beside central finite differences.

Pure: takes a network and a sample, returns numbers. Each parameter is nudged by +-EPSILON in
a copy of the network, so the network passed in is never changed.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import core
from .refs import Ref

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
    """One parameter and both estimates of dL/d(parameter)."""

    parameter: Ref
    backprop: float
    finite_difference: float

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


def central_difference(net: core.Network, x, y, parameter: Ref, epsilon: float = EPSILON) -> float:
    plus = core.loss_of(net.nudged(parameter, epsilon), x, y)
    minus = core.loss_of(net.nudged(parameter, -epsilon), x, y)
    return (plus - minus) / (2 * epsilon)


def check(net: core.Network, x, y, epsilon: float = EPSILON) -> GradientCheck:
    """Both gradients for every parameter, in the pages' order (`Network.parameters`)."""
    trace = core.run(net, x, y)
    return GradientCheck(epsilon, [Row(p, trace.grad(p), central_difference(net, x, y, p, epsilon))
                                   for p in net.parameters()])
