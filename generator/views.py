"""What the pages beyond the worked example show, for one computed example: the gradient check,
the cost of a gradient, one learning step and a training run, the backward pass in three
notations, and a hand calculation's drift.

Pure: reads a computed example (its `Example`, `Trace` and worked quantities), computes through
gradcheck, cost, training and drift, and returns strings for the templates. Every number is
formatted by `numbers`, so the templates only place them.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cached_property

from . import cost, drift, gradcheck, numbers, plot, training, worked

QUOTE_MARK = "as printed in the original lesson"
MISSING = "—"  # a value that cannot be computed (or is meaningless, like 0/0)


def _superscript(e: int) -> str:
    return str(e).replace("-", numbers.MINUS)


@dataclass
class Parameter:
    """A weight or bias: where it sits and how the pages write it."""

    kind: str
    layer: int
    j: int
    k: int | None
    symbol: str  # TeX
    symbol_text: str


def parameters(net) -> list[Parameter]:
    """Every weight and bias in the pages' order (as in the worked example's table)."""
    n, out = worked.Notation(net.sizes), []
    for l in range(1, net.depth + 1):
        for j in range(1, net.sizes[l] + 1):
            for k in range(1, net.sizes[l - 1] + 1):
                out.append(Parameter("W", l, j, k, *n.weight(l, j, k)))
            out.append(Parameter("b", l, j, None, *n.bias(l, j)))
    return out


def _value(arrays, p: Parameter) -> float:
    """The entry of per-layer arrays (weights or gradients) that belongs to p."""
    a = arrays[p.layer]
    return float(a[p.j - 1, p.k - 1] if p.kind == "W" else a[p.j - 1])


class Views:
    """Everything the pages after "Key insights" show for one example, computed on first use."""

    def __init__(self, computed):
        self.c = computed
        self.ex = computed.example
        self.net = computed.example.network
        self.digits = computed.example.significant_digits
        self.slug = computed.example.slug

    def t(self, v) -> str:
        return numbers.tex(float(v), self.digits)

    def tf(self, v) -> str:
        return numbers.tex_factor(float(v), self.digits)

    # --- Gradient check -------------------------------------------------------------------

    @cached_property
    def gradient_check(self):
        gc = gradcheck.check(self.net, self.ex.x, self.ex.y)
        rows = []
        for p, r in zip(parameters(self.net), gc.rows):
            rows.append(dict(symbol=p.symbol, backprop=self.t(r.backprop), finite_difference=self.t(r.finite_difference),
                             absolute=self.t(r.absolute_difference),
                             relative=MISSING if r.relative_difference is None else self.t(r.relative_difference),
                             agrees="yes" if r.agrees else "**no**"))
        return dict(
            epsilon=self.t(gc.epsilon), relative_tolerance=self.t(gradcheck.RELATIVE_TOLERANCE),
            absolute_tolerance=self.t(gradcheck.ABSOLUTE_TOLERANCE),
            parameters=numbers.count_tex(gc.parameter_count), loss_evaluations=numbers.count_tex(gc.loss_evaluations),
            rows=rows, all_agree=gc.all_agree, disagreeing=sum(not r.agrees for r in gc.rows),
            largest_absolute=self.t(gc.largest_absolute_difference),
            largest_relative=self.t(gc.largest_relative_difference),
            zero_gradients=sum(r.backprop == 0 and r.finite_difference == 0 for r in gc.rows),
            unit_roundoff=self.t(UNIT_ROUNDOFF),
        )

    # --- Cost -----------------------------------------------------------------------------

    @cached_property
    def cost(self):
        sizes = self.net.sizes
        p = cost.point(sizes)
        m = cost.modes(sizes)
        layers = []
        for l in range(1, self.net.depth + 1):
            layers.append(dict(layer=l, shape=rf"{sizes[l]} \times {sizes[l - 1]}",
                               forward=numbers.count_tex(cost.layer_forward_cost(sizes, l)),
                               backward=numbers.count_tex(cost.layer_backward_cost(sizes, l))))
        C = numbers.count_tex
        return dict(
            parameters=C(p.parameters), forward=C(p.forward), backward=C(p.backward), backprop=C(p.backprop),
            finite_differences=C(p.finite_differences), loss_terms=C(sizes[-1]), layers=layers,
            ratio=self.t(p.finite_differences / p.backprop),
            outputs=C(m.outputs), modes=dict(
                forward_loss=C(m.forward_passes_for_loss_gradient), reverse_loss=C(m.reverse_passes_for_loss_gradient),
                forward_jacobian=C(m.forward_passes_for_jacobian), reverse_jacobian=C(m.reverse_passes_for_jacobian)),
        )

    # --- One learning step and a training run -----------------------------------------------

    @cached_property
    def step(self):
        s = training.step(self.net, self.ex.x, self.ex.y, self.ex.learning_rate)
        eta = self.ex.learning_rate
        rows = []
        # Per-layer lists indexed from 1, as the trace's gradients are.
        grads_W, grads_b = s.before.grad_W, s.before.grad_b
        old_W, old_b = [None] + self.net.weights, [None] + self.net.biases
        new_W, new_b = [None] + s.network_after.weights, [None] + s.network_after.biases
        for p in parameters(self.net):
            old = _value(old_W if p.kind == "W" else old_b, p)
            g = _value(grads_W if p.kind == "W" else grads_b, p)
            new = _value(new_W if p.kind == "W" else new_b, p)
            rows.append(dict(symbol=p.symbol, old=self.t(old), gradient=self.t(g), step=self.t(eta * g), new=self.t(new)))
        # One update written out in full: the first parameter of the last layer.
        first = next(p for p in parameters(self.net) if p.layer == self.net.depth)
        old = _value(old_W if first.kind == "W" else old_b, first)
        g = _value(grads_W if first.kind == "W" else grads_b, first)
        new = _value(new_W if first.kind == "W" else new_b, first)
        update = (rf"{first.symbol} - \eta \, \frac{{\partial L}}{{\partial {first.symbol}}} = "
                  rf"{self.t(old)} - {self.tf(eta)} \cdot {self.tf(g)} = {self.t(new)}")
        n = worked.Notation(self.net.sizes)
        L = self.net.depth
        outputs = [dict(symbol=n.unit("a", L, j)[0], target=self.t(self.ex.y[j - 1]),
                        before=self.t(s.before.a[L][j - 1]), after=self.t(s.after.a[L][j - 1]))
                   for j in range(1, self.net.sizes[L] + 1)]
        return dict(
            learning_rate=self.t(eta), rows=rows, worked_update=update, outputs=outputs,
            unchanged_shown=sum(r["old"] == r["new"] and r["step"] != "0" for r in rows),
            loss_before=self.t(s.before.loss), loss_after=self.t(s.after.loss),
            change=self.t(s.loss_change), predicted_change=self.t(s.predicted_loss_change),
            lower=s.after.loss < s.before.loss,
        )

    def t_or_missing(self, v) -> str:
        return self.t(v) if math.isfinite(float(v)) else MISSING

    @cached_property
    def training(self):
        tr = training.train(self.net, self.ex.x, self.ex.y, self.ex.learning_rate, self.ex.steps)
        n = worked.Notation(self.net.sizes)
        L = self.net.depth
        outputs = [dict(symbol=n.unit("a", L, j)[0], target=self.t(self.ex.y[j - 1]),
                        before=self.t(tr.outputs_before[j - 1]), after=self.t_or_missing(tr.outputs_after[j - 1]))
                   for j in range(1, self.net.sizes[L] + 1)]
        # Only finite losses can be shown or plotted; a diverging run is cut before its last.
        finite = tr.losses[:-1] if tr.diverged else tr.losses
        shown = training.sample_indices(len(finite), TABLE_ROWS)
        table = [dict(step=numbers.count_text(i), loss=self.t(finite[i])) for i in shown]
        return dict(
            steps=numbers.count_tex(tr.steps), learning_rate=self.t(tr.learning_rate),
            loss_first=self.t(finite[0]), loss_last=self.t(finite[-1]),
            diverged=tr.diverged, diverged_after=numbers.count_tex(tr.steps_taken),
            lower=bool(not tr.diverged and tr.losses[-1] < tr.losses[0]),
            every_step_lower=bool(not tr.diverged and (tr.losses[1:] < tr.losses[:-1]).all()),
            outputs=outputs, table=table, table_is_sampled=len(shown) < len(finite),
            figure=self._loss_figure(tr, finite),
        )

    def _loss_figure(self, tr, losses) -> str:
        points = [(float(i), float(losses[i])) for i in training.sample_indices(len(losses), PLOT_POINTS)]
        # Steps are whole numbers: a run of a few steps gets no tick at step 0.5.
        last = len(losses) - 1
        steps = [v for v in plot.linear_ticks(0, max(last, 1)) if v == int(v)]
        x = plot.Axis("step", 0, max(last, 1), [plot.Tick(v, numbers.text(v, self.digits)) for v in steps])
        low, high = float(losses.min()), float(losses.max())
        if low > 0 and high / low > LOG_SCALE_RATIO:
            # The loss falls over several powers of ten: on a linear axis all but the first few
            # steps would lie flat on zero.
            lo_e, hi_e = cost.power_of_ten_range([low, high])
            y = plot.Axis("loss L (logarithmic scale)", 10.0 ** lo_e, 10.0 ** hi_e,
                          plot.powers_of_ten(lo_e, hi_e, _superscript), log=True)
            scale = "a logarithmic loss axis"
        else:
            high = high if high > 0 else 1.0
            ticks = plot.linear_ticks(0, high)
            if ticks[-1] < high:
                ticks.append(ticks[-1] + plot.nice_step(high))
            y = plot.Axis("loss L", 0, ticks[-1], [plot.Tick(v, numbers.text(v, self.digits)) for v in ticks])
            scale = "a linear loss axis"
        T = lambda v: numbers.text(float(v), self.digits)  # noqa: E731
        desc = (f"The loss after each of {numbers.count_text(last)} gradient-descent steps with learning rate "
                f"{T(tr.learning_rate)}, on {scale}: it starts at {T(losses[0])} and ends at {T(losses[-1])}"
                + (", after which it is no longer a finite number." if tr.diverged else "."))
        chart = plot.Chart(id=f"loss-{self.slug}", title=f"Training loss, {self.ex.title}", description=desc, x=x, y=y,
                           series=[plot.Series("loss", points, "bp-series-a", marker=None)])
        return plot.figure(chart, "The loss at every training step. The table below gives the numbers.")

    # --- Three notations ---------------------------------------------------------------------

    @cached_property
    def notations(self):
        return dict(graph=self._graph_rows(), matrix=self._matrix_blocks())

    def _graph_rows(self) -> list[dict]:
        """The backward pass as the graph sees it: each node's gradient is the sum, over the
        edges leaving it, of the local derivative on the edge times the gradient at its end."""
        net, tr = self.net, self.c.trace
        n = worked.Notation(net.sizes)
        L = net.depth
        rows = []

        def row(symbol_text, edges, total):
            parts = [f"from {target}: \\({local} \\times {self.tf(incoming)} = {self.t(product)}\\)"
                     for target, local, incoming, product in edges]
            rows.append(dict(node=symbol_text, edges=parts, total=self.t(total), sum=len(edges) > 1))

        for l in range(L, 0, -1):
            for j in range(1, net.sizes[l] + 1):
                a_text = n.unit("a", l, j)[1]
                if l == L:
                    # The loss's own gradient is 1; the local derivative on the edge is dL/da.
                    da = float(tr.grad_a[L][j - 1])
                    row(a_text, [("L", self.tf(da), 1.0, da)], da)
                else:
                    edges = []
                    for i in range(1, net.sizes[l + 1] + 1):
                        w, g = float(net.weights[l][i - 1, j - 1]), float(tr.grad_z[l + 1][i - 1])
                        edges.append((n.unit("z", l + 1, i)[1], self.tf(w), g, w * g))
                    row(a_text, edges, float(tr.grad_a[l][j - 1]))
            for j in range(1, net.sizes[l] + 1):
                s, da, dz = (float(tr.activation_derivative[l][j - 1]), float(tr.grad_a[l][j - 1]),
                             float(tr.grad_z[l][j - 1]))
                row(n.unit("z", l, j)[1], [(n.unit("a", l, j)[1], self.tf(s), da, s * da)], dz)
            for j in range(1, net.sizes[l] + 1):
                dz = float(tr.grad_z[l][j - 1])
                z_text = n.unit("z", l, j)[1]
                for k in range(1, net.sizes[l - 1] + 1):
                    ak = float(tr.a[l - 1][k - 1])
                    row(n.weight(l, j, k)[1], [(z_text, self.tf(ak), dz, ak * dz)], float(tr.grad_W[l][j - 1, k - 1]))
                row(n.bias(l, j)[1], [(z_text, "1", dz, dz)], float(tr.grad_b[l][j - 1]))
        return rows

    def _matrix_blocks(self) -> list[dict]:
        """Per layer, from the output back: delta and dL/dW as one aligned block, a line per
        step, so that even wide layers fit the page."""
        net, tr, d = self.net, self.c.trace, self.digits
        L = net.depth
        V = lambda v: numbers.tex_vector(v, d)  # noqa: E731
        blocks = []
        for l in range(L, 0, -1):
            f_tex = worked.ACTIVATION_NAMES[net.activations[l - 1]][0]
            fp = rf"{f_tex}'\left(z^{{({l})}}\right)"
            delta = rf"\delta^{{({l})}}"
            if l == L and net.loss == "bce" and net.activations[-1] == "sigmoid":
                rows = [rf"{delta} &= a^{{({l})}} - y = {V(tr.a[l])} - {V(tr.y)}"]
            elif l == L and net.loss == "mse":
                rows = [rf"{delta} &= \left(a^{{({l})}} - y\right) \odot {fp}",
                        rf"&= \left({V(tr.a[l])} - {V(tr.y)}\right) \odot {V(tr.activation_derivative[l])}"]
            elif l == L:
                rows = [rf"{delta} &= \frac{{\partial L}}{{\partial a^{{({l})}}}} \odot {fp}",
                        rf"&= {V(tr.grad_a[l])} \odot {V(tr.activation_derivative[l])}"]
            else:
                rows = [rf"{delta} &= \left(W^{{({l + 1})}}\right)^{{\mathsf T}} \delta^{{({l + 1})}} \odot {fp}",
                        rf"&= {numbers.tex_matrix(net.weights[l].T, d)} {V(tr.grad_z[l + 1])} \odot {V(tr.activation_derivative[l])}",
                        rf"&= {V(tr.grad_a[l])} \odot {V(tr.activation_derivative[l])}"]
            rows.append(rf"&= {V(tr.grad_z[l])}")
            previous = "x" if l == 1 else f"a^{{({l - 1})}}"
            rows.append(rf"\frac{{\partial L}}{{\partial W^{{({l})}}}} &= \delta^{{({l})}} \left({previous}\right)^{{\mathsf T}} "
                        rf"= {V(tr.grad_z[l])} {numbers.tex_matrix([tr.a[l - 1]], d)}")
            rows.append(rf"&= {numbers.tex_matrix(tr.grad_W[l], d)}")
            body = " \\\\[1ex]\n".join(rows)
            blocks.append(dict(layer=l, tex="\\begin{aligned}\n" + body + "\n\\end{aligned}", last=l == L))
        return blocks

    @cached_property
    def cost_family(self):
        return cost_page(self.digits, (float(self.net.parameter_count), "this example"))

    # --- A hand calculation's drift ----------------------------------------------------------

    @cached_property
    def chain(self) -> drift.Chain:
        return drift.rounded_chain(self.net, self.ex.x, self.ex.y, self.digits)

    @cached_property
    def drift(self):
        quantities = self.c.quantities
        by_id = {q.id: q for q in quantities}
        chain = self.chain
        lesson = drift.has_original_lesson_setup(self.net, self.ex.x, self.ex.y)
        verdicts = {}
        if lesson:
            exact = {q.id: q.value for q in quantities}
            lesson_chain = drift.lesson_chain(self.net, self.ex.x, self.ex.y)
            verdicts = {v.id: v for v in drift.verdicts(exact, chain, lesson_chain)}

        exact_chain = drift.exact_chain(self.net, self.ex.x, self.ex.y)

        def relative_error(q) -> float | None:
            v, e = chain.values.get(q.id), exact_chain.values.get(q.id)
            return None if v is None or e is None or e == 0 else float(abs(v - e) / abs(e))

        rows, first, parted = [], None, 0
        for q in quantities:
            v = chain.as_float(q.id)
            shown = MISSING if v is None else self.t(v)
            differs = shown != q.value_tex
            parted += differs
            rel = relative_error(q)
            row = dict(id=q.id, symbol=q.symbol_tex, exact=q.value_tex, chain=shown, differs=differs,
                       relative=MISSING if rel is None else self.t(rel))
            if q.id in verdicts:
                vd = verdicts[q.id]
                row.update(printed=vd.printed, verdict=self._verdict_text(vd))
            elif lesson:
                row.update(printed=MISSING, verdict="")
            rows.append(row)
            if differs and first is None:
                first = q

        first_view = None
        if first is not None:
            more = self.digits + EXTRA_DIGITS
            inputs = [by_id[i] for i in first.inputs if i in by_id]
            first_view = dict(
                symbol=first.symbol_tex, exact=first.value_tex, chain=self.t(chain.as_float(first.id)),
                exact_more=numbers.tex(first.value, more),
                relative=self._maybe(relative_error(first)),
                inputs=[dict(symbol=q.symbol_tex, chain=self.t(chain.as_float(q.id)), exact_more=numbers.tex(q.value, more),
                             relative=self._maybe(relative_error(q))) for q in inputs],
                more_digits=more,
                terms=self._terms(first.id, chain, exact_chain, more),
            )
        errors = [(relative_error(q), q) for q in quantities if relative_error(q) is not None]
        largest = max(errors, key=lambda e: e[0], default=None)
        return dict(
            rows=rows, parted=parted, count=len(rows), first=first_view, lesson=lesson,
            # Half a unit in the last of d digits, relative to a leading digit of 1: the most one
            # rounding can change a value, relatively.
            rounding_bound=self.t(0.5 * 10.0 ** (1 - self.digits)),
            lesson_view=self._lesson_view(verdicts, by_id, lesson_chain) if lesson else None,
            largest=None if largest is None else dict(symbol=largest[1].symbol_tex, relative=self.t(largest[0])),
            fan_out=self.fan_out,
        )

    def _terms(self, id: str, chain: drift.Chain, exact: drift.Chain, more: int) -> list[dict]:
        """The terms of a sum, exact and as the hand calculation rounded them before adding."""
        rounded, precise = chain.terms.get(id, []), exact.terms.get(id, [])
        out = []
        for label, r, e in zip(self._term_labels(id), rounded, precise):
            rel = None if e == 0 else float(abs(r - e) / abs(e))
            out.append(dict(label=label, exact_more=numbers.tex(float(e), more), chain=self.t(float(r)),
                            relative=self._maybe(rel)))
        return out

    def _term_labels(self, id: str) -> list[str]:
        """How each term of the sum behind quantity `id` is written, in TeX (as drift.evaluate
        orders them)."""
        net, n = self.net, worked.Notation(self.net.sizes)
        if id == "L":
            L = net.depth
            if net.loss == "mse":
                return [rf"\left({n.unit('a', L, j)[0]} - {n.y(j)[0]}\right)^2" for j in range(1, net.sizes[L] + 1)]
            return [rf"{n.y(j)[0]} \ln {n.unit('a', L, j)[0]}" for j in range(1, net.sizes[L] + 1)]
        m = re.match(r"([a-z]+)(\d+)_(\d+)$", id)
        if m is None:
            return []  # a weight's gradient is one product, not a sum
        kind, l, unit = m.groups()
        l, unit = int(l), int(unit)
        if kind == "z":
            return ([rf"{n.weight(l, unit, k)[0]} \, {n.activation_input(l - 1, k)[0]}" for k in range(1, net.sizes[l - 1] + 1)]
                    + [n.bias(l, unit)[0]])
        if kind == "da":
            return [rf"{n.weight(l + 1, j, unit)[0]} \, \partial L / \partial {n.unit('z', l + 1, j)[0]}"
                    for j in range(1, net.sizes[l + 1] + 1)]
        return []

    def _maybe(self, v) -> str:
        return MISSING if v is None else self.t(v)

    @staticmethod
    def _verdict_text(vd: drift.Verdict) -> str:
        if vd.matches_exact:
            return "exact"
        if vd.follows_from_printed_inputs:
            return "follows"
        recomputed = numbers.tex(float(vd.from_printed_inputs), vd.digits)
        return f"**slip** (its inputs give \\({recomputed}\\))"

    def _lesson_view(self, verdicts: dict, by_id: dict, lesson: drift.Chain):
        slips, coarser = [], []
        for id, vd in verdicts.items():
            q = by_id[id]
            if vd.is_slip:
                inputs = [by_id[i] for i in q.inputs if i in by_id]
                printed_inputs = [dict(symbol=i.symbol_tex, printed=drift.ORIGINAL_LESSON_PRINTED[i.id]) for i in inputs
                                  if i.id in drift.ORIGINAL_LESSON_PRINTED]
                formula = ""
                if q.kind == "a" and len(printed_inputs) == 1:
                    f_tex = worked.ACTIVATION_NAMES[self.net.activations[q.layer - 1]][0]
                    formula = rf"{f_tex}({printed_inputs[0]['printed']})"
                slips.append(dict(symbol=q.symbol_tex, printed=vd.printed, inputs=printed_inputs, formula=formula,
                                  recomputed=numbers.tex(float(vd.from_printed_inputs), vd.digits),
                                  chain=self.t(self.chain.as_float(id)), exact=q.value_tex,
                                  chain_matches_recomputed=self.t(self.chain.as_float(id)) == numbers.tex(float(vd.from_printed_inputs), vd.digits)))
            own = lesson.computed.get(id)
            own_at_site_digits = None if own is None else self.t(own)
            if vd.digits < self.digits and own_at_site_digits != self.t(vd.value):
                # Printed shorter than the lesson's own inputs give at the site's digits: the
                # lesson rounded this value more coarsely than the others.
                coarser.append(dict(symbol=q.symbol_tex, printed=vd.printed, digits=vd.digits, own=own_at_site_digits))
        return dict(
            printed=len(verdicts), exact=sum(v.matches_exact for v in verdicts.values()),
            follows=sum(v.follows_from_printed_inputs and not v.matches_exact for v in verdicts.values()),
            slips=slips, coarser=coarser, quote_mark=QUOTE_MARK,
            follows_not_chain=sum(v.follows_from_printed_inputs and not v.matches_exact and not v.matches_chain
                                  for v in verdicts.values()),
        )

    @cached_property
    def fan_out(self) -> list[dict]:
        """Each hidden activation that feeds two or more neurons: its gradient term by term,
        exactly and as the hand calculation rounds it."""
        net, tr, chain = self.net, self.c.trace, self.chain
        n = worked.Notation(net.sizes)
        out = []
        for f in drift.fan_outs(tr):
            if len(f.terms) < 2:
                continue
            l, k = f.layer, f.k
            terms = []
            rounded_terms = chain.terms.get(f"da{l}_{k}", [])
            for j, exact in enumerate(f.terms, start=1):
                w = float(net.weights[l][j - 1, k - 1])
                g = float(tr.grad_z[l + 1][j - 1])
                terms.append(dict(
                    source=n.unit("z", l + 1, j)[0], weight=n.weight(l + 1, j, k)[0],
                    formula=rf"{self.tf(w)} \cdot {self.tf(g)}", exact=self.t(exact),
                    chain=MISSING if j > len(rounded_terms) else self.t(float(rounded_terms[j - 1]))))
            chain_total = chain.as_float(f"da{l}_{k}")
            out.append(dict(symbol=n.grad(n.unit("a", l, k))[0], layer=l, k=k, terms=terms, total=self.t(f.total),
                            chain_total=MISSING if chain_total is None else self.t(chain_total)))
        return out


# Half the distance from 1 to the next double: the relative error of one rounding.
UNIT_ROUNDOFF = 2.0 ** -53
# Rows in the table of training losses, and points in the plot: a long run is sampled evenly.
TABLE_ROWS = 41
PLOT_POINTS = 400
# Beyond this ratio of largest to smallest loss the plot uses a logarithmic loss axis.
LOG_SCALE_RATIO = 100
# Extra digits to show a value "to more digits" beside its rounded form.
EXTRA_DIGITS = 3


@dataclass
class CostPage:
    """The cost comparison of the family of growing networks: the same for every example."""

    rows: list[dict] = field(default_factory=list)
    backprop_slope: str = ""
    finite_difference_slope: str = ""
    figure: str = ""
    smallest: str = ""
    largest: str = ""


def cost_page(digits: int, mark=None) -> CostPage:
    """The family's table and log-log chart; `mark` is (parameter count, label) for the running
    example, drawn as a vertical line when it falls inside the chart."""
    comp = cost.compare()
    # Counts in the table are plain text: exact whole numbers, grouped by narrow no-break
    # spaces, so they never break across lines in a narrow column.
    C = numbers.count_text
    rows = [dict(sizes=" → ".join(C(s) for s in p.sizes), parameters=C(p.parameters), forward=C(p.forward),
                 backward=C(p.backward), backprop=C(p.backprop), finite_differences=C(p.finite_differences))
            for p in comp.points]
    n = [p.parameters for p in comp.points]
    bp = [p.backprop for p in comp.points]
    fd = [p.finite_differences for p in comp.points]
    x_lo, x_hi = cost.power_of_ten_range(n)
    y_lo, y_hi = cost.power_of_ten_range(bp + fd)
    T = lambda v: numbers.text(v, digits)  # noqa: E731
    slope_bp, slope_fd = T(comp.backprop_slope), T(comp.finite_difference_slope)
    desc = (f"Log-log plot of multiply-adds against the number of parameters, for networks from "
            f"{numbers.count_text(n[0])} to {numbers.count_text(n[-1])} parameters. Backpropagation's count "
            f"rises along a line of slope {slope_bp} (it grows like n), from {numbers.count_text(bp[0])} to "
            f"{numbers.count_text(bp[-1])}; finite differences rise along a line of slope {slope_fd} (like n squared), "
            f"from {numbers.count_text(fd[0])} to {numbers.count_text(fd[-1])}.")
    marks = []
    if mark is not None and 10.0 ** x_lo <= mark[0] <= 10.0 ** x_hi:
        marks.append(mark)
    chart = plot.Chart(
        id="cost", title="Multiply-adds for one full gradient", description=desc,
        x=plot.Axis("parameters n (logarithmic scale)", 10.0 ** x_lo, 10.0 ** x_hi,
                    plot.powers_of_ten(x_lo, x_hi, _superscript), log=True),
        y=plot.Axis("multiply-adds (logarithmic scale)", 10.0 ** y_lo, 10.0 ** y_hi,
                    plot.powers_of_ten(y_lo, y_hi, _superscript), log=True),
        series=[plot.Series("finite differences", list(zip(map(float, n), map(float, fd))), "bp-series-b", "square",
                            note=f"slope {slope_fd}"),
                plot.Series("backpropagation", list(zip(map(float, n), map(float, bp))), "bp-series-a", "circle",
                            note=f"slope {slope_bp}")],
        marks=marks)
    return CostPage(rows=rows, backprop_slope=numbers.tex(comp.backprop_slope, digits),
                    finite_difference_slope=numbers.tex(comp.finite_difference_slope, digits),
                    figure=plot.figure(chart, "Multiply-adds for one full gradient against the number of parameters, "
                                              "both on logarithmic scales. The table below gives the numbers."),
                    smallest=numbers.count_tex(n[0]), largest=numbers.count_tex(n[-1]))

