"""Page model for a mini-batch: the samples as matrices, the loss averaged over them, and the
batch gradient as matrices (dL/dW = Delta A^T / m, with every shape written) beside the mean of
the per-sample gradients. Every substituted line holds as printed."""
from __future__ import annotations

from dataclasses import replace

from ..maths import batch as maths_batch
from ..maths import drift, refs
from ..maths import expr as E
from ..maths.refs import Ref
from . import formula
from .lines import EQUALS, TEX_RELATION, MatrixStep, Values, bmatrix, substituted
from .notation import Notation
from .numbers import Formatter


class BatchValues:
    """The values of a mini-batch for the line rules: a reference with a sample number reads
    that sample's trace; one without reads the batch (the mean loss, the batch gradients) or,
    for a parameter, its given value."""

    def __init__(self, b: maths_batch.Batch, samples):
        net = b.network
        self.per_sample = [Values(t, drift.exact_chain(net, x, y)) for t, (x, y) in zip(b.traces, samples)]
        self.batch = {refs.LOSS: b.loss}
        for l in range(1, net.depth + 1):
            for p in (p for p in net.parameters() if p.layer == l):
                self.batch[p.grad] = float(b.grad_W[l][p.j - 1, p.k - 1] if p.kind == "W" else b.grad_b[l][p.j - 1])

    def _route(self, ref: Ref):
        return self.per_sample[max(ref.sample, 1) - 1], replace(ref, sample=0)

    def is_given(self, ref: Ref) -> bool:
        values, base = self._route(ref)
        return ref not in self.batch and values.is_given(base)

    def is_exact(self, ref: Ref) -> bool:
        values, base = self._route(ref)
        return ref not in self.batch and values.is_exact(base)

    def value(self, ref: Ref) -> float:
        if ref in self.batch:
            return self.batch[ref]
        values, base = self._route(ref)
        return values.value(base)

    def exact_of(self, ref: Ref):
        values, base = self._route(ref)
        return values.exact_of(base)

    def printed(self, ref: Ref, digits: int):
        if ref in self.batch:
            return Formatter(digits).rounded(self.batch[ref])
        values, base = self._route(ref)
        return values.printed(base, digits)


def _mean(terms: list, m: int) -> E.Expr:
    return E.Quotient(E.Sum(tuple(terms)), E.Const(m))


def batch_page(example, fmt: Formatter) -> dict | None:
    """None for an example with a single sample."""
    if len(example.samples) < 2:
        return None
    net = example.network
    b = maths_batch.run(net, example.samples)
    values, n, m = BatchValues(b, example.samples), Notation(net.sizes, net.activations), b.size
    samples = range(1, m + 1)
    mean_loss = _mean([E.Operand(refs.LOSS.of_sample(i)) for i in samples], m)
    loss = substituted(mean_loss, values.printed(refs.LOSS, fmt.digits), values, fmt.digits)
    return dict(
        m=m, X=bmatrix([[Formatter.given(v) for v in row] for row in b.X]),
        Y=bmatrix([[Formatter.given(v) for v in row] for row in b.Y]),
        layers=[_layer(b, values, l, fmt) for l in range(1, net.depth + 1)],
        loss=loss.tex("L", formula.tex(mean_loss, loss.shown, n.tex)), losses=[values.printed(refs.LOSS.of_sample(i), fmt.digits).tex()
                                                          for i in samples],
        parameters=[_parameter_row(p, values, n, m, fmt) for p in net.parameters()],
        same=all((b.grad_W[l] == b.mean_grad_W[l]).all() and (b.grad_b[l] == b.mean_grad_b[l]).all()
                 for l in range(1, net.depth + 1)),
    )


def _layer(b: maths_batch.Batch, values: BatchValues, l: int, fmt: Formatter) -> dict:
    """Layer l: its activations for every sample, its deltas, and dL/dW = Delta A^T / m."""
    net, m = b.network, b.size
    units, prev, samples = range(1, net.sizes[l] + 1), range(1, net.sizes[l - 1] + 1), range(1, b.size + 1)
    grads = [[refs.W(l, j, k).grad for k in prev] for j in units]
    formulas = [_mean([E.Product((E.Operand(refs.z(l, j).grad.of_sample(i)), E.Operand(refs.a(l - 1, k).of_sample(i))))
                       for i in samples], m) for j in units for k in prev]
    step = MatrixStep(formulas, [values.printed(g, fmt.digits) for row in grads for g in row], values, fmt.digits)
    delta = step.matrix([[refs.z(l, j).grad.of_sample(i) for i in samples] for j in units])
    before = step.matrix([[refs.a(l - 1, k).of_sample(i) for k in prev] for i in samples])
    return dict(
        layer=l, rows=net.sizes[l], columns=net.sizes[l - 1], m=m,
        activations=bmatrix([[values.printed(refs.a(l, j).of_sample(i), fmt.digits) for i in samples] for j in units]),
        deltas=bmatrix([[values.printed(refs.z(l, j).grad.of_sample(i), fmt.digits) for i in samples] for j in units]),
        substituted=rf"\frac{{1}}{{{m}}} {delta} {before}", relations=(step.relation(True), step.relation(False)),
        gradient=bmatrix([[values.printed(g, fmt.digits) for g in row] for row in grads]),
        previous="X" if l == 1 else f"A^{{({l - 1})}}",
    )


def _parameter_row(p: Ref, values: BatchValues, n: Notation, m: int, fmt: Formatter) -> dict:
    """One parameter's gradient for each sample and their mean, holding as printed."""
    line = substituted(_mean([E.Operand(p.grad.of_sample(i)) for i in range(1, m + 1)], m),
                       values.printed(p.grad, fmt.digits), values, fmt.digits)
    shown = [line.operands.get(p.grad.of_sample(i)) or values.printed(p.grad.of_sample(i), fmt.digits)
             for i in range(1, m + 1)]
    return dict(symbol=n.tex(p), samples=[s.tex() for s in shown], mean=line.result.tex(),
                relation=TEX_RELATION[line.relations[1]], equal=line.relations[1] == EQUALS)
