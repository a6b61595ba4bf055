"""Page models for using the gradients: one learning step in full, and the training run with its
loss plotted."""
from __future__ import annotations

import math

from ..maths import cost, drift, refs, training
from ..maths import expr as E
from ..maths.core import Network
from . import formula, plot
from .lines import MAX_DIGITS, Values, added, holds, substituted
from .notation import Notation
from .numbers import Formatter, Rounded, exponent_text, round_value

# Rows in the table of training losses, and points in the plot: a long run is sampled evenly.
TABLE_ROWS = 41
PLOT_POINTS = 400
# Beyond this ratio of largest to smallest loss the plot uses a logarithmic loss axis.
LOG_SCALE_RATIO = 100


def _outputs(net: Network, y, before, after, fmt: Formatter, after_text=None) -> list[dict]:
    n, L = Notation(net.sizes, net.activations), net.depth
    show_after = after_text or fmt.tex
    return [dict(symbol=n.unit("a", L, j)[0], target=fmt.given_tex(y[j - 1]), before=fmt.tex(before[j - 1]),
                 after=show_after(after[j - 1]))
            for j in range(1, net.sizes[L] + 1)]


def changed(new: float, old: float, digits: int) -> Rounded:
    """A parameter's new value with at least `digits` significant digits, and as many more as
    it takes to show that it moved (0.500418 after 0.5 shows as 0.5004, not 0.500)."""
    if new == old:
        return Formatter.given(old)
    before = Formatter.given(old).decimal()
    for n in range(digits, MAX_DIGITS + 1):
        shown = round_value(new, n)
        if shown.decimal() != before:
            return shown
    return round_value(new, MAX_DIGITS)


def update_formulas(p) -> tuple:
    """A parameter's update eta * dL/dtheta, its new value theta - (the update as printed), and
    the new value in general, theta - eta * dL/dtheta."""
    step = E.Product((E.Operand(refs.LEARNING_RATE), E.Operand(p.grad)), "dot")
    return step, E.Difference(E.Operand(p), E.Operand(p.update)), E.Difference(E.Operand(p), step)


class Update:
    """One parameter's step, as the table and the worked update print it: the update
    eta * dL/dtheta from the printed gradient, and the new value from the printed update, each
    holding as printed."""

    def __init__(self, s: training.Step, p, exact: drift.Chain, fmt: Formatter):
        net, eta = s.before.network, s.learning_rate
        self.values = Values(s.before, exact, {refs.LEARNING_RATE: eta}, {p.update: eta * s.before.grad(p)})
        self.step_formula, self.new_formula, self.general_formula = update_formulas(p)
        new = changed(s.network_after.value(p), net.value(p), fmt.digits)
        # The update gets the fewest digits from which the new value follows as printed; the
        # gradient, the fewest from which the update follows.
        for digits in range(fmt.digits, MAX_DIGITS + 1):
            update = self.values.printed(p.update, digits)
            if holds(added([self.values.exact_of(p), -update.decimal()]), new):
                break
        self.step = substituted(self.step_formula, update, self.values, fmt.digits)
        self.new = substituted(self.new_formula, new, self.values, digits)
        self.p, self.fmt = p, fmt

    def row(self, n: Notation) -> dict:
        gradient = self.step.operands.get(self.p.grad) or self.fmt.rounded(self.values.value(self.p.grad))
        return dict(symbol=n.tex(self.p), old=self.fmt.given_tex(self.values.value(self.p)), gradient=gradient.tex(),
                    step=self.step.result.tex(), new=self.new.result.tex())

    def worked(self, n: Notation) -> str:
        """The update and the new value written out with their numbers: two lines that hold."""
        step_shown, new_shown = self.step.shown, self.new.shown
        return (self.step.tex(formula.tex(self.step_formula, None, n.tex), formula.tex(self.step_formula, step_shown, n.tex),
                              aligned=True)
                + " \\\\[1ex]\n" + self.new.tex(
                    formula.tex(self.general_formula, None, n.tex),
                    formula.tex(self.new_formula, new_shown, n.tex), aligned=True))


def across(before: float, after: float, fmt: Formatter) -> tuple[Rounded, Rounded]:
    """Two values printed with as many digits as it takes for the difference of the printed
    numbers to round to their printed change: 0.00429 to 0.00397 would be a change of
    -0.00032, not the -0.000321 printed beside them; 0.004287 to 0.003966 is."""
    change = fmt.rounded(after - before)
    if not (math.isfinite(before) and math.isfinite(after)):
        return fmt.rounded(before), fmt.rounded(after)
    for n in range(fmt.digits, MAX_DIGITS + 1):
        b, a = round_value(before, n), round_value(after, n)
        if holds(added([a.decimal(), -b.decimal()]), change):
            break
    return b, a


def learning_step(s: training.Step, y, exact: drift.Chain, fmt: Formatter) -> dict:
    net, eta = s.before.network, s.learning_rate
    n = Notation(net.sizes, net.activations)
    updates = [Update(s, p, exact, fmt) for p in net.parameters()]
    # One update written out in full: the first parameter of the last layer.
    first = next(u for u in updates if u.p.layer == net.depth)
    L = net.depth
    change_from, change_to = across(s.before.loss, s.after.loss, fmt)
    predicted = fmt.rounded(s.predicted_loss_change)
    return dict(
        learning_rate=fmt.given_tex(eta), rows=[u.row(n) for u in updates], worked_update=first.worked(n),
        outputs=_outputs(net, y, s.before.a[L], s.after.a[L], fmt),
        loss_before=fmt.tex(s.before.loss), loss_after=fmt.tex(s.after.loss),
        # The sentence on the change prints the two losses with the digits it needs to hold.
        change_from=change_from.tex(), change_to=change_to.tex(),
        change=fmt.tex(s.loss_change), predicted_change=predicted.tex(),
        predicted_relation="=" if predicted.exact else r"\approx",
        lower=s.after.loss < s.before.loss,
    )


def training_run(tr: training.Training, net: Network, y, fmt: Formatter, chart_id: str, title: str) -> dict:
    # Only finite losses can be shown or plotted; a diverging run is cut before its last.
    finite = tr.losses[:-1] if tr.diverged else tr.losses
    shown = training.sample_indices(len(finite), TABLE_ROWS)
    return dict(
        steps=fmt.count_tex(tr.steps), learning_rate=fmt.given_tex(tr.learning_rate),
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
            f"{fmt.given_text(tr.learning_rate)}, on {scale}: it starts at {T(losses[0])} and ends at {T(losses[-1])}"
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
