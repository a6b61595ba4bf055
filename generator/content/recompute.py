"""What a page's script needs to recompute an example and print every line again, exactly as
the build prints it (docs/assets/javascripts/backprop-recompute.js): the example's given
numbers, every formula as data, and the notation. No computed value is in it: the script
computes those itself, so that a reader's own numbers get the same treatment as the author's."""
from __future__ import annotations

from ..maths import computation, expr_data
from ..maths.activations import ACTIVATIONS
from ..maths.core import Network
from . import learning, notations


def _numbers(values) -> list:
    return [float(v) for v in values]


def page_data(net: Network, x, y, learning_rate: float, digits: int) -> dict:
    """JSON-ready data: the network and sample, each worked quantity's formula (and the chain
    rule's product where the computation takes a shortcut), each parameter's update formulas,
    each graph node's edges, how functions are written, and each layer's activation symbol."""
    quantities = computation.quantities(net)
    updates = [(p, learning.update_formulas(p)) for p in net.parameters()]
    edges = notations.graph_edges(net)
    formulas = ([q.formula for q in quantities] + [q.chain_rule for q in quantities if q.chain_rule is not None]
                + [f for _, fs in updates for f in fs] + [f for _, es in edges for _, f in es])
    data = expr_data.as_data
    return {
        "network": {"sizes": list(net.sizes), "activations": list(net.activations), "loss": net.loss,
                    "weights": [[_numbers(row) for row in W] for W in net.weights],
                    "biases": [_numbers(b) for b in net.biases]},
        "x": _numbers(x), "y": _numbers(y), "learning_rate": float(learning_rate), "digits": digits,
        "notation": {"activations": [[ACTIVATIONS[a].tex, ACTIVATIONS[a].text] for a in net.activations]},
        "functions": expr_data.functions(formulas),
        "quantities": [[q.id, data(q.formula)] + ([data(q.chain_rule)] if q.chain_rule is not None else [])
                       for q in quantities],
        "updates": [[str(p)] + [data(f) for f in fs] for p, fs in updates],
        "graph": [[str(ref), [[str(target), data(f)] for target, f in es]] for ref, es in edges],
    }
