"""Page model for the four equations of backpropagation (BP1 to BP4, as Nielsen numbers them):
for each, the worked example's own lines where it is used, and the layer of the worked page
they are on."""
from __future__ import annotations

from ..maths import refs
from ..maths.core import Network
from .lines import aligned


def _block(quantities: list) -> str:
    return aligned([q.aligned_tex() for q in quantities])


def four_equations(net: Network, quantities: list) -> dict:
    """BP1 at the output layer's first neuron: the loss's gradient, the activation's derivative,
    their product. BP2 at the first neuron of the layer below: the sum that is one entry of
    (W^T delta), the derivative, their product (None for a network with one layer). BP3 and
    BP4 at the output layer's first bias and first weight."""
    by = {q.ref: q for q in quantities}
    last = net.depth
    z, hidden = refs.z(last, 1), refs.z(last - 1, 1)
    bp2 = None
    if last > 1:
        bp2 = dict(layer=last - 1, tex=_block([by[refs.a(last - 1, 1).grad], by[hidden.slope], by[hidden.grad]]))
    return dict(
        bp1=dict(layer=last, tex=_block([by[refs.a(last, 1).grad], by[z.slope], by[z.grad]])),
        bp2=bp2,
        bp3=dict(layer=last, tex=_block([by[refs.b(last, 1).grad]])),
        bp4=dict(layer=last, tex=_block([by[refs.W(last, 1, 1).grad]])),
    )
