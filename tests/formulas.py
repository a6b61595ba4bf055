"""What each kind of printed line computes, written out a second time, independently of the
generator: a description in the log's own notation, where ⟨id⟩ marks the quantity whose value
must stand in that place (tests/lines.py reads descriptions and printed lines alike).

    z   = Σₖ W·a + b                 a   = f(z)            f′ = as the activation's row says
    L   = ½ Σ (a − y)²  or  −Σ [y ln a + (1 − y) ln(1 − a)]
    ∂L/∂a (output) = a − y  or  (a − y) / (a(1 − a))        ∂L/∂a (hidden) = Σⱼ W·∂L/∂z
    ∂L/∂x = Σⱼ W·∂L/∂z over the first layer
    ∂L/∂z = ∂L/∂a · f′, or a − y for a sigmoid output under cross-entropy
    ∂L/∂W = ∂L/∂z · a                 ∂L/∂b = ∂L/∂z (the symbol itself, not a number)
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# One row per activation: its value and its derivative, in terms of the unit's own z and a.
ACTIVATIONS = {
    "sigmoid": ("σ({z})", "{a}(1 − {a})"),
    "tanh": ("tanh({z})", "1 − {a}²"),
    "relu": ("max(0, {z})", "[{z} > 0]"),
    "identity": ("{z}", "1"),
}
# One row per loss: a term of the loss, and the gradient with respect to an output.
LOSSES = {
    "mse": ("({a} − {y})²", "{a} − {y}"),
    "bce": ("[{y} ln {a} + (1 − {y}) ln(1 − {a})]", "({a} − {y}) / ({a}(1 − {a}))"),
}
# A sigmoid output under cross-entropy: σ′ cancels the denominator of ∂L/∂a.
SHORTCUT = "{a} − {y}"
CHAIN = "{da}·{s}"


@dataclass(frozen=True)
class SymbolOf:
    """A line whose formula is another quantity's symbol, not a number: ∂L/∂b = ∂L/∂z."""

    id: str


def describe(id: str, net) -> str | tuple | SymbolOf:
    """The description of the line that computes quantity `id` of a network with `sizes`,
    `activations` and `loss` (an example as read by tests/authored.py)."""
    if id == "L":
        return _loss(net)
    if id.startswith("dx"):
        k = int(id[2:])
        return " + ".join(f"⟨W1_{i}_{k}⟩·⟨dz1_{i}⟩" for i in range(1, net.sizes[1] + 1))
    kind, l, j, k = re.fullmatch(r"(dW|db|dz|da|z|a|s)(\d+)_(\d+)(?:_(\d+))?", id).groups()
    l, j = int(l), int(j)
    unit = {name: f"⟨{name}{l}_{j}⟩" for name in ("z", "a", "s", "da", "dz")}
    unit["y"] = f"⟨y{j}⟩"
    f = net.activations[l - 1]
    output = l == net.depth
    if kind == "z":
        terms = [f"⟨W{l}_{j}_{k}⟩·{_input(l - 1, k)}" for k in range(1, net.sizes[l - 1] + 1)]
        return " + ".join(terms) + f" + ⟨b{l}_{j}⟩"
    if kind == "a":
        return ACTIVATIONS[f][0].format(**unit)
    if kind == "s":
        return ACTIVATIONS[f][1].format(**unit)
    if kind == "da" and output:
        return LOSSES[net.loss][1].format(**unit)
    if kind == "da":
        return " + ".join(f"⟨W{l + 1}_{i}_{j}⟩·⟨dz{l + 1}_{i}⟩" for i in range(1, net.sizes[l + 1] + 1))
    if kind == "dz":
        shortcut = output and net.loss == "bce" and f == "sigmoid"
        # With the shortcut the page shows the chain rule's product first, then a - y.
        return (CHAIN.format(**unit), SHORTCUT.format(**unit)) if shortcut else CHAIN.format(**unit)
    if kind == "dW":
        return f"⟨dz{l}_{j}⟩·{_input(l - 1, int(k))}"
    return SymbolOf(f"dz{l}_{j}")


def _input(layer: int, k: int) -> str:
    return f"⟨x{k}⟩" if layer == 0 else f"⟨a{layer}_{k}⟩"


def _loss(net) -> str:
    n = net.depth
    terms = [LOSSES[net.loss][0].format(a=f"⟨a{n}_{j}⟩", y=f"⟨y{j}⟩") for j in range(1, net.sizes[n] + 1)]
    if net.loss == "bce":
        return "−" + " − ".join(terms)
    return "½" + (terms[0] if len(terms) == 1 else "[" + " + ".join(terms) + "]")
