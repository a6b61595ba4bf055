"""What each loss is, one row per loss: its value and gradient in floating point, and how its
substituted formulas read."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from . import elementary
from . import expr as E


# Sums are rounded once and logarithms are the portable ones (generator.maths.elementary), so that
# the page's JavaScript gets the same last bit.


def _mse(a, y, z=None, logistic=False) -> float:
    return 0.5 * elementary.total((a - y) ** 2)


def softplus(t):
    """log(1 + e^t) without overflow."""
    return elementary.each(elementary.softplus, t)


def _bce(a, y, z=None, logistic=False) -> float:
    if logistic and z is not None:
        # From the logits: log a = -softplus(-z), log(1 - a) = -softplus(z). Exact even where
        # a rounds to 0 or 1 in floating point.
        return elementary.total(y * softplus(-z) + (1.0 - y) * softplus(z))
    with np.errstate(divide="ignore"):
        log_a, log_1_minus_a = elementary.each(elementary.log, a), elementary.each(elementary.log1p, -a)
        return -elementary.total(y * log_a + (1.0 - y) * log_1_minus_a)


def _bce_gradient(a, y):
    with np.errstate(divide="ignore", invalid="ignore"):
        return (a - y) / (a * (1.0 - a))


def _mse_formula(outputs) -> E.Expr:
    """1/2 (a - y)^2, or 1/2 [(a1 - y1)^2 + ...] for several outputs."""
    squares = E.Sum(tuple(E.Power(E.Group(E.Difference(a, y)), 2) for a, y in outputs))
    return E.Half(squares if len(outputs) == 1 else E.Group(squares, "[]"))


def _bce_formula(outputs) -> E.Expr:
    """-[y ln a + (1 - y) ln(1 - a)] - ... for every output."""
    def term(a, y):
        return E.Negative(E.Group(E.Sum((
            E.Product((y, E.Apply(E.LN, a)), "juxtapose"),
            E.Product((E.Group(E.Difference(E.Const(1), y)), E.Apply(E.LN, E.Difference(E.Const(1), a))), "juxtapose"),
        )), "[]"))
    return E.Sum(tuple(term(a, y) for a, y in outputs))


def _bce_gradient_formula(a, y) -> E.Expr:
    return E.Quotient(E.Difference(a, y), E.Product((a, E.Group(E.Difference(E.Const(1), a))), "juxtapose"))


@dataclass(frozen=True)
class Loss:
    name: str
    value: Callable  # L from the outputs a, the targets y (and the logits z, for a logistic output)
    gradient: Callable  # dL/da
    value_formula: Callable  # from [(a, y) per output] to the substituted formula of L
    gradient_formula: Callable  # from a and y to dL/da


LOSSES = {l.name: l for l in [
    Loss("mse", _mse, lambda a, y: a - y, _mse_formula, lambda a, y: E.Difference(a, y)),
    Loss("bce", _bce, _bce_gradient, _bce_formula, _bce_gradient_formula),
]}
NAMES = tuple(LOSSES)
