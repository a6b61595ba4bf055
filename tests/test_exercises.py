"""The worked pages' exercises, read from the built pages: one per layer, from the output back,
each asking for the weight with the largest gradient in its layer (by the independent
implementation), with the answer and its working folded away, every line of which is the worked
example's own and holds with a calculator."""
from __future__ import annotations

import re

from tests import pages, reference
from tests import sections as S
from tests.rounding import is_correctly_rounded

HEADING = "try-it-yourself"
FUNCTION_TEX = {"sigmoid": r"\sigma", "tanh": r"\tanh", "relu": r"\operatorname{relu}", "identity": r"\operatorname{id}"}


def exercises(site, c) -> list[str]:
    """The HTML of each exercise, in order."""
    fragment = S.section(pages.worked_page(site, c), HEADING)
    return re.split(r'<div class="admonition question">', fragment)[1:]


def expected_weight(c, l: int) -> tuple[int, int]:
    """(j, k) of the layer's weight with the largest gradient in size, the first on a tie."""
    net, v = c.example.network, reference.for_example(c.example)
    weights = [(j, k) for j in range(1, net.sizes[l] + 1) for k in range(1, net.sizes[l - 1] + 1)]
    return max(weights, key=lambda w: abs(v[f"dW{l}_{w[0]}_{w[1]}"]))


def test_one_exercise_per_layer_from_the_output_back(built_site, computed):
    for c in computed:
        found = exercises(built_site, c)
        net = c.example.network
        assert len(found) == net.depth, c.example.slug
        for l, html in zip(range(net.depth, 0, -1), found):
            j, k = expected_weight(c, l)
            assert f"Layer {l}" in html
            assert rf"\partial L / \partial {S.weight(l, j, k)}" in S.math(html), (c.example.slug, l)


def test_the_answer_is_folded_away(built_site, computed):
    for c in computed:
        for html in exercises(built_site, c):
            question, details, rest = html.partition("<details")
            assert details and not re.match(r'[^>]*\bopen\b', rest), c.example.slug
            assert r"\begin{aligned}" not in question
            assert len([m for m in S.math(rest.split("</details>")[0]) if r"\begin{aligned}" in m]) == 1


def test_the_working_is_the_worked_example_and_right(built_site, computed):
    for c in computed:
        net, digits = c.example.network, c.example.significant_digits
        v = reference.for_example(c.example)
        # A deep network's backward pass is on a page of its own.
        every_row = [row for page in pages.worked_pages(built_site, c.example.slug) for m in pages.read(page).math
                     if r"\begin{aligned}" in m for row in S.raw_rows(pages.strip_delimiters(m))]
        for l, html in zip(range(net.depth, 0, -1), exercises(built_site, c)):
            j, k = expected_weight(c, l)
            (working,) = [m for m in S.math(html) if r"\begin{aligned}" in m]
            unit = lambda name: S.unit(name, l, j, net.sizes)  # noqa: E731
            expected = [(S.grad(unit("a")), f"da{l}_{j}"), (f"{FUNCTION_TEX[net.activations[l - 1]]}'({unit('z')})", f"s{l}_{j}"),
                        (S.grad(unit("z")), f"dz{l}_{j}"), (S.grad(S.weight(l, j, k)), f"dW{l}_{j}_{k}")]
            # A shortcut (a - y for a sigmoid output under cross-entropy) continues the row above.
            shown = [(lhs, parts) for lhs, parts in S.rows(working) if lhs and not lhs.startswith("=")]
            assert [lhs for lhs, _ in shown] == [lhs for lhs, _ in expected], (c.example.slug, l)
            for (lhs, parts), (_, id) in zip(shown, expected):
                assert is_correctly_rounded(parts[-1], v[id], digits), (c.example.slug, lhs, parts[-1], v[id])
            for row in S.raw_rows(working):
                # The worked example's own line, found again in its backward pass.
                assert every_row.count(row) >= 2, (c.example.slug, row)
                if any(ch.isdigit() for ch in S.RELATION.split(row)[-2]):
                    ok, why = S.holds(row)
                    assert ok, (c.example.slug, row, why)


def test_a_hidden_layer_exercise_gives_the_gradients_it_starts_from(built_site, computed):
    for c in computed:
        net, digits = c.example.network, c.example.significant_digits
        v = reference.for_example(c.example)
        for l, html in zip(range(net.depth, 0, -1), exercises(built_site, c)):
            if l == net.depth:
                continue
            question = html.partition("<details")[0]
            for i in range(1, net.sizes[l + 1] + 1):
                z = S.unit("z", l + 1, i, net.sizes)
                m = re.search(rf"\\\(\\partial L / \\partial {re.escape(z)} \\approx \{{(.*?)\}}\\\)", question)
                assert m, (c.example.slug, l, i)
                assert is_correctly_rounded(m.group(1), v[f"dz{l + 1}_{i}"], digits)
