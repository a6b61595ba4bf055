"""What backprop costs, read from the built page: the counts are what an instrumented run does,
and they grow with the slopes the page claims (fitted here on the page's own numbers)."""
from __future__ import annotations

import math
import re

import numpy as np
import pytest

from generator.example import draw_parameters
from tests import beyond_pages as bp
from tests import pages
from tests import reference
from tests.rounding import is_correctly_rounded

# Weights for the instrumented runs: any fixed seed, since counts do not depend on values.
SEED = 2024
# Widths small enough to run finite differences operation by operation in pure Python.
INSTRUMENTED_UP_TO = 20


class Counter:
    """Multiply-adds as the page defines them: c + a*b is one, a lone product is one."""

    def __init__(self):
        self.n = 0

    def mul_add(self, c, a, b):
        self.n += 1
        return c + a * b

    def mul(self, a, b):
        self.n += 1
        return a * b


def sigmoid(t):
    return 1 / (1 + math.exp(-t)) if t >= 0 else math.exp(t) / (1 + math.exp(t))


def forward(W, b, x, y, ops):
    a = [list(x)]
    for Wl, bl in zip(W, b):
        z = []
        for row, bias in zip(Wl, bl):
            acc = bias
            for w, v in zip(row, a[-1]):
                acc = ops.mul_add(acc, w, v)
            z.append(acc)
        a.append([sigmoid(t) for t in z])
    loss = 0.0
    for aj, yj in zip(a[-1], y):
        d = aj - yj
        loss = ops.mul_add(loss, 0.5 * d, d)
    return a, loss


def backprop(W, b, x, y, ops):
    """Every gradient by one forward and one backward pass, counting as it goes."""
    a, _ = forward(W, b, x, y, ops)
    g = [aj - yj for aj, yj in zip(a[-1], y)]
    grads_W = [None] * len(W)
    grads_b = [None] * len(W)
    for l in range(len(W), 0, -1):
        s = [ops.mul(aj, 1 - aj) for aj in a[l]]
        delta = [ops.mul(gj, sj) for gj, sj in zip(g, s)]
        grads_W[l - 1] = [[ops.mul(dj, ak) for ak in a[l - 1]] for dj in delta]
        grads_b[l - 1] = list(delta)
        if l > 1:
            g = []
            for k in range(len(a[l - 1])):
                acc = 0.0
                for j, dj in enumerate(delta):
                    acc = ops.mul_add(acc, W[l - 1][j][k], dj)
                g.append(acc)
    return grads_W, grads_b


def finite_differences_count(W, b, x, y) -> int:
    ops = Counter()
    eps = 1e-5
    for layer in list(W) + list(b):
        rows = layer if isinstance(layer[0], list) else [layer]
        for row in rows:
            for i in range(len(row)):
                for sign in (1, -1):
                    old = row[i]
                    row[i] = old + sign * eps
                    forward(W, b, x, y, ops)
                    row[i] = old
    return ops.n


@pytest.fixture(scope="module")
def page(built_site):
    return built_site / "cost.html"


@pytest.fixture(scope="module")
def rows(page):
    header, *body = next(t for t in bp.tables(page) if t[0][0] == "Layer sizes")
    assert header[1].startswith("Parameters") and header[4].startswith("Backpropagation") and header[5] == "Central differences"
    out = []
    for r in body:
        sizes = [bp.count(s) for s in r[0].split("→")]
        out.append(dict(sizes=sizes, n=bp.count(r[1]), forward=bp.count(r[2]), backward=bp.count(r[3]),
                        backprop=bp.count(r[4]), fd=bp.count(r[5])))
    return out


def claimed_slopes(page) -> tuple[str, str]:
    found = re.findall(r'<strong><span class="arithmatex">\\\(\{(.+?)\}\\\)</span></strong>', bp.text(page))
    assert len(found) == 2, found
    return found[0], found[1]


def test_the_networks_span_ten_to_a_million_parameters(rows):
    n = [r["n"] for r in rows]
    assert n == sorted(n) and n[0] <= 10 and n[-1] >= 10 ** 6
    for r in rows:
        sizes = r["sizes"]
        assert r["n"] == sum(m * k + m for k, m in zip(sizes, sizes[1:]))


