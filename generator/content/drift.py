"""Page model for a hand calculation's drift: the computation rounded at every step beside the
exact one, where the digits part and why, the original lesson's printed values judged, and the
gradients that are sums shown term by term."""
from __future__ import annotations

from ..maths import drift, refs
from ..maths import expr as E
from ..maths.activations import ACTIVATIONS
from ..maths.core import Trace
from . import formula
from .lines import Values, sum_of_terms
from .notation import Notation
from .numbers import MISSING, Formatter, fit, round_value

QUOTE_MARK = "as printed in the original lesson"
# Extra digits to show a value "to more digits" beside its rounded form.
EXTRA_DIGITS = 3


class DriftPage:
    """Everything the drift section shows for one example, computed by `model()`."""

    def __init__(self, trace: Trace, quantities: list, exact: drift.Chain, fmt: Formatter):
        self.trace, self.quantities, self.fmt = trace, quantities, fmt
        self.net = trace.network
        self.notation = Notation(self.net.sizes, self.net.activations)
        self.by_id = {q.id: q for q in quantities}
        self.chain = drift.rounded_chain(self.net, trace.x, trace.y, fmt.digits)
        self.exact = exact
        self.lesson = drift.has_original_lesson_setup(self.net, trace.x, trace.y)

    def relative_error(self, q) -> float | None:
        v, e = self.chain.values.get(q.id), self.exact.values.get(q.id)
        return None if v is None or e is None or e == 0 else float(abs(v - e) / abs(e))

    def model(self) -> dict:
        fmt, verdicts, lesson_chain, self.causes = self.fmt, {}, None, {}
        if self.lesson:
            lesson_chain = drift.lesson_chain(self.net, self.trace.x, self.trace.y)
            exact = {q.id: q.value for q in self.quantities}
            verdicts = {v.id: v for v in drift.verdicts(exact, self.chain, lesson_chain)}
            self.causes = drift.root_causes(self.net, self.trace.x, self.trace.y, list(verdicts.values()),
                                            self.exact, lesson_chain)
        rows = [self.row(q, verdicts) for q in self.quantities]
        first = next((q for q, r in zip(self.quantities, rows) if r["differs"]), None)
        errors = [(self.relative_error(q), q) for q in self.quantities if self.relative_error(q) is not None]
        largest = max(errors, key=lambda e: e[0], default=None)
        return dict(
            rows=rows, parted=sum(r["differs"] for r in rows), count=len(rows),
            first=None if first is None else self.first_view(first), lesson=self.lesson,
            # Half a unit in the last of d digits, relative to a leading digit of 1: the most one
            # rounding can change a value, relatively.
            rounding_bound=fmt.tex(0.5 * 10.0 ** (1 - fmt.digits)),
            lesson_view=self.lesson_view(verdicts, lesson_chain) if self.lesson else None,
            largest=None if largest is None else dict(symbol=largest[1].symbol_tex, relative=fmt.tex(largest[0])),
            fan_out=fan_out(self.trace, self.chain, self.exact, fmt),
        )

    def written(self, id: str):
        """A value of the hand calculation as it writes it: exactly where nothing was rounded
        (0.35), else to the example's digits (0.350 when rounding gave a zero)."""
        v = self.chain.values.get(id)
        if v is None:
            return None
        exact = self.exact.exact.get(id) and v == self.exact.values[id]
        return fit(v, self.fmt.digits) if exact else round_value(v, self.fmt.digits)

    def row(self, q, verdicts) -> dict:
        written = self.written(q.id)
        row = dict(id=q.id, symbol=q.symbol_tex, exact=q.value_tex, chain=MISSING if written is None else written.tex(),
                   differs=written is None or written.decimal() != q.line.result.decimal(),
                   relative=self.fmt.missing(self.relative_error(q)))
        if q.id in verdicts:
            row.update(printed=verdicts[q.id].printed, verdict=self.verdict_text(verdicts[q.id]))
        elif self.lesson:
            row.update(printed=MISSING, verdict="")
        return row

    def first_view(self, first) -> dict:
        fmt, more = self.fmt, self.fmt.digits + EXTRA_DIGITS
        inputs = [self.by_id[str(i)] for i in first.inputs if str(i) in self.by_id]
        return dict(
            symbol=first.symbol_tex, exact=first.value_tex, chain=fmt.tex(self.chain.as_float(first.id)),
            exact_more=Formatter(more).tex(first.value), relative=fmt.missing(self.relative_error(first)),
            inputs=[dict(symbol=q.symbol_tex, chain=fmt.tex(self.chain.as_float(q.id)), exact_more=Formatter(more).tex(q.value),
                         relative=fmt.missing(self.relative_error(q))) for q in inputs],
            more_digits=more, terms=self.terms(first, more),
        )

    def terms(self, q, more: int) -> list[dict]:
        """The terms of a sum, exact and as the hand calculation rounded them before adding."""
        rounded, precise = self.chain.terms.get(q.id, []), self.exact.terms.get(q.id, [])
        out = []
        for label, r, e in zip(self.term_labels(q.ref), rounded, precise):
            rel = None if e == 0 else float(abs(r - e) / abs(e))
            out.append(dict(label=label, exact_more=Formatter(more).tex(float(e)), chain=self.fmt.tex(float(r)),
                            relative=self.fmt.missing(rel)))
        return out

    def term_labels(self, ref) -> list[str]:
        """How each term of the sum behind a quantity is written, in TeX, in the order of its
        formula's terms."""
        net, n = self.net, self.notation
        if ref.kind == "L":
            L = net.depth
            if net.loss == "mse":
                return [rf"\left({n.unit('a', L, j)[0]} - {n.y(j)[0]}\right)^2" for j in range(1, net.sizes[L] + 1)]
            return [rf"{n.y(j)[0]} \ln {n.unit('a', L, j)[0]}" for j in range(1, net.sizes[L] + 1)]
        l, unit = ref.layer, ref.j
        if ref.kind == "z" and ref.role == "":
            return ([rf"{n.weight(l, unit, k)[0]} \, {n.activation_input(l - 1, k)[0]}" for k in range(1, net.sizes[l - 1] + 1)]
                    + [n.bias(l, unit)[0]])
        if ref.kind in ("a", "x") and ref.role == "d" and l < net.depth:
            # A gradient carried back from the next layer: one term per neuron it feeds (the
            # output's gradient is no sum).
            return [rf"{n.weight(l + 1, j, unit)[0]} \, \partial L / \partial {n.unit('z', l + 1, j)[0]}"
                    for j in range(1, net.sizes[l + 1] + 1)]
        return []

    def verdict_text(self, vd: drift.Verdict) -> str:
        if vd.matches_exact:
            return "exact"
        if vd.follows_from_printed_inputs:
            cause = self.causes.get(vd.id)
            return f"follows, from \\({self.by_id[cause].symbol_tex}\\)" if cause else "follows"
        return f"**slip** (its inputs give \\({Formatter(vd.digits).tex(float(vd.from_printed_inputs))}\\))"

    def slip(self, q, vd: drift.Verdict) -> dict:
        inputs = [self.by_id[str(i)] for i in q.inputs if str(i) in self.by_id]
        printed_inputs = [dict(symbol=i.symbol_tex, printed=drift.ORIGINAL_LESSON_PRINTED[i.id]) for i in inputs
                          if i.id in drift.ORIGINAL_LESSON_PRINTED]
        formula = ""
        if q.kind == "a" and len(printed_inputs) == 1:
            formula = rf"{ACTIVATIONS[self.net.activations[q.layer - 1]].tex}({printed_inputs[0]['printed']})"
        recomputed = Formatter(vd.digits).tex(float(vd.from_printed_inputs))
        chain = self.fmt.tex(self.chain.as_float(q.id))
        return dict(symbol=q.symbol_tex, printed=vd.printed, inputs=printed_inputs, formula=formula,
                    recomputed=recomputed, chain=chain, exact=q.value_tex, chain_matches_recomputed=chain == recomputed)

    def carried(self, verdicts: dict) -> list[dict]:
        """Each printed value that others carry on, with those values, by their root cause."""
        out = []
        for root in dict.fromkeys(self.causes.values()):
            vd = verdicts[root]
            out.append(dict(symbol=self.by_id[root].symbol_tex, printed=vd.printed, slip=vd.is_slip, digits=vd.digits,
                            carriers=[self.by_id[id].symbol_tex for id, cause in self.causes.items() if cause == root]))
        return out

    def lesson_view(self, verdicts: dict, lesson: drift.Chain) -> dict:
        fmt, slips, coarser = self.fmt, [], []
        for id, vd in verdicts.items():
            q = self.by_id[id]
            if vd.is_slip:
                slips.append(self.slip(q, vd))
            own = lesson.computed.get(id)
            own_at_site_digits = None if own is None else fmt.tex(own)
            if vd.digits < fmt.digits and own_at_site_digits != fmt.tex(vd.value):
                # Printed shorter than the lesson's own inputs give at the site's digits: the
                # lesson rounded this value more coarsely than the others.
                coarser.append(dict(symbol=q.symbol_tex, printed=vd.printed, digits=vd.digits, own=own_at_site_digits))
        return dict(
            printed=len(verdicts), exact=sum(v.matches_exact for v in verdicts.values()),
            follows=sum(v.follows_from_printed_inputs and not v.matches_exact for v in verdicts.values()),
            slips=slips, coarser=coarser, quote_mark=QUOTE_MARK,
            carried=self.carried(verdicts),
        )


