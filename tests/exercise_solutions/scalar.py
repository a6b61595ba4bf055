"""A backward pass written neuron by neuron, with the derivatives worked out by hand: a reader's
correct answer to the exercise, sharing nothing with the generator's."""
import numpy as np

SLOPES = {
    "sigmoid": lambda z, a: a * (1 - a),
    "tanh": lambda z, a: 1 - a * a,
    "relu": lambda z, a: 1.0 if z > 0 else 0.0,
    "identity": lambda z, a: 1.0,
}
LOSS_GRADIENTS = {
    "mse": lambda a, y: a - y,
    "bce": lambda a, y: (a - y) / (a * (1 - a)),
}


def backward(net, z, a, y):
    L = net.depth
    grad_W = [np.zeros_like(W) for W in net.weights]
    grad_b = [np.zeros_like(b) for b in net.biases]
    upstream = [LOSS_GRADIENTS[net.loss](float(a[L][j]), float(y[j])) for j in range(net.sizes[L])]
    for l in range(L, 0, -1):
        slope = SLOPES[net.activations[l - 1]]
        delta = [upstream[j] * slope(float(z[l][j]), float(a[l][j])) for j in range(net.sizes[l])]
        for j in range(net.sizes[l]):
            grad_b[l - 1][j] = delta[j]
            for k in range(net.sizes[l - 1]):
                grad_W[l - 1][j, k] = delta[j] * float(a[l - 1][k])
        upstream = [sum(float(net.weights[l - 1][j, k]) * delta[j] for j in range(net.sizes[l]))
                    for k in range(net.sizes[l - 1])]
    return grad_W, grad_b