def test_the_counts_are_what_an_instrumented_run_does(rows):
    checked = 0
    for r in rows:
        if r["sizes"][0] > INSTRUMENTED_UP_TO:
            continue
        W, b = draw_parameters(r["sizes"], SEED)
        W, b = [w.tolist() for w in W], [v.tolist() for v in b]
        x = [0.1 * (i + 1) for i in range(r["sizes"][0])]
        y = [0.5]
        ops = Counter()
        grads_W, grads_b = backprop(W, b, x, y, ops)
        assert ops.n == r["backprop"], r["sizes"]
        ops = Counter()
        forward(W, b, x, y, ops)
        assert ops.n == r["forward"] and r["backprop"] - r["forward"] == r["backward"], r["sizes"]
        assert finite_differences_count(W, b, x, y) == r["fd"], r["sizes"]
        # The counted algorithm is backpropagation: its gradient is the reference's.
        sizes = r["sizes"]
        expected = reference.worked_values(sizes, ["sigmoid"] * (len(sizes) - 1), "mse", W, b, x, y)
        for l in range(1, len(sizes)):
            for j in range(sizes[l]):
                assert grads_b[l - 1][j] == pytest.approx(expected[f"db{l}_{j + 1}"], rel=1e-9, abs=1e-15)
                for k in range(sizes[l - 1]):
                    assert grads_W[l - 1][j][k] == pytest.approx(expected[f"dW{l}_{j + 1}_{k + 1}"], rel=1e-9, abs=1e-15)
        checked += 1
    assert checked >= 3


def test_the_counts_grow_with_the_slopes_the_page_claims(page, rows, examples):
    n = np.log10([r["n"] for r in rows])
    bp_slope = np.polyfit(n, np.log10([r["backprop"] for r in rows]), 1)[0]
    fd_slope = np.polyfit(n, np.log10([r["fd"] for r in rows]), 1)[0]
    digits = examples["seed"].digits
    shown_bp, shown_fd = claimed_slopes(page)
    assert is_correctly_rounded(shown_bp, bp_slope, digits), (shown_bp, bp_slope)
    assert is_correctly_rounded(shown_fd, fd_slope, digits), (shown_fd, fd_slope)
    # O(n) and O(n^2): the fitted exponents are one and two, up to the lower-order terms.
    assert abs(bp_slope - 1) < 0.05 and abs(fd_slope - 2) < 0.05
    # The plot marks the same slopes.
    svg = re.search(r'<svg class="bp-chart".*?</svg>', bp.text(page), flags=re.S).group(0)
    assert f"slope {shown_bp}" in svg and f"slope {shown_fd}" in svg


def test_the_plot_draws_every_row(page, rows):
    svg = re.search(r'<svg class="bp-chart".*?</svg>', bp.text(page), flags=re.S).group(0)
    backprop = re.search(r'<g class="bp-series bp-series-a"[^>]*>(.*?)</g>', svg).group(1)
    finite = re.search(r'<g class="bp-series bp-series-b"[^>]*>(.*?)</g>', svg).group(1)
    assert backprop.count("<circle") == len(rows) and finite.count("<rect") == len(rows)
    assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg


def test_forward_and_reverse_mode_passes_for_every_example(page, examples):
    header, *body = next(t for t in bp.tables(page) if t[0][0] == "Example")
    assert len(body) == len(examples)
    by_title = {ex.data["title"]: ex for ex in examples.values()}
    for r in body:
        ex = by_title[r[0]]
        n, m = ex.parameter_count, ex.sizes[-1]
        counts = [bp.count(r[1]), bp.count(r[2])] + [int(re.sub(r"\D", "", v)) for cell in r[3:]
                                                        for v in re.findall(r"\\\(\{?[\d\\,]+\}?\\\)", cell)]
        assert counts == [n, m, n, 1, n, m], r


def test_each_example_page_counts_its_own_network(built_site, computed, examples):
    for c in computed:
        page = pages.topic_page(built_site, c, "cost")
        sizes = examples[c.example.slug].sizes
        forward = sum(m * k for k, m in zip(sizes, sizes[1:])) + sizes[-1]
        n = examples[c.example.slug].parameter_count
        expected = f"2\\times{n}\\times{forward}={2 * n * forward}"
        # Counts of four digits and more are grouped by thin spaces (\,).
        shown = [re.sub(r"[\s{}]|\\,", "", m) for m in re.findall(r"\\\((.*?)\\\)", bp.text(page))]
        assert expected in shown, (page.name, expected)
