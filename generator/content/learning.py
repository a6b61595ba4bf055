"""Page models for using the gradients: one learning step in full, and the training run with its
loss plotted."""
from __future__ import annotations

from ..maths import cost, training
from ..maths.core import Network
from . import plot
from .notation import Notation
from .numbers import Formatter, exponent_text

# Rows in the table of training losses, and points in the plot: a long run is sampled evenly.
TABLE_ROWS = 41
PLOT_POINTS = 400
# Beyond this ratio of largest to smallest loss the plot uses a logarithmic loss axis.
LOG_SCALE_RATIO = 100


def _outputs(net: Network, y, before, after, fmt: Formatter, after_text=None) -> list[dict]:
    n, L = Notation(net.sizes, net.activations), net.depth
    show_after = after_text or fmt.tex
    return [dict(symbol=n.unit("a", L, j)[0], target=fmt.tex(y[j - 1]), before=fmt.tex(before[j - 1]),
                 after=show_after(after[j - 1]))
            for j in range(1, net.sizes[L] + 1)]


def learning_step(s: training.Step, y, fmt: Formatter) -> dict:
    net, eta = s.before.network, s.learning_rate
    n = Notation(net.sizes, net.activations)
    rows = [dict(symbol=n.tex(p), old=fmt.tex(net.value(p)), gradient=fmt.tex(s.before.grad(p)),
                 step=fmt.tex(eta * s.before.grad(p)), new=fmt.tex(s.network_after.value(p)))
            for p in net.parameters()]
    # One update written out in full: the first parameter of the last layer.
    first = next(p for p in net.parameters() if p.layer == net.depth)
    symbol = n.tex(first)
    update = (rf"{symbol} - \eta \, \frac{{\partial L}}{{\partial {symbol}}} = "
              rf"{fmt.tex(net.value(first))} - {fmt.tex_factor(eta)} \cdot {fmt.tex_factor(s.before.grad(first))} = "
              rf"{fmt.tex(s.network_after.value(first))}")
    L = net.depth
    return dict(
        learning_rate=fmt.tex(eta), rows=rows, worked_update=update,
        outputs=_outputs(net, y, s.before.a[L], s.after.a[L], fmt),
        unchanged_shown=sum(r["old"] == r["new"] and r["step"] != "0" for r in rows),
        loss_before=fmt.tex(s.before.loss), loss_after=fmt.tex(s.after.loss),
        change=fmt.tex(s.loss_change), predicted_change=fmt.tex(s.predicted_loss_change),
        lower=s.after.loss < s.before.loss,
    )


def training_run(tr: training.Training, net: Network, y, fmt: Formatter, chart_id: str, title: str) -> dict:
    # Only finite losses can be shown or plotted; a diverging run is cut before its last.
    finite = tr.losses[:-1] if tr.diverged else tr.losses
    shown = training.sample_indices(len(finite), TABLE_ROWS)
    return dict(
        steps=fmt.count_tex(tr.steps), learning_rate=fmt.tex(tr.learning_rate),
        loss_first=fmt.tex(finite[0]), loss_last=fmt.tex(finite[-1]),
        diverged=tr.diverged, diverged_after=fmt.count_tex(tr.steps_taken),
        lower=bool(not tr.diverged and tr.losses[-1] < tr.losses[0]),
        every_step_lower=bool(not tr.diverged and (tr.losses[1:] < tr.losses[:-1]).all()),
        outputs=_outputs(net, y, tr.outputs_before, tr.outputs_after, fmt, after_text=fmt.missing),
        table=[dict(step=fmt.count_text(i), loss=fmt.tex(finite[i])) for i in shown],
        table_is_sampled=len(shown) < len(finite),
        figure=loss_figure(tr, finite, fmt, chart_id, title),
    )


def loss_figure(tr: training.Training, losses, fmt: Formatter, chart_id: str, title: str) -> str:
    points = [(float(i), float(losses[i])) for i in training.sample_indices(len(losses), PLOT_POINTS)]
    # Steps are whole numbers: a run of a few steps gets no tick at step 0.5.
    last = len(losses) - 1
    steps = [v for v in plot.linear_ticks(0, max(last, 1)) if v == int(v)]
    x = plot.Axis("step", 0, max(last, 1), [plot.Tick(v, fmt.text(v)) for v in steps])
    y, scale = _loss_axis(losses, fmt)
    T = fmt.text
    desc = (f"The loss after each of {fmt.count_text(last)} gradient-descent steps with learning rate "
            f"{T(tr.learning_rate)}, on {scale}: it starts at {T(losses[0])} and ends at {T(losses[-1])}"
            + (", after which it is no longer a finite number." if tr.diverged else "."))
    chart = plot.Chart(id=chart_id, title=title, description=desc, x=x, y=y,
                       series=[plot.Series("loss", points, "bp-series-a", marker=None)])
    return plot.figure(chart, "The loss at every training step. The table below gives the numbers.")


def _loss_axis(losses, fmt: Formatter) -> tuple[plot.Axis, str]:
    low, high = float(losses.min()), float(losses.max())
    if low > 0 and high / low > LOG_SCALE_RATIO:
        # The loss falls over several powers of ten: on a linear axis all but the first few
        # steps would lie flat on zero.
        lo_e, hi_e = cost.power_of_ten_range([low, high])
        return (plot.Axis("loss L (logarithmic scale)", 10.0 ** lo_e, 10.0 ** hi_e,
                          plot.powers_of_ten(lo_e, hi_e, exponent_text), log=True), "a logarithmic loss axis")
    high = high if high > 0 else 1.0
    ticks = plot.linear_ticks(0, high)
    if ticks[-1] < high:
        ticks.append(ticks[-1] + plot.nice_step(high))
    return plot.Axis("loss L", 0, ticks[-1], [plot.Tick(v, fmt.text(v)) for v in ticks]), "a linear loss axis"
