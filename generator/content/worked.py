"""The worked example: every quantity of the computation as its symbol, its formula with the
numbers substituted, and its rounded value, in TeX for the pages and in plain text for the
graph's log. The formulas are the computation's own (generator.maths.computation), written out
by generator.content.formula."""
from __future__ import annotations

from dataclasses import dataclass

from ..maths import computation
from ..maths import expr as E
from ..maths.core import Trace
from ..maths.refs import Ref
from . import formula
from .notation import Notation
from .numbers import Formatter


@dataclass
class Quantity:
    ref: Ref
    phase: str  # "forward" or "backward"
    kind: str  # z, a, loss, dL/da, derivative, dL/dz, dL/dW, dL/db
    layer: int
    formula: E.Expr
    inputs: tuple  # the references it is computed from
    value: float
    symbol_tex: str
    formula_tex: str
    value_tex: str
    symbol_text: str
    formula_text: str
    value_text: str

    @property
    def id(self) -> str:
        return str(self.ref)

    def equation_tex(self) -> str:
        return _equation(self.symbol_tex, self.formula_tex, self.value_tex)

    def aligned_tex(self) -> str:
        """The equation as a row of an aligned block: symbol &= formula = value."""
        symbol, rest = self.equation_tex().split(" = ", 1)
        return f"{symbol} &= {rest}"

    def equation_text(self) -> str:
        return _equation(self.symbol_text, self.formula_text, self.value_text)


def _equation(symbol: str, formula: str, value: str) -> str:
    """symbol = formula = value, leaving out a formula that is only the value again."""
    parts = [symbol] + ([formula] if formula and formula != value else []) + [value]
    return " = ".join(parts)


def quantities(trace: Trace, fmt: Formatter) -> list[Quantity]:
    """Every forward and backward quantity of the trace, in computation order."""
    net = trace.network
    n = Notation(net.sizes, net.activations)
    rounded = lambda ref: fmt.rounded(trace.value(ref))  # noqa: E731 - the value of every operand
    out = []
    for q in computation.quantities(net):
        value = trace.value(q.ref)
        symbol_tex, symbol_text = n.symbol(q.ref)
        out.append(Quantity(
            q.ref, q.phase, q.kind, q.layer, q.formula, q.inputs, value,
            symbol_tex, formula.tex(q.formula, rounded, n.tex), fmt.tex(value),
            symbol_text, formula.text(q.formula, rounded, n.text), fmt.text(value)))
    return out


def parameter_rows(trace: Trace, fmt: Formatter) -> list[dict]:
    """One row per weight and bias, layer by layer: its symbol, value and gradient in TeX."""
    net = trace.network
    n = Notation(net.sizes, net.activations)
    return [dict(id=str(p), symbol=n.tex(p), value=fmt.tex(net.value(p)), gradient=fmt.tex(trace.grad(p)))
            for p in net.parameters()]
