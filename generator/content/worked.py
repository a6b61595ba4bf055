"""The worked example: every quantity of the computation as its symbol, its formula with the
numbers substituted, and its value, in TeX for the pages and in plain text for the graph's log.

Every line holds as printed (generator.content.lines).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..maths import computation, drift
from ..maths import expr as E
from ..maths.core import Trace
from ..maths.refs import Ref
from . import formula
from .lines import Line, Values, substituted
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
    line: Line
    chain_rule: tuple | None  # (Line, TeX, TeX of the formula in general) where a shortcut is taken
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
        return self.line.tex(self.symbol_tex, self.formula_tex)

    def aligned_tex(self) -> str:
        """The equation as a row of an aligned block: symbol &= formula ≈ value. Where the
        computation takes a shortcut, the chain rule's product comes first and the shortcut
        follows on a row of its own."""
        if self.chain_rule is None:
            return self.line.tex(self.symbol_tex, self.formula_tex, aligned=True)
        line, product, general = self.chain_rule
        return (line.tex(self.symbol_tex, product, aligned=True) + r" \\[1ex]" + "\n"
                + self.line.tex(f"&= {general}", self.formula_tex))

    def equation_text(self) -> str:
        return self.line.text(self.symbol_text, self.formula_text)


def quantities(trace: Trace, fmt: Formatter, exact: drift.Chain | None = None) -> list[Quantity]:
    """Every forward and backward quantity of the trace, in computation order. `exact` is the
    computation redone exactly in decimal (computed here when not given)."""
    net = trace.network
    exact = exact or drift.exact_chain(net, trace.x, trace.y)
    n = Notation(net.sizes, net.activations)
    values = Values(trace, exact)
    out = []
    for q in computation.quantities(net):
        result = values.printed(q.ref, fmt.digits)
        ln = substituted(q.formula, result, values, fmt.digits, values.is_exact(q.ref))
        shown = ln.shown
        symbol_tex, symbol_text = n.symbol(q.ref)
        chain_rule = None
        if q.chain_rule is not None:
            product = substituted(q.chain_rule, result, values, fmt.digits, values.is_exact(q.ref))
            chain_rule = (product, formula.tex(q.chain_rule, product.shown, n.tex), formula.tex(q.formula, None, n.tex))
        out.append(Quantity(
            q.ref, q.phase, q.kind, q.layer, q.formula, q.inputs, trace.value(q.ref), ln, chain_rule,
            symbol_tex, formula.tex(q.formula, shown, n.tex), ln.result.tex(),
            symbol_text, formula.text(q.formula, shown, n.text), ln.result.text()))
    return out


def parameter_rows(trace: Trace, fmt: Formatter) -> list[dict]:
    """One row per weight and bias, layer by layer: its symbol, value as given, and gradient."""
    net = trace.network
    n = Notation(net.sizes, net.activations)
    return [dict(id=str(p), symbol=n.tex(p), value=fmt.given_tex(net.value(p)), gradient=fmt.tex(trace.grad(p)))
            for p in net.parameters()]
