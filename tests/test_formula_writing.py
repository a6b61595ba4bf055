"""Where a substituted formula puts parentheses, by hand, following the rule generator/content/
formula.py states: a number in a leading place (first term, first factor, left of a minus, a
function's argument) is written as it is; anywhere else a negative number or one in scientific
notation gets parentheses. A power's base is never leading: −0.25² would mean −(0.25²)."""
from __future__ import annotations

import pytest

from generator.content import formula, numbers
from generator.content.notation import Notation
from generator.maths import expr as E
from generator.maths import refs

POSITIVE, NEGATIVE = E.Operand(refs.x(1)), E.Operand(refs.x(2))
VALUES = {"x1": 0.5, "x2": -0.25}
SYMBOLS = Notation([2, 1])


def text(e) -> str:
    return formula.text(e, lambda ref: numbers.round_value(VALUES[str(ref)], 3), SYMBOLS.text)


def tex(e) -> str:
    return formula.tex(e, lambda ref: numbers.round_value(VALUES[str(ref)], 3), SYMBOLS.tex)


@pytest.mark.parametrize("e, written", [
    (E.Difference(NEGATIVE, NEGATIVE), "−0.250 − (−0.250)"),
    (E.Sum((POSITIVE, E.Difference(NEGATIVE, POSITIVE))), "0.500 + (−0.250) − 0.500"),
    (E.Sum((NEGATIVE, NEGATIVE)), "−0.250 + (−0.250)"),
    # Negated terms, as the cross-entropy writes them: each a bracket, which is a leading place.
    (E.Sum((E.Negative(E.Group(POSITIVE, "[]")), E.Negative(E.Group(NEGATIVE, "[]")))), "−[0.500] − [−0.250]"),
    (E.Power(NEGATIVE, 2), "(−0.250)²"),
    (E.Negative(POSITIVE), "−0.500"),
    (E.Product((NEGATIVE, NEGATIVE), "dot"), "−0.250·(−0.250)"),
    (E.Apply(E.LN, POSITIVE), "ln 0.500"),
    (E.Apply(E.LN, E.Difference(E.Const(1), POSITIVE)), "ln(1 − 0.500)"),
])
def test_parentheses_by_hand(e, written):
    assert text(e) == written


def test_the_same_rule_in_tex():
    assert tex(E.Difference(NEGATIVE, NEGATIVE)) == "-0.250 - (-0.250)"
    assert tex(E.Power(NEGATIVE, 2)) == "(-0.250)^2"
    assert tex(E.Apply(E.LN, POSITIVE)) == r"\ln 0.500"


def test_anything_else_is_refused_by_name():
    with pytest.raises(TypeError, match="not an expression: 0.5"):
        text(0.5)


def test_juxtaposed_factors_in_tex_get_a_space_only_before_a_command():
    ln = E.Apply(E.LN, POSITIVE)
    assert tex(E.Product((POSITIVE, ln), "juxtapose")) == r"0.500 \ln 0.500"
    assert tex(E.Product((POSITIVE, E.Group(E.Difference(E.Const(1), POSITIVE))), "juxtapose")) == "0.500(1 - 0.500)"
    assert tex(E.Product((POSITIVE, POSITIVE), "dot")) == r"0.500 \cdot 0.500"
