"""Sums rounded once, exact products, and exp, expm1, tanh, log, log1p and softplus from basic
operations: right against exact rational and decimal arithmetic, and the same to the bit in
the page's JavaScript (backprop-elementary.js)."""
from __future__ import annotations

import math
import random
from decimal import Decimal, localcontext
from fractions import Fraction

import pytest

from generator.maths import elementary
from tests import js_ports

# The largest error allowed, in units in the last place of the exact result.
BOUNDS = {"exp": 1.0, "expm1": 1.0, "log": 1.0, "log1p": 1.0, "tanh": 1.5, "softplus": 1.5}


def exact(name: str, x: float) -> Decimal:
    """The function's value to 60 digits, by Python's decimal module (no shared code)."""
    with localcontext() as ctx:
        ctx.prec = 60
        d = Decimal(x)
        if name == "exp":
            return d.exp()
        if name == "expm1":
            return d.exp() - 1 if abs(d) > Decimal("1e-5") else d + d * d / 2 + d**3 / 6 + d**4 / 24
        if name == "log":
            return d.ln()
        if name == "log1p":
            return (1 + d).ln() if abs(d) > Decimal("1e-5") else d - d * d / 2 + d**3 / 3 - d**4 / 4
        if name == "tanh":
            e = (-2 * abs(d)).exp()
            return (1 - e) / (1 + e) * (1 if d > 0 else -1)
        if name == "softplus":
            if d < -40:
                e = d.exp()
                return e - e * e / 2
            return (1 + d.exp()).ln()
    raise ValueError(name)


def ulps(got: float, value: Decimal) -> float:
    nearest = float(value)
    unit = math.ulp(nearest) if nearest != 0 else 5e-324
    return float(abs(Fraction(got) - Fraction(value)) / Fraction(unit))


def arguments(name: str, rng, count: int) -> list[float]:
    draws = {
        "exp": lambda: rng.choice([-rng.random() * 745, rng.uniform(-2, 2), rng.random() * 709,
                                   rng.uniform(-1, 1) * 10 ** rng.uniform(-20, 0)]),
        "expm1": lambda: rng.choice([-rng.random() * 40, rng.uniform(-2, 2), rng.random() * 709,
                                     rng.uniform(-1, 1) * 10 ** rng.uniform(-20, 0)]),
        "tanh": lambda: rng.choice([-1, 1]) * rng.choice([rng.random() * 3, 10 ** rng.uniform(-20, 1.4)]),
        "log": lambda: rng.choice([rng.random(), 10 ** rng.uniform(-307, 307), 1 + rng.uniform(-1e-3, 1e-3),
                                   rng.random() * 1e-310]),
        "log1p": lambda: rng.choice([math.exp(-rng.random() * 40), -rng.random(), 10 ** rng.uniform(0, 300),
                                     rng.uniform(-1, 1) * 10 ** rng.uniform(-20, 0)]),
        "softplus": lambda: rng.choice([-1, 1]) * rng.choice([rng.random() * 40, 10 ** rng.uniform(-10, 2.8)]),
    }
    return [draws[name]() for _ in range(count)]


@pytest.mark.parametrize("name", sorted(BOUNDS))
def test_error_is_within_its_bound(name):
    f = getattr(elementary, name)
    worst = max((ulps(f(x), exact(name, x)), x) for x in arguments(name, random.Random(name), 4000))
    assert worst[0] < BOUNDS[name], f"{name}({worst[1]!r}) is {worst[0]:.3f} units in the last place off"


def test_special_values():
    inf, nan = math.inf, math.nan
    assert elementary.exp(0.0) == 1.0 and elementary.exp(-inf) == 0.0 and elementary.exp(inf) == inf
    assert elementary.exp(709.78) < inf and elementary.exp(709.8) == inf
    assert elementary.exp(-745.0) == 5e-324 and elementary.exp(-746.0) == 0.0
    assert elementary.expm1(-50.0) == -1.0 and math.copysign(1, elementary.expm1(-0.0)) == -1
    assert elementary.tanh(30.0) == 1.0 and elementary.tanh(-30.0) == -1.0 and elementary.tanh(5e-324) == 5e-324
    assert elementary.log(1.0) == 0.0 and elementary.log(0.0) == -inf and math.isnan(elementary.log(-1.0))
    assert elementary.log(5e-324) == pytest.approx(-744.4400719213812, rel=1e-15)
    assert elementary.log1p(-1.0) == -inf and elementary.log1p(1e-300) == 1e-300
    assert elementary.softplus(0.0) == 0.6931471805599453 and elementary.softplus(800.0) == 800.0
    assert elementary.softplus(-800.0) == 0.0
    for f in (elementary.exp, elementary.expm1, elementary.tanh, elementary.log, elementary.log1p):
        assert math.isnan(f(nan))


