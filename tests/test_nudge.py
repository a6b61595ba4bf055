"""The nudge test, read from the built pages (the running example's worked page, every other
example's checks page): the parameters nudged are the ones with the largest and the smallest
non-zero gradient, the loss change is the independent implementation's loss after the nudge
minus its loss before (a finite difference), and gradient x h is its gradient times the step."""
from __future__ import annotations

import re
from fractions import Fraction

from tests import pages, reference
from tests import sections as S
from tests.rounding import is_correctly_rounded, is_correctly_rounded_as_shown

HEADING = "what-a-gradient-means-the-nudge-test"
# How far apart two evaluations of the loss by the reference may be from the exact values, as
# a fraction of the loss: a few roundings of a double, generously.
LOSS_ERROR = 1e-13


def nudge_page(site, c):
    return pages.built(site, c.page if c.is_main else c.checks_page)


def reference_loss(ex, parameter: str | None = None, value: float | None = None) -> float:
    """The reference's loss, with one parameter (an id such as W1_1_2) set to `value`."""
    net = ex.network
    W = [w.tolist() for w in net.weights]
    b = [v.tolist() for v in net.biases]
    if parameter is not None:
        kind, rest = parameter[0], [int(n) for n in parameter[1:].split("_")]
        if kind == "W":
            W[rest[0] - 1][rest[1] - 1][rest[2] - 1] = value
        else:
            b[rest[0] - 1][rest[1] - 1] = value
    return reference.worked_values(net.sizes, net.activations, net.loss, W, b, ex.x.tolist(), ex.y.tolist())["L"]


def expected_parameters(c) -> list[tuple[str, str]]:
    """The largest gradient in size and the smallest that is not zero, by the reference, the
    first in the pages' order on a tie."""
    v = reference.for_example(c.example)
    params = S.parameters(c.example.network.sizes)
    largest = max(params, key=lambda p: abs(v["d" + p[0]]))
    nonzero = [p for p in params if v["d" + p[0]] != 0]
    smallest = min(nonzero, key=lambda p: abs(v["d" + p[0]]))
    return [largest] if smallest == largest else [largest, smallest]


def blocks(site, c) -> list[list[tuple[str, list[str]]]]:
    return [S.rows(m) for m in S.math(S.section(nudge_page(site, c), HEADING)) if r"\begin{aligned}" in m]


def test_every_example_shows_the_nudge_test_once(built_site, computed):
    """On the running example's worked page; on the checks page of every other example, and
    not on its worked pages as well."""
    for c in computed:
        looked_at = [nudge_page(built_site, c)] + ([] if c.is_main else pages.worked_pages(built_site, c.example.slug))
        counts = [p.read_text(encoding="utf-8").count(f'id="{HEADING}"') for p in looked_at]
        assert counts == [1] + [0] * (len(looked_at) - 1), c.example.slug
        assert len(blocks(built_site, c)) == len(expected_parameters(c)), c.example.slug


def test_the_nudged_parameters_are_the_largest_and_smallest_gradients(built_site, computed):
    for c in computed:
        shown = [rows[0][0].removesuffix(" + h") for rows in blocks(built_site, c)]
        assert shown == [symbol for _, symbol in expected_parameters(c)], c.example.slug


def test_the_loss_change_is_a_finite_difference_and_matches_gradient_times_h(built_site, computed):
    for c in computed:
        check_nudges(built_site, c)


def check_nudges(built_site, c):
    example, digits, v = c.example.slug, c.example.significant_digits, reference.for_example(c.example)
    loss = reference_loss(c.example)
    for (id, symbol), rows in zip(expected_parameters(c), blocks(built_site, c)):
        (raise_lhs, (raised_sum, raised)), (change_lhs, (difference, change)), (predicted_lhs, (product, predicted)) = rows
        # theta + h: the given value plus the step, exactly.
        given, step = (S.number(t) for t in raised_sum.split(" + "))
        assert Fraction(repr(c.example.network.value(_ref(c, id)))) == given
        assert S.number(raised) == given + step, (example, id)
        # Delta L: the reference's loss at theta + h minus its loss at theta.
        nudged = reference_loss(c.example, id, float(S.number(raised)))
        after, before = (t.strip() for t in difference.split(" - ", 1))
        assert is_correctly_rounded_as_shown(after, nudged, digits), (example, id, after, nudged)
        assert is_correctly_rounded_as_shown(before, loss, digits), (example, id, before, loss)
        error = LOSS_ERROR * max(abs(loss), abs(nudged))
        assert S.is_rounding_of(change, nudged - loss, digits, error), (example, id, change, nudged - loss)
        # gradient x h, from the reference's gradient.
        gradient, factor = (t.strip() for t in product.split(r" \cdot "))
        assert S.number(factor) == step
        assert is_correctly_rounded_as_shown(gradient.strip("()"), v["d" + id], digits), (example, id, gradient)
        assert is_correctly_rounded(predicted, v["d" + id] * float(step), digits), (example, id, predicted)
        assert predicted_lhs == S.grad(symbol) + r" \cdot h"
        assert change_lhs == r"\Delta L"


def _ref(c, id):
    return next(p for p in c.example.network.parameters() if str(p) == id)


def test_every_line_of_the_nudge_test_holds_with_a_calculator(built_site, computed):
    checked = 0
    for c in computed:
        for m in S.math(S.section(nudge_page(built_site, c), HEADING)):
            if r"\begin{aligned}" not in m:
                continue
            for row in S.raw_rows(m):
                ok, why = S.holds(row)
                assert ok, (c.example.slug, row, why)
                checked += 1
    assert checked >= 3 * len(computed)


RATIO = re.compile(r"is \\\(\{([^}]*)\}\\\) times that of")


def test_the_sign_and_the_ratio_are_read_off_the_numbers(built_site, computed):
    for c in computed:
        text = S.text_of(S.section(nudge_page(built_site, c), HEADING))
        v = reference.for_example(c.example)
        for id, symbol in expected_parameters(c):
            said = "lowered the loss" if v["d" + id] < 0 else "raised the loss"
            assert f"raising \\({symbol}\\) {said}" in text, (c.example.slug, id)
        # The ratio of the two gradients as printed, so that a reader can redo it.
        shown = [rows[2][1][0].split(r" \cdot ")[0] for rows in blocks(built_site, c)]
        if len(shown) == 2:
            ratio = abs(S.number(shown[0]) / S.number(shown[1]))
            assert is_correctly_rounded(RATIO.search(text).group(1), float(ratio), c.example.significant_digits)
