"""The chain rule as a sum over paths: every path from a parameter to the loss, counted and
written as its factors, against the work of the backward pass.

The graph is the one the pages draw: a weight W_jk^(l) and a bias b_j^(l) feed the weighted
sum z_j^(l), which feeds its activation a_j^(l), which feeds every weighted sum of layer l + 1;
each output activation feeds the loss. The derivative of the loss with respect to a parameter
is the sum, over every path from it to the loss, of the product of the local derivatives along
the path: a_k^(l-1) on the edge from W_jk^(l) (1 from a bias), f'(z) from a weighted sum to its
activation, a weight from an activation to a weighted sum, dL/da from an output to the loss.

Pure arithmetic on layer sizes, and references into a trace for the factors: no values.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import product

from . import cost, refs
from .refs import Ref

# The family of networks whose paths are counted against the backward pass: 1 to this many
# layers of weights. At 15 layers of width 3 the paths number in the millions, while the
# backward pass does a few hundred multiply-adds.
FAMILY_DEPTHS = range(1, 16)


def paths_each(sizes, layer: int) -> int:
    """Paths from one parameter of `layer` to the loss: one for every choice of a neuron in
    each later layer (the last choice is the output that feeds the loss)."""
    return math.prod(sizes[layer + 1:])


def parameters_in(sizes, layer: int) -> int:
    return sizes[layer] * (sizes[layer - 1] + 1)


def edges_from(sizes, layer: int) -> int:
    """Edges on each path from a parameter of `layer`: into its weighted sum, to the
    activation, then a weight and an activation per later layer, then into the loss."""
    return 3 + 2 * (len(sizes) - 1 - layer)


def multiplications_from(sizes, layer: int, weight: bool) -> int:
    """Multiplications that one path's product takes: one fewer than its factors, and a bias's
    first factor is 1, which costs nothing."""
    return edges_from(sizes, layer) - (1 if weight else 2)


@dataclass
class LayerPaths:
    layer: int
    parameters: int
    paths_each: int
    paths: int  # from every parameter of the layer
    multiplications: int  # to evaluate every one of those paths' products separately
    backward: int  # multiply-adds the backward pass spends on the layer (generator.maths.cost)


def by_layer(sizes) -> list[LayerPaths]:
    out = []
    for l in range(1, len(sizes)):
        each, weights = paths_each(sizes, l), sizes[l] * sizes[l - 1]
        multiplications = each * (weights * multiplications_from(sizes, l, True)
                                  + sizes[l] * multiplications_from(sizes, l, False))
        out.append(LayerPaths(l, parameters_in(sizes, l), each, each * parameters_in(sizes, l), multiplications,
                              cost.layer_backward_cost(sizes, l)))
    return out


@dataclass
class Totals:
    sizes: list[int]
    parameters: int
    paths: int
    multiplications: int
    backward: int


def totals(sizes) -> Totals:
    layers = by_layer(sizes)
    return Totals(list(sizes), sum(r.parameters for r in layers), sum(r.paths for r in layers),
                  sum(r.multiplications for r in layers), cost.backward_cost(sizes))


def family_sizes(inputs: int, width: int, outputs: int, depth: int) -> list[int]:
    """`depth` layers of weights: `depth - 1` hidden layers of `width` neurons between the
    inputs and the outputs."""
    return [inputs] + [width] * (depth - 1) + [outputs]


def family(sizes, depths=FAMILY_DEPTHS) -> list[Totals]:
    """Networks as wide as the widest hidden layer of `sizes` (its inputs and outputs kept),
    at every depth in `depths`."""
    width = max(sizes[1:-1], default=sizes[-1])
    return [totals(family_sizes(sizes[0], width, sizes[-1], d)) for d in depths]


def paths(sizes, parameter: Ref) -> list[tuple[int, ...]]:
    """Every path from a parameter to the loss, as the neuron it passes in each layer from the
    parameter's own to the output, in lexicographic order."""
    later = [range(1, n + 1) for n in sizes[parameter.layer + 1:]]
    return [(parameter.j,) + rest for rest in product(*later)]


def factors(net_sizes, parameter: Ref, path: tuple[int, ...]) -> list[Ref]:
    """The local derivatives along one path, as references into the trace: the input a_k of a
    weight (a bias's 1 is left out), then f'(z) of each weighted sum passed, the weight between
    each two layers, and dL/da of the output."""
    l = parameter.layer
    out = [refs.a(l - 1, parameter.k)] if parameter.kind == "W" else []
    out.append(refs.z(l, path[0]).slope)
    for m, (before, here) in enumerate(zip(path, path[1:]), start=l + 1):
        out += [refs.W(m, here, before), refs.z(m, here).slope]
    out.append(refs.a(len(net_sizes) - 1, path[-1]).grad)
    return out
