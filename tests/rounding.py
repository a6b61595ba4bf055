"""What "correctly rounded" means, checked independently of the generator's formatter."""
from __future__ import annotations

import math
import re
from fractions import Fraction

NUMBER = re.compile(r"^\(?([-\u2212]?)(\d+(?:\.\d+)?)(?:\s*(?:\\times|×)\s*10\^?\{?([-\u2212\u207b]?[\d⁰¹²³⁴⁵⁶⁷⁸⁹]+)\}?)?\)?$")
SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻\u2212", "0123456789--")


def parse_shown(s: str) -> tuple[Fraction, int]:
    """A number as shown (TeX or text, true or ASCII minus, plain or scientific):
    its exact decimal value and its count of significant digits."""
    m = NUMBER.match(s.strip())
    if not m:
        raise ValueError(f"not a number as the site shows them: {s!r}")
    sign, digits, exponent = m.groups()
    value = Fraction(digits) * (-1 if sign else 1)
    if exponent:
        value *= Fraction(10) ** int(exponent.translate(SUPERSCRIPT))
    # Trailing zeros of a whole number only hold places ("123000" has three significant digits).
    kept = digits.replace(".", "").lstrip("0") if "." in digits else digits.lstrip("0").rstrip("0")
    significant = len(kept) or 1
    return value, significant


def is_correctly_rounded(shown: str, exact: float, digits: int) -> bool:
    """True when `shown` has at most `digits` significant digits and is the exact value
    rounded to `digits` significant digits (within half a unit in that last place)."""
    value, significant = parse_shown(shown)
    if significant > digits:
        return False
    x = Fraction(exact)
    if x == 0:
        return value == 0
    # Half a unit in the place of the last significant digit when `digits` are kept. The
    # expected value is a double, a few units in its last place from the exact value: an exact
    # tie (0.27335 to four digits, from exact decimal inputs) may land on either side of it.
    half_unit = Fraction(10) ** (decimal_exponent(x) - digits + 1) / 2
    return abs(value - x) <= half_unit + abs(x) * Fraction(1, 10 ** 15)


def decimal_exponent(x: Fraction) -> int:
    """The power of ten of the leading digit of x, exactly (0 for 0)."""
    x = abs(Fraction(x))
    if x == 0:
        return 0
    # An estimate from the lengths in bits, off by at most one or two, then made exact.
    e = math.floor((x.numerator.bit_length() - x.denominator.bit_length()) * math.log10(2))
    while x < _power_of_ten(e):
        e -= 1
    while x >= _power_of_ten(e + 1):
        e += 1
    return e


def is_correctly_rounded_as_shown(shown: str, exact: float, at_least: int) -> bool:
    """True when `shown` is the exact value correctly rounded to the digits it shows, and shows
    at least `at_least` of them (more are guard digits) unless it is the value exactly."""
    value, significant = parse_shown(shown)
    typed = Fraction(repr(exact)) if isinstance(exact, float) else Fraction(exact)
    if value in (Fraction(exact), typed):
        return True
    return significant >= at_least and is_correctly_rounded(shown, exact, significant)


def _power_of_ten(e: int) -> Fraction:
    return Fraction(10) ** e


def shows_given(shown: str, given, digits: int) -> bool:
    """A number the author gave is shown exactly as written (a float stands for the shortest
    decimal that reads back as it), or rounded to the example's `digits`: never with more
    digits than either."""
    written = Fraction(repr(given)) if isinstance(given, float) else Fraction(given)
    return parse_shown(shown)[0] == written or is_correctly_rounded(shown, float(given), digits)
