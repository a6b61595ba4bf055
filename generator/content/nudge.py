"""Page model for the nudge test: one parameter raised by a small step h, the loss recomputed,
and its change set beside the gradient times h, each written as a line that holds with a
calculator."""
from __future__ import annotations

from decimal import Decimal

from ..maths import drift, refs
from ..maths import expr as E
from ..maths import nudge as measure
from ..maths.core import Trace
from . import formula
from .lines import Values, aligned, substituted
from .notation import Notation
from .numbers import Formatter, exact_value, fit, round_value

# The loss change and gradient x h count as close when they differ by at most this fraction of
# gradient x h: the bend of the loss over the step is then a small correction to its slope.
CLOSE = Decimal("0.1")


def nudge_test(trace: Trace, exact: drift.Chain, fmt: Formatter) -> dict:
    """The chosen parameters' nudges, and how many times larger the first gradient is than the
    second, taken of the gradients as printed so that a reader can redo it."""
    net = trace.network
    n = Notation(net.sizes, net.activations)
    rows = [_row(m, trace, exact, fmt, n) for m in measure.nudges(trace, exact)]
    ratio = None
    if len(rows) == 2 and rows[1]["gradient_value"] != 0:
        ratio = fit(abs(rows[0]["gradient_value"] / rows[1]["gradient_value"]), fmt.digits).tex()
    # The loss changes follow the gradients' ratio only where each follows its gradient.
    return dict(step=Formatter.given(measure.STEP).tex(), rows=rows, ratio=ratio,
                changes_follow=all(r["agree"] or r["close"] for r in rows))


def _row(m: measure.Nudge, trace: Trace, exact: drift.Chain, fmt: Formatter, n: Notation) -> dict:
    p, h, digits = m.parameter, refs.NUDGE_STEP, fmt.digits
    values = Values(trace, exact, given={h: m.step}, derived={refs.LOSS: m.loss, p.nudged: m.nudged_loss})
    symbol = n.tex(p)
    name = {h: "h", refs.LOSS: "L", p.nudged: f"L({symbol} + h)"}
    write = lambda r: name.get(r) or n.tex(r)  # noqa: E731 - the symbols of this block only

    raise_formula = E.Sum((E.Operand(p), E.Operand(h)))
    raised = substituted(raise_formula, exact_value(m.after), values, digits, result_exact=True)
    change_formula = E.Difference(E.Operand(p.nudged), E.Operand(refs.LOSS))
    change = substituted(change_formula, round_value(m.change, digits), values, digits)
    predicted_formula = E.Product((E.Operand(p.grad), E.Operand(h)), "times")
    predicted = substituted(predicted_formula, round_value(m.predicted, digits), values, digits)

    def line(ln, general, expression) -> str:
        return ln.tex(general, formula.tex(expression, ln.shown, write), aligned=True)

    lines = [line(raised, formula.tex(raise_formula, None, write), raise_formula),
             line(change, r"\Delta L", change_formula),
             line(predicted, formula.tex(predicted_formula, None, write), predicted_formula)]
    gradient = values.printed(p.grad, digits)
    return dict(
        id=str(p), symbol=symbol, name=n.text(p), before=Formatter.given(m.before).tex(), after=raised.result.tex(),
        tex=aligned(lines),
        gradient=gradient.tex(), gradient_value=gradient.decimal(), change=change.result.tex(),
        predicted=predicted.result.tex(), agree=change.result.tex() == predicted.result.tex(),
        close=abs(m.change - m.predicted) <= CLOSE * abs(m.predicted),
        negative=m.gradient < 0, zero=m.gradient == 0, lowered=m.change < 0, raised_loss=m.change > 0,
        same_sign=(m.change > 0) == (m.gradient > 0) and (m.change < 0) == (m.gradient < 0),
    )

