"""One learning step and the training run, read from the built pages and checked against
gradient descent done here with the independent implementation of tests/reference.py."""
from __future__ import annotations

import re
from fractions import Fraction

import pytest

from tests import beyond_pages as bp
from tests import pages
from tests.rounding import is_correctly_rounded, is_correctly_rounded_as_shown, parse_shown
from tests.test_gradcheck import parameter_order


def descend(W, b, grads, rate):
    """theta - rate * dL/dtheta for every parameter, as new nested lists."""
    W = [[[w - rate * grads[f"dW{l}_{j}_{k}"] for k, w in enumerate(row, 1)] for j, row in enumerate(layer, 1)]
         for l, layer in enumerate(W, 1)]
    b = [[v - rate * grads[f"db{l}_{j}"] for j, v in enumerate(layer, 1)] for l, layer in enumerate(b, 1)]
    return W, b


def train(ex, steps):
    """The loss before every step and after the last, and the outputs at the end, for an
    example as its author wrote it (tests/authored.py)."""
    W, b = ex.plain()
    losses = []
    for _ in range(steps):
        v = ex.values(W, b)
        losses.append(v["L"])
        W, b = descend(W, b, v, ex.learning_rate)
    v = ex.values(W, b)
    losses.append(v["L"])
    return losses, v


def table_with_header(page, first_header, third_header):
    for t in bp.tables(page):
        if t[0][0] == first_header and len(t[0]) > 2 and t[0][2] == third_header:
            return t[1:]
    raise AssertionError(f"{page.name}: no table headed {first_header!r} ... {third_header!r}")


@pytest.fixture(scope="module")
def learning_pages(built_site, computed, examples):
    """Per example as its author wrote it: its learning-step page."""
    return [(examples[c.example.slug], pages.topic_page(built_site, c, "learning-step")) for c in computed]


def test_every_parameter_update_is_shown_correctly_rounded(learning_pages):
    for ex, page in learning_pages:
        digits = ex.digits
        W, b = ex.plain()
        grads = ex.values()
        rows = bp.table(page, "bp-learning-step")
        order = parameter_order(ex)
        assert len(rows) == len(order)
        for row, (id, symbol, kind, l, j, k) in zip(rows, order):
            old = W[l - 1][j - 1][k - 1] if kind == "W" else b[l - 1][j - 1]
            g = grads["d" + id]
            assert bp.unwrap(row[0]) == symbol
            value, gradient, step, new = (bp.unwrap(cell) for cell in row[1:5])
            # The value as given; the gradient and the step with any guard digits the row needs; the
            # new value with as many digits as it takes to show it moved.
            assert parse_shown(value)[0] == Fraction(repr(old)), (page.name, id, value)
            assert is_correctly_rounded_as_shown(gradient, g, digits), (page.name, id, gradient, g)
            assert is_correctly_rounded_as_shown(step, ex.learning_rate * g, digits), (page.name, id, step)
            assert is_correctly_rounded_as_shown(new, old - ex.learning_rate * g, digits), (page.name, id, new)
            if g != 0:
                assert parse_shown(new)[0] != parse_shown(value)[0], (page.name, id, "the new value shows no change")
            # The row holds as printed: step = eta * gradient, new = value - step, each rounded
            # to the digits it is shown with.
            eta = Fraction(repr(ex.learning_rate))
            assert is_correctly_rounded(step, eta * parse_shown(gradient)[0], parse_shown(step)[1]), (page.name, id)
            assert is_correctly_rounded_as_shown(new, parse_shown(value)[0] - parse_shown(step)[0], 1), (page.name, id)


