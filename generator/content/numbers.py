"""The one place numbers become text.

Rounding policy (stated once on the site): every value is computed in double precision and
only rounded for display, to the example's significant digits, round-half-to-even on the exact
binary value, trailing zeros dropped. Values from 0.0001 up to (but not including) 1,000,000 are
written as plain decimals; smaller or larger ones in scientific notation.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

PLAIN_LOW = Decimal("1e-4")
PLAIN_HIGH = Decimal("1e6")
MINUS = "\u2212"
SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


@dataclass(frozen=True)
class Rounded:
    """A value rounded for display: sign, digits and, for scientific notation, a power of ten."""

    negative: bool
    mantissa: str  # e.g. "0.0192" or, with exponent, "1.39"
    exponent: int | None  # None for plain decimals

    def tex(self) -> str:
        sign = "-" if self.negative else ""
        if self.mantissa == "∞":
            return sign + r"\infty"
        if self.exponent is None:
            return sign + self.mantissa
        return f"{sign}{self.mantissa} \\times 10^{{{self.exponent}}}"

    def text(self) -> str:
        """Plain text with a true minus sign, for the graph and its log."""
        sign = MINUS if self.negative else ""
        if self.exponent is None:
            return sign + self.mantissa
        return f"{sign}{self.mantissa} × 10{str(self.exponent).translate(SUPERSCRIPTS).replace('-', '⁻')}"


def round_value(x: float, digits: int) -> Rounded:
    if math.isnan(x):
        raise ValueError("cannot display NaN")
    if math.isinf(x):
        # Beyond double precision (e.g. dL/da of a saturated sigmoid under cross-entropy).
        return Rounded(x < 0, "∞", None)
    d = Decimal(x)  # exact binary value, so the rounding is correct and not double-rounded
    if d == 0:
        return Rounded(False, "0", None)
    negative = d < 0
    d = abs(d)
    exponent = d.adjusted()  # position of the leading digit
    q = d.quantize(Decimal(1).scaleb(exponent - digits + 1), rounding=ROUND_HALF_EVEN)
    if q.adjusted() != exponent:  # 9.995 -> 10.0 moved the leading digit
        exponent = q.adjusted()
        q = d.quantize(Decimal(1).scaleb(exponent - digits + 1), rounding=ROUND_HALF_EVEN)
    if PLAIN_LOW <= q < PLAIN_HIGH:
        return Rounded(negative, _strip(format(q, "f")), None)
    mantissa = q.scaleb(-exponent)
    return Rounded(negative, _strip(format(mantissa, "f")), exponent)


def _strip(s: str) -> str:
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def tex(x: float, digits: int) -> str:
    return round_value(x, digits).tex()


def tex_factor(x: float, digits: int) -> str:
    """A value as a factor or summand inside a formula: negatives in parentheses."""
    r = round_value(x, digits)
    return f"({r.tex()})" if r.negative or r.exponent is not None else r.tex()


def text(x: float, digits: int) -> str:
    return round_value(x, digits).text()


def text_factor(x: float, digits: int) -> str:
    r = round_value(x, digits)
    return f"({r.text()})" if r.negative or r.exponent is not None else r.text()


def exponent_text(e: int) -> str:
    """A power of ten's exponent as plain text with a true minus sign, for a chart's tick."""
    return str(e).replace("-", MINUS)


def count_tex(n: int) -> str:
    """A count of operations or passes, exact (it is not a measurement, so it is not rounded),
    with its digits grouped in threes by thin spaces: 1\\,998\\,002\\,000."""
    return f"{int(n):,}".replace(",", "\\,")


def count_text(n: int) -> str:
    """The same in plain text, grouped by narrow no-break spaces."""
    return f"{int(n):,}".replace(",", "\u202f")


def tex_matrix(rows, digits):
    """A matrix of rounded values, as a TeX bmatrix."""
    body = r" \\ ".join(" & ".join(tex(v, digits) for v in row) for row in rows)
    return rf"\begin{{bmatrix}} {body} \end{{bmatrix}}"


def tex_vector(values, digits):
    """A column vector."""
    return tex_matrix([[v] for v in values], digits)


POLICY = (
    "Every value is computed in double precision and rounded only for display, to the "
    "example's significant digits (round half to even, on the exact binary value), with "
    "trailing zeros dropped. Values of magnitude from 0.0001 to below 1,000,000 are written as "
    "plain decimals, smaller or larger ones in scientific notation."
)


MISSING = "—"  # a value that cannot be computed, or is meaningless (0/0)


class Formatter:
    """Every way a page writes a number, at one example's significant digits."""

    def __init__(self, digits: int):
        self.digits = digits

    def rounded(self, v) -> Rounded:
        return round_value(float(v), self.digits)

    def tex(self, v) -> str:
        return tex(float(v), self.digits)

    def text(self, v) -> str:
        return text(float(v), self.digits)

    def tex_factor(self, v) -> str:
        return tex_factor(float(v), self.digits)

    def text_factor(self, v) -> str:
        return text_factor(float(v), self.digits)

    def missing(self, v) -> str:
        """The value in TeX, or MISSING where there is none or it is not a finite number."""
        return MISSING if v is None or not math.isfinite(float(v)) else self.tex(v)

    def matrix(self, rows) -> str:
        return tex_matrix(rows, self.digits)

    def vector(self, values) -> str:
        return tex_vector(values, self.digits)

    count_tex = staticmethod(count_tex)
    count_text = staticmethod(count_text)
