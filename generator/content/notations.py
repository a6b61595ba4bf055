"""Page model for the backward pass in three notations: the scalar form is the worked example's
own; this adds the graph form (what flows back along each edge) and the matrix form (a layer at
a time)."""
from __future__ import annotations

from ..maths import drift, refs
from ..maths import expr as E
from ..maths.activations import ACTIVATIONS
from ..maths.core import Trace
from . import formula
from .lines import APPROX, EQUALS, TEX_RELATION, MatrixStep, Values, bmatrix, column, sum_of_terms
from .notation import Notation
from .numbers import Formatter


def notations(trace: Trace, exact: drift.Chain, fmt: Formatter) -> dict:
    values = Values(trace, exact)
    return dict(graph=graph_rows(trace, values, fmt), matrix=matrix_blocks(trace, values, fmt))


def _edges_back(net, ref):
    """(far end, local derivative x gradient at the far end) for every edge leaving a node."""
    op, cross = E.Operand, (lambda a, b: E.Product((a, b), "cross"))
    if ref.kind == "a" and ref.layer == net.depth:
        # The loss's own gradient is 1; the local derivative on the edge is dL/da.
        return [(refs.LOSS, cross(op(ref.grad), E.Const(1)))]
    if ref.kind in ("a", "x"):
        return [(refs.z(ref.layer + 1, i), cross(op(refs.W(ref.layer + 1, i, ref.j)), op(refs.z(ref.layer + 1, i).grad)))
                for i in range(1, net.sizes[ref.layer + 1] + 1)]
    if ref.kind == "z":
        return [(refs.a(ref.layer, ref.j), cross(op(ref.slope), op(refs.a(ref.layer, ref.j).grad)))]
    z = refs.z(ref.layer, ref.j)
    local = op(refs.a(ref.layer - 1, ref.k)) if ref.kind == "W" else E.Const(1)
    return [(z, cross(local, op(z.grad)))]


def _graph_order(net):
    """The nodes with a gradient, in the order the backward pass reaches them."""
    for l in range(net.depth, 0, -1):
        units = range(1, net.sizes[l] + 1)
        yield from (refs.a(l, j) for j in units)
        yield from (refs.z(l, j) for j in units)
        yield from (p for p in net.parameters() if p.layer == l)
    yield from (refs.x(k) for k in range(1, net.sizes[0] + 1))


def graph_edges(net) -> list[tuple]:
    """(node, [(far end, local derivative x gradient at the far end), ...]) for every node with
    a gradient, in the order the backward pass reaches them."""
    return [(ref, _edges_back(net, ref)) for ref in _graph_order(net)]


def graph_rows(trace: Trace, values: Values, fmt: Formatter) -> list[dict]:
    """The backward pass as the graph sees it: each node's gradient is the sum, over the edges
    leaving it, of the local derivative on the edge times the gradient at its end. Every
    product holds as printed, and so does their sum."""
    net, n = trace.network, Notation(trace.network.sizes, trace.network.activations)
    rows = []
    for ref, edges in graph_edges(net):
        total = values.printed(ref.grad, fmt.digits)
        lines = sum_of_terms([f for _, f in edges], total, values, fmt.digits)
        # Plain text, not a formula: a column of products needs no typesetting, and a deep
        # network's table has hundreds of them.
        parts = [f"from {n.text(target)}: {line.tail_text(formula.text(f, line.shown, n.text))}"
                 for (target, f), line in zip(edges, lines)]
        rows.append(dict(node=n.text(ref), edges=parts, total=total.tex(), sum=len(edges) > 1))
    return rows


