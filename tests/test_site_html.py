"""The built site, read as HTML, as each engine (MkDocs, Zensical) builds it: every value of
every example's worked page is the computed value correctly rounded, and every one is there."""
from __future__ import annotations

import re
import shutil
from generator import site
from tests import authored, pages
from tests.rounding import is_correctly_rounded, shows_given

# The notation the pages promise their readers (see the forward and backward pass pages).
FUNCTION_TEX = {"sigmoid": r"\sigma", "tanh": r"\tanh", "relu": r"\operatorname{relu}", "identity": r"\operatorname{id}"}


def unit_symbol(name, layer, j, sizes):
    return f"{name}^{{({layer})}}" if sizes[layer] == 1 else f"{name}_{{{j}}}^{{({layer})}}"


def expected_symbol(id, net) -> str:
    """The left-hand side the page uses for a quantity, built from the id alone."""
    if id == "L":
        return "L"
    kind, rest = re.match(r"([a-zA-Z]+)(.*)", id).groups()
    numbers = [int(n) for n in rest.split("_")]
    if kind == "dx":
        return rf"\frac{{\partial L}}{{\partial {'x' if net.sizes[0] == 1 else f'x_{{{numbers[0]}}}'}}}"
    l, j = numbers[0], numbers[1]
    grad = lambda s: rf"\frac{{\partial L}}{{\partial {s}}}"  # noqa: E731
    if kind in ("z", "a"):
        return unit_symbol(kind, l, j, net.sizes)
    if kind == "s":
        return f"{FUNCTION_TEX[net.activations[l - 1]]}'({unit_symbol('z', l, j, net.sizes)})"
    if kind in ("dz", "da", "db"):
        return grad(unit_symbol(kind[1], l, j, net.sizes))
    if kind == "dW":
        k = numbers[2]
        sep = "," if max(j, k) >= 10 else ""
        return grad(f"W_{{{j}{sep}{k}}}^{{({l})}}")
    raise ValueError(id)


def test_every_example_has_a_page(engine_site, computed):
    for c in computed:
        assert pages.worked_page(engine_site, c).is_file(), c.page


def test_every_worked_value_is_shown_correctly_rounded(engine_site, computed, examples):
    for c in computed:
        ex = examples[c.example.slug]
        # A deep network's backward pass is worked on a page of its own.
        shown = {lhs: values for page in pages.worked_pages(engine_site, c.example.slug)
                 for lhs, values in pages.equations(pages.read(page).math).items()}
        expected = ex.values()
        digits = ex.digits
        for id, exact in expected.items():
            lhs = re.sub(r"\s+", "", expected_symbol(id, ex))
            assert lhs in shown, f"{c.page}: no equation for {id} ({lhs})"
            value = shown[lhs][-1]
            assert is_correctly_rounded(value, exact, digits), f"{c.page}: {id} shows {value}, exact {exact!r}"


def test_parameter_table_shows_every_parameter_and_gradient(engine_site, computed, examples):
    for c in computed:
        ex = examples[c.example.slug]
        expected, given = ex.values(), ex.given()
        rows = {r[0]: r[1:] for page in pages.worked_pages(engine_site, c.example.slug) for t in pages.tables(page)
                for r in t if len(r) == 3 and r[0].startswith(r"\(")}
        count = 0
        for l in range(1, ex.depth + 1):
            for j in range(1, ex.sizes[l] + 1):
                params = [(f"W{l}_{j}_{k}", f"W_{{{j}{k}}}^{{({l})}}" if max(j, k) < 10 else f"W_{{{j},{k}}}^{{({l})}}")
                          for k in range(1, ex.sizes[l - 1] + 1)]
                params.append((f"b{l}_{j}", unit_symbol("b", l, j, ex.sizes)))
                for id, symbol in params:
                    value, gradient = (pages.strip_delimiters(s) for s in rows[rf"\({symbol}\)"])
                    # Given by the author or drawn from the seed here (tests/authored.py).
                    assert shows_given(value, given[id], ex.digits), (c.page, id, value)
                    assert is_correctly_rounded(gradient, expected["d" + id], ex.digits), (c.page, id)
                    count += 1
        assert count == ex.parameter_count


def test_the_printing_policy_is_stated_once(engine_site):
    for phrase in ("half up (away from zero on a tie", "guard digits"):
        hits = [p for p in engine_site.rglob("*.html") if phrase in p.read_text(encoding="utf-8")]
        assert [p.name for p in hits] == ["numerical-example.html"], phrase


def test_no_raw_tex_reaches_the_reader(engine_site):
    # Outside the arithmatex elements that MathJax typesets, no page may carry TeX: inline
    # $$...$$ inside a paragraph is not math to arithmatex and would show raw.
    pages = sorted(engine_site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        text = page.read_text(encoding="utf-8")
        body = re.sub(r'<(div|span) class="arithmatex">.*?</\1>', "", text, flags=re.S)
        body = re.sub(r"<script.*?</script>", "", body, flags=re.S)
        for raw in ("$$", "\\frac", "\\(", "\\[", "\\begin", "\\partial"):
            assert raw not in body, f"{page.relative_to(engine_site)} shows {raw} as text"


def test_a_new_example_file_adds_its_pages(tmp_path):
    """Dropping a file into examples/ is all it takes: its worked page, its three pages of
    topics, a navigation entry and a row in the overview, with every value right."""
    examples = tmp_path / "examples"
    examples.mkdir()
    shutil.copy(site.EXAMPLES / "seed.toml", examples)
    (examples / "deeper.toml").write_text(
        'title = "A deeper network"\n'
        '[network]\nsizes = [3, 4, 3, 2]\nactivation = ["relu", "tanh", "identity"]\n'
        '[sample]\nx = [0.2, -0.4, 0.9]\ny = [0.1, -0.3]\n[init]\nseed = 12\n'
        '[display]\nsignificant_digits = 4\n', encoding="utf-8")
    site.build(tmp_path / "site", site.ROOT / "mkdocs.yml", examples, tmp_path / "docs")
    built = tmp_path / "site"
    assert (built / "examples" / "deeper.html").is_file()
    for topics in ("checks", "paths", "rounding"):
        assert (built / "examples" / topics / "deeper.html").is_file(), topics
    # Three layers of weights: the backward pass stays on the worked page.
    assert not (built / "examples" / "backward" / "deeper.html").exists()
    assert 'href="examples/deeper.html"' in (built / "index.html").read_text(encoding="utf-8")
    assert "A deeper network" in (built / "examples" / "index.html").read_text(encoding="utf-8")

    deeper = authored.read(examples / "deeper.toml")
    shown = pages.equations(pages.read(built / "examples" / "deeper.html").math)
    expected = deeper.values()
    # Per neuron (9): z, a, f'(z), dL/dz, dL/da, dL/db; the 30 weight gradients; the loss; the
    # gradients of the 3 inputs.
    assert len(expected) == 6 * 9 + 30 + 1 + 3
    for id, exact in expected.items():
        lhs = re.sub(r"\s+", "", expected_symbol(id, deeper))
        assert is_correctly_rounded(shown[lhs][-1], exact, 4), id
