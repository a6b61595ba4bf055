"""A common slip: the activation's slope left out of delta."""
import numpy as np

from generator.maths.losses import LOSSES


def backward(net, z, a, y):
    L = net.depth
    grad_W, grad_b = [None] * L, [None] * L
    delta = LOSSES[net.loss].gradient(a[L], y)
    for l in range(L, 0, -1):
        grad_W[l - 1] = np.outer(delta, a[l - 1])
        grad_b[l - 1] = delta
        delta = net.weights[l - 1].T @ delta
    return grad_W, grad_b
