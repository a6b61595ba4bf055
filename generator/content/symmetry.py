"""Page models for why weights start random: an example whose hidden units start equal, trained,
with every unit's gradients step by step; the same network from a random start; and what the
scale of a random start is for."""
from __future__ import annotations

import math

from ..example import Example, draw_parameters
from ..maths import symmetry, training, vanishing
from ..maths.refs import W, b
from . import plot
from .notation import Notation
from .numbers import Formatter

# The random start compared with the equal one: drawn as the loader draws [init] weights,
# from this seed.
RANDOM_START_SEED = 1
# Steps shown in the tables of gradients: the first, the last and evenly spaced ones between.
TABLE_ROWS = 6


def _unit_rows(net, layer: int, write) -> list[dict]:
    """Each unit of `layer` as its incoming weights, its bias and its outgoing weights, each
    number written by `write` (as given at the start, rounded after training)."""
    n = Notation(net.sizes, net.activations)
    rows = []
    for j in range(1, net.sizes[layer] + 1):
        incoming = [f"{n.weight(layer, j, k)[0]} = {write(net.weights[layer - 1][j - 1, k - 1])}"
                    for k in range(1, net.sizes[layer - 1] + 1)]
        outgoing = [f"{n.weight(layer + 1, i, j)[0]} = {write(net.weights[layer][i - 1, j - 1])}"
                    for i in range(1, net.sizes[layer + 1] + 1)]
        rows.append(dict(unit=n.unit("a", layer, j)[0], incoming=r",\; ".join(incoming),
                         bias=f"{n.bias(layer, j)[0]} = {write(net.biases[layer - 1][j - 1])}",
                         outgoing=r",\; ".join(outgoing)))
    return rows


def _gradient_table(run: symmetry.Run, fmt: Formatter) -> dict:
    """dL/dW_j1 of every unit at evenly spaced steps."""
    n = Notation(run.start.sizes, run.start.activations)
    l = run.layer
    symbols = [n.tex(W(l, j, 1).grad) for j in range(1, run.start.sizes[l] + 1)]
    steps = training.sample_indices(run.steps + 1, TABLE_ROWS)
    rows = [dict(step=fmt.count_text(s), gradients=[fmt.tex(g[0]) for g in run.gradients[s]],
                 spread=fmt.tex(run.gradient_spreads[s]))
            for s in steps]
    return dict(symbols=symbols, rows=rows)


def _run(run: symmetry.Run, fmt: Formatter) -> dict:
    return dict(
        start=_unit_rows(run.start, run.layer, fmt.given_tex), end=_unit_rows(run.end, run.layer, fmt.tex),
        table=_gradient_table(run, fmt), equal_at=fmt.count_text(run.equal_at),
        always_equal=run.equal_at == run.steps + 1, never_equal=run.equal_at == 0,
        smallest_spread=fmt.tex(float(run.gradient_spreads.min())),
        end_spread=fmt.tex(float(run.parameter_spreads[-1])),
    )


def symmetric_start(example: Example, fmt: Formatter) -> dict | None:
    """For an example with a hidden layer whose units start equal: its training run and the
    same network's from a random start, unit by unit. None for any other example."""
    net = example.network
    layer = symmetry.equal_layer(net)
    if layer is None:
        return None
    x, y, eta, steps = example.x, example.y, example.learning_rate, example.steps
    equal = symmetry.run(net, x, y, eta, steps, layer)
    random = symmetry.run(symmetry.with_parameters(net, *draw_parameters(net.sizes, RANDOM_START_SEED)),
                          x, y, eta, steps, layer)
    n = Notation(net.sizes, net.activations)
    return dict(
        layer=layer, units=net.sizes[layer], steps=fmt.count_text(equal.steps), checked=fmt.count_text(equal.steps + 1),
        parameters_per_unit=len(symmetry.unit_parameters(net, layer, 1)), learning_rate=fmt.given_tex(eta),
        seed=RANDOM_START_SEED, equal=_run(equal, fmt), random=_run(random, fmt),
        first=n.tex(W(layer, 1, 1)), bias=n.tex(b(layer, 1)),
        figure=_figure(equal, random, fmt, f"symmetry-{example.slug}", f"Gradient differences between hidden units, {example.title}"),
    )


def _figure(equal: symmetry.Run, random: symmetry.Run, fmt: Formatter, chart_id: str, title: str) -> str:
    steps = [float(s) for s in range(equal.steps + 1)]
    high = max(float(random.gradient_spreads.max()), float(equal.gradient_spreads.max()))
    ticks = plot.linear_ticks(0, high)
    if ticks[-1] < high:
        ticks.append(ticks[-1] + plot.nice_step(high))
    # Tick values are round numbers: written as they are, not to the example's digits.
    x = plot.Axis("step", 0, steps[-1], [plot.Tick(v, fmt.count_text(int(v))) for v in plot.linear_ticks(0, steps[-1])
                                         if v == int(v)])
    y = plot.Axis("largest gradient difference between units", 0, ticks[-1],
                  [plot.Tick(v, Formatter.given(v).text()) for v in ticks])
    sample = training.sample_indices(len(steps), 400)
    T = fmt.text
    desc = (f"Before each of {fmt.count_text(equal.steps)} training steps and after the last, the largest difference "
            f"between the gradients of two hidden units. From the equal start it is {T(float(equal.gradient_spreads.max()))} at every step; "
            f"from the random start it goes from {T(float(random.gradient_spreads[0]))} to "
            f"{T(float(random.gradient_spreads[-1]))}.")
    chart = plot.Chart(id=chart_id, title=title, description=desc, x=x, y=y, series=[
        plot.Series("random start", [(steps[i], float(random.gradient_spreads[i])) for i in sample], "bp-series-b", None),
        plot.Series("equal start", [(steps[i], float(equal.gradient_spreads[i])) for i in sample], "bp-series-a", None)])
    return plot.figure(chart, "How far apart the hidden units' gradients are at every step, from each start.")


def init_scale(fmt: Formatter) -> dict:
    """Weighted sums of n weights drawn from +-1/sqrt(n) and from +-1: how spread out they are,
    and how often a sigmoid would be saturated there."""
    limit = vanishing.STALLED * vanishing.largest_slope("sigmoid")
    rows = []
    for n in symmetry.FAN_INS:
        for s, scaled in ((symmetry.scale(n, 1 / math.sqrt(n), limit), True), (symmetry.scale(n, 1.0, limit), False)):
            # 1/sqrt(n) is written as such next to its value; the fixed bound as given.
            bound = (rf"1/\sqrt{{{fmt.count_tex(n)}}} \approx {fmt.tex(s.bound)}" if scaled and n > 1
                     else fmt.given_tex(s.bound))
            rows.append(dict(fan_in=fmt.count_text(n), scaled=scaled, bound=bound, expected=fmt.tex(s.expected),
                             measured=fmt.tex(s.measured), saturated=fmt.tex(s.saturated)))
    return dict(rows=rows, draws=fmt.count_text(symmetry.DRAWS), limit=fmt.tex(limit),
                stalled=fmt.given_tex(vanishing.STALLED))
