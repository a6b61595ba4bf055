"""What each activation is, one row per activation (as tensorflow/playground's table): its
function and derivative in floating point, its exact form for decimal arithmetic, its names, and
how its substituted formulas read. A new activation is one new row."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Callable

import numpy as np

from . import elementary
from . import expr as E


def _sigmoid(z):
    # Split by sign so that exp() only ever sees non-positive arguments: no overflow for
    # inputs such as -1000, and full precision near both ends. exp is the portable one, so that
    # the page's JavaScript gets the same last bit.
    z = np.asarray(z, dtype=float)
    e = elementary.each(elementary.exp, -np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _sigmoid_derivative(z, a):
    # Equal to a(1 - a), but without the cancellation in 1 - a when a is close to 1: accurate
    # to a few units in the last place however large |z| is, until e underflows (|z| beyond
    # about 708 leaves fewer digits, beyond about 745 nothing).
    e = elementary.each(elementary.exp, -np.abs(z))
    return e / (1.0 + e) ** 2


def _tanh_derivative(z, a):
    # Equal to 1 - a^2, written as 4e / (1 + e)^2 with e = exp(-2|z|): no cancellation in
    # 1 - a^2 when a is close to 1 or -1.
    e = elementary.each(elementary.exp, -2.0 * np.abs(np.asarray(z, dtype=float)))
    return 4.0 * e / (1.0 + e) ** 2


def _exact_tanh(z: Decimal) -> Decimal:
    e = (2 * z).exp()
    return (e - 1) / (e + 1)


@dataclass(frozen=True)
class Activation:
    name: str
    tex: str  # its name in formulas, as in \sigma'(z)
    text: str  # the same in plain text
    function: Callable  # f(z) on numpy arrays
    derivative: Callable  # f'(z), given z and the already computed a = f(z)
    call: E.Function | None  # how a = f(z) is applied in a formula; None: a is z itself
    # The derivative's substituted formula, from the weighted sum z and the activation a.
    slope_formula: Callable[[E.Expr, E.Expr], E.Expr]

    def value_formula(self, z: E.Expr) -> E.Expr:
        """a = f(z) with z substituted."""
        return z if self.call is None else E.Apply(self.call, z)


ACTIVATIONS = {a.name: a for a in [
    Activation(
        "sigmoid", r"\sigma", "σ", _sigmoid, _sigmoid_derivative,
        E.Function("sigmoid", r"\sigma({})", "σ({})", lambda z: 1 / (1 + (-z).exp())),
        lambda z, a: E.Product((a, E.Group(E.Difference(E.Const(1), a))), "juxtapose")),
    Activation(
        "tanh", r"\tanh", "tanh", lambda z: elementary.each(elementary.tanh, z), _tanh_derivative,
        E.Function("tanh", r"\tanh({})", "tanh({})", _exact_tanh),
        lambda z, a: E.Difference(E.Const(1), E.Power(a, 2))),
    Activation(
        "relu", r"\operatorname{relu}", "relu", lambda z: np.maximum(z, 0.0),
        # The convention at exactly zero: relu'(0) = 0, as in most frameworks.
        lambda z, a: (z > 0).astype(float),
        E.Function("relu", r"\max(0, {})", "max(0, {})", lambda z: max(z, Decimal(0))),
        lambda z, a: E.Indicator(z)),
    Activation(
        "identity", r"\operatorname{id}", "id", lambda z: np.array(z, dtype=float), lambda z, a: np.ones_like(z),
        None, lambda z, a: E.Const(1)),
]}
NAMES = tuple(ACTIVATIONS)
