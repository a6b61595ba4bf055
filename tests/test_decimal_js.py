"""The page's decimal arithmetic (backprop-decimal.js, backprop-decimal-elementary.js) gives
what Python's decimal module gives, at the precisions the printed lines use: every sum,
product, quotient and square rounded half to even, ties included; e^x, ln x, the sigmoid and
tanh correctly rounded, near 0 and 1, at the edges of the exponent range, and where an
exponential overflows; and the same flag for whether anything was rounded."""
from __future__ import annotations

import random
from decimal import Decimal, Inexact, Overflow, localcontext

from generator.maths.activations import ACTIVATIONS
from tests import js_ports

PYTHON = {
    "add": lambda a, b: a + b,
    "subtract": lambda a, b: a - b,
    "multiply": lambda a, b: a * b,
    "divide": lambda a, b: a / b,
    "square": lambda a: a ** 2,
    "exp": lambda a: a.exp(),
    "ln": lambda a: a.ln(),
    "sigmoid": ACTIVATIONS["sigmoid"].call.exact,
    "tanh": ACTIVATIONS["tanh"].call.exact,
}


def python_side(name: str, args: list[str], precision: int):
    with localcontext() as ctx:
        ctx.prec = precision
        ctx.clear_flags()
        try:
            value = PYTHON[name](*map(Decimal, args))
        except Overflow:
            value = None
        return value, bool(ctx.flags[Inexact])


def number(rng, digits: int, low: int, high: int) -> str:
    """A decimal of `digits` significant digits and a power of ten from low to high."""
    coefficient = rng.choice([-1, 1]) * rng.randint(10 ** (digits - 1), 10**digits - 1)
    return f"{coefficient}E{rng.randint(low, high) - digits + 1}"


def tie(rng, precision: int) -> str:
    """A value exactly halfway between two of `precision` digits, as an exact product or sum
    would give it."""
    return f"{rng.randint(10**precision, 10 ** (precision + 1) - 1) // 10 * 10 + 5}E{rng.randint(-80, 20)}"


def arithmetic_cases(rng, precision: int) -> list:
    cases = []
    for _ in range(3000):
        a, b = number(rng, rng.randint(1, 70), -40, 40), number(rng, rng.randint(1, 70), -40, 40)
        far = number(rng, rng.randint(1, 17), -400, 400)
        cases += [("add", [a, b]), ("subtract", [a, far]), ("add", [far, b]), ("multiply", [a, b]),
                  ("divide", [a, b]), ("square", [a]), ("add", [tie(rng, precision), "0"]),
                  ("multiply", [tie(rng, precision), "1"]), ("divide", [tie(rng, precision), rng.choice(["1", "-1", "10"])])]
        # 1 - 10^-k and 10^k + 1 across the rounding position.
        k = rng.randint(precision - 3, precision + 3)
        cases += [("subtract", ["1", f"1E-{k}"]), ("add", [f"1E{k}", "1"]), ("add", [f"5E{k}", "-0.5"])]
    return [(name, args, precision) for name, args in cases]


def function_cases(rng, precision: int) -> list:
    cases = []
    for _ in range(1500):
        x = number(rng, rng.randint(1, 17), -30, 6)
        positive = number(rng, rng.randint(1, 17), -320, 308).lstrip("-")
        with localcontext() as ctx:
            ctx.prec = 60  # 1 - a as a line computes it, a argument of ln
            near_one = str(1 + Decimal(number(rng, rng.randint(1, 15), -70, -1)))
        long = number(rng, 60, -3, 3).lstrip("-")
        cases += [("exp", [x]), ("sigmoid", [x]), ("tanh", [x]), ("ln", [positive]), ("ln", [near_one]), ("ln", [long])]
    for edge in ["2302585", "2302585.09", "2302586", "-2302586", "-2302590", "-2302650", "-3000000", "1E7", "-1E7",
                 "1E-61", "-1E-61", "1E-63", "-1E-63", "1151292.5", "1151293.5", "0", "-0"]:
        cases += [("exp", [edge]), ("sigmoid", [edge]), ("tanh", [edge])]
    cases += [("ln", [v]) for v in ["1", "1.000", "0.5", "2", "10", "1E-320", "5E-324", "1.7976931348623157E308"]]
    return [(name, args, precision) for name, args in cases]


def differences(cases) -> list:
    got = js_ports.run("decimal", cases)
    out = []
    for (name, args, precision), (value, inexact) in zip(cases, got):
        expected, flagged = python_side(name, args, precision)
        mine = None if value is None else Decimal(value)
        if (expected is None) != (mine is None) or (mine is not None and mine != expected) or inexact != flagged:
            out.append((name, args, precision, str(expected), flagged, value, inexact))
    return out


def test_arithmetic_rounds_as_python_decimal_does():
    rng = random.Random(60)
    cases = arithmetic_cases(rng, 60) + arithmetic_cases(rng, 40) + arithmetic_cases(rng, 28)
    wrong = differences(cases)
    assert not wrong, f"{len(wrong)} of {len(cases)} differ; first: {wrong[:3]}"


def test_exp_ln_sigmoid_and_tanh_are_correctly_rounded_as_in_python():
    rng = random.Random(61)
    cases = function_cases(rng, 60)
    wrong = differences(cases)
    assert not wrong, f"{len(wrong)} of {len(cases)} differ; first: {wrong[:3]}"


def test_the_ties_are_ties():
    rng = random.Random(1)
    with localcontext() as ctx:
        ctx.prec = 60
        for _ in range(100):
            t = Decimal(tie(rng, 60))
            assert len(t.as_tuple().digits) == 61 and t.as_tuple().digits[-1] == 5
            assert +t != t
