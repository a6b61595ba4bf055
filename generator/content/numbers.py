"""The one place numbers become text.

The printing policy (stated once on the site, in POLICY below): every value is computed in
double precision. A value that is only known approximately is rounded for display to a number of
significant digits, half up (away from zero on a tie, as a calculator does) on its exact binary
value, and keeps its trailing zeros, which are significant (0.800). A value that is known exactly,
such as a number the author typed or 0.2·0.5 + 0.1, is written exactly as it is (0.35). Values
from 0.0001 up to (but not including) 1,000,000 are written as plain decimals; smaller or larger
ones in scientific notation.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Context, Decimal

PLAIN_LOW = Decimal("1e-4")
PLAIN_HIGH = Decimal("1e6")
MINUS = "\u2212"
SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


@dataclass(frozen=True)
class Rounded:
    """A value as printed: sign, digits and, for scientific notation, a power of ten; and
    whether the printed number is the value itself (exact) or a rounding of it."""

    negative: bool
    mantissa: str  # e.g. "0.0192", "0.800" or, with an exponent, "1.39"
    exponent: int | None  # None for plain decimals
    exact: bool = False
    digits: int = 1  # significant digits shown (the trailing zeros of 0.800 count; those of 1200 may not)

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
        return f"{sign}{self.mantissa} × 10{str(self.exponent).translate(SUPERSCRIPTS)}"

    def decimal(self) -> Decimal:
        """The number exactly as printed."""
        if self.mantissa == "∞":
            raise ValueError("infinity has no decimal value")
        value = Decimal(self.mantissa).scaleb(self.exponent or 0)
        return -value if self.negative else value

    @property
    def is_factor_safe(self) -> bool:
        """Whether the number can stand after an operator without parentheses."""
        return not self.negative and self.exponent is None


def _written(q: Decimal, negative: bool, exact: bool, digits: int) -> Rounded:
    """A non-negative decimal, already at the digits to show, in plain or scientific form."""
    if q == 0:
        return Rounded(False, "0", None, exact, 1)
    if PLAIN_LOW <= q < PLAIN_HIGH:
        return Rounded(negative, format(q, "f"), None, exact, digits)
    exponent = q.adjusted()
    return Rounded(negative, format(q.scaleb(-exponent), "f"), exponent, exact, digits)


def round_value(x, digits: int) -> Rounded:
    """x (a float or a Decimal) rounded half up to `digits` significant digits, trailing zeros
    kept: a value known only approximately."""
    if not isinstance(x, Decimal):
        if math.isnan(x):
            raise ValueError("cannot display NaN")
        if math.isinf(x):
            # Beyond double precision (e.g. dL/da of a saturated sigmoid under cross-entropy).
            return Rounded(x < 0, "∞", None)
        x = Decimal(x)  # the exact binary value, so the rounding is correct, not double-rounded
    if x == 0:
        return Rounded(False, "0", None, True, 1)
    # copy_abs, not abs(): abs() rounds to the context's precision (28 digits), and the rounding
    # below must see every digit of the exact value.
    negative, d = x < 0, x.copy_abs()
    exponent = d.adjusted()  # position of the leading digit
    q = d.quantize(Decimal(1).scaleb(exponent - digits + 1), rounding=ROUND_HALF_UP)
    if q.adjusted() != exponent:  # 9.9996 -> 10.0 moved the leading digit
        q = d.quantize(Decimal(1).scaleb(q.adjusted() - digits + 1), rounding=ROUND_HALF_UP)
    return _written(q, negative, q == d, digits)


def _normalized(x: Decimal) -> Decimal:
    """x without trailing zeros, never rounded: normalize() rounds to the context's precision
    (28 digits by default), and an exact value may have up to 40."""
    return x.normalize(Context(prec=max(len(x.as_tuple().digits), 1), Emax=MAX_EMAX, Emin=MIN_EMIN))


def significant_digits(x: Decimal) -> int:
    """How many significant digits an exact decimal needs (0.35: 2; 120: 2; 0: 1)."""
    return len(_normalized(x).as_tuple().digits) if x != 0 else 1


def exact_value(x) -> Rounded:
    """x written exactly: a Decimal as it is, a float with the shortest digits that give it back
    (the digits the author typed, for a value read from an example file)."""
    d = x if isinstance(x, Decimal) else Decimal(repr(float(x)))
    if isinstance(x, float) and not math.isfinite(x):
        return round_value(x, 1)
    d = _normalized(d)
    return _written(d.copy_abs(), d < 0, True, significant_digits(d)) if d != 0 else Rounded(False, "0", None, True, 1)


def fit(x: Decimal, digits: int) -> Rounded:
    """An exactly known value: written exactly when it has at most `digits` significant digits,
    otherwise rounded to `digits`."""
    return exact_value(x) if significant_digits(x) <= digits else round_value(x, digits)


def tex(x: float, digits: int) -> str:
    return round_value(x, digits).tex()


def tex_factor(x: float, digits: int) -> str:
    """A value as a factor or summand inside a formula: negatives in parentheses."""
    return factor_tex(round_value(x, digits))


def factor_tex(r: Rounded) -> str:
    return r.tex() if r.is_factor_safe else f"({r.tex()})"


def factor_text(r: Rounded) -> str:
    return r.text() if r.is_factor_safe else f"({r.text()})"


def text(x: float, digits: int) -> str:
    return round_value(x, digits).text()


def text_factor(x: float, digits: int) -> str:
    return factor_text(round_value(x, digits))


def exponent_text(e: int) -> str:
    """A power of ten's exponent as plain text with a true minus sign, for a chart's tick."""
    return str(e).replace("-", MINUS)


# A number as Rounded.tex() or count_tex() writes it: sign, digits (grouped by \, in a count) or
# \infty, and a power of ten.
_TEX_NUMBER = re.compile(r"(-?)(\d(?:[\d.]|\\,)*|\\infty)(?: \\times 10\^\{(-?\d+)\})?")


def text_of_tex(tex: str) -> str:
    """A number written by Rounded.tex() or count_tex(), written as Rounded.text() and
    count_text() write it: for a table cell, where a column of numbers reads as text and costs
    the page a few bytes instead of a typeset formula. Anything else is refused."""
    tex = tex.strip()
    # Templates brace a number, {...}, so that TeX keeps it on one line.
    if tex.startswith("{") and tex.endswith("}"):
        tex = tex[1:-1]
    m = _TEX_NUMBER.fullmatch(tex)
    if not m:
        raise ValueError(f"not a number as the formatter writes one: {tex!r}")
    sign, digits, exponent = m.groups()
    out = (MINUS if sign else "") + ("∞" if digits == r"\infty" else digits.replace(r"\,", "\u202f"))
    return out if exponent is None else f"{out} × 10{exponent.translate(SUPERSCRIPTS)}"


def count_tex(n: int) -> str:
    """A count of operations or passes, exact (it is not a measurement, so it is not rounded),
    with its digits grouped in threes by thin spaces: 1\\,998\\,002\\,000."""
    return f"{int(n):,}".replace(",", "\\,")


def count_text(n: int) -> str:
    """The same in plain text, grouped by narrow no-break spaces."""
    return f"{int(n):,}".replace(",", "\u202f")


def tex_matrix(rows, digits, write=None):
    """A matrix as a TeX bmatrix; its entries rounded to `digits`, or written by `write`."""
    write = write or (lambda v: tex(v, digits))
    body = r" \\ ".join(" & ".join(write(v) for v in row) for row in rows)
    return rf"\begin{{bmatrix}} {body} \end{{bmatrix}}"


def tex_vector(values, digits, write=None):
    """A column vector."""
    return tex_matrix([[v] for v in values], digits, write)




MISSING = "—"  # a value that cannot be computed, or is meaningless (0/0)


class Formatter:
    """Every way a page writes a number, at one example's significant digits."""

    def __init__(self, digits: int):
        self.digits = digits

    def rounded(self, v) -> Rounded:
        return round_value(v if isinstance(v, Decimal) else float(v), self.digits)

    def tex(self, v) -> str:
        return self.rounded(v).tex()

    def text(self, v) -> str:
        return self.rounded(v).text()

    def tex_factor(self, v) -> str:
        return factor_tex(self.rounded(v))

    def text_factor(self, v) -> str:
        return factor_text(self.rounded(v))

    @staticmethod
    def given(v) -> Rounded:
        """A number the author gave (or a constant of the site), exactly as typed."""
        return exact_value(float(v))

    def given_tex(self, v) -> str:
        return self.given(v).tex()

    def given_text(self, v) -> str:
        return self.given(v).text()

    def missing(self, v) -> str:
        """The value in TeX, or MISSING where there is none or it is not a finite number."""
        return MISSING if v is None or not math.isfinite(float(v)) else self.tex(v)

    def matrix(self, rows, given: bool = False) -> str:
        return tex_matrix(rows, self.digits, self.given_tex if given else None)

    def vector(self, values, given: bool = False) -> str:
        return tex_vector(values, self.digits, self.given_tex if given else None)

    count_tex = staticmethod(count_tex)
    count_text = staticmethod(count_text)
