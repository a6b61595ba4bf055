"""Page models for vanishing and exploding gradients: the size of the gradient in every layer
with each hidden activation, from the example's own weights, plotted; the slope bound
compounded over the layers; and the saturated and dead units, named."""
from __future__ import annotations

import math
from decimal import Decimal, localcontext

from ..maths import cost, vanishing
from ..maths import expr as E
from ..maths.activations import ACTIVATIONS
from ..maths.core import Network
from ..maths.refs import Ref
from . import formula, plot
from .lines import CHECK_PRECISION, Values, substituted
from .notation import Notation
from .numbers import MISSING, Formatter, exact_value, exponent_text

SERIES = {"sigmoid": ("bp-series-a", "circle"), "tanh": ("bp-series-b", "square"), "relu": ("bp-series-c", "triangle")}
# What a stalled unit of each activation is called.
STALLED_NAMES = {"sigmoid": "saturated", "tanh": "saturated", "relu": "dead for this input (slope 0)", "identity": "stalled"}


def compounded(bound: float, times: int, trace) -> str:
    """bound · bound · ... (`times` factors), the slope bound compounded over the hidden layers,
    as a line that holds exactly: the bound is a constant known exactly, and so is its power."""
    factors = [Ref("bound", 0, i) for i in range(1, times + 1)]
    values = Values(trace, None, {r: bound for r in factors})
    product = E.Product(tuple(E.Operand(r) for r in factors), "times")
    with localcontext() as ctx:
        ctx.prec = CHECK_PRECISION
        result = exact_value(Decimal(bound) ** times)
    line = substituted(product, result, values, result.digits, result_exact=True)
    return line.tail_tex(formula.tex(product, line.shown, str))


def _stalled(units: list[vanishing.Stalled], n: Notation, fmt: Formatter) -> list[dict]:
    """The stalled units grouped by what they are (saturated, dead), each with its weighted
    sum and, where it is not exactly zero, its slope."""
    groups: dict[str, list[dict]] = {}
    for s in units:
        groups.setdefault(STALLED_NAMES[s.activation], []).append(
            dict(unit=n.unit("z", s.layer, s.j)[0], z=fmt.tex(s.z), slope=None if s.slope == 0 else fmt.tex(s.slope)))
    return [dict(name=name, units=members) for name, members in groups.items()]


def printed_ratio(here: float, above: float, fmt: Formatter) -> str:
    """here / above, two sizes, from their values as the table prints them: a reader who divides
    the printed sizes gets the printed factor (MISSING where the size above is zero or not a number)."""
    if not (above and math.isfinite(above) and math.isfinite(here)):
        return MISSING
    return fmt.tex(fmt.rounded(here).decimal() / fmt.rounded(above).decimal())


def _run(r: vanishing.Layers, n: Notation, fmt: Formatter) -> dict:
    factors = r.factors()
    return dict(
        hidden=r.hidden, function=ACTIVATIONS[r.hidden].tex, sizes=[fmt.tex(v) for v in r.sizes],
        largest_slopes=[fmt.tex(v) for v in r.largest_slopes],
        factors=[printed_ratio(here, above, fmt) for here, above in zip(r.sizes, r.sizes[1:])] + [None],
        grows=[l for l, v in enumerate(factors, start=1) if v is not None and v > 1],
        first_over_last=printed_ratio(r.sizes[0], r.sizes[-1], fmt), stalled=_stalled(r.stalled, n, fmt),
        slope_bound=fmt.given_tex(vanishing.largest_slope(r.hidden)))


def gradient_layers(net: Network, x, y, fmt: Formatter, chart_id: str, title: str) -> dict:
    """The three runs, layer by layer, for the table and the chart."""
    runs = vanishing.compare(net, x, y)
    sigmoid = runs[0]
    hidden_layers = net.depth - 1
    bound = vanishing.largest_slope("sigmoid")
    rows = [dict(layer=l, cells=[dict(size=fmt.tex(r.sizes[l - 1]), slope=fmt.tex(r.largest_slopes[l - 1])) for r in runs])
            for l in range(net.depth, 0, -1)]
    return dict(
        applies=hidden_layers >= 1, depth=net.depth, hidden_layers=hidden_layers, output=ACTIVATIONS[net.activations[-1]].tex,
        runs=[_run(r, Notation(r.trace.network.sizes, r.trace.network.activations), fmt) for r in runs], rows=rows,
        sigmoid_bound=fmt.given_tex(bound), compounded=compounded(bound, hidden_layers, sigmoid.trace) if hidden_layers >= 1 else "",
        sigmoid_ratio=printed_ratio(sigmoid.sizes[0], sigmoid.sizes[-1], fmt),
        stalled_limit=fmt.given_tex(vanishing.STALLED),
        largest_z=fmt.tex(max(abs(float(v)) for l in range(1, net.depth + 1) for v in sigmoid.trace.z[l])),
        figure=_figure(runs, fmt, chart_id, title) if hidden_layers >= 1 else "",
    )


def _figure(runs: list[vanishing.Layers], fmt: Formatter, chart_id: str, title: str) -> str:
    depth = len(runs[0].sizes)
    layers = [float(l) for l in range(1, depth + 1)]
    values = [v for r in runs for v in r.sizes if v > 0 and math.isfinite(v)]
    if not values:
        # Every gradient is exactly zero (every unit switched off): nothing to put on a
        # logarithmic axis; the table says so with its zeros.
        return ""
    lo, hi = cost.power_of_ten_range(values)
    x = plot.Axis("layer l", layers[0], layers[-1], [plot.Tick(v, fmt.count_text(int(v))) for v in layers])
    y = plot.Axis("size of the gradient dL/dz (logarithmic scale)", 10.0 ** lo, 10.0 ** hi,
                  plot.powers_of_ten(lo, hi, exponent_text), log=True)
    series = []
    for r in runs:
        css, marker = SERIES[r.hidden]
        # A layer whose gradient is exactly zero cannot sit on a logarithmic axis: the line stops.
        points = [(l, v) for l, v in zip(layers, r.sizes) if v > 0 and math.isfinite(v)]
        series.append(plot.Series(f"{r.hidden} hidden layers", points, css, marker))
    T = fmt.text
    desc = ("The size of the gradient with respect to each layer's weighted sums, from layer 1 (next to the input) "
            f"to layer {fmt.count_text(depth)} (the output), on a logarithmic axis. "
            + " ".join(f"With {r.hidden} hidden layers it goes from {T(r.sizes[-1])} at the output to "
                       f"{T(r.sizes[0])} at layer 1." for r in runs))
    chart = plot.Chart(id=chart_id, title=title, description=desc, x=x, y=y, series=series)
    return plot.figure(chart, "The size of the gradient reaching each layer, for the same weights with each hidden "
                              "activation. The table below gives the numbers.")
