"""Page model for the three gate patterns of the backward pass, at nodes of an example's
computational graph: an add node passes its gradient unchanged to every input, a multiply node
sends each input the gradient times the other input, and a max node (ReLU) routes it to one
side. The lines are the worked example's own, printed as it prints them; where a line is not
one of them (one term of a sum) it holds with a calculator in the same way."""
from __future__ import annotations

from ..maths import drift, refs
from ..maths.core import Trace
from . import formula
from .lines import Values, aligned, sum_of_terms
from .notation import Notation
from .numbers import Formatter


def gates(trace: Trace, quantities: list, exact: drift.Chain, fmt: Formatter) -> dict:
    """The add and multiply nodes at the first weighted sum of the output layer; the ReLU
    routing where a ReLU layer has a unit switched on and one switched off (else None)."""
    net = trace.network
    n = Notation(net.sizes, net.activations)
    by = {q.ref: q for q in quantities}
    z, w, a, b = refs.z(net.depth, 1), refs.W(net.depth, 1, 1), refs.a(net.depth - 1, 1), refs.b(net.depth, 1)
    product = f"{n.tex(w)} {n.tex(a)}"
    add = dict(
        z=n.tex(z), gradient=by[z.grad].value_tex, bias=n.tex(b), product=product,
        products=[f"{n.tex(refs.W(net.depth, 1, k))} {n.tex(refs.a(net.depth - 1, k))}"
                  for k in range(1, net.sizes[net.depth - 1] + 1)],
        lines=[by[b.grad].aligned_tex(),
               by[b.grad].line.tex(rf"\frac{{\partial L}}{{\partial ({product})}}", n.tex(z.grad), aligned=True)],
    )
    multiply = dict(w=n.tex(w), a=n.tex(a), product=product,
                    weight_line=by[w.grad].aligned_tex(), **_reaching(trace, by[a.grad], exact, fmt, n))
    return dict(add=add, multiply=multiply, relu=_relu(trace, by, n))


def _reaching(trace: Trace, q, exact: drift.Chain, fmt: Formatter, n: Notation) -> dict:
    """What reaches the product's other input a: the weight times the sum's gradient. Where a
    feeds several sums this is one term of its gradient, printed so that the terms add up."""
    terms = q.formula.terms
    if len(terms) == 1:
        return dict(input_line=q.aligned_tex(), fan_out=1, total=q.value_tex, total_symbol=q.symbol_tex)
    values = Values(trace, exact)
    first = sum_of_terms(list(terms), q.line.result, values, fmt.digits)[0]
    general = formula.tex(terms[0], None, n.tex)
    return dict(input_line=first.tex(general, formula.tex(terms[0], first.shown, n.tex), aligned=True),
                fan_out=len(terms), total=q.value_tex, total_symbol=q.symbol_tex)


def _relu(trace: Trace, by: dict, n: Notation) -> dict | None:
    """A ReLU layer's first unit switched on (z > 0) and first switched off (z <= 0), with the
    lines of their derivatives and of the gradients at their weighted sums."""
    net = trace.network
    for l in range(1, net.depth + 1):
        if net.activations[l - 1] != "relu":
            continue
        units = range(1, net.sizes[l] + 1)
        on = next((j for j in units if trace.z[l][j - 1] > 0), None)
        off = next((j for j in units if trace.z[l][j - 1] <= 0), None)
        if on is not None and off is not None:
            return dict(layer=l, on=_unit(by, l, on, n), off=_unit(by, l, off, n))
    return None


def _unit(by: dict, l: int, j: int, n: Notation) -> dict:
    z, a = refs.z(l, j), refs.a(l, j)
    return dict(z=n.tex(z), a=n.tex(a), value=by[z].value_tex, incoming=by[a.grad].value_tex,
                gradient=by[z.grad].value_tex,
                tex=aligned([by[z.slope].aligned_tex(), by[z.grad].aligned_tex()]))
