"""A formula as one line of plain text (generator/math_text.py), as the search index shows it:
MathJax's MathML of each TeX below, against the text worked out by hand from the rules in that
module's docstring."""
from __future__ import annotations

import re

import pytest

from generator import typeset
from generator.math_text import text_of_mathml

NNBSP = "\u202f"

# (TeX, display, the text a reader should see)
CASES = [
    (r"L = \frac{1}{2}\sum_j (a_j^{(N)} - y_j)^2", False, "L = 1/2 ∑_j (a_j^(N) − y_j)²"),
    (r"\frac{\partial L}{\partial a_k^{(l-1)}}", False, "∂L/∂a_k^(l−1)"),
    (r"\dfrac{a - y}{a(1 - a)}", False, "(a − y)/(a(1 − a))"),
    (r"\sigma(z) = \dfrac{1}{1 + e^{-z}}", False, "σ(z) = 1/(1 + e^(−z))"),
    (r"\sigma'(z^{(2)}) \approx 0.707(1 - 0.707) \approx 0.207", False, "σ′(z⁽²⁾) ≈ 0.707(1 − 0.707) ≈ 0.207"),
    (r"b^{(5)} = {-0.08}", False, "b⁽⁵⁾ = −0.08"),
    (r"z_{1}^{(1)} = 0.2 \cdot (-0.5) + 0.1", False, "z₁⁽¹⁾ = 0.2 ⋅ (−0.5) + 0.1"),
    (r"{3.58 \times 10^{-9}}", False, "3.58 × 10⁻⁹"),
    (r"\left(W^{(l+1)}\right)^{\mathsf T} \delta^{(l+1)}", False, "(W^(l+1))^T δ^(l+1)"),
    (r"\begin{aligned} a &= 1 \\[1ex] b &\approx 0.5 \end{aligned}", True, "a = 1; b ≈ 0.5"),
    (r"\begin{bmatrix} 0.15 & 0.2 \\ 0.25 & 0.3 \end{bmatrix}", True, "[0.15, 0.2; 0.25, 0.3]"),
    (r"c = 1/\sqrt{2\,000} \approx 0.0224", False, f"c = 1/√(2{NNBSP}000) ≈ 0.0224"),
    (r"\sum_{i=1}^{m} v_i", True, "∑_(i=1)^m v_i"),
    (r"\operatorname{relu}(z) = \max(0, z)", False, "relu(z) = max(0, z)"),
    (r"y \ln a + (1 - y) \ln(1 - a)", False, "y ln a + (1 − y) ln(1 − a)"),
    (r"u \, |L| / \varepsilon", False, "u |L|/ε"),
    (r"\theta_{\text{new}} = \theta - \eta \, \frac{\partial L}{\partial \theta}", False, "θ_new = θ − η ∂L/∂θ"),
    (r"x < 1 \qquad y > 0", False, "x < 1 y > 0"),
]


@pytest.fixture(scope="module")
def mathml():
    """Each case's MathML, from one MathJax run."""
    formulas = [typeset.Formula(tex, display) for tex, display, _ in CASES]
    answer = typeset.run_mathjax(formulas)
    return [re.search(r"<math[ >].*?</math>", out, re.S).group(0) for out in answer["formulas"]]


@pytest.mark.parametrize("case", range(len(CASES)), ids=[c[0][:40] for c in CASES])
def test_a_formula_reads_as_worked_out_by_hand(mathml, case):
    tex, _, expected = CASES[case]
    assert text_of_mathml(mathml[case]) == expected, tex
