"""A formula as data: the expression that computes a quantity, with operands that refer to
inputs, parameters and earlier quantities. The pages render it (generator.content.formula, in
TeX and in plain text), a hand calculation evaluates it with rounded values (drift), and a reader
can check it with the numbers as printed; nobody has to parse TeX.

Nodes are frozen dataclasses. `evaluate` works in `decimal`, so that a value can be carried
exactly as it would be written on paper.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, Overflow
from typing import Callable, Union

from .refs import Ref


@dataclass(frozen=True)
class Function:
    """A function a formula applies, with how it is written around its argument ({})."""

    name: str
    call_tex: str  # e.g. r"\sigma({})"
    call_text: str  # e.g. "σ({})"
    exact: Callable[[Decimal], Decimal]
    # A bare number needs no parentheses after it (\ln 0.587), a compound argument does.
    bare_tex: str = ""
    bare_text: str = ""


def _ln(v: Decimal) -> Decimal | None:
    return v.ln() if v > 0 else None


LN = Function("ln", r"\ln({})", "ln({})", _ln, bare_tex=r"\ln {}", bare_text="ln {}")


@dataclass(frozen=True)
class Operand:
    """A value the formula uses: an input, a target, a parameter or an earlier quantity."""

    ref: Ref


@dataclass(frozen=True)
class Const:
    """A whole number of the notation itself, such as the 1 in 1 - a."""

    value: int


@dataclass(frozen=True)
class Symbol:
    """A quantity named by its symbol rather than its value, as in dL/db = dL/dz."""

    ref: Ref


@dataclass(frozen=True)
class Sum:
    terms: tuple  # a Negative term is written as a subtraction


@dataclass(frozen=True)
class Difference:
    left: "Expr"
    right: "Expr"


@dataclass(frozen=True)
class Product:
    factors: tuple
    # How the product is written: "dot" (W·x in the forward pass), "times" (a × in the
    # backward pass, a dot in TeX), "cross" (a × everywhere), "juxtapose" (a(1 - a), y ln a).
    sign: str = "dot"


@dataclass(frozen=True)
class Quotient:
    numerator: "Expr"
    denominator: "Expr"


@dataclass(frozen=True)
class Power:
    base: "Expr"
    exponent: int


@dataclass(frozen=True)
class Half:
    body: "Expr"


@dataclass(frozen=True)
class Negative:
    body: "Expr"


@dataclass(frozen=True)
class Group:
    body: "Expr"
    brackets: str = "()"  # or "[]"


@dataclass(frozen=True)
class Apply:
    function: Function
    argument: "Expr"


@dataclass(frozen=True)
class Indicator:
    """[z > 0]: 1 where the body is positive, else 0."""

    body: "Expr"


Expr = Union[Operand, Const, Symbol, Sum, Difference, Product, Quotient, Power, Half, Negative, Group, Apply, Indicator]
Value = Union[Decimal, None]


def operands(expr) -> list[Ref]:
    """Every operand's reference, left to right."""
    if isinstance(expr, (Operand, Symbol)):
        return [expr.ref]
    return [r for child in children(expr) for r in operands(child)]


def children(expr) -> tuple:
    if isinstance(expr, (Sum,)):
        return expr.terms
    if isinstance(expr, Product):
        return expr.factors
    if isinstance(expr, (Difference,)):
        return (expr.left, expr.right)
    if isinstance(expr, Quotient):
        return (expr.numerator, expr.denominator)
    if isinstance(expr, (Power,)):
        return (expr.base,)
    if isinstance(expr, Apply):
        return (expr.argument,)
    if isinstance(expr, (Half, Negative, Group, Indicator)):
        return (expr.body,)
    return ()


def is_compound(expr) -> bool:
    """True for anything that is computed, as opposed to a number that is read off."""
    return not isinstance(expr, (Operand, Const, Symbol))


def identity(v):
    return v


def evaluate(expr, value_of: Callable[[Ref], Value], write: Callable = identity, terms: list | None = None) -> Value:
    """The expression's value in decimal arithmetic; None where it is undefined (the logarithm
    of 0, a division by 0, an exponential that overflows) and wherever such a value is used.

    `write` is applied to what a hand calculation writes down before using it: every computed
    term of a sum, and the base of a power. The terms of the outermost sum, as written, are
    appended to `terms` when it is given.
    """
    return _Evaluation(value_of, write, terms).of(expr)


class _Evaluation:
    def __init__(self, value_of, write, terms):
        self.value_of, self.write, self.terms = value_of, write, terms

    def written(self, expr) -> Value:
        v = self.of(expr)
        return v if v is None or not is_compound(expr) else self.write(v)

    def of(self, expr) -> Value:
        if isinstance(expr, (Operand, Symbol)):
            return self.value_of(expr.ref)
        if isinstance(expr, Const):
            return Decimal(expr.value)
        if isinstance(expr, Sum):
            return self.sum(expr)
        if isinstance(expr, Product):
            return self.product(expr)
        if isinstance(expr, Power):
            base = self.written(expr.base)
            return None if base is None else base ** expr.exponent
        if isinstance(expr, Apply):
            argument = self.of(expr.argument)
            return None if argument is None else self.apply(expr.function, argument)
        return self.simple(expr)

    @staticmethod
    def apply(function: Function, argument: Decimal) -> Value:
        # An exponential beyond the context's largest exponent (a sigmoid at z = -10^7 needs
        # e^(10^7), past the default context's 10^999999) has no decimal value: undefined, like
        # the logarithm of 0, rather than an exception that stops the build.
        try:
            return function.exact(argument)
        except Overflow:
            return None

    def simple(self, expr) -> Value:
        parts = [self.of(c) for c in children(expr)]
        if None in parts:
            return None
        if isinstance(expr, Difference):
            return parts[0] - parts[1]
        if isinstance(expr, Quotient):
            return None if parts[1] == 0 else parts[0] / parts[1]
        if isinstance(expr, Half):
            return parts[0] / 2
        if isinstance(expr, Negative):
            return -parts[0]
        if isinstance(expr, Group):
            return parts[0]
        if isinstance(expr, Indicator):
            return Decimal(1) if parts[0] > 0 else Decimal(0)
        raise TypeError(f"not an expression: {expr!r}")

    def sum(self, expr: Sum) -> Value:
        outermost, self.terms = self.terms, None  # inner sums do not record their terms
        values = [self.written(t) for t in expr.terms]
        if outermost is not None:
            outermost.extend(v for v in values if v is not None)
        return None if None in values else sum(values, Decimal(0))

    def product(self, expr: Product) -> Value:
        values = [self.of(f) for f in expr.factors]
        # 0 times anything is 0, even an undefined logarithm: y ln a with y = 0 in the
        # cross-entropy, as the loss is defined.
        if any(v == 0 for v in values if v is not None):
            return Decimal(0)
        if None in values:
            return None
        out = Decimal(1)
        for v in values:
            out *= v
        return out
