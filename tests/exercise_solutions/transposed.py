"""The weight gradients transposed: the wrong shape wherever a layer is not square."""
import numpy as np


def backward(net, z, a, y):
    return [np.zeros_like(W.T) for W in net.weights], [np.zeros_like(b) for b in net.biases]
