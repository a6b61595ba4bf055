"""The three gate patterns on the computational graph page, read from the built page and held
against the independent implementation: an add node hands its gradient to every input as it
is, a multiply node hands each input the gradient times the other input, and a ReLU node
routes it to z where the unit is switched on and nowhere where it is off."""
from __future__ import annotations

from fractions import Fraction

from tests import reference
from tests import sections as S
from tests.rounding import is_correctly_rounded, is_correctly_rounded_as_shown

PAGE = "computational-graph.html"
HEADING = "three-patterns-at-the-nodes"


def gate(site, prefix: str) -> str:
    parts = S.subsections(S.section(site / PAGE, HEADING), 3)
    found = [html for id, html in parts if id.startswith(prefix)]
    assert len(found) == 1, prefix
    return found[0]


def rows_of(fragment: str) -> dict[str, list[str]]:
    return {lhs: parts for m in S.math(fragment) if r"\begin{aligned}" in m for lhs, parts in S.rows(m)}


def main_of(computed):
    return next(c for c in computed if c.is_main)


def test_the_add_node_hands_its_gradient_to_every_input_unchanged(built_site, computed):
    c = main_of(computed)
    sizes, N, digits = c.example.network.sizes, c.example.network.depth, c.example.significant_digits
    v = reference.for_example(c.example)
    html = gate(built_site, "add")
    z, b = S.unit("z", N, 1, sizes), S.unit("b", N, 1, sizes)
    product = f"{S.weight(N, 1, 1)} {S.unit('a', N - 1, 1, sizes) if N > 1 else 'x_{1}'}"
    rows = rows_of(html)
    for lhs in (S.grad(b), S.grad(f"({product})")):
        symbol, value = rows[lhs]
        assert symbol == S.grad(z), lhs
        assert is_correctly_rounded(value, v[f"dz{N}_1"], digits), (lhs, value)
    # Every input of the sum is named: each product and the bias.
    inline = S.math(html)
    for k in range(1, sizes[N - 1] + 1):
        assert f"{S.weight(N, 1, k)} {S.unit('a', N - 1, k, sizes)}" in inline, k
    assert b in inline


def test_the_multiply_node_hands_each_input_the_gradient_times_the_other(built_site, computed):
    c = main_of(computed)
    net, digits = c.example.network, c.example.significant_digits
    N, sizes = net.depth, net.sizes
    v = reference.for_example(c.example)
    rows = rows_of(gate(built_site, "multiply"))
    # To the weight: the sum's gradient times the activation.
    (factors, value) = rows[S.grad(S.weight(N, 1, 1))]
    gradient, other = (f.strip() for f in factors.split(r" \cdot "))
    assert is_correctly_rounded_as_shown(gradient.strip("()"), v[f"dz{N}_1"], digits)
    assert is_correctly_rounded_as_shown(other.strip("()"), v[f"a{N - 1}_1"], digits)
    assert is_correctly_rounded(value, v[f"dW{N}_1_1"], digits)
    # To the activation: the weight times the sum's gradient, the activation's whole gradient
    # where it feeds a single sum.
    a = S.unit("a", N - 1, 1, sizes)
    lhs = S.grad(a) if sizes[N] == 1 else f"{S.weight(N, 1, 1)} \\cdot {S.grad(S.unit('z', N, 1, sizes))}"
    (factors, value) = rows[lhs]
    w, gradient = (f.strip() for f in factors.split(r" \cdot "))
    assert S.number(w) == Fraction(repr(float(net.weights[N - 1][0, 0])))
    assert is_correctly_rounded_as_shown(gradient.strip("()"), v[f"dz{N}_1"], digits)
    expected = v[f"da{N - 1}_1"] if sizes[N] == 1 else float(net.weights[N - 1][0, 0]) * v[f"dz{N}_1"]
    assert is_correctly_rounded_as_shown(value, expected, digits)


def relu_example(computed):
    """The running example if it has a ReLU layer with a unit switched on and one off, else the
    first other example (by file name) that has, with that layer and the two units."""
    ordered = sorted(computed, key=lambda c: (not c.is_main, c.example.path.name))
    for c in ordered:
        net, v = c.example.network, reference.for_example(c.example)
        for l in range(1, net.depth + 1):
            z = [v[f"z{l}_{j}"] for j in range(1, net.sizes[l] + 1)]
            if net.activations[l - 1] == "relu" and any(t > 0 for t in z) and any(t <= 0 for t in z):
                on = next(j for j, t in enumerate(z, start=1) if t > 0)
                off = next(j for j, t in enumerate(z, start=1) if t <= 0)
                return c, l, on, off
    return None


def test_the_max_node_routes_the_gradient_to_the_side_it_passed_on(built_site, computed):
    found = relu_example(computed)
    assert found, "the examples include a ReLU layer with a unit on and one off"
    c, l, on, off = found
    digits, sizes = c.example.significant_digits, c.example.network.sizes
    v = reference.for_example(c.example)
    html = gate(built_site, "max")
    assert f'href="{c.page.replace(".md", ".html")}#the-computational-graph"' in html or c.is_main
    # Each unit under its own heading: what follows "Switched on" up to "Switched off", and
    # what follows "Switched off".
    switched_on, switched_off = html.split("Switched on", 1)[1].split("Switched off", 1)
    for j, passes, part in ((on, True, switched_on), (off, False, switched_off)):
        z = S.unit("z", l, j, sizes)
        rows = rows_of(part)
        (indicator, derivative) = rows[rf"\operatorname{{relu}}'({z})"]
        assert is_correctly_rounded_as_shown(indicator.strip("[]").split(">")[0].strip(), v[f"z{l}_{j}"], digits)
        assert derivative == ("1" if passes else "0")
        (product, value) = rows[S.grad(z)]
        incoming, local = (f.strip() for f in product.split(r" \cdot "))
        assert is_correctly_rounded_as_shown(incoming.strip("()"), v[f"da{l}_{j}"], digits)
        assert local == derivative
        expected = v[f"da{l}_{j}"] if passes else 0.0
        assert is_correctly_rounded_as_shown(value, expected, digits) and v[f"dz{l}_{j}"] == expected


def test_every_line_of_the_gates_holds_with_a_calculator(built_site):
    checked = 0
    for m in S.math(S.section(built_site / PAGE, HEADING)):
        for row in S.raw_rows(m):
            if len(S.RELATION.split(row)) < 3 or r"\frac" in S.RELATION.split(row)[-2]:
                continue  # a symbol equal to a symbol: nothing to redo
            ok, why = S.holds(row)
            assert ok, (row, why)
            checked += 1
    assert checked >= 4
