"""Page models for the sum over paths: the paths from every parameter to the loss counted layer
by layer against the backward pass's work, one parameter's paths written out with the product
along each, and the counts for networks of growing depth, plotted."""
from __future__ import annotations

from ..maths import cost, drift, paths
from ..maths import expr as E
from ..maths.core import Trace
from ..maths.refs import W, Ref
from . import formula, plot
from .lines import Values, sum_of_terms
from .notation import Notation
from .numbers import Formatter, exponent_text

# A parameter's paths are written out one per row only while they are this few; otherwise the
# first weight of the earliest layer with this few paths is taken.
MOST_LISTED_PATHS = 32


def listed_parameter(sizes) -> Ref:
    """The first weight of the earliest layer whose parameters have at most MOST_LISTED_PATHS
    paths to the loss (the last layer's have one each)."""
    layer = next(l for l in range(1, len(sizes)) if paths.paths_each(sizes, l) <= MOST_LISTED_PATHS)
    return W(layer, 1, 1)


def _path_text(n: Notation, parameter: Ref, path: tuple[int, ...]) -> str:
    """The activations a path passes, as TeX: a_1^(1) -> a_2^(2) -> ... (every path starts at
    the parameter and ends at the loss, which the table's heading says once)."""
    return r" \to ".join(n.unit("a", l, j)[0] for l, j in enumerate(path, start=parameter.layer))


def listed_paths(trace: Trace, exact: drift.Chain, fmt: Formatter) -> dict:
    """One parameter's every path with the product of the local derivatives along it: the
    products, as printed, add up to the parameter's gradient as printed."""
    net = trace.network
    n, values = Notation(net.sizes, net.activations), Values(trace, exact)
    parameter = listed_parameter(net.sizes)
    routes = paths.paths(net.sizes, parameter)
    terms = [E.Product(tuple(E.Operand(r) for r in paths.factors(net.sizes, parameter, p)), "times") for p in routes]
    total = values.printed(parameter.grad, fmt.digits)
    lines = sum_of_terms(terms, total, values, fmt.digits)
    general = formula.tex(terms[0], None, n.tex)
    # The products as plain text: a column of numbers needs no typesetting.
    rows = [dict(path=_path_text(n, parameter, p), product=line.tail_text(formula.text(t, line.shown, n.text)),
                 value=line.result.tex())
            for p, t, line in zip(routes, terms, lines)]
    return dict(symbol=n.tex(parameter), gradient_symbol=n.tex(parameter.grad), count=len(routes), rows=rows,
                total=total.tex(), first_general=general, layer=parameter.layer,
                factors=len(paths.factors(net.sizes, parameter, routes[0])))


def path_counts(trace: Trace, exact: drift.Chain, fmt: Formatter) -> dict:
    """Every layer's paths against the backward pass's multiply-adds, and one parameter's
    paths written out."""
    sizes, C = trace.network.sizes, fmt.count_tex
    layers = [dict(layer=r.layer, parameters=C(r.parameters), paths_each=C(r.paths_each), paths=C(r.paths),
                   multiplications=C(r.multiplications), backward=C(r.backward))
              for r in paths.by_layer(sizes)]
    t = paths.totals(sizes)
    return dict(layers=layers, parameters=C(t.parameters), paths=C(t.paths), multiplications=C(t.multiplications),
                backward=C(t.backward), more_paths_than_parameters=t.paths > t.parameters,
                more_work=t.multiplications > t.backward, listed=listed_paths(trace, exact, fmt))


def depth_family(sizes, fmt: Formatter, chart_id: str) -> dict:
    """Paths and the backward pass's work for networks of every depth in paths.FAMILY_DEPTHS,
    as wide as the widest hidden layer of `sizes`: a table and a chart with a logarithmic
    count axis, on which exponential growth is a straight line."""
    family = paths.family(sizes)
    C = fmt.count_text
    rows = [dict(depth=C(len(t.sizes) - 1), parameters=C(t.parameters),
                 paths=C(t.paths), multiplications=C(t.multiplications), backward=C(t.backward))
            for t in family]
    # Each layer of weights added multiplies the earlier parameters' paths by the width, so the
    # ratio of successive totals settles at the width: the ratio of the last two.
    growth = family[-1].paths / family[-2].paths
    return dict(rows=rows, figure=_family_figure(family, fmt, chart_id), width=C(family[-1].sizes[1]),
                inputs=C(family[-1].sizes[0]), outputs=C(family[-1].sizes[-1]),
                growth=fmt.tex(growth), first=rows[0], before_last=rows[-2], last=rows[-1],
                last_ratio=fmt.tex(family[-1].multiplications / family[-1].backward))


def _family_figure(family: list[paths.Totals], fmt: Formatter, chart_id: str) -> str:
    depths = [float(len(t.sizes) - 1) for t in family]
    counts = [t.paths for t in family]
    work = [t.backward for t in family]
    x = plot.Axis("layers of weights", depths[0], depths[-1],
                  [plot.Tick(v, fmt.count_text(int(v))) for v in plot.linear_ticks(depths[0], depths[-1]) if v == int(v)])
    lo, hi = cost.power_of_ten_range(counts + work)
    y = plot.Axis("count (logarithmic scale)", 10.0 ** lo, 10.0 ** hi, plot.powers_of_ten(lo, hi, exponent_text), log=True)
    C = fmt.count_text
    desc = (f"Paths from every parameter to the loss, and the backward pass's multiply-adds, for networks of "
            f"{C(int(depths[0]))} to {C(int(depths[-1]))} layers of weights, on a logarithmic count axis. "
            f"The paths rise along a straight line, from {C(counts[0])} to {C(counts[-1])}: they grow "
            f"exponentially. The multiply-adds rise from {C(work[0])} to {C(work[-1])}, only linearly with the depth.")
    chart = plot.Chart(
        id=chart_id, title="Paths against the backward pass's work", description=desc, x=x, y=y,
        series=[plot.Series("paths from every parameter", list(zip(depths, map(float, counts))), "bp-series-b", "square"),
                plot.Series("backward pass, multiply-adds", list(zip(depths, map(float, work))), "bp-series-a", "circle")])
    return plot.figure(chart, "Paths and multiply-adds against the number of layers of weights, the counts on a "
                              "logarithmic scale. The table below gives the numbers.")
