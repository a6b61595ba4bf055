"""The worked example: every quantity of a `core.Trace` as a symbol, its formula with the
numbers substituted, and its rounded value, in TeX for the pages and in plain text for the
graph's log.

Quantities come in the order they are computed: the forward ones in topological order, then
the backward ones in reverse topological order. Each has a stable id that the pages, the graph
and the tests share.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import numbers
from .core import Trace

SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
SUP = str.maketrans("0123456789()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾")

# How each activation is written: (TeX name, plain-text name).
ACTIVATION_NAMES = {
    "sigmoid": (r"\sigma", "σ"),
    "tanh": (r"\tanh", "tanh"),
    "relu": (r"\operatorname{relu}", "relu"),
    "identity": (r"\operatorname{id}", "id"),
}


@dataclass
class Quantity:
    id: str  # stable id, e.g. "z1_1", "dW1_1_2", "L"
    phase: str  # "forward" or "backward"
    kind: str  # z, a, loss, dL/da, derivative, dL/dz, dL/dW, dL/db
    layer: int
    symbol_tex: str
    formula_tex: str  # "" when the value is given directly
    value: float
    value_tex: str
    symbol_text: str
    formula_text: str
    value_text: str
    inputs: list[str] = field(default_factory=list)  # ids of the quantities it is computed from

    def equation_tex(self) -> str:
        return _equation(self.symbol_tex, self.formula_tex, self.value_tex)

    def aligned_tex(self) -> str:
        """The equation as a row of an aligned block: symbol &= formula = value."""
        symbol, rest = self.equation_tex().split(" = ", 1)
        return f"{symbol} &= {rest}"

    def equation_text(self) -> str:
        return _equation(self.symbol_text, self.formula_text, self.value_text)


def _equation(symbol: str, formula: str, value: str) -> str:
    """symbol = formula = value, leaving out a formula that is only the value again."""
    parts = [symbol] + ([formula] if formula and formula != value else []) + [value]
    return " = ".join(parts)


class Notation:
    """Symbols for one network: subscripts are dropped in layers of a single neuron, as in
    z^{(2)} for the seed's one output."""

    def __init__(self, sizes):
        self.sizes = sizes

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


def input_id(layer, k):
    return f"x{k}" if layer == 0 else f"a{layer}_{k}"


