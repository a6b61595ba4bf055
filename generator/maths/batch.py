"""A mini-batch: the loss averaged over several samples, and its gradient computed two ways,
as matrices (dL/dW = delta A^T / m, one column per sample) and as the mean of the per-sample
gradients. Every sum is rounded once (elementary.total), so both ways give the same doubles."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import core, elementary


@dataclass
class Batch:
    network: core.Network
    traces: list  # one core.Trace per sample, in order
    X: np.ndarray  # inputs, one column per sample (sizes[0] x m)
    Y: np.ndarray  # targets, one column per sample
    A: list  # A[l]: activations of layer l, one column per sample; A[0] is X
    deltas: list  # deltas[l]: dL/dz of layer l per sample (sizes[l] x m); index 0 unused
    loss: float  # the mean of the per-sample losses
    grad_W: list  # grad_W[l] = deltas[l] A[l-1]^T / m
    grad_b: list  # grad_b[l] = the row means of deltas[l]
    mean_grad_W: list  # the mean of the per-sample dL/dW, for comparison
    mean_grad_b: list

    @property
    def size(self) -> int:
        return len(self.traces)


def _columns(vectors) -> np.ndarray:
    return np.stack([np.asarray(v, dtype=float) for v in vectors], axis=1)


def run(net: core.Network, samples) -> Batch:
    traces = [core.run(net, x, y) for x, y in samples]
    m = len(traces)
    L = net.depth
    A = [_columns(t.a[l] for t in traces) for l in range(L + 1)]
    deltas = [None] + [_columns(t.grad_z[l] for t in traces) for l in range(1, L + 1)]
    grad_W, grad_b, mean_W, mean_b = [None], [None], [None], [None]
    for l in range(1, L + 1):
        # (delta A^T)_jk = sum over samples of delta_ji a_ki: one sum, rounded once, per entry.
        grad_W.append(np.array([[elementary.total(deltas[l][j] * A[l - 1][k]) / m for k in range(net.sizes[l - 1])]
                                for j in range(net.sizes[l])]))
        grad_b.append(np.array([elementary.total(deltas[l][j]) / m for j in range(net.sizes[l])]))
        mean_W.append(np.array([[elementary.total(np.array([t.grad_W[l][j, k] for t in traces])) / m
                                 for k in range(net.sizes[l - 1])] for j in range(net.sizes[l])]))
        mean_b.append(np.array([elementary.total(np.array([t.grad_b[l][j] for t in traces])) / m
                                for j in range(net.sizes[l])]))
    return Batch(net, traces, A[0], _columns(t.y for t in traces), A, deltas,
                 elementary.total(np.array([t.loss for t in traces])) / m, grad_W, grad_b, mean_W, mean_b)