def test_the_forward_pass_after_the_step(learning_pages):
    for ex, page in learning_pages:
        digits = ex.digits
        W, b = ex.plain()
        before = ex.values()
        after = ex.values(*descend(W, b, before, ex.learning_rate))
        rows = table_with_header(page, "Output", "Before the step")
        L = ex.depth
        for j, row in enumerate(rows[:-1], start=1):
            assert is_correctly_rounded(bp.unwrap(row[2]), before[f"a{L}_{j}"], digits), (page.name, j)
            assert is_correctly_rounded(bp.unwrap(row[3]), after[f"a{L}_{j}"], digits), (page.name, j)
        loss = rows[-1]
        assert loss[0] == "loss"
        assert is_correctly_rounded(bp.unwrap(loss[2]), before["L"], digits), page.name
        assert is_correctly_rounded(bp.unwrap(loss[3]), after["L"], digits), page.name


def test_one_step_lowers_the_seed_loss(learning_pages):
    (ex, page), = [(ex, p) for ex, p in learning_pages if ex.slug == "seed"]
    loss = table_with_header(page, "Output", "Before the step")[-1]
    shown_before, shown_after = bp.number(loss[2]), bp.number(loss[3])
    assert shown_after < shown_before
    W, b = ex.plain()
    before = ex.values()
    after = ex.values(*descend(W, b, before, ex.learning_rate))
    assert after["L"] < before["L"]
    assert "The loss fell from" in bp.text(page)


def test_the_first_order_prediction_is_shown_correctly_rounded(learning_pages):
    for ex, page in learning_pages:
        grads = ex.values()
        predicted = -ex.learning_rate * sum(v * v for k, v in grads.items() if k.startswith(("dW", "db")))
        relation, shown = re.search(r"\\left\(\\partial L / \\partial \\theta\\right\)\^2 (=|\\approx) \{(.+?)\}\\\)",
                                    bp.text(page)).groups()
        assert is_correctly_rounded(shown, predicted, ex.digits), (page.name, shown, predicted)
        # "=" only where the printed number is the value itself (the sum of squares is rarely short).
        assert (relation == "=") == (parse_shown(shown)[0] == Fraction(predicted)), (page.name, relation, shown)


def test_the_training_losses_are_shown_correctly_rounded(learning_pages):
    for ex, page in learning_pages:
        losses, last = train(ex, ex.steps)
        rows = bp.table(page, "bp-training-loss")
        steps = [bp.count(r[0]) for r in rows]
        assert steps[0] == 0 and steps[-1] == ex.steps and steps == sorted(set(steps)), page.name
        for step, row in zip(steps, rows):
            assert is_correctly_rounded(bp.unwrap(row[1]), losses[step], ex.digits), (page.name, step)
        assert losses[-1] < losses[0], page.name
        outputs = table_with_header(page, "Output", "Before training")
        for j, row in enumerate(outputs, start=1):
            assert is_correctly_rounded(bp.unwrap(row[3]), last[f"a{ex.depth}_{j}"], ex.digits), (page.name, j)


def test_the_loss_plot_is_an_accessible_inline_svg(learning_pages):
    for ex, page in learning_pages:
        html = bp.text(page)
        svg = re.search(r'<svg class="bp-chart"[^>]*aria-labelledby="([^"]+) ([^"]+)"[^>]*>(.*?)</svg>', html, flags=re.S)
        assert svg, page.name
        title_id, desc_id, body = svg.groups()
        assert f'<title id="{title_id}">' in body and f'<desc id="{desc_id}">' in body
        assert 'role="img"' in svg.group(0)
        # The drawing takes its colours from the theme, never a fixed black or white.
        assert not re.search(r'(fill|stroke)="(#000|#fff|black|white)', body, flags=re.I)


def test_a_diverging_run_stops_and_says_so():
    # One identity neuron with x = 2 and a learning rate of 10: each step multiplies the error
    # by 1 - 10 * (2^2 + 1) = -49, so the loss overflows; the run ends there instead of filling
    # the rest with NaN.
    import numpy as np

    from generator.maths import core, training

    net = core.Network([1, 1], ["identity"], "mse", [np.array([[0.5]])], [np.array([0.0])])
    tr = training.train(net, [2.0], [0.0], 10.0, 1000)
    assert tr.diverged and tr.steps == 1000 and tr.steps_taken < 1000
    assert np.isfinite(tr.losses[:-1]).all() and not np.isfinite(tr.losses[-1])
