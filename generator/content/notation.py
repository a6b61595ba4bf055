"""How the pages name every value: TeX for the formulas, plain text for the graph and its log.
Subscripts are dropped in layers of a single neuron, as in z^{(2)} for the seed's one output."""
from __future__ import annotations

from ..maths.activations import ACTIVATIONS
from ..maths.refs import Ref

SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
SUP = str.maketrans("0123456789()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾")


class Notation:
    def __init__(self, sizes, activations=()):
        self.sizes = sizes
        self.activations = activations

    def symbol(self, ref: Ref) -> tuple[str, str]:
        """(TeX, text) for any reference, gradients and derivatives included."""
        if ref.role == "d":
            return self.grad(self.symbol(ref.node))
        if ref.role == "u":
            # A parameter's update: the learning rate times its gradient.
            tex, text = self.grad(self.symbol(ref.node))
            return rf"\eta \, {tex}", f"η·{text}"
        if ref.role == "s":
            f = ACTIVATIONS[self.activations[ref.layer - 1]]
            z_tex, z_text = self.unit("z", ref.layer, ref.j)
            return f"{f.tex}'({z_tex})", f"{f.text}′({z_text})"
        if ref.kind == "L":
            return "L", "L"
        if ref.kind == "eta":
            return r"\eta", "η"
        if ref.kind == "x":
            return self.x(ref.j)
        if ref.kind == "y":
            return self.y(ref.j)
        if ref.kind == "W":
            return self.weight(ref.layer, ref.j, ref.k)
        return self.unit(ref.kind, ref.layer, ref.j)

    def tex(self, ref: Ref) -> str:
        return self.symbol(ref)[0]

    def text(self, ref: Ref) -> str:
        return self.symbol(ref)[1]

    def unit(self, name, layer, j):
        sub = "" if self.sizes[layer] == 1 else str(j)
        tex = f"{name}_{{{sub}}}^{{({layer})}}" if sub else f"{name}^{{({layer})}}"
        text = f"{name}{sub.translate(SUB)}{f'({layer})'.translate(SUP)}"
        return tex, text

    def x(self, k):
        if self.sizes[0] == 1:
            return "x", "x"
        return f"x_{{{k}}}", f"x{str(k).translate(SUB)}"

    def y(self, j):
        if self.sizes[-1] == 1:
            return "y", "y"
        return f"y_{{{j}}}", f"y{str(j).translate(SUB)}"

    def activation_input(self, layer, k):
        """a_k^{(layer)}, which is x_k for layer 0."""
        return self.x(k) if layer == 0 else self.unit("a", layer, k)

    def weight(self, layer, j, k):
        sep = "," if max(j, k) >= 10 else ""
        return (f"W_{{{j}{sep}{k}}}^{{({layer})}}",
                f"W{f'{j}{sep}{k}'.translate(SUB)}{f'({layer})'.translate(SUP)}")

    def bias(self, layer, j):
        return self.unit("b", layer, j)

    @staticmethod
    def grad(symbol):
        tex, text = symbol
        return rf"\frac{{\partial L}}{{\partial {tex}}}", f"∂L/∂{text}"