def quantities(trace: Trace, digits: int) -> list[Quantity]:
    """Every forward and backward quantity of the trace, in computation order."""
    net = trace.network
    n = Notation(net.sizes)
    T = lambda v: numbers.tex(v, digits)  # noqa: E731 - a local shorthand keeps the formulas legible
    TF = lambda v: numbers.tex_factor(v, digits)  # noqa: E731
    P = lambda v: numbers.text(v, digits)  # noqa: E731
    PF = lambda v: numbers.text_factor(v, digits)  # noqa: E731
    out: list[Quantity] = []

    def add(id, phase, kind, layer, symbol, formula_tex, formula_text, value, inputs):
        value = float(value)
        out.append(Quantity(id, phase, kind, layer, symbol[0], formula_tex, value, T(value),
                            symbol[1], formula_text, P(value), inputs))

    def value_of_input(layer, k):
        return trace.x[k - 1] if layer == 0 else trace.a[layer][k - 1]

    # Forward pass, layer by layer.
    for l in range(1, net.depth + 1):
        W, b = net.weights[l - 1], net.biases[l - 1]
        f = net.activations[l - 1]
        f_tex, f_text = ACTIVATION_NAMES[f]
        for j in range(1, net.sizes[l] + 1):
            terms = range(1, net.sizes[l - 1] + 1)
            # The first factor of a sum needs no parentheses, even when negative.
            ftex = " + ".join(f"{(T if k == 1 else TF)(W[j-1, k-1])} \\cdot {TF(value_of_input(l-1, k))}" for k in terms)
            ftxt = " + ".join(f"{(P if k == 1 else PF)(W[j-1, k-1])}·{PF(value_of_input(l-1, k))}" for k in terms)
            ftex += f" + {TF(b[j-1])}"
            ftxt += f" + {PF(b[j-1])}"
            add(f"z{l}_{j}", "forward", "z", l, n.unit("z", l, j), ftex, ftxt, trace.z[l][j - 1],
                [input_id(l - 1, k) for k in terms] + [f"W{l}_{j}_{k}" for k in terms] + [f"b{l}_{j}"])
        for j in range(1, net.sizes[l] + 1):
            zj = trace.z[l][j - 1]
            if f == "relu":
                ftex, ftxt = rf"\max(0, {T(zj)})", f"max(0, {P(zj)})"
            elif f == "identity":
                ftex, ftxt = T(zj), P(zj)
            else:
                ftex, ftxt = rf"{f_tex}({T(zj)})", f"{f_text}({P(zj)})"
            add(f"a{l}_{j}", "forward", "a", l, n.unit("a", l, j), ftex, ftxt, trace.a[l][j - 1], [f"z{l}_{j}"])

    # The loss.
    L = net.depth
    outs = range(1, net.sizes[L] + 1)
    a_out = lambda j: trace.a[L][j - 1]  # noqa: E731
    y_of = lambda j: trace.y[j - 1]  # noqa: E731
    if net.loss == "mse":
        ftex = r"\frac{1}{2}\left[" + " + ".join(f"({T(a_out(j))} - {TF(y_of(j))})^2" for j in outs) + r"\right]"
        ftxt = "½[" + " + ".join(f"({P(a_out(j))} − {PF(y_of(j))})²" for j in outs) + "]"
        if len(outs) == 1:
            ftex = rf"\frac{{1}}{{2}}({T(a_out(1))} - {TF(y_of(1))})^2"
            ftxt = f"½({P(a_out(1))} − {PF(y_of(1))})²"
    else:
        ftex = "-" + " - ".join(
            rf"\left[{T(y_of(j))} \ln {T(a_out(j))} + (1 - {T(y_of(j))}) \ln(1 - {T(a_out(j))})\right]" for j in outs)
        ftxt = "−" + " − ".join(
            f"[{P(y_of(j))}·ln {P(a_out(j))} + (1 − {P(y_of(j))})·ln(1 − {P(a_out(j))})]" for j in outs)
    add("L", "forward", "loss", L, ("L", "L"), ftex, ftxt, trace.loss, [f"a{L}_{j}" for j in outs])

    # Backward pass, from the loss towards the input.
    for j in outs:
        aj, yj = a_out(j), y_of(j)
        if net.loss == "mse":
            ftex, ftxt = f"{T(aj)} - {TF(yj)}", f"{P(aj)} − {PF(yj)}"
        else:
            ftex = rf"\frac{{{T(aj)} - {TF(yj)}}}{{{T(aj)}(1 - {T(aj)})}}"
            ftxt = f"({P(aj)} − {PF(yj)}) / ({P(aj)}·(1 − {P(aj)}))"
        add(f"da{L}_{j}", "backward", "dL/da", L, n.grad(n.unit("a", L, j)), ftex, ftxt,
            trace.grad_a[L][j - 1], ["L", f"a{L}_{j}"])

    for l in range(L, 0, -1):
        f = net.activations[l - 1]
        f_tex, f_text = ACTIVATION_NAMES[f]
        W = net.weights[l - 1]
        units = range(1, net.sizes[l] + 1)
        for j in units:
            zt, zx = n.unit("z", l, j)
            aj, zj = trace.a[l][j - 1], trace.z[l][j - 1]
            if f == "sigmoid":
                ftex, ftxt = rf"{T(aj)}(1 - {T(aj)})", f"{P(aj)}·(1 − {P(aj)})"
            elif f == "tanh":
                ftex, ftxt = rf"1 - {TF(aj)}^2", f"1 − {PF(aj)}²"
            elif f == "relu":
                ftex, ftxt = rf"[{T(zj)} > 0]", f"[{P(zj)} > 0]"
            else:
                ftex, ftxt = "", ""
            add(f"s{l}_{j}", "backward", "derivative", l, (f"{f_tex}'({zt})", f"{f_text}′({zx})"),
                ftex, ftxt, trace.activation_derivative[l][j - 1], [f"z{l}_{j}", f"a{l}_{j}"])
        for j in units:
            da, s = trace.grad_a[l][j - 1], trace.activation_derivative[l][j - 1]
            if l == L and net.loss == "bce" and f == "sigmoid":
                ftex, ftxt = f"{T(a_out(j))} - {TF(y_of(j))}", f"{P(a_out(j))} − {PF(y_of(j))}"
            else:
                ftex, ftxt = f"{T(da)} \\cdot {TF(s)}", f"{P(da)} × {PF(s)}"
            add(f"dz{l}_{j}", "backward", "dL/dz", l, n.grad(n.unit("z", l, j)), ftex, ftxt,
                trace.grad_z[l][j - 1], [f"da{l}_{j}", f"s{l}_{j}"])
        prev = range(1, net.sizes[l - 1] + 1)
        for j in units:
            dz = trace.grad_z[l][j - 1]
            for k in prev:
                ak = value_of_input(l - 1, k)
                add(f"dW{l}_{j}_{k}", "backward", "dL/dW", l, n.grad(n.weight(l, j, k)),
                    f"{T(dz)} \\cdot {TF(ak)}", f"{P(dz)} × {PF(ak)}", trace.grad_W[l][j - 1, k - 1],
                    [f"dz{l}_{j}", input_id(l - 1, k)])
            dzt = n.grad(n.unit("z", l, j))
            add(f"db{l}_{j}", "backward", "dL/db", l, n.grad(n.bias(l, j)), dzt[0], dzt[1],
                trace.grad_b[l][j - 1], [f"dz{l}_{j}"])
        if l > 1:
            for k in prev:
                ftex = " + ".join(f"{(T if j == 1 else TF)(W[j-1, k-1])} \\cdot {TF(trace.grad_z[l][j-1])}" for j in units)
                ftxt = " + ".join(f"{(P if j == 1 else PF)(W[j-1, k-1])} × {PF(trace.grad_z[l][j-1])}" for j in units)
                add(f"da{l-1}_{k}", "backward", "dL/da", l - 1, n.grad(n.unit("a", l - 1, k)), ftex, ftxt,
                    trace.grad_a[l - 1][k - 1], [f"dz{l}_{j}" for j in units])
    return out


def parameter_rows(trace: Trace, digits: int) -> list[dict]:
    """One row per weight and bias, layer by layer: its symbol, value and gradient in TeX."""
    net, n, rows = trace.network, Notation(trace.network.sizes), []
    for l in range(1, net.depth + 1):
        W, b = net.weights[l - 1], net.biases[l - 1]
        for j in range(1, net.sizes[l] + 1):
            for k in range(1, net.sizes[l - 1] + 1):
                rows.append(dict(id=f"W{l}_{j}_{k}", symbol=n.weight(l, j, k)[0], value=numbers.tex(W[j - 1, k - 1], digits),
                                 gradient=numbers.tex(trace.grad_W[l][j - 1, k - 1], digits)))
            rows.append(dict(id=f"b{l}_{j}", symbol=n.bias(l, j)[0], value=numbers.tex(b[j - 1], digits),
                             gradient=numbers.tex(trace.grad_b[l][j - 1], digits)))
    return rows