def _delta_rows(net, l: int, values: Values, digits: int) -> list[str]:
    """delta^(l) written out, from its definition to its entries, each step holding as printed."""
    op, units = E.Operand, range(1, net.sizes[l] + 1)
    delta_refs = [refs.z(l, j).grad for j in units]
    delta = [values.printed(r, digits) for r in delta_refs]
    fp = rf"{ACTIVATIONS[net.activations[l - 1]].tex}'\left(z^{{({l})}}\right)"
    d = rf"\delta^{{({l})}}"
    a, y, s = ([refs.a(l, j) for j in units], [refs.y(j) for j in units], [refs.z(l, j).slope for j in units])
    if l == net.depth and net.logistic_output:
        step = MatrixStep([E.Difference(op(a[i]), op(y[i])) for i in range(len(a))], delta, values, digits)
        return [rf"{d} &= a^{{({l})}} - y {step.relation(True)} {step.vector(a)} - {step.vector(y)} "
                rf"{step.relation(False)} {column(delta)}"]
    if l == net.depth:
        step = MatrixStep([E.Product((E.Group(E.Difference(op(a[i]), op(y[i]))), op(s[i]))) for i in range(len(a))],
                     delta, values, digits)
        return [rf"{d} &= \left(a^{{({l})}} - y\right) \odot {fp}",
                rf"&{step.relation(True)} \left({step.vector(a)} - {step.vector(y)}\right) \odot {step.vector(s)}",
                rf"&{step.relation(False)} {column(delta)}"]
    da_refs = [refs.a(l, j).grad for j in units]
    outer = MatrixStep([E.Product((op(da_refs[i]), op(s[i]))) for i in range(len(s))], delta, values, digits)
    da = [values.printed(r, outer.digits) for r in da_refs]
    nxt = range(1, net.sizes[l + 1] + 1)
    inner = MatrixStep([E.Sum(tuple(E.Product((op(refs.W(l + 1, i, j)), op(refs.z(l + 1, i).grad))) for i in nxt)) for j in units],
                  da, values, digits)
    weights = [[refs.W(l + 1, i, j) for i in nxt] for j in units]
    delta_next = [refs.z(l + 1, i).grad for i in nxt]
    return [rf"{d} &= \left(W^{{({l + 1})}}\right)^{{\mathsf T}} \delta^{{({l + 1})}} \odot {fp}",
            rf"&{TEX_RELATION[EQUALS if inner.exact(inner.printed) and outer.exact(s) else APPROX]} {inner.matrix(weights)} {inner.vector(delta_next)} \odot {outer.vector(s)}",
            rf"&{inner.relation(False)} {outer.vector(da_refs)} \odot {outer.vector(s)}",
            rf"&{outer.relation(False)} {column(delta)}"]


def matrix_blocks(trace: Trace, values: Values, fmt: Formatter) -> list[dict]:
    """Per layer, from the output back: delta and dL/dW as one aligned block, a line per
    step, so that even wide layers fit the page."""
    net, digits = trace.network, fmt.digits
    blocks = []
    for l in range(net.depth, 0, -1):
        rows = _delta_rows(net, l, values, digits)
        units, prev = range(1, net.sizes[l] + 1), range(1, net.sizes[l - 1] + 1)
        grads = [[refs.W(l, j, k).grad for k in prev] for j in units]
        step = MatrixStep([E.Product((E.Operand(refs.z(l, j).grad), E.Operand(refs.a(l - 1, k)))) for j in units for k in prev],
                     [values.printed(g, digits) for row in grads for g in row], values, digits)
        previous = "x" if l == 1 else f"a^{{({l - 1})}}"
        rows.append(rf"\frac{{\partial L}}{{\partial W^{{({l})}}}} &= \delta^{{({l})}} \left({previous}\right)^{{\mathsf T}} "
                    rf"{step.relation(True)} {step.vector([refs.z(l, j).grad for j in units])} "
                    rf"{step.matrix([[refs.a(l - 1, k) for k in prev]])}")
        rows.append(rf"&{step.relation(False)} " + bmatrix([[values.printed(g, digits) for g in row] for row in grads]))
        body = " \\\\[1ex]\n".join(rows)
        blocks.append(dict(layer=l, tex="\\begin{aligned}\n" + body + "\n\\end{aligned}", last=l == net.depth))
    return blocks
