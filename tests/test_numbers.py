"""The one number formatter: correct rounding, scientific notation, the minus sign."""
from __future__ import annotations

import random
from decimal import Decimal

import pytest

from generator.content import numbers
from tests.rounding import is_correctly_rounded


@pytest.mark.parametrize("value,digits,tex", [
    (0.35, 3, "0.350"),  # a computed value is approximate: its trailing zero is significant
    (0.7073895240853083, 3, "0.707"),
    (-0.019182, 3, "-0.0192"),
    (0.004288350124572849, 3, "0.00429"),
    (-0.000837, 3, "-0.000837"),
    (0.0001, 3, "0.000100"),
    (0.00001234, 3, r"1.23 \times 10^{-5}"),
    (123456.0, 3, "123000"),
    (1234567.0, 3, r"1.23 \times 10^{6}"),
    (9.9996, 3, "10.0"),  # rounding carries into a new leading digit
    (0.0, 3, "0"),
    (2.5, 1, "3"),  # half up, as a calculator rounds
    (0.125, 2, "0.13"),  # 0.125 is exact in binary: a true tie, rounded up
    (1.005, 3, "1.00"),  # the double nearest 1.005 lies below it
    (-2.5, 1, "-3"),  # a tie rounds away from zero
    (-1e-300, 2, r"-1.0 \times 10^{-300}"),
])
def test_tex_by_hand(value, digits, tex):
    assert numbers.tex(value, digits) == tex


@pytest.mark.parametrize("value,tex", [
    (0.35, "0.35"), (0.8, "0.8"), (-0.22, "-0.22"), (1e-05, r"1 \times 10^{-5}"), (1000000.0, r"1 \times 10^{6}"),
    (123456.0, "123456"), (0.0, "0"), (2.0, "2"),
])
def test_given_values_show_as_typed(value, tex):
    assert numbers.exact_value(value).tex() == tex
    assert numbers.exact_value(value).exact


def test_an_exact_value_is_written_exactly_when_it_is_short_enough():
    assert numbers.fit(Decimal("0.35"), 3).tex() == "0.35"
    assert numbers.fit(Decimal("0.35"), 3).exact
    assert numbers.fit(Decimal("0.123456"), 3).tex() == "0.123"
    assert not numbers.fit(Decimal("0.123456"), 3).exact
    assert numbers.fit(Decimal("0.1235"), 3).tex() == "0.124"  # the exact tie rounds up
    assert numbers.fit(Decimal("-120"), 2).tex() == "-120"


def test_an_exact_value_longer_than_the_default_precision_keeps_every_digit():
    # 10^12 + 10^-20 has 33 digits, more than the 28 of decimal's default context: it is not
    # 10^12, so it is rounded, not written as an exact 1 × 10^12.
    x = Decimal("1000000000000.00000000000000000001")
    assert numbers.significant_digits(x) == 33
    assert numbers.fit(x, 3).tex() == r"1.00 \times 10^{12}" and not numbers.fit(x, 3).exact
    assert not numbers.round_value(x.copy_negate(), 12).exact


def test_text_uses_a_true_minus_and_superscript_exponents():
    assert numbers.text(-0.0192, 3) == "\u22120.0192"
    assert numbers.text(-1.5e-7, 2) == "\u22121.5 × 10⁻⁷"


def test_factors_are_parenthesised_when_negative_or_scientific():
    assert numbers.tex_factor(-0.5, 3) == "(-0.500)"
    assert numbers.tex_factor(0.5, 3) == "0.500"
    assert numbers.tex_factor(2e-9, 3) == r"(2.00 \times 10^{-9})"


def test_random_values_are_correctly_rounded():
    rng = random.Random(4)
    for _ in range(5000):
        digits = rng.randint(1, 8)
        value = rng.choice([-1, 1]) * rng.random() * 10 ** rng.randint(-12, 12)
        shown = numbers.tex(value, digits)
        assert is_correctly_rounded(shown, value, digits), (value, digits, shown)
        assert is_correctly_rounded(numbers.text(value, digits), value, digits)


def test_nan_is_refused_and_infinity_is_named():
    with pytest.raises(ValueError):
        numbers.tex(float("nan"), 3)
    assert numbers.tex(float("-inf"), 3) == r"-\infty"
    assert numbers.text(float("inf"), 3) == "∞"


def test_a_table_cell_shows_a_number_as_the_text_form_of_the_same_rounding():
    # Tables print their numbers as text; written from the TeX a model holds, each must read
    # exactly as the formatter's own text form of the same value.
    rng = random.Random(7)
    for _ in range(2000):
        x = rng.choice([-1, 1]) * 10 ** rng.uniform(-12, 9)
        r = numbers.round_value(x, rng.randint(1, 6))
        assert numbers.text_of_tex(r.tex()) == r.text()
        assert numbers.text_of_tex("{" + r.tex() + "}") == r.text()
    for n in (0, 7, 1234, 1998002000):
        assert numbers.text_of_tex(numbers.count_tex(n)) == numbers.count_text(n)
    assert numbers.text_of_tex(r"-\infty") == "\u2212∞"


@pytest.mark.parametrize("tex", [r"\sigma(0.35)", "0.2 + 0.1", r"x_1", "", r"1.0 \times 10^{3} + 1", "{0.5"])
def test_a_table_cell_refuses_what_is_not_a_single_number(tex):
    with pytest.raises(ValueError):
        numbers.text_of_tex(tex)