def test_constants_are_the_nearest_doubles():
    with localcontext() as ctx:
        ctx.prec = 60
        ln2 = Decimal(2).ln()
        assert elementary.INV_LN2 == float(1 / ln2)
        assert elementary.SQRT_HALF == float(Decimal("0.5").sqrt())
        assert elementary.LN2_LO == float(ln2 - Decimal(elementary.LN2_HI))
    hi = Fraction(elementary.LN2_HI)
    assert (hi * 2**32).denominator == 1 and abs(Fraction(ln2) - hi) < Fraction(1, 2**32)


def test_the_javascript_functions_agree_to_the_bit():
    rng = random.Random(21)
    special = [0.0, -0.0, math.inf, -math.inf, math.nan, 5e-324, -5e-324, 1.0, -1.0, 22.0, -22.0,
               709.782712893384, 709.7827128933841, -745.1332191019411, -745.1332191019412, 2.0**-54]
    batch = {name: special + arguments(name, rng, 15000) + [js_ports.any_double(rng) for _ in range(5000)]
             for name in sorted(BOUNDS)}
    got = js_ports.run("elementary", {name: [js_ports.bits(x) for x in xs] for name, xs in batch.items()})
    for name, xs in batch.items():
        f = getattr(elementary, name)
        differ = [x for x, h in zip(xs, got[name]) if not js_ports.same_double(js_ports.bits(f(x)), h)]
        assert not differ, f"{name} differs in JavaScript for {len(differ)} arguments, e.g. {differ[:3]}"


def hard_sums(rng, count: int) -> list[list[float]]:
    """Sums that a plain left-to-right addition gets wrong: large terms that cancel, leaving
    small ones; ties between two doubles that only the smallest term decides; signed zeros."""
    out = [[], [-0.0], [-0.0, -0.0], [1e-16, 1.0, 1e16], [1.0, 2.0**-53, 2.0**-106], [1.0, 2.0**-53, -(2.0**-106)],
           [1e308, 1e308, -1e308], [math.inf, 1.0], [math.inf, -math.inf], [math.nan, 1.0]]
    while len(out) < count:
        n = rng.randint(1, 25)
        terms = [rng.choice([-1, 1]) * rng.random() * 10 ** rng.randint(-30, 30) for _ in range(n)]
        if rng.random() < 0.5:
            terms += [-t for t in terms[: n // 2]] + [rng.choice([1, -1]) * 2.0 ** rng.randint(-1074, 0)]
        if rng.random() < 0.3:
            base = rng.random()
            terms += [base, math.ulp(base) / 2, rng.choice([1, -1]) * 2.0 ** rng.randint(-1074, -60)]
        rng.shuffle(terms)
        out.append(terms)
    return out


def test_total_is_the_exact_sum_rounded_once():
    for terms in hard_sums(random.Random(3), 3000):
        if all(map(math.isfinite, terms)) and abs(sum(map(Fraction, terms))) < Fraction(2**1023):
            assert elementary.total(terms) == float(sum(map(Fraction, terms), Fraction(0))), terms


def test_two_product_is_exact_above_the_underflow_range():
    rng = random.Random(4)
    for _ in range(5000):
        a = rng.choice([-1, 1]) * rng.random() * 10 ** rng.randint(-140, 140)
        b = rng.choice([-1, 1]) * rng.random() * 10 ** rng.randint(-140, 140)
        p, e = elementary.two_product(a, b)
        if abs(a * b) > 2.0**-960:
            assert Fraction(p) + Fraction(e) == Fraction(a) * Fraction(b) and p == a * b


def test_the_javascript_sums_and_products_agree_to_the_bit():
    rng = random.Random(5)
    sums = hard_sums(rng, 20000)
    got = js_ports.run("sums", [[js_ports.bits(t) for t in terms] for terms in sums])
    differ = [t for t, h in zip(sums, got) if not js_ports.same_double(js_ports.bits(elementary.total(t)), h)]
    assert not differ, f"total differs in JavaScript for {len(differ)} sums, e.g. {differ[:2]}"
    pairs = [(js_ports.any_double(rng), js_ports.any_double(rng)) if i % 2 else
             (rng.uniform(-1, 1) * 10 ** rng.randint(-300, 300), rng.uniform(-1, 1) * 10 ** rng.randint(-10, 10))
             for i in range(20000)]
    got = js_ports.run("products", [[js_ports.bits(a), js_ports.bits(b)] for a, b in pairs])
    for (a, b), (p, e) in zip(pairs, got):
        ours = elementary.two_product(a, b)
        assert js_ports.same_double(js_ports.bits(ours[0]), p) and js_ports.same_double(js_ports.bits(ours[1]), e), (a, b)
