"""The one formatter's other forms, by hand: counts grouped in threes, exponents with a true
minus, numbers written exactly as given, matrices and vectors, a missing value, and how many
significant digits an exact number has."""
from __future__ import annotations

from decimal import Decimal

import pytest

from generator.content import numbers
from generator.content.numbers import Formatter, Rounded


def test_counts_and_exponents():
    assert numbers.count_tex(1998002000) == r"1\,998\,002\,000"
    assert numbers.count_text(1234567) == "1\u202f234\u202f567"
    assert numbers.exponent_text(-7) == "−7" and numbers.exponent_text(12) == "12"


@pytest.mark.parametrize("x, written", [
    (0.35, Rounded(False, "0.35", None, True, 2)),
    (-1200.0, Rounded(True, "1200", None, True, 2)),
    (0.0, Rounded(False, "0", None, True, 1)),
    (Decimal("0.0"), Rounded(False, "0", None, True, 1)),
    # More digits than a float keeps: a Decimal is written as it is.
    (Decimal("0.12345678901234567890123"), Rounded(False, "0.12345678901234567890123", None, True, 23)),
    (float("inf"), Rounded(False, "∞", None)),
])
def test_a_given_number_is_written_exactly(x, written):
    assert numbers.exact_value(x) == written


@pytest.mark.parametrize("x, digits", [("0.35", 2), ("120", 2), ("0", 1), ("1", 1), ("-0.0012345", 5)])
def test_significant_digits_of_an_exact_number(x, digits):
    assert numbers.significant_digits(Decimal(x)) == digits


def test_matrices_and_vectors_rounded_or_as_given():
    f = Formatter(3)
    assert f.matrix([[0.5, -0.25], [1.0, 2.0]]) == r"\begin{bmatrix} 0.500 & -0.250 \\ 1.00 & 2.00 \end{bmatrix}"
    assert f.matrix([[0.5, -0.25]], given=True) == r"\begin{bmatrix} 0.5 & -0.25 \end{bmatrix}"
    assert f.vector([0.5, 2.0]) == r"\begin{bmatrix} 0.500 \\ 2.00 \end{bmatrix}"
    assert f.vector([0.5, 2.0], given=True) == r"\begin{bmatrix} 0.5 \\ 2 \end{bmatrix}"
    assert numbers.tex_vector([0.125], 2) == r"\begin{bmatrix} 0.13 \end{bmatrix}"


def test_a_missing_value_and_a_decimal_rounded_as_it_is():
    f = Formatter(3)
    assert f.missing(None) == f.missing(float("nan")) == f.missing(float("inf")) == numbers.MISSING
    assert f.missing(0.5) == "0.500"
    # Half up from the Decimal's own digits; as a float it would fall just below the half.
    assert f.rounded(Decimal("0.12350000000000000001")).text() == "0.124"
