"""Page models for checking the gradients: backpropagation beside central differences, and what
one gradient costs counted in multiply-adds. Each function takes what was computed and returns
strings for the templates, formatted by one `Formatter`."""
from __future__ import annotations

from decimal import Decimal, localcontext

from ..maths import cost, gradcheck
from ..maths.core import Network
from . import plot
from .notation import Notation
from .numbers import Formatter, exponent_text, fit

# Half the distance from 1 to the next double: the relative error of one rounding.
UNIT_ROUNDOFF = 2.0 ** -53


def gradient_check(check: gradcheck.GradientCheck, net: Network, fmt: Formatter) -> dict:
    n = Notation(net.sizes, net.activations)
    rows = [dict(symbol=n.tex(r.parameter), backprop=fmt.tex(r.backprop), finite_difference=fmt.tex(r.finite_difference),
                 absolute=fmt.tex(r.absolute_difference), relative=fmt.missing(r.relative_difference),
                 agrees="yes" if r.agrees else "**no**")
            for r in check.rows]
    return dict(
        epsilon=fmt.given_tex(check.epsilon), relative_tolerance=fmt.given_tex(gradcheck.RELATIVE_TOLERANCE),
        absolute_tolerance=fmt.given_tex(gradcheck.ABSOLUTE_TOLERANCE),
        parameters=fmt.count_tex(check.parameter_count), loss_evaluations=fmt.count_tex(check.loss_evaluations),
        rows=rows, all_agree=check.all_agree, disagreeing=sum(not r.agrees for r in check.rows),
        largest_absolute=fmt.tex(check.largest_absolute_difference),
        largest_relative=fmt.tex(check.largest_relative_difference),
        zero_gradients=sum(r.backprop == 0 and r.finite_difference == 0 for r in check.rows),
        unit_roundoff=fmt.tex(UNIT_ROUNDOFF),
    )


def network_cost(net: Network, fmt: Formatter) -> dict:
    """Multiply-adds of one gradient of this network, layer by layer and in all."""
    sizes, C = net.sizes, fmt.count_tex
    p, m = cost.point(sizes), cost.modes(sizes)
    layers = [dict(layer=l, shape=rf"{sizes[l]} \times {sizes[l - 1]}",
                   forward=C(cost.layer_forward_cost(sizes, l)), backward=C(cost.layer_backward_cost(sizes, l)))
              for l in range(1, net.depth + 1)]
    return dict(
        parameters=C(p.parameters), forward=C(p.forward), backward=C(p.backward), backprop=C(p.backprop),
        finite_differences=C(p.finite_differences), loss_terms=C(sizes[-1]), layers=layers,
        ratio=fmt.tex(p.finite_differences / p.backprop),
        # Counts are exact, so their ratio is exact: written exactly when it is short.
        backward_ratio=ratio_tex(p.backward, p.forward, fmt.digits),
        outputs=C(m.outputs), modes=dict(
            forward_loss=C(m.forward_passes_for_loss_gradient), reverse_loss=C(m.reverse_passes_for_loss_gradient),
            forward_jacobian=C(m.forward_passes_for_jacobian), reverse_jacobian=C(m.reverse_passes_for_jacobian)),
    )


def ratio_tex(a: int, b: int, digits: int) -> str:
    """a / b of two counts, exactly when its decimal is short, else rounded."""
    with localcontext() as ctx:
        ctx.prec = 40
        return fit(Decimal(a) / Decimal(b), digits).tex()


def cost_family(fmt: Formatter, mark=None) -> dict:
    """The cost comparison of the family of growing networks (the same for every example): its
    table and log-log chart; `mark` is (parameter count, label) for the running example, drawn
    as a vertical line when it falls inside the chart."""
    comp = cost.compare()
    # Counts in the table are plain text: exact whole numbers, grouped by narrow no-break
    # spaces, so they never break across lines in a narrow column.
    C = fmt.count_text
    rows = [dict(sizes=" → ".join(C(s) for s in p.sizes), parameters=C(p.parameters), forward=C(p.forward),
                 backward=C(p.backward), backprop=C(p.backprop), finite_differences=C(p.finite_differences))
            for p in comp.points]
    n = [p.parameters for p in comp.points]
    largest = comp.points[-1]
    return dict(rows=rows, backprop_slope=fmt.tex(comp.backprop_slope),
                backward_ratio=ratio_tex(largest.backward, largest.forward, fmt.digits),
                finite_difference_slope=fmt.tex(comp.finite_difference_slope),
                figure=_cost_figure(comp, fmt, mark), smallest=fmt.count_tex(n[0]), largest=fmt.count_tex(n[-1]))


def _cost_figure(comp: cost.Comparison, fmt: Formatter, mark) -> str:
    n = [p.parameters for p in comp.points]
    bp = [p.backprop for p in comp.points]
    fd = [p.finite_differences for p in comp.points]
    x_lo, x_hi = cost.power_of_ten_range(n)
    y_lo, y_hi = cost.power_of_ten_range(bp + fd)
    C = fmt.count_text
    slope_bp, slope_fd = fmt.text(comp.backprop_slope), fmt.text(comp.finite_difference_slope)
    desc = (f"Log-log plot of multiply-adds against the number of parameters, for networks from "
            f"{C(n[0])} to {C(n[-1])} parameters. Backpropagation's count "
            f"rises along a line of slope {slope_bp} (it grows like n), from {C(bp[0])} to "
            f"{C(bp[-1])}; finite differences rise along a line of slope {slope_fd} (like n squared), "
            f"from {C(fd[0])} to {C(fd[-1])}.")
    marks = [mark] if mark is not None and 10.0 ** x_lo <= mark[0] <= 10.0 ** x_hi else []
    chart = plot.Chart(
        id="cost", title="Multiply-adds for one full gradient", description=desc,
        x=plot.Axis("parameters n (logarithmic scale)", 10.0 ** x_lo, 10.0 ** x_hi,
                    plot.powers_of_ten(x_lo, x_hi, exponent_text), log=True),
        y=plot.Axis("multiply-adds (logarithmic scale)", 10.0 ** y_lo, 10.0 ** y_hi,
                    plot.powers_of_ten(y_lo, y_hi, exponent_text), log=True),
        series=[plot.Series("finite differences", list(zip(map(float, n), map(float, fd))), "bp-series-b", "square",
                            note=f"slope {slope_fd}"),
                plot.Series("backpropagation", list(zip(map(float, n), map(float, bp))), "bp-series-a", "circle",
                            note=f"slope {slope_bp}")],
        marks=marks)
    return plot.figure(chart, "Multiply-adds for one full gradient against the number of parameters, "
                              "both on logarithmic scales. The table below gives the numbers.")
