"""The nudge test: what a gradient means, measured. Raise one parameter by a small step h, run
the forward pass again, and the loss changes by about the gradient times h. The gradient's sign
says which way the parameter should move to lower the loss, its size how much the parameter
matters.

Pure: takes a network and a sample, returns numbers; the network passed in is never changed.
Both losses come from the computation redone exactly in decimal (drift.exact_chain): their
difference is a few digits deep in the loss, where a double's rounding would show.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext

from . import core, drift, refs
from .refs import Ref

# The step h. The loss change differs from gradient x h by about h^2 / 2 times the loss's
# curvature: at this step that is a fraction of a percent in the examples, so the two agree to
# about the three digits the pages print, while the change stays far above the rounding of a
# double.
STEP = 0.001


@dataclass
class Nudge:
    """One parameter raised by `step`: its value before and after, backpropagation's gradient,
    and the loss before and after, both exact to drift.WORKING_PRECISION digits."""

    parameter: Ref
    step: float
    before: float
    after: float
    gradient: float
    loss: Decimal
    nudged_loss: Decimal

    @property
    def change(self) -> Decimal:
        """What the nudge did to the loss: L(theta + h) - L(theta)."""
        with localcontext() as ctx:
            ctx.prec = drift.WORKING_PRECISION
            return self.nudged_loss - self.loss

    @property
    def predicted(self) -> Decimal:
        """What the gradient says it does: dL/dtheta x h (the gradient's exact binary value)."""
        with localcontext() as ctx:
            ctx.prec = drift.WORKING_PRECISION
            return Decimal(self.gradient) * Decimal(repr(self.step))


def raised(net: core.Network, ref: Ref, step: float) -> core.Network:
    """A copy with one parameter raised by `step`, the sum taken in decimal so that the new
    value is the short decimal a reader writes (0.1 + 0.001 = 0.101, not 0.10100000000000001)."""
    value = float(Decimal(repr(net.value(ref))) + Decimal(repr(step)))
    copy = net.nudged(ref, 0.0)
    if ref.kind == "W":
        copy.weights[ref.layer - 1][ref.j - 1, ref.k - 1] = value
    else:
        copy.biases[ref.layer - 1][ref.j - 1] = value
    return copy


def chosen(trace: core.Trace) -> list[Ref]:
    """The parameters to nudge: the one whose gradient is largest in size and, to set beside it,
    the one whose gradient is the smallest that is not zero (the first in the pages' order on a
    tie). Only the first when every gradient is zero or only one is not."""
    params = list(trace.network.parameters())
    largest = max(params, key=lambda p: abs(trace.grad(p)))
    nonzero = [p for p in params if trace.grad(p) != 0]
    smallest = min(nonzero, key=lambda p: abs(trace.grad(p)), default=largest)
    return [largest] if smallest == largest else [largest, smallest]


def nudge(trace: core.Trace, exact: drift.Chain, parameter: Ref, step: float = STEP) -> Nudge:
    """Raise `parameter` by `step` and recompute the loss. `exact` is the trace's computation
    redone exactly (drift.exact_chain), which gives the loss before the nudge."""
    net = trace.network
    moved = raised(net, parameter, step)
    return Nudge(parameter, step, net.value(parameter), moved.value(parameter), trace.grad(parameter),
                 _loss(exact, net, trace), _loss(drift.exact_chain(moved, trace.x, trace.y), moved, trace))


def _loss(chain: drift.Chain, net: core.Network, trace: core.Trace) -> Decimal:
    """The loss from the exact computation; from the double one where the decimal logarithm
    met a 0 (an output so saturated that 1 - a rounds to 0 even at 40 digits)."""
    value = chain.values[str(refs.LOSS)]
    return value if value is not None else Decimal(core.loss_of(net, trace.x, trace.y))


def nudges(trace: core.Trace, exact: drift.Chain, step: float = STEP) -> list[Nudge]:
    return [nudge(trace, exact, p, step) for p in chosen(trace)]
