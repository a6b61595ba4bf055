"""The four equations of backpropagation on the backward pass page: BP1 to BP4 in order, each
in matrix form, each tied to the worked example's line where the running example uses it (a
link to that layer of the worked page, and the line itself, found again there), with values
held against the independent implementation."""
from __future__ import annotations

import re

from tests import pages, reference
from tests import sections as S
from tests.rounding import is_correctly_rounded

PAGE, WORKED = "backward-pass.html", "numerical-example.html"
HEADING = "the-four-equations-of-backpropagation"
# What each equation's general form must say, in the matrix notation.
GENERAL = {
    "bp1": [r"\delta^{(N)} =", r"\odot f'"],
    "bp2": [r"\delta^{(l)} = \left(W^{(l+1)}\right)^{\mathsf T} \delta^{(l+1)}", r"\odot f'"],
    "bp3": [r"\frac{\partial L}{\partial b^{(l)}} = \delta^{(l)}"],
    "bp4": [r"\frac{\partial L}{\partial W^{(l)}} = \delta^{(l)} \left(a^{(l-1)}\right)^{\mathsf T}"],
}


def expected_lines(c) -> dict[str, tuple[int, list[tuple[str, str]]]]:
    """Per equation: the layer it is shown at and (left-hand side, reference id) of each line."""
    net = c.example.network
    N, sizes, f = net.depth, net.sizes, {"sigmoid": r"\sigma", "tanh": r"\tanh"}
    u = lambda name, l: S.unit(name, l, 1, sizes)  # noqa: E731
    through = lambda l: [(S.grad(u("a", l)), f"da{l}_1"), (f"{f[net.activations[l - 1]]}'({u('z', l)})", f"s{l}_1"),  # noqa: E731
                         (S.grad(u("z", l)), f"dz{l}_1")]
    return {"bp1": (N, through(N)), "bp2": (N - 1, through(N - 1)), "bp3": (N, [(S.grad(u("b", N)), f"db{N}_1")]),
            "bp4": (N, [(S.grad(S.weight(N, 1, 1)), f"dW{N}_1_1")])}


def test_the_four_equations_each_show_the_worked_line_where_they_are_used(built_site, computed):
    c = next(c for c in computed if c.is_main)
    v, digits = reference.for_example(c.example), c.example.significant_digits
    parts = S.subsections(S.section(built_site / PAGE, HEADING), 3)
    assert [id[:3] for id, _ in parts] == ["bp1", "bp2", "bp3", "bp4"]
    worked_html = (built_site / WORKED).read_text(encoding="utf-8")
    worked_rows = [row for m in pages.read(built_site / WORKED).math if r"\begin{aligned}" in m
                   for row in S.raw_rows(pages.strip_delimiters(m))]
    for (id, html), (key, (layer, lines)) in zip(parts, expected_lines(c).items()):
        general, *examples = S.math(re.split(r"<p>", html, maxsplit=1)[0])
        assert all(phrase in general for phrase in GENERAL[key]), (key, general)
        anchor = f"backward-layer-{layer}"
        assert f'href="{WORKED}#{anchor}"' in html, key
        assert f'id="{anchor}"' in worked_html, anchor
        (block,) = [m for m in S.math(html) if r"\begin{aligned}" in m]
        shown = S.rows(block)
        assert [lhs for lhs, _ in shown] == [lhs for lhs, _ in lines], key
        for (_, parts_), (_, ref) in zip(shown, lines):
            assert is_correctly_rounded(parts_[-1], v[ref], digits), (key, ref)
        for row in S.raw_rows(block):
            assert row in worked_rows, (key, row)
