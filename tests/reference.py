"""A second, independent implementation of the worked example, for the tests.

Scalar reverse-mode differentiation in the style of micrograd: every value is a node that knows
its inputs and local derivatives, and the gradient is accumulated by walking the graph in
reverse topological order. It shares no code with the generator: a bug in one is unlikely to
be repeated in the other. Its functions come from `math` (double precision) or, given
`m=mpmath.mp`, from mpmath at whatever precision is set there.
"""
from __future__ import annotations

import math


class Value:
    def __init__(self, data, parents=()):
        self.data = data
        self.grad = 0.0
        self.parents = parents  # (node, local derivative) pairs

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data + other.data, ((self, 1.0), (other, 1.0)))

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data * other.data, ((self, other.data), (other, self.data)))

    def backward(self):
        order, seen = [], set()

        def visit(v):
            if id(v) not in seen:
                seen.add(id(v))
                for p, _ in v.parents:
                    visit(p)
                order.append(v)

        visit(self)
        self.grad = 1.0
        for v in reversed(order):
            for p, local in v.parents:
                p.grad += local * v.grad


def activation(name, z: Value, m=math) -> tuple[Value, float]:
    """f(z) as a node, and f'(z) as a number."""
    t = z.data
    if name == "sigmoid":
        s = 1 / (1 + m.exp(-t)) if t >= 0 else m.exp(t) / (1 + m.exp(t))
        d = s * (1 - s)
    elif name == "tanh":
        s = m.tanh(t)
        d = 1 - s * s
    elif name == "relu":
        s, d = max(t, 0.0), (1.0 if t > 0 else 0.0)
    elif name == "identity":
        s, d = t, 1.0
    else:
        raise ValueError(name)
    return Value(s, ((z, d),)), d


def loss(name, a: list[Value], y: list[float], m=math) -> Value:
    if name == "mse":
        total = 0.0
        parents = []
        for aj, yj in zip(a, y):
            total += 0.5 * (aj.data - yj) ** 2
            parents.append((aj, aj.data - yj))
        return Value(total, tuple(parents))
    if name == "bce":
        total = 0.0
        parents = []
        for aj, yj in zip(a, y):
            total += -(yj * m.log(aj.data) + (1 - yj) * m.log(1 - aj.data))
            parents.append((aj, -(yj / aj.data) + (1 - yj) / (1 - aj.data)))
        return Value(total, tuple(parents))
    raise ValueError(name)


def worked_values(sizes, activations, loss_name, W, b, x, y, m=math) -> dict[str, float]:
    """Every quantity of the worked example by id (the ids the pages use):
    z<l>_<j>, a<l>_<j>, L, s<l>_<j> (f' at z), da<l>_<j>, dz<l>_<j>, dW<l>_<j>_<k>, db<l>_<j>,
    and dx<k> for the inputs."""
    out: dict[str, float] = {}
    num = float if m is math else m.mpf
    Wv = [[[Value(num(w)) for w in row] for row in layer] for layer in W]
    bv = [[Value(num(v)) for v in layer] for layer in b]
    inputs = a_prev = [Value(num(v)) for v in x]
    y = [num(v) for v in y]
    zs, acts, derivs = [], [], []
    for l in range(1, len(sizes)):
        z_layer, a_layer, d_layer = [], [], []
        for j in range(sizes[l]):
            z = bv[l - 1][j]
            for k in range(sizes[l - 1]):
                z = Wv[l - 1][j][k] * a_prev[k] + z
            a, d = activation(activations[l - 1], z, m)
            z_layer.append(z), a_layer.append(a), d_layer.append(d)
        zs.append(z_layer), acts.append(a_layer), derivs.append(d_layer)
        a_prev = a_layer
    L = loss(loss_name, acts[-1], y, m)
    L.backward()
    out["L"] = L.data
    for k, v in enumerate(inputs, start=1):
        out[f"dx{k}"] = v.grad
    for l in range(1, len(sizes)):
        for j in range(sizes[l]):
            out[f"z{l}_{j+1}"] = zs[l - 1][j].data
            out[f"a{l}_{j+1}"] = acts[l - 1][j].data
            out[f"s{l}_{j+1}"] = derivs[l - 1][j]
            out[f"dz{l}_{j+1}"] = zs[l - 1][j].grad
            out[f"da{l}_{j+1}"] = acts[l - 1][j].grad
            out[f"db{l}_{j+1}"] = bv[l - 1][j].grad
            for k in range(sizes[l - 1]):
                out[f"dW{l}_{j+1}_{k+1}"] = Wv[l - 1][j][k].grad
    return out


def for_example(ex) -> dict[str, float]:
    net = ex.network
    return worked_values(net.sizes, net.activations, net.loss,
                         [w.tolist() for w in net.weights], [v.tolist() for v in net.biases],
                         ex.x.tolist(), ex.y.tolist())
