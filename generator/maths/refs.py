"""Where a value sits in a network: a small frozen reference kept on every record, so that no
code has to take an id string apart again. Its string form is the id that the pages, the graph
data and the tests share (x1, y1, W1_1_2, b2_1, z1_1, a1_2, L, dz2_1, dW1_1_2, s1_1)."""
from __future__ import annotations

from dataclasses import dataclass, replace

GIVEN = ("x", "y", "W", "b")  # set by the example: inputs, targets, weights, biases
SETTINGS = ("eta", "h")  # the learning rate (set by the example) and the nudge test's step h
COMPUTED = ("z", "a", "L")  # weighted sums, activations, the loss


@dataclass(frozen=True, order=True)
class Ref:
    kind: str  # one of GIVEN, COMPUTED or SETTINGS
    layer: int = 0  # from 1 for W, b, z, a; 0 for x and y (and the loss)
    j: int = 0  # neuron of `layer` from 1; for x and y, the position
    k: int = 0  # weights only: neuron of layer - 1
    # "" the value itself; "d" the loss's gradient with respect to it; "s" the activation's
    # derivative at this weighted sum; "u" a parameter's update, learning rate times gradient;
    # "n" the loss with this parameter raised by the nudge test's step h.
    role: str = ""
    # In a mini-batch, which sample (from 1) the value belongs to; 0 for the worked sample.
    sample: int = 0

    def __str__(self) -> str:
        return self._id() + (f"@{self.sample}" if self.sample else "")

    def _id(self) -> str:
        if self.role == "s":
            return f"s{self.layer}_{self.j}"
        if self.kind == "L":
            base = "L"
        elif self.kind == "eta":
            base = "learning_rate"
        elif self.kind == "h":
            base = "nudge_step"
        elif self.kind in ("x", "y"):
            base = f"{self.kind}{self.j}"
        elif self.kind == "W":
            base = f"W{self.layer}_{self.j}_{self.k}"
        else:
            base = f"{self.kind}{self.layer}_{self.j}"
        return self.role + base

    @property
    def id(self) -> str:
        return str(self)

    @property
    def node(self) -> Ref:
        """The value this is about: itself, the value a gradient is taken of, or the weighted sum
        an activation's derivative is taken at."""
        return replace(self, role="")

    def of_sample(self, i: int) -> Ref:
        """The same value for sample i of a mini-batch."""
        return replace(self, sample=i)

    @property
    def grad(self) -> Ref:
        return replace(self, role="d")

    @property
    def slope(self) -> Ref:
        return replace(self, role="s")

    @property
    def update(self) -> Ref:
        return replace(self, role="u")

    @property
    def nudged(self) -> Ref:
        return replace(self, role="n")

    @property
    def is_parameter(self) -> bool:
        return self.kind in ("W", "b")


LOSS = Ref("L")
LEARNING_RATE = Ref("eta")
NUDGE_STEP = Ref("h")


def x(k: int) -> Ref:
    return Ref("x", 0, k)


def y(j: int) -> Ref:
    return Ref("y", 0, j)


def W(layer: int, j: int, k: int) -> Ref:
    return Ref("W", layer, j, k)


def b(layer: int, j: int) -> Ref:
    return Ref("b", layer, j)


def z(layer: int, j: int) -> Ref:
    return Ref("z", layer, j)


def a(layer: int, j: int) -> Ref:
    """The activation a_j of `layer`; layer 0's activations are the inputs x."""
    return x(j) if layer == 0 else Ref("a", layer, j)
