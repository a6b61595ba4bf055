"""How the pages name values, write a number inside a formula and round zero, infinity and ties,
against the conventions written out here by hand: subscripts only where a layer has more than
one value, a comma between two-digit indices, the learning rate as eta, and a negative number or
one in scientific notation in parentheses wherever it is not the leading term."""
from __future__ import annotations

import pytest

from generator.content import numbers
from generator.content.notation import Notation
from generator.maths import refs

WIDE = Notation([12, 12, 2])  # several inputs and outputs, indices of two digits
NARROW = Notation([1, 2, 1])  # one input and one output: no subscripts on x and y


@pytest.mark.parametrize("notation, ref, tex, text", [
    (WIDE, refs.x(3), "x_{3}", "x₃"),
    (NARROW, refs.x(1), "x", "x"),
    (Notation([2, 1]), refs.x(2), "x_{2}", "x₂"),
    (WIDE, refs.y(2), "y_{2}", "y₂"),
    (NARROW, refs.y(1), "y", "y"),
    (Notation([2, 2, 1]), refs.y(1), "y", "y"),
    (WIDE, refs.W(1, 10, 2), "W_{10,2}^{(1)}", "W₁₀,₂⁽¹⁾"),
    (WIDE, refs.W(1, 2, 10), "W_{2,10}^{(1)}", "W₂,₁₀⁽¹⁾"),
    (WIDE, refs.W(1, 9, 9), "W_{99}^{(1)}", "W₉₉⁽¹⁾"),
    (WIDE, refs.b(1, 11), "b_{11}^{(1)}", "b₁₁⁽¹⁾"),
    (NARROW, refs.b(2, 1), "b^{(2)}", "b⁽²⁾"),
    (NARROW, refs.LEARNING_RATE, r"\eta", "η"),
    (NARROW, refs.W(1, 2, 1).update, r"\eta \, \frac{\partial L}{\partial W_{21}^{(1)}}", "η·∂L/∂W₂₁⁽¹⁾"),
    (NARROW, refs.b(2, 1).update, r"\eta \, \frac{\partial L}{\partial b^{(2)}}", "η·∂L/∂b⁽²⁾"),
])
def test_each_symbol_by_hand(notation, ref, tex, text):
    assert notation.symbol(ref) == (tex, text)
    assert notation.tex(ref) == tex and notation.text(ref) == text


def test_the_input_of_a_layer_is_x_for_the_first_and_a_after():
    assert NARROW.activation_input(0, 1) == ("x", "x")
    assert WIDE.activation_input(0, 4) == ("x_{4}", "x₄")
    assert NARROW.activation_input(1, 2) == ("a_{2}^{(1)}", "a₂⁽¹⁾")
    assert NARROW.bias(2, 1) == ("b^{(2)}", "b⁽²⁾") and WIDE.bias(1, 11) == ("b_{11}^{(1)}", "b₁₁⁽¹⁾")
    assert Notation([2, 1, 1]).activation_input(1, 1) == ("a^{(1)}", "a⁽¹⁾")


@pytest.mark.parametrize("x, leading", [(0.25, "0.250"), (-0.5, "−0.500"), (1.5e-7, "1.50 × 10⁻⁷"),
                                        (-3.0e9, "−3.00 × 10⁹"), (42.0, "42.0")])
def test_a_factor_is_in_parentheses_when_negative_or_scientific(x, leading):
    wrapped = leading.startswith("−") or "×" in leading
    factor = f"({leading})" if wrapped else leading
    assert numbers.text(x, 3) == leading
    assert numbers.text_factor(x, 3) == factor == numbers.Formatter(3).text_factor(x)
    tex = numbers.tex(x, 3)
    assert numbers.tex_factor(x, 3) == (f"({tex})" if wrapped else tex) == numbers.Formatter(3).tex_factor(x)


def test_zero_and_the_values_a_page_cannot_show():
    # Zero is written "0", exactly, whatever its sign; an infinite gradient as ∞ with its sign,
    # which has no decimal value; NaN is refused.
    assert numbers.round_value(0.0, 3) == numbers.round_value(-0.0, 3) == numbers.Rounded(False, "0", None, True, 1)
    assert numbers.round_value(float("-inf"), 3).text() == "−∞"
    with pytest.raises(ValueError, match="^infinity has no decimal value$"):
        numbers.round_value(float("inf"), 3).decimal()
    with pytest.raises(ValueError, match="^cannot display NaN$"):
        numbers.round_value(float("nan"), 3)


def test_a_rounding_knows_whether_it_is_the_value_itself():
    # 0.5 and 0.125 are binary fractions, so their digits are the whole value; 0.1 is not.
    assert numbers.round_value(0.5, 3) == numbers.Rounded(False, "0.500", None, True, 3)
    assert numbers.round_value(0.125, 2) == numbers.Rounded(False, "0.13", None, False, 2)
    assert numbers.round_value(0.1, 3) == numbers.Rounded(False, "0.100", None, False, 3)
