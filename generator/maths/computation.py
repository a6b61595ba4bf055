"""The computation as data: every quantity of the forward and backward pass in the order it is
computed, each with the formula that computes it from inputs, parameters and earlier quantities.

It depends only on the network's shape, activations and loss; the values come from a
`core.Trace` (`trace.value(q.ref)`). Forward quantities come in topological order, then the
backward ones in reverse topological order.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import expr as E
from . import refs
from .activations import ACTIVATIONS
from .core import Network
from .losses import LOSSES
from .refs import Ref


@dataclass(frozen=True)
class Quantity:
    ref: Ref  # e.g. z(1, 1); ref.grad for a gradient; ref.slope for an activation's derivative
    phase: str  # "forward" or "backward"
    kind: str  # z, a, loss, dL/da, derivative, dL/dz, dL/dW, dL/db
    layer: int
    formula: E.Expr
    inputs: tuple  # the references it is computed from, as the graph draws them
    # Where the computation takes a shortcut, the chain rule's own product, equal to it.
    chain_rule: E.Expr | None = None

    @property
    def id(self) -> str:
        return str(self.ref)


def quantities(net: Network) -> list[Quantity]:
    """Every quantity of the worked example, in computation order."""
    out: list[Quantity] = []
    for l in range(1, net.depth + 1):
        out += _layer_forward(net, l)
    out.append(_loss(net))
    out += _output_gradients(net)
    for l in range(net.depth, 0, -1):
        out += _layer_backward(net, l)
    return out + _input_gradients(net)


def _units(net: Network, layer: int) -> range:
    return range(1, net.sizes[layer] + 1)


def _layer_forward(net: Network, l: int) -> list[Quantity]:
    """z = sum_k W_jk a_k + b_j, then a = f(z), for every neuron of layer l."""
    op = E.Operand
    activation = ACTIVATIONS[net.activations[l - 1]]
    sums, activations = [], []
    for j in _units(net, l):
        prev = list(_units(net, l - 1))
        formula = E.Sum(tuple(E.Product((op(refs.W(l, j, k)), op(refs.a(l - 1, k))), "dot") for k in prev)
                        + (op(refs.b(l, j)),))
        inputs = tuple(refs.a(l - 1, k) for k in prev) + tuple(refs.W(l, j, k) for k in prev) + (refs.b(l, j),)
        sums.append(Quantity(refs.z(l, j), "forward", "z", l, formula, inputs))
        activations.append(Quantity(refs.a(l, j), "forward", "a", l, activation.value_formula(op(refs.z(l, j))),
                                    (refs.z(l, j),)))
    return sums + activations


def _loss(net: Network) -> Quantity:
    L = net.depth
    outputs = [(E.Operand(refs.a(L, j)), E.Operand(refs.y(j))) for j in _units(net, L)]
    return Quantity(refs.LOSS, "forward", "loss", L, LOSSES[net.loss].value_formula(outputs),
                    tuple(refs.a(L, j) for j in _units(net, L)))


def _output_gradients(net: Network) -> list[Quantity]:
    """dL/da for every output."""
    L, loss = net.depth, LOSSES[net.loss]
    return [Quantity(refs.a(L, j).grad, "backward", "dL/da", L,
                     loss.gradient_formula(E.Operand(refs.a(L, j)), E.Operand(refs.y(j))), (refs.LOSS, refs.a(L, j)))
            for j in _units(net, L)]


def _layer_backward(net: Network, l: int) -> list[Quantity]:
    """f'(z), dL/dz, dL/dW and dL/db for every neuron of layer l, then dL/da of layer l - 1."""
    op = E.Operand
    activation = ACTIVATIONS[net.activations[l - 1]]
    out = []
    for j in _units(net, l):
        z, a = refs.z(l, j), refs.a(l, j)
        out.append(Quantity(z.slope, "backward", "derivative", l, activation.slope_formula(op(z), op(a)), (z, a)))
    for j in _units(net, l):
        z, a = refs.z(l, j), refs.a(l, j)
        product = E.Product((op(a.grad), op(z.slope)), "times")
        if l == net.depth and net.logistic_output:
            # dL/da * sigma'(z) = (a - y) / (a(1 - a)) * a(1 - a) = a - y, which stays exact
            # where the product would not.
            out.append(Quantity(z.grad, "backward", "dL/dz", l, E.Difference(op(a), op(refs.y(j))),
                                (a.grad, z.slope), chain_rule=product))
        else:
            out.append(Quantity(z.grad, "backward", "dL/dz", l, product, (a.grad, z.slope)))
    for j in _units(net, l):
        dz = refs.z(l, j).grad
        for k in _units(net, l - 1):
            out.append(Quantity(refs.W(l, j, k).grad, "backward", "dL/dW", l,
                                E.Product((op(dz), op(refs.a(l - 1, k))), "times"), (dz, refs.a(l - 1, k))))
        out.append(Quantity(refs.b(l, j).grad, "backward", "dL/db", l, E.Symbol(dz), (dz,)))
    return out + (_propagated(net, l, "dL/da") if l > 1 else [])


def _propagated(net: Network, l: int, kind: str) -> list[Quantity]:
    """dL/da_k of layer l - 1: a sum over the neurons of layer l that a_k feeds."""
    op = E.Operand
    out = []
    for k in _units(net, l - 1):
        formula = E.Sum(tuple(E.Product((op(refs.W(l, j, k)), op(refs.z(l, j).grad)), "times") for j in _units(net, l)))
        out.append(Quantity(refs.a(l - 1, k).grad, "backward", kind, l - 1, formula,
                            tuple(refs.z(l, j).grad for j in _units(net, l))))
    return out


def _input_gradients(net: Network) -> list[Quantity]:
    """dL/dx: training does not need it (inputs are not trained), but it is the plainest sum over
    paths: every input feeds every neuron of the first layer."""
    return _propagated(net, 1, "dL/dx")
