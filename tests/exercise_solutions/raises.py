"""A backward pass that fails on its first line."""


def backward(net, z, a, y):
    return 1 / 0
