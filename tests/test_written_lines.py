"""Every worked line as the page model writes it, before any page is built: its TeX row and its
plain-text log line are each the formula tests/formulas.py describes, with the right numbers
substituted and the result correctly rounded (the checks of tests/test_printed_lines.py, run on
the page models of examples/ and tests/more_examples/ so that they take a second, not a build)."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from generator import site
from generator.content import lines, model, numbers
from generator.example import load
from tests import authored, pages
from tests.test_printed_lines import MORE_EXAMPLES, check_line, check_rows, quantity_rows

FILES = sorted(site.EXAMPLES.glob("*.toml")) + sorted(MORE_EXAMPLES.glob("*.toml"))


@pytest.fixture(scope="module")
def worked():
    """(the example as its author wrote it, its computed page models), for every file."""
    return [(authored.read(p), model.compute(load(p))) for p in FILES]


def rows_of(q) -> list[str]:
    return pages.aligned_rows([r"\begin{aligned}" + q.aligned_tex() + r"\end{aligned}"])


def test_every_tex_row_holds_from_its_parts(worked):
    for ex, c in worked:
        rows = [row for q in c.quantities for row in rows_of(q)]
        ids = check_rows(quantity_rows(rows, ex), ex, Path(ex.path).name)
        assert set(ids) == set(ex.values()), ex.path.name


def test_every_equation_holds_from_its_parts(worked):
    for ex, c in worked:
        exact, given = ex.values(), ex.given()
        for q in c.quantities:
            tex_id = check_line(q.equation_tex(), ex, exact, given, f"{ex.path.name} (tex)")
            text_id = check_line(q.equation_text(), ex, exact, given, f"{ex.path.name} (text)")
            assert tex_id == text_id == q.id


def test_the_files_cover_every_kind_of_line(worked):
    kinds = {(q.kind, ex.loss, ex.activations[q.layer - 1] if q.layer else None) for ex, c in worked
             for q in c.quantities}
    for activation in ("sigmoid", "tanh", "relu", "identity"):
        assert ("derivative", "mse", activation) in kinds or ("derivative", "bce", activation) in kinds
    assert any(k[1] == "bce" for k in kinds) and any(q.chain_rule for _, c in worked for q in c.quantities)


def test_the_seed_log_by_hand():
    # Each redone on paper: 0.6·0.587 + 0.7·0.615 + 0.1 = 0.8827; (0.7074 − 0.8)²/2 = 0.00428738,
    # where 0.707 would give 0.00432; 0.01917 × 0.5866 = 0.011245, where 0.0192 × 0.587 gives
    # 0.01127; 0.00279 × 0.3 = 0.000837 exactly; 0.5 × 0.002789 + 0.4 × 0.003176 = 0.0026649.
    # A gradient that is another one is written with = before it, ≈ before its rounded value.
    seed = model.compute(load(site.EXAMPLES / "seed.toml"))
    log = {q.id: q.equation_text() for q in seed.quantities}
    assert log["z2_1"] == "z⁽²⁾ ≈ 0.6·0.587 + 0.7·0.615 + 0.1 ≈ 0.883"
    assert log["L"] == "L ≈ ½(0.7074 − 0.8)² ≈ 0.00429"
    assert log["dW2_1_1"] == "∂L/∂W₁₁⁽²⁾ ≈ −0.01917 × 0.5866 ≈ −0.0112"
    assert log["dW1_1_2"] == "∂L/∂W₁₂⁽¹⁾ ≈ −0.00279 × 0.3 = −0.000837"
    assert log["db2_1"] == "∂L/∂b⁽²⁾ = ∂L/∂z⁽²⁾ ≈ −0.0192"
    assert log["dx2"] == "∂L/∂x₂ ≈ 0.5 × (−0.002789) + 0.4 × (−0.003176) ≈ −0.00266"
    # One guard digit on the operands of L, dW2_1_1 and dx2 (four digits where the seed shows three).
    guards = {q.id: q.line.guard_digits for q in seed.quantities}
    assert (guards["L"], guards["dW2_1_1"], guards["dx2"], guards["z2_1"], guards["dW1_1_2"]) == (1, 1, 1, 0, 0)


def test_a_line_in_tex_and_the_values_no_line_can_hold():
    # The TeX of one line, with and without its alignment mark and its formula, and an aligned
    # block's rows 1ex apart; no value holds as an infinite result.
    line = lines.Line(numbers.round_value(0.5, 3), (lines.EQUALS, lines.APPROX))
    assert line.tex("x", "0.2 + 0.3") == r"x = 0.2 + 0.3 \approx 0.500"
    assert line.tex("x", "0.2 + 0.3", aligned=True) == r"x &= 0.2 + 0.3 \approx 0.500"
    assert line.tex("x", "") == r"x \approx 0.500"
    assert lines.Line(numbers.round_value(0.5, 3), (lines.EQUALS, lines.EQUALS)).tex("x", "") == "x = 0.500"
    assert lines.aligned(["a &= 1", "&= 2"]) == "\\begin{aligned}\na &= 1 \\\\[1ex]\n&= 2\n\\end{aligned}"
    assert not lines.holds(Decimal(1), numbers.round_value(float("inf"), 3))
    assert not lines.holds(None, numbers.round_value(1.0, 3))
