"""Checking a backward pass someone wrote themselves: their gradient of every parameter beside
central finite differences, with the gradient check's own step and tolerances.

Pure: the backward pass is a function handed in, called once with the forward pass's values.
"""
from __future__ import annotations

import numpy as np

from . import core, gradcheck


class WrongShape(ValueError):
    """The backward pass returned something other than one gradient per weight and bias."""


def _gradients(returned, net: core.Network):
    """(grad_W, grad_b) as float arrays, checked against the shapes of the weights and biases."""
    if not (isinstance(returned, tuple) and len(returned) == 2):
        raise WrongShape("expected backward to return two lists, (grad_W, grad_b)")
    out = []
    for name, grads, params in (("grad_W", returned[0], net.weights), ("grad_b", returned[1], net.biases)):
        if len(grads) != len(params):
            raise WrongShape(f"expected {name} to hold {len(params)} arrays, one per layer, got {len(grads)}")
        arrays = [np.asarray(g, dtype=float) for g in grads]
        for l, (g, p) in enumerate(zip(arrays, params), start=1):
            if g.shape != p.shape:
                raise WrongShape(f"expected {name}[{l - 1}] (layer {l}) to have shape {list(p.shape)}, "
                                 f"got {list(g.shape)}")
        out.append(arrays)
    return out


def check(backward, net: core.Network, x, y) -> gradcheck.GradientCheck:
    """Call backward(net, z, a, y) with z and a from core.forward, and set each gradient it
    returns beside the central difference of the loss."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    z, a = core.forward(net, x)
    grad_W, grad_b = _gradients(backward(net, z, a, y), net)

    def yours(p) -> float:
        if p.kind == "W":
            return float(grad_W[p.layer - 1][p.j - 1, p.k - 1])
        return float(grad_b[p.layer - 1][p.j - 1])

    return gradcheck.GradientCheck(gradcheck.EPSILON, [
        gradcheck.Row(p, yours(p), gradcheck.central_difference(net, x, y, p)) for p in net.parameters()])
