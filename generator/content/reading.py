"""What a worked example's numbers say, read off its trace: which way each parameter moves and
why, how the gradient shrinks or grows from layer to layer, and which ReLU units are switched off.
Every claim is checked on the numbers before it is made."""
from __future__ import annotations

from decimal import Decimal

from ..maths import refs
from ..maths.activations import ACTIVATIONS
from ..maths.core import Trace
from .notation import Notation
from .numbers import Formatter, fit

# The most a derivative of each activation can be; None where it is not bounded below 1.
DERIVATIVE_BOUND = {"sigmoid": "\\tfrac{1}{4}", "tanh": "1", "relu": "1", "identity": "1"}


def _directions(trace: Trace, printed: dict) -> dict:
    """How many parameters grow, shrink or stay, and, for one output, the sign's reason."""
    net = trace.network
    grads = [trace.grad(p) for p in net.parameters()]
    out = dict(count=len(grads), grow=sum(g < 0 for g in grads), shrink=sum(g > 0 for g in grads),
               stay=sum(g == 0 for g in grads), output=None)
    if net.sizes[-1] != 1:
        return out
    L = net.depth
    a, y = trace.value(refs.a(L, 1)), trace.value(refs.y(1))
    start = refs.z(L, 1).grad if net.logistic_output else refs.a(L, 1).grad
    # Every factor on the way back is positive: weights after the first layer, the inputs and
    # activations that multiply into weight gradients, and every activation's derivative.
    positive = (all((w > 0).all() for w in net.weights[1:]) and all((a_l > 0).all() for a_l in trace.a[:-1])
                and all((s > 0).all() for s in trace.activation_derivative[1:]))
    out["output"] = dict(symbol=Notation(net.sizes, net.activations).tex(start), value=printed[str(start)],
                         below=a < y, a=printed["a%d_1" % L], y=Formatter.given(y).tex(),
                         same_sign=positive and (out["grow"] == len(grads) or out["shrink"] == len(grads)))
    return out


def _layers(trace: Trace, results: dict, fmt: Formatter) -> list[dict]:
    """Per layer from the output back: the average size of dL/dz, and the range of the
    activation's derivative that the gradient is multiplied by on the way to the layer before.
    Averages are taken of the values as printed, so that a reader can redo them."""
    net = trace.network
    rows = []
    for l in range(net.depth, 0, -1):
        units = range(1, net.sizes[l] + 1)
        sizes = [abs(results[f"dz{l}_{j}"].decimal()) for j in units]
        slopes = sorted((results[f"s{l}_{j}"] for j in units), key=lambda r: r.decimal())
        mean = fit(sum(sizes, Decimal(0)) / len(sizes), fmt.digits)
        f = ACTIVATIONS[net.activations[l - 1]]
        rows.append(dict(layer=l, mean=mean.tex(), mean_value=mean.decimal(), activation=f.tex,
                         bound=DERIVATIVE_BOUND[f.name], lowest=slopes[0].tex(), highest=slopes[-1].tex()))
    return rows


def _switched_off(trace: Trace, printed: dict) -> list[dict]:
    """ReLU units whose weighted sum is at most 0: output 0, derivative 0, no gradient through."""
    net, n = trace.network, Notation(trace.network.sizes, trace.network.activations)
    off = []
    for l in range(1, net.depth + 1):
        if net.activations[l - 1] != "relu":
            continue
        for j in range(1, net.sizes[l] + 1):
            if trace.z[l][j - 1] <= 0:
                off.append(dict(layer=l, j=j, z=n.tex(refs.z(l, j)), value=printed[f"z{l}_{j}"],
                                a=n.tex(refs.a(l, j)), slope=n.tex(refs.z(l, j).slope)))
    return off


def reading(trace: Trace, quantities: list, fmt: Formatter) -> dict:
    printed = {q.id: q.value_tex for q in quantities}
    layers = _layers(trace, {q.id: q.line.result for q in quantities}, fmt)
    first, last = layers[-1], layers[0]
    shrink = None
    if len(layers) > 1 and first["mean_value"] > 0 and last["mean_value"] > 0:
        ratio = last["mean_value"] / first["mean_value"]
        shrink = dict(ratio=fit(ratio if ratio >= 1 else 1 / ratio, fmt.digits).tex(), smaller=ratio >= 1,
                      bounded=any(row["bound"] != "1" for row in layers[1:]))
    return dict(directions=_directions(trace, printed), layers=layers, shrink=shrink,
                switched_off=_switched_off(trace, printed))
