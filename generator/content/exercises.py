"""Page model for the worked page's exercises: one weight's gradient per layer, from the output
back, for the reader to compute, with the answer and its working (the worked example's own
lines, which hold with a calculator) to unfold."""
from __future__ import annotations

from ..maths import refs
from ..maths.core import Trace
from .lines import aligned
from .notation import Notation


def exercises(trace: Trace, quantities: list) -> list[dict]:
    """Per layer, from the output back, the weight with the largest gradient in size (the first
    in the pages' order on a tie), so that no answer is a zero read off a switched-off unit.
    Its working runs from the gradient arriving at the weight's neuron to the weight."""
    net = trace.network
    n = Notation(net.sizes, net.activations)
    by = {q.ref: q for q in quantities}
    out = []
    for l in range(net.depth, 0, -1):
        weights = [p for p in net.parameters() if p.layer == l and p.kind == "W"]
        w = max(weights, key=lambda p: abs(trace.grad(p)))
        z, a = refs.z(l, w.j), refs.a(l, w.j)
        steps = [by[a.grad], by[z.slope], by[z.grad], by[w.grad]]
        # The gradients arriving from the layer above, as the worked page prints them.
        above = ", ".join(rf"\(\partial L / \partial {n.tex(d.node)} \approx {{{by[d].value_tex}}}\)"
                          for d in (refs.z(l + 1, i).grad for i in range(1, net.sizes[l + 1] + 1))) \
            if l < net.depth else ""
        out.append(dict(
            layer=l, output=l == net.depth, weight=n.tex(w), a=n.tex(a), z=n.tex(z),
            other=n.tex(refs.a(l - 1, w.k)), neuron=n.tex(a), answer=by[w.grad].value_tex, above=above,
            fan_out=net.sizes[l + 1] if l < net.depth else 0,
            working=aligned([q.aligned_tex() for q in steps])))
    return out
