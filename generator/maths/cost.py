"""What a gradient costs, counted in multiply-adds from the layer sizes alone.

Pure arithmetic on lists of layer sizes: no weights are needed, because the number of
operations of a dense layer does not depend on the values of its weights. Counting instead of
timing keeps the build fast and every figure reproducible.

What is counted: one multiply-add is a multiplication followed by an addition (c + a*b); a
multiplication on its own counts as one too. Activation functions (an exponential each) and
the subtraction a - y are not counted: there is one of each per neuron, far fewer than the
weights in any but the smallest network.

For a layer l with m_l neurons fed by m_(l-1) others:
- forward pass: z = W a + b is m_l * m_(l-1) multiply-adds (each z_j starts at b_j);
  the loss adds one multiply-add per output ((a - y)^2 summed, or y ln a summed).
- backward pass: f'(z) is m_l multiplications (sigma' = a(1 - a)), delta = dL/da * f'(z)
  another m_l, dL/dW = delta a^T is m_l * m_(l-1), and for every layer but the first,
  dL/da^(l-1) = W^T delta is m_l * m_(l-1) more. dL/db = delta costs nothing.
- central finite differences: two forward passes (with the loss) per parameter.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


def parameter_count(sizes) -> int:
    return sum(m * n + m for n, m in zip(sizes, sizes[1:]))


def layer_forward_cost(sizes, l: int) -> int:
    """z = W a + b for layer l."""
    return sizes[l] * sizes[l - 1]


def layer_backward_cost(sizes, l: int) -> int:
    """f'(z), delta and dL/dW for layer l, and W^T delta unless l is the first layer (the
    gradient with respect to the input is not needed)."""
    m, n = sizes[l], sizes[l - 1]
    return 2 * m + m * n + (m * n if l > 1 else 0)


def forward_cost(sizes) -> int:
    """One forward pass and the loss."""
    return sum(layer_forward_cost(sizes, l) for l in range(1, len(sizes))) + sizes[-1]


def backward_cost(sizes) -> int:
    return sum(layer_backward_cost(sizes, l) for l in range(1, len(sizes)))


def backprop_cost(sizes) -> int:
    """Every gradient by backpropagation: one forward and one backward pass."""
    return forward_cost(sizes) + backward_cost(sizes)


def finite_difference_cost(sizes) -> int:
    """Every gradient by central differences: two forward passes per parameter."""
    return 2 * parameter_count(sizes) * forward_cost(sizes)


def family_sizes(width: int) -> list[int]:
    """The networks of the cost comparison: `width` inputs, one hidden layer of `width`
    neurons and one output, so (width + 1)^2 parameters."""
    return [width, width, 1]


# Widths whose parameter counts (width + 1)^2 step through 10^1 ... 10^6 at four points per
# power of ten: width + 1 is 10^(i/4) rounded, for i from 2 to 12.
POINTS_PER_DECADE = 4
FIRST_POINT, LAST_POINT = 2, 12
WIDTHS = [round(10 ** (i / POINTS_PER_DECADE)) - 1 for i in range(FIRST_POINT, LAST_POINT + 1)]


@dataclass
class Point:
    sizes: list[int]
    parameters: int
    forward: int
    backward: int
    backprop: int
    finite_differences: int


def point(sizes) -> Point:
    return Point(list(sizes), parameter_count(sizes), forward_cost(sizes), backward_cost(sizes),
                 backprop_cost(sizes), finite_difference_cost(sizes))


def family(widths=WIDTHS) -> list[Point]:
    return [point(family_sizes(w)) for w in widths]


def log_log_slope(xs, ys) -> float:
    """The slope of the least-squares line through (log x, log y): the exponent p of y ~ x^p."""
    slope, _ = np.polyfit(np.log10(np.asarray(xs, dtype=float)), np.log10(np.asarray(ys, dtype=float)), 1)
    return float(slope)


@dataclass
class Comparison:
    points: list[Point]
    backprop_slope: float
    finite_difference_slope: float


def compare(widths=WIDTHS) -> Comparison:
    points = family(widths)
    n = [p.parameters for p in points]
    return Comparison(points, log_log_slope(n, [p.backprop for p in points]),
                      log_log_slope(n, [p.finite_differences for p in points]))


@dataclass
class Modes:
    """How many passes each mode of automatic differentiation needs for one network: forward
    mode carries one derivative direction per pass (one parameter), reverse mode one output."""

    parameters: int
    outputs: int

    @property
    def forward_passes_for_loss_gradient(self) -> int:
        return self.parameters

    @property
    def reverse_passes_for_loss_gradient(self) -> int:
        return 1  # the loss is one number

    @property
    def forward_passes_for_jacobian(self) -> int:
        return self.parameters

    @property
    def reverse_passes_for_jacobian(self) -> int:
        return self.outputs


def modes(sizes) -> Modes:
    return Modes(parameter_count(sizes), sizes[-1])


def power_of_ten_range(values) -> tuple[int, int]:
    """The smallest and largest whole powers of ten that enclose the values."""
    return (math.floor(math.log10(min(values))), math.ceil(math.log10(max(values))))
