"""Every worked line as the page model writes it, before any page is built: its TeX row and its
plain-text log line are each the formula tests/formulas.py describes, with the right numbers
substituted and the result correctly rounded (the checks of tests/test_printed_lines.py, run on
the page models of examples/ and tests/more_examples/ so that they take a second, not a build)."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator import site
from generator.content import model
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
