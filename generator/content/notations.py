"""Page model for the backward pass in three notations: the scalar form is the worked example's
own; this adds the graph form (what flows back along each edge) and the matrix form (a layer at
a time)."""
from __future__ import annotations

from ..maths.activations import ACTIVATIONS
from ..maths.core import Trace
from .notation import Notation
from .numbers import Formatter


def notations(trace: Trace, fmt: Formatter) -> dict:
    return dict(graph=graph_rows(trace, fmt), matrix=matrix_blocks(trace, fmt))


def graph_rows(trace: Trace, fmt: Formatter) -> list[dict]:
    """The backward pass as the graph sees it: each node's gradient is the sum, over the edges
    leaving it, of the local derivative on the edge times the gradient at its end."""
    net, n = trace.network, Notation(trace.network.sizes, trace.network.activations)
    rows = []

    def row(symbol_text, edges, total):
        parts = [f"from {target}: \\({local} \\times {fmt.tex_factor(incoming)} = {fmt.tex(product)}\\)"
                 for target, local, incoming, product in edges]
        rows.append(dict(node=symbol_text, edges=parts, total=fmt.tex(total), sum=len(edges) > 1))

    for l in range(net.depth, 0, -1):
        units = range(1, net.sizes[l] + 1)
        for j in units:
            da = float(trace.grad_a[l][j - 1])
            if l == net.depth:
                # The loss's own gradient is 1; the local derivative on the edge is dL/da.
                row(n.unit("a", l, j)[1], [("L", fmt.tex_factor(da), 1.0, da)], da)
            else:
                edges = []
                for i in range(1, net.sizes[l + 1] + 1):
                    w, g = float(net.weights[l][i - 1, j - 1]), float(trace.grad_z[l + 1][i - 1])
                    edges.append((n.unit("z", l + 1, i)[1], fmt.tex_factor(w), g, w * g))
                row(n.unit("a", l, j)[1], edges, da)
        for j in units:
            s, da, dz = (float(trace.activation_derivative[l][j - 1]), float(trace.grad_a[l][j - 1]),
                         float(trace.grad_z[l][j - 1]))
            row(n.unit("z", l, j)[1], [(n.unit("a", l, j)[1], fmt.tex_factor(s), da, s * da)], dz)
        for j in units:
            dz, z_text = float(trace.grad_z[l][j - 1]), n.unit("z", l, j)[1]
            for k in range(1, net.sizes[l - 1] + 1):
                ak = float(trace.a[l - 1][k - 1])
                row(n.weight(l, j, k)[1], [(z_text, fmt.tex_factor(ak), dz, ak * dz)], float(trace.grad_W[l][j - 1, k - 1]))
            row(n.bias(l, j)[1], [(z_text, "1", dz, dz)], float(trace.grad_b[l][j - 1]))
    return rows


def _delta_rows(trace: Trace, l: int, fmt: Formatter) -> list[str]:
    """delta^(l) written out, from its definition to its entries."""
    net, V = trace.network, fmt.vector
    fp = rf"{ACTIVATIONS[net.activations[l - 1]].tex}'\left(z^{{({l})}}\right)"
    delta = rf"\delta^{{({l})}}"
    if l == net.depth and net.logistic_output:
        rows = [rf"{delta} &= a^{{({l})}} - y = {V(trace.a[l])} - {V(trace.y)}"]
    elif l == net.depth and net.loss == "mse":
        rows = [rf"{delta} &= \left(a^{{({l})}} - y\right) \odot {fp}",
                rf"&= \left({V(trace.a[l])} - {V(trace.y)}\right) \odot {V(trace.activation_derivative[l])}"]
    elif l == net.depth:
        rows = [rf"{delta} &= \frac{{\partial L}}{{\partial a^{{({l})}}}} \odot {fp}",
                rf"&= {V(trace.grad_a[l])} \odot {V(trace.activation_derivative[l])}"]
    else:
        rows = [rf"{delta} &= \left(W^{{({l + 1})}}\right)^{{\mathsf T}} \delta^{{({l + 1})}} \odot {fp}",
                rf"&= {fmt.matrix(net.weights[l].T)} {V(trace.grad_z[l + 1])} \odot {V(trace.activation_derivative[l])}",
                rf"&= {V(trace.grad_a[l])} \odot {V(trace.activation_derivative[l])}"]
    return rows + [rf"&= {V(trace.grad_z[l])}"]


def matrix_blocks(trace: Trace, fmt: Formatter) -> list[dict]:
    """Per layer, from the output back: delta and dL/dW as one aligned block, a line per step,
    so that even wide layers fit the page."""
    net, V = trace.network, fmt.vector
    blocks = []
    for l in range(net.depth, 0, -1):
        rows = _delta_rows(trace, l, fmt)
        previous = "x" if l == 1 else f"a^{{({l - 1})}}"
        rows.append(rf"\frac{{\partial L}}{{\partial W^{{({l})}}}} &= \delta^{{({l})}} \left({previous}\right)^{{\mathsf T}} "
                    rf"= {V(trace.grad_z[l])} {fmt.matrix([trace.a[l - 1]])}")
        rows.append(rf"&= {fmt.matrix(trace.grad_W[l])}")
        body = " \\\\[1ex]\n".join(rows)
        blocks.append(dict(layer=l, tex="\\begin{aligned}\n" + body + "\n\\end{aligned}", last=l == net.depth))
    return blocks
