"""The gradient check, read from the built pages: backpropagation's column against an
independent implementation, the finite-difference column against central differences computed
here, and the two columns within the tolerance the page states."""
from __future__ import annotations

import re

import pytest

from tests import beyond_pages as bp
from tests import pages
from tests.rounding import is_correctly_rounded


def parameter_order(net):
    """(id, TeX symbol, kind, layer, j, k) in the order the pages list parameters."""
    out = []
    for l in range(1, net.depth + 1):
        for j in range(1, net.sizes[l] + 1):
            for k in range(1, net.sizes[l - 1] + 1):
                sep = "," if max(j, k) >= 10 else ""
                out.append((f"W{l}_{j}_{k}", f"W_{{{j}{sep}{k}}}^{{({l})}}", "W", l, j, k))
            bias = f"b^{{({l})}}" if net.sizes[l] == 1 else f"b_{{{j}}}^{{({l})}}"
            out.append((f"b{l}_{j}", bias, "b", l, j, None))
    return out


def central_difference(ex, kind, l, j, k, eps) -> float:
    """(L(theta + eps) - L(theta - eps)) / 2 eps, with the loss of tests/reference.py, for an
    example as its author wrote it (tests/authored.py)."""
    losses = []
    for sign in (1, -1):
        W, b = ex.plain()
        if kind == "W":
            W[l - 1][j - 1][k - 1] += sign * eps
        else:
            b[l - 1][j - 1] += sign * eps
        losses.append(ex.values(W, b)["L"])
    return (losses[0] - losses[1]) / (2 * eps)


def stated(page_text: str) -> dict:
    """The step and the tolerances as the page states them."""
    def tex_number(s):
        return float(bp.number(s))

    eps = re.search(r"\\varepsilon = \{(.+?)\}\\\)", page_text).group(1)
    absolute, relative = re.search(
        r"at most\s*<span class=\"arithmatex\">\\\(\{(.+?)\} \+ \{(.+?)\} \\times\\\)</span>\s*the larger magnitude",
        page_text).groups()
    return dict(epsilon=tex_number(eps), absolute=tex_number(absolute), relative=tex_number(relative))


@pytest.fixture(scope="module")
def checks(built_site, computed, examples):
    """Per example (as its author wrote it): the page, its parsed table rows and the
    tolerances it states."""
    out = []
    for c in computed:
        page = pages.topic_page(built_site, c, "gradient-check")
        out.append((examples[c.example.slug], page, bp.table(page, "bp-gradient-check"), stated(bp.text(page))))
    return out


def test_every_parameter_has_a_row(checks):
    for ex, page, rows, _ in checks:
        order = parameter_order(ex)
        assert len(rows) == ex.parameter_count == len(order), page.name
        for row, (id, symbol, *_rest) in zip(rows, order):
            assert bp.unwrap(row[0]) == symbol, (page.name, id)


def test_backprop_column_is_the_independent_gradient_correctly_rounded(checks):
    for ex, page, rows, _ in checks:
        expected = ex.values()
        digits = ex.digits
        for row, (id, *_rest) in zip(rows, parameter_order(ex)):
            shown = bp.unwrap(row[1])
            assert is_correctly_rounded(shown, expected["d" + id], digits), (page.name, id, shown, expected["d" + id])


def test_finite_difference_column_is_the_central_difference_correctly_rounded(checks):
    for ex, page, rows, tol in checks:
        digits = ex.digits
        for row, (id, _s, kind, l, j, k) in zip(rows, parameter_order(ex)):
            fd = central_difference(ex, kind, l, j, k, tol["epsilon"])
            shown = bp.unwrap(row[2])
            assert is_correctly_rounded(shown, fd, digits), (page.name, id, shown, fd)


def test_the_two_columns_agree_within_the_stated_tolerance(checks):
    for ex, page, rows, tol in checks:
        expected = ex.values()
        for row, (id, _s, kind, l, j, k) in zip(rows, parameter_order(ex)):
            # Independently: the reference gradient against central differences computed here.
            g = expected["d" + id]
            fd = central_difference(ex, kind, l, j, k, tol["epsilon"])
            assert abs(g - fd) <= tol["absolute"] + tol["relative"] * max(abs(g), abs(fd)), (page.name, id, g, fd)
            # And as the page shows it: its absolute difference is within the same bound.
            shown_diff = float(bp.number(row[3]))
            shown_scale = max(abs(float(bp.number(row[1]))), abs(float(bp.number(row[2]))))
            # Half a unit in the third digit of the larger value covers its rounding for display.
            assert shown_diff <= tol["absolute"] + tol["relative"] * shown_scale * 1.01, (page.name, id)
            assert row[5] == "yes", (page.name, id)


def test_the_tolerance_is_meaningful(checks):
    # A check that passes anything checks nothing: the stated tolerance is far below the
    # gradients themselves, and the step is small.
    for ex, page, rows, tol in checks:
        assert tol["relative"] <= 1e-4 and tol["absolute"] <= 1e-8 and tol["epsilon"] <= 1e-3, page.name
        largest = max(abs(float(bp.number(r[1]))) for r in rows)
        assert tol["absolute"] < largest * 1e-4


def test_loss_evaluations_are_counted_for_each_method(checks):
    for ex, page, _, _ in checks:
        n = ex.parameter_count
        tables = bp.tables(page)
        counts = [t for t in tables if t[0][0] == "Method"]
        assert counts, page.name
        body = {row[0]: row[1] for row in counts[0][1:]}
        assert "one forward pass" in body["Backpropagation"] and "one backward pass" in body["Backpropagation"]
        numbers = re.findall(r"\\\((.*?)\\\)", body["Central differences"])
        assert numbers[-1].replace(" ", "").replace("{", "").replace("}", "") == f"2\\times{n}={2 * n}", (page.name, numbers)


def test_a_relu_neuron_that_is_off_has_zero_gradient_both_ways(checks):
    # The ReLU example has a hidden neuron whose weighted sum is negative: both methods must
    # give exactly zero for its parameters, and the page must not invent a relative difference.
    relu = [(ex, rows) for ex, _, rows, _ in checks if "relu" in ex.activations]
    assert relu, "an example with a ReLU layer is expected in examples/"
    for ex, rows in relu:
        zero = [r for r in rows if bp.unwrap(r[1]) == "0"]
        assert zero, ex.slug
        for r in zero:
            assert bp.unwrap(r[2]) == "0" and bp.unwrap(r[3]) == "0" and r[4] == "—"


def test_the_check_flags_a_wrong_gradient(computed):
    # The comparison must be able to fail: a gradient off by one part in a thousand does not
    # pass, and neither does a missing factor of two.
    from generator.maths import gradcheck

    c = next(c for c in computed if c.example.slug == "seed")
    rows = gradcheck.check(c.example.network, c.example.x, c.example.y).rows
    assert all(r.agrees for r in rows)
    for r in rows:
        assert not gradcheck.Row(r.parameter, r.backprop * 1.001, r.finite_difference).agrees
        assert not gradcheck.Row(r.parameter, r.backprop * 2, r.finite_difference).agrees