def drift_page(trace: Trace, quantities: list, exact: drift.Chain, fmt: Formatter) -> dict:
    return DriftPage(trace, quantities, exact, fmt).model()


def fan_out(trace: Trace, chain: drift.Chain, exact: drift.Chain, fmt: Formatter) -> list[dict]:
    """Each hidden activation that feeds two or more neurons: its gradient term by term,
    exactly and as the hand calculation rounds it. The terms, as printed, add up to the total."""
    net, n = trace.network, Notation(trace.network.sizes, trace.network.activations)
    values = Values(trace, exact)
    out = []
    for l in range(net.depth - 1, 0, -1):
        for k in range(1, net.sizes[l] + 1):
            feeds = range(1, net.sizes[l + 1] + 1)
            if len(feeds) < 2:
                continue
            terms = [E.Product((E.Operand(refs.W(l + 1, j, k)), E.Operand(refs.z(l + 1, j).grad)), "dot") for j in feeds]
            total = values.printed(refs.a(l, k).grad, fmt.digits)
            rounded_terms = chain.terms.get(f"da{l}_{k}", [])
            rows = [dict(source=n.unit("z", l + 1, j)[0], weight=n.weight(l + 1, j, k)[0],
                         formula=formula.tex(t, line.shown, n.tex), exact=line.result.tex(),
                         chain=MISSING if j > len(rounded_terms) else fmt.tex(float(rounded_terms[j - 1])))
                    for j, t, line in zip(feeds, terms, sum_of_terms(terms, total, values, fmt.digits))]
            out.append(dict(symbol=n.grad(n.unit("a", l, k))[0], layer=l, k=k, terms=rows, total=total.tex(),
                            chain_total=fmt.missing(chain.as_float(f"da{l}_{k}"))))
    return out
