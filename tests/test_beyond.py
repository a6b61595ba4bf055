"""The backward pass in three notations, read from the built pages, and every page after "Key
insights" in a real browser, in both palettes."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests import beyond_pages as bp
from tests import calculator, pages
from tests.rounding import is_correctly_rounded, is_correctly_rounded_as_shown, shows_given

SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
SUP = str.maketrans("0123456789()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾")


def node_name(kind, l, j, k, sizes) -> str:
    """A node as the interactive graph names it: W₁₂⁽¹⁾, z₁⁽²⁾, b⁽²⁾ ..."""
    layer = f"({l})".translate(SUP)
    if kind == "W":
        return f"W{f'{j}{k}'.translate(SUB)}{layer}"
    return f"{kind}{'' if sizes[l] == 1 else str(j).translate(SUB)}{layer}"


def expected_graph_rows(net) -> dict[str, tuple[float, list[float]]]:
    """Node name -> (its gradient, the product flowing back along each outgoing edge), for an
    example as its author wrote it (tests/authored.py)."""
    v = net.values()
    x = [float(v) for v in net.x]
    act = lambda l, k: x[k - 1] if l == 0 else v[f"a{l}_{k}"]  # noqa: E731
    out = {}
    L, sizes = net.depth, net.sizes
    for l in range(1, L + 1):
        for j in range(1, sizes[l] + 1):
            dz = v[f"dz{l}_{j}"]
            out[node_name("z", l, j, None, sizes)] = (dz, [v[f"s{l}_{j}"] * v[f"da{l}_{j}"]])
            out[node_name("b", l, j, None, sizes)] = (v[f"db{l}_{j}"], [dz])
            for k in range(1, sizes[l - 1] + 1):
                out[node_name("W", l, j, k, sizes)] = (v[f"dW{l}_{j}_{k}"], [act(l - 1, k) * dz])
            if l == L:
                out[node_name("a", l, j, None, sizes)] = (v[f"da{l}_{j}"], [v[f"da{l}_{j}"]])
            else:
                terms = [float(net.W[l][i - 1][j - 1]) * v[f"dz{l + 1}_{i}"] for i in range(1, sizes[l + 1] + 1)]
                out[node_name("a", l, j, None, sizes)] = (v[f"da{l}_{j}"], terms)
    # The inputs feed every neuron of the first layer: one term per neuron.
    for k in range(1, sizes[0] + 1):
        name = "x" if sizes[0] == 1 else f"x{str(k).translate(SUB)}"
        out[name] = (v[f"dx{k}"], [float(net.W[0][j - 1][k - 1]) * v[f"dz1_{j}"] for j in range(1, sizes[1] + 1)])
    return out


# A row's products are plain text: "from z⁽²⁾: 0.25 × (−0.1) ≈ −0.025".
EDGE = re.compile(r"from (.+?): ((.+?) × (.+?)) (=|≈) (.+?)$")


def test_the_graph_form_shows_what_flows_back_along_every_edge(built_site, computed, examples):
    for c in computed:
        page = pages.topic_page(built_site, c, "notations")
        digits = examples[c.example.slug].digits
        expected = expected_graph_rows(examples[c.example.slug])
        rows = bp.table(page, "bp-graph-form")
        assert {r[0] for r in rows} == set(expected), page.name
        for node, edges, total in rows:
            gradient, products = expected[node]
            assert is_correctly_rounded(bp.unwrap(total.replace(" (sum)", "")), gradient, digits), (page.name, node)
            lines = [line.strip() for line in edges.split("\n") if line.strip()]
            assert len(lines) == len(products), (page.name, node)
            for line, product in zip(lines, products):
                m = EDGE.match(line)
                assert m, line
                # It holds with a calculator, and a product carries any guard digits the sum
                # of the row needs.
                ok, why = calculator.holds(m.group(2), m.group(5), m.group(6))
                assert ok, (page.name, node, line, why)
                assert is_correctly_rounded_as_shown(m.group(6), product, digits), (page.name, node, line, product)
            assert total.endswith("(sum)") == (len(products) > 1)
            # The products as printed add up to the gradient as printed.
            added = " + ".join(f"({EDGE.match(line).group(6)})" for line in lines)
            assert calculator.follows(added, total.replace(" (sum)", "")), (page.name, node, added, total)


def test_the_matrix_form_shows_every_delta_and_weight_gradient(built_site, computed, examples):
    for c in computed:
        page = pages.topic_page(built_site, c, "notations")
        net = examples[c.example.slug]
        digits = net.digits
        v = net.values()
        blocks = [b for b in bp.display_math(page) if re.search(r"\\delta\^\{\(\d+\)\} &=", b)]
        assert len(blocks) == net.depth, page.name
        for block in blocks:
            l = int(re.search(r"\\delta\^\{\((\d+)\)\} &=", block).group(1))
            delta_part, weights_part = re.split(r"\\frac\{\\partial L\}\{\\partial W\^\{\(\d+\)\}\}", block)
            delta = bp.matrices(delta_part)[-1]
            assert len(delta) == net.sizes[l]
            for j, (entry,) in enumerate(delta, start=1):
                assert is_correctly_rounded(entry, v[f"dz{l}_{j}"], digits), (page.name, l, j)
            grad_W = bp.matrices(weights_part)[-1]
            assert [len(r) for r in grad_W] == [net.sizes[l - 1]] * net.sizes[l]
            for j, row in enumerate(grad_W, start=1):
                for k, entry in enumerate(row, start=1):
                    assert is_correctly_rounded(entry, v[f"dW{l}_{j}_{k}"], digits), (page.name, l, j, k)
            if l < net.depth:
                # (W^(l+1))^T written out: its rows are the columns of W^(l+1).
                transposed = bp.matrices(delta_part)[0]
                W = net.W[l]
                for k, row in enumerate(transposed):
                    for j, entry in enumerate(row):
                        assert shows_given(entry, W[j][k], digits), (page.name, l, j, k)


# --- In a browser -----------------------------------------------------------------------------

NEW_PAGES = ["gradient-check.html", "cost.html", "learning-step.html", "notations.html", "rounding-drift.html",
             "sum-over-paths.html", "code.html", "vanishing-gradients.html", "symmetry.html"]


def example_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in (site / "examples").rglob("*.html") if p.name != "index.html")


CONTRAST = """
(el) => {
  const rgb = (s) => (s.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => {
    const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  let bg = null;
  for (let n = el; n && !bg; n = n.parentElement) {
    const c = getComputedStyle(n).backgroundColor;
    if (c && !c.startsWith("rgba(0, 0, 0, 0)") && c !== "transparent") bg = c;
  }
  bg = bg || "rgb(255, 255, 255)";
  const ratio = (fg) => { const [a, b] = [lum(rgb(fg)), lum(rgb(bg))].sort((x, y) => y - x); return (a + 0.05) / (b + 0.05); };
  const svg = el.querySelector("svg");
  const text = [...svg.querySelectorAll("text")].map((t) => ratio(getComputedStyle(t).fill));
  const lines = [...svg.querySelectorAll(".bp-series polyline")].map((p) => ratio(getComputedStyle(p).stroke));
  return {text: Math.min(...text), lines: Math.min(...lines)};
}
"""


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_new_pages_typeset_and_their_plots_read_in_both_palettes(built_site, watched, scheme):
    """No raw TeX, no error, no request; plot text at 4.5:1 and lines at 3:1 against the page.
    With BEYOND_SHOTS set to a folder, a full-page screenshot of each page goes there."""
    shots = os.environ.get("BEYOND_SHOTS")
    w = watched(color_scheme=scheme)
    figures = 0
    for name in NEW_PAGES + example_pages(built_site):
        page = w.goto((built_site / name).as_uri())
        assert w.untypeset() == 0, name
        assert page.locator("mjx-container [data-mjx-error]").count() == 0, name
        for fig in page.locator("figure.bp-plot").all():
            ratios = fig.evaluate(CONTRAST)
            assert ratios["text"] >= 4.5 and ratios["lines"] >= 3, (name, scheme, ratios)
            figures += 1
        if shots:
            Path(shots).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(shots) / f"{name.replace('/', '_')[:-5]}-{scheme}.png"), full_page=True)
    assert figures >= 2
    assert w.errors == []
    assert w.requests == []


def test_every_chart_is_well_formed_svg(built_site):
    import xml.etree.ElementTree as ET

    charts = 0
    for page in sorted(built_site.rglob("*.html")):
        for svg in re.findall(r'<svg class="bp-chart".*?</svg>', page.read_text(encoding="utf-8"), flags=re.S):
            root = ET.fromstring(svg)
            ns = "{http://www.w3.org/2000/svg}"
            ids = {e.get("id") for e in root.iter() if e.get("id")}
            assert set(root.get("aria-labelledby").split()) <= ids, page.name
            assert root.find(f"{ns}title") is not None and root.find(f"{ns}desc") is not None
            charts += 1
    assert charts >= 4
