"""The page's number formatter (backprop-numbers.js) prints every value exactly as
generator/numbers.py does: random doubles of every magnitude, values exactly halfway between
two roundings (where only the exact binary value decides) and their neighbours, digits 1 to 12."""
from __future__ import annotations

import math
import random
from decimal import Decimal

from generator.content import numbers
from tests import js_ports

CASES = 120_000


printed, any_double = js_ports.printed, js_ports.any_double


def halfway(rng) -> tuple[float, int]:
    """A double whose exact binary value ends in a 5 just after `digits` significant digits,
    so that rounding it is a tie: a/2^j (0.375 at two digits) or an integer such as 125000."""
    while True:
        if rng.random() < 0.5:
            x = rng.randrange(1, 2**20, 2) / 2 ** rng.randint(1, 14) * 2.0 ** rng.randint(-10, 0)
        else:
            x = float(f"{rng.randint(1, 10**rng.randint(1, 12))}5" + "0" * rng.randint(0, 3))
        shown = format(Decimal(x), "f").rstrip("0").rstrip(".").replace(".", "").lstrip("0")
        if 2 <= len(shown) <= 13 and shown.endswith("5") and x < 2**53:
            return rng.choice([-1, 1]) * x, len(shown) - 1


def near(rng) -> float:
    """Decimals ending in 5 that no double holds exactly (1.005, 0.15): the nearest double lies
    just above or below the tie, and only its exact value tells which way it rounds."""
    digits = str(rng.randint(1, 10 ** rng.randint(1, 12)))
    return rng.choice([-1, 1]) * float(f"{digits}5e{rng.randint(-12, 8)}")


def boundaries() -> list[float]:
    """Where the notation changes and where rounding carries into a new leading digit."""
    values = [0.0, -0.0, math.inf, -math.inf, math.nan, 5e-324, -5e-324, 2.2250738585072014e-308,
              1.7976931348623157e308, 0.0001, 999999.5, 999999.4999999999, 9.9995, 99999.95, 0.99995]
    for k in range(-12, 13):
        p = 10.0**k
        values += [p, math.nextafter(p, 0), math.nextafter(p, math.inf), 9.5 * p, 9.999999999995 * p]
    return values


def cases(seed: int = 13) -> list[tuple[float, int]]:
    rng = random.Random(seed)
    out = [(x, d) for x in boundaries() for d in range(1, 13)]
    while len(out) < CASES:
        pick = rng.random()
        if pick < 0.25:
            out.append((any_double(rng), rng.randint(1, 12)))
        elif pick < 0.5:
            out.append((rng.choice([-1, 1]) * 10 ** rng.uniform(-9, 9) * rng.random(), rng.randint(1, 12)))
        elif pick < 0.75:
            x, digits = halfway(rng)
            out.append((x, digits))
            out.append((math.nextafter(x, math.inf), digits))
            out.append((math.nextafter(x, -math.inf), digits))
        else:
            out.append((near(rng), rng.randint(1, 12)))
    return out


def test_halfway_cases_are_ties_and_the_python_formatter_rounds_them_up():
    # The generator of ties is itself checked: 0.125 at two digits and 2.5 at one are ties, and
    # a tie goes away from zero.
    assert printed(0.125, 2)[0] == "0.13" and printed(0.375, 2)[0] == "0.38"
    assert printed(2.5, 1)[0] == "3" and printed(-2.5, 1)[0] == "-3" and printed(125000.0, 2)[0] == "130000"
    rng = random.Random(1)
    for _ in range(200):
        x, digits = halfway(rng)
        shown = Decimal(abs(x)).normalize().as_tuple().digits
        assert shown[-1] == 5 and len(shown) == digits + 1


def test_every_double_prints_as_the_build_prints_it():
    batch = cases()
    assert len(batch) >= 100_000
    got = js_ports.run("numbers", [[js_ports.bits(x), d] for x, d in batch])
    mismatches = [(x, d, printed(x, d), g) for (x, d), g in zip(batch, got) if printed(x, d) != g]
    assert not mismatches, f"{len(mismatches)} of {len(batch)} differ; first: {mismatches[:5]}"


def test_given_numbers_print_as_typed_as_the_build_prints_them():
    rng = random.Random(7)
    values = [0.35, 0.8, -0.22, 1e-05, 1e6, 123456.0, 2.0, 0.1 + 0.2, 5e-324, 1.7976931348623157e308, 0.0, -0.0]
    values += [round(rng.uniform(-5, 5), rng.randint(0, 6)) for _ in range(2000)]
    values += [rng.choice([-1, 1]) * 10 ** rng.uniform(-12, 12) for _ in range(2000)]
    got = js_ports.run("given", [js_ports.bits(x) for x in values])
    expected = [[numbers.exact_value(x).tex(), numbers.exact_value(x).text()] for x in values]
    mismatches = [(x, e, g) for x, e, g in zip(values, expected, got) if e != g]
    assert not mismatches, f"{len(mismatches)} differ; first: {mismatches[:5]}"


def test_counts_are_grouped_as_the_build_groups_them():
    counts = [0, 7, 999, 1000, 65536, 1_998_002_000, 10**18 + 1, 2**70, -1234]
    got = js_ports.run("counts", [str(n) for n in counts])
    assert got == [[numbers.count_tex(n), numbers.count_text(n)] for n in counts]
