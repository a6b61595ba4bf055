"""Every printed line checked from its parts, on the built HTML and in the graph data the pages
embed: each line is the formula tests/formulas.py describes for its quantity, every number
substituted into it is the right quantity (correctly rounded at the digits it is printed with,
or exactly the author's number), and its result is the independent implementation's value
correctly rounded to the example's significant digits.

Two sites are read: the one built from examples/, and one built from tests/more_examples/ (every
activation, cross-entropy with and without the sigmoid shortcut, drawn weights, numbers in
scientific notation, layers of one neuron, given numbers with more digits than the pages show).
"""
from __future__ import annotations

import shutil
from fractions import Fraction
from pathlib import Path

import pytest

from generator import site
from tests import authored, formulas, lines, pages
from tests.rounding import is_correctly_rounded, shows_given

MORE_EXAMPLES = Path(__file__).parent / "more_examples"


@pytest.fixture(scope="module")
def more_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("more")
    examples = tmp / "examples"
    examples.mkdir()
    for p in [site.EXAMPLES / "seed.toml", *MORE_EXAMPLES.glob("*.toml")]:
        shutil.copy(p, examples)
    site.build(tmp / "site", site.ROOT / "mkdocs.yml", examples, tmp / "docs")
    return tmp / "site"


@pytest.fixture(scope="module", params=["examples", "more"])
def checked(request, built_site, more_site):
    """A built site and its examples as their authors wrote them, by slug."""
    if request.param == "examples":
        return built_site, authored.read_all(site.EXAMPLES)
    return more_site, {"seed": authored.read(site.EXAMPLES / "seed.toml"), **authored.read_all(MORE_EXAMPLES)}


def worked_pages(built: Path, examples) -> list[tuple[list[Path], str]]:
    """(pages, slug) for every example: the pages that work it out in full."""
    return [(pages.worked_pages(built, slug), slug) for slug in examples]


# --- Checking one line -------------------------------------------------------------------------

def check_operand(want, got: lines.Num, ex: authored.Authored, exact: dict, given: dict, where: str):
    if isinstance(want, lines.Num):
        assert got.value == want.value, f"{where}: {got.text} stands where the formula has {want.text}"
        return
    id = want.id
    if id in given and got.value == Fraction(given[id]):
        return  # exactly the author's number (or the seed's, drawn to two decimals)
    value = float(given[id]) if id in given else exact[id]
    at = max(got.significant, ex.digits)
    assert is_correctly_rounded(got.text, value, at), \
        f"{where}: {got.text} stands for {id}, whose value is {value!r} (checked at {at} digits)"


def check_line(line: str, ex: authored.Authored, exact: dict, given: dict, where: str) -> str:
    """Checks one printed line from its parts; returns the id of the quantity it computes."""
    parts = lines.parts(line)
    assert len(parts) in (2, 3), f"{where}: {line!r} is not `symbol = formula = result`"
    id = lines.symbol_id(parts[0], ex.sizes, ex.activations)
    where = f"{where}: {id}: {line!r}"
    description = formulas.describe(id, ex)
    formula = parts[1] if len(parts) == 3 else parts[-1]
    if isinstance(description, formulas.SymbolOf):
        assert len(parts) == 3 and lines.symbol_id(formula, ex.sizes, ex.activations) == description.id, where
    else:
        # Where a line may take either of two forms, it must take one of them.
        alternatives = description if isinstance(description, tuple) else (description,)
        for i, form in enumerate(alternatives):
            try:
                matched = lines.match(form, formula)
                break
            except lines.Mismatch:
                if i == len(alternatives) - 1:
                    raise
        for want, got in matched:
            check_operand(want, got, ex, exact, given, where)
    result = lines.tokens(parts[-1])
    assert len(result) == 1 and isinstance(result[0], lines.Num), f"{where}: the result is not one number"
    assert is_correctly_rounded(result[0].text, exact[id], ex.digits), \
        f"{where}: shows {result[0].text}, exact value {exact[id]!r} to {ex.digits} digits"
    return id


def check_rows(rows: list[str], ex: authored.Authored, where: str) -> list[str]:
    exact, given = ex.values(), ex.given()
    return [check_line(row, ex, exact, given, where) for row in rows]


def quantity_rows(rows: list[str], ex: authored.Authored) -> list[str]:
    """The rows whose left-hand side names one quantity (not a vector or a matrix)."""
    out = []
    for row in rows:
        try:
            lines.symbol_id(lines.parts(row)[0], ex.sizes, ex.activations)
        except lines.Mismatch:
            continue
        out.append(row)
    return out


# --- The pages ---------------------------------------------------------------------------------

def test_every_line_of_every_worked_page(checked):
    built, examples = checked
    for worked, slug in worked_pages(built, examples):
        ex = examples[slug]
        # Every row that names a quantity is checked, wherever it stands (the exercises repeat
        # lines in their answers); the nudge test's rows name a parameter plus a step. A deep
        # network's quantities are worked over two pages: between them, every one.
        ids = [id for page in worked for id in check_rows(quantity_rows(pages.aligned_rows(pages.read(page).math), ex),
                                                           ex, page.name)]
        assert set(ids) == set(ex.values()), f"{slug}: every quantity"


def test_every_line_of_the_forward_pass_page(checked):
    built, examples = checked
    ex = examples["seed"]
    ids = check_rows(pages.aligned_rows(pages.read(built / "forward-pass.html").math), ex, "forward-pass.html")
    forward = [i for i in ex.values() if i[0] in "za" or i == "L"]
    assert sorted(ids) == sorted(forward)


def test_every_scalar_line_of_the_notations(checked):
    built, examples = checked
    found = []
    for slug, ex in examples.items():
        page = built / ("notations.html" if slug == "seed" else f"examples/paths/{slug}.html")
        rows = quantity_rows(pages.aligned_rows(pages.read(page).math), ex)
        found += check_rows(rows, ex, page.name)
    backward = [i for i in examples["seed"].values() if i[0] in "ds"]
    assert len(found) >= len(backward)


def test_the_given_numbers_of_every_worked_page(checked):
    built, examples = checked
    for worked, slug in worked_pages(built, examples):
        ex = examples[slug]
        page = worked[0]  # the set-up, before the forward pass
        given = ex.given()
        shown = [pair for name, rows in pages.given_matrices(pages.read(page).math).items() for pair in given_ids(name, rows)]
        assert sorted(id for id, _ in shown) == sorted(given), f"{page.name}: every given number once"
        for id, text in shown:
            assert shows_given(text, given[id], ex.digits), f"{page.name}: {id} shows {text}, given {given[id]}"


def given_ids(name: str, rows: list[list[str]]) -> list[tuple[str, str]]:
    if name in ("x", "y"):
        return [(f"{name}{k}", row[0]) for k, row in enumerate(rows, 1)]
    if name[0] == "b":
        return [(f"b{name[1:]}_{j}", row[0]) for j, row in enumerate(rows, 1)]
    return [(f"W{name[1:]}_{j}_{k}", v) for j, row in enumerate(rows, 1) for k, v in enumerate(row, 1)]


# --- The graph's data --------------------------------------------------------------------------

def embedded_graphs(built: Path):
    for page in sorted(built.rglob("*.html")):
        for data in pages.graph_data(page):
            if data.get("drawable"):
                yield page, data


def test_every_log_line_of_every_graph(checked):
    built, examples = checked
    seen = set()
    for page, data in embedded_graphs(built):
        ex = examples[data["example"]]
        exact, given = ex.values(), ex.given()
        where = f"{page.relative_to(built)} (graph)"
        for step in data["steps"]:
            id = check_line(step["log"], ex, exact, given, where)
            assert id == step["id"] == lines.symbol_id(step["symbol"], ex.sizes, ex.activations), (where, step["id"])
            assert is_correctly_rounded(step["text"], exact[id], ex.digits), (where, id, step["text"])
        assert sorted(s["id"] for s in data["steps"]) == sorted(exact), where
        seen.add(data["example"])
    assert seen == {slug for slug, ex in examples.items() if drawable(ex.sizes)}


def drawable(sizes) -> bool:
    """The limit the pages state: at most 3 layers of weights, and at most 15 nodes in a column,
    the tallest being a layer's inputs with its weights and biases under them."""
    columns = [sizes[l - 1] + sizes[l] * (sizes[l - 1] + 1) for l in range(1, len(sizes))] + [2 * sizes[-1]]
    return len(sizes) - 1 <= 3 and max(columns) <= 15


def test_the_given_numbers_on_every_graph(checked):
    built, examples = checked
    for page, data in embedded_graphs(built):
        ex = examples[data["example"]]
        given = ex.given()
        shown = {n["id"]: n for n in data["nodes"] if n["given"] is not None}
        assert set(shown) == set(given), page.name
        for id, node in shown.items():
            assert lines.symbol_id(node["symbol"], ex.sizes, ex.activations) == id, (page.name, node["symbol"])
            assert shows_given(node["given"], given[id], ex.digits), \
                f"{page.name}: {id} shows {node['given']}, given {given[id]} ({ex.digits} digits)"


# --- The checker itself ------------------------------------------------------------------------

SEED = authored.read(site.EXAMPLES / "seed.toml")


def seed_line(line: str) -> str:
    return check_line(line, SEED, SEED.values(), SEED.given(), "test")


@pytest.mark.parametrize("line", [
    r"\sigma'(z_{1}^{(1)}) &= 0.587(1 - 0.587) = 0.242",
    r"\sigma'(z_{1}^{(1)}) &= 0.587(1 - 0.587) \approx 0.242",
    r"\sigma'(z_{1}^{(1)}) &\approx 0.58662(1 - 0.58662) = 0.242",
    r"\sigma'(z_{1}^{(1)}) = 0.5866(1 - 0.5866) ≈ 0.242",
    r"z_{1}^{(1)} &= 0.20 \cdot 0.500 + 0.5 \cdot 0.3 + 0.1 = 0.35",
    "z₁⁽¹⁾ ≈ 0.2·0.5 + 0.5·0.3 + 0.1 = 0.35",
    "∂L/∂z⁽²⁾ = −0.09261 × 0.2070 ≈ −0.0192",
])
def test_the_checker_reads_the_forms_about_to_come(line):
    assert seed_line(line) in ("s1_1", "z1_1", "dz2_1")


@pytest.mark.parametrize("line", [
    r"\sigma'(z_{1}^{(1)}) &= 0.587(1 + 0.587) = 0.242",  # the wrong formula
    r"z_{1}^{(1)} &= 0.2 \cdot 0.3 + 0.5 \cdot 0.3 + 0.1 = 0.35",  # a weight times the wrong input
    r"z_{1}^{(1)} &= 0.2 \cdot 0.5 + 0.5 \cdot 0.3 + 0.2 = 0.35",  # the wrong bias
    r"\sigma'(z_{1}^{(1)}) &= 0.587(1 - 0.587) = 0.2421",  # a guard digit on the result
    r"\sigma'(z_{1}^{(1)}) &= 0.59(1 - 0.59) = 0.242",  # an operand short of the example's digits
    r"\sigma'(z_{1}^{(1)}) &= 0.5867(1 - 0.5867) = 0.242",  # a guard digit rounded the wrong way
    r"\sigma'(z_{1}^{(1)}) &= 0.242",  # no formula
    r"\tanh'(z_{1}^{(1)}) &= 1 - 0.587^2 = 0.242",  # not the layer's activation
    r"\frac{\partial L}{\partial b_{1}^{(1)}} &= \frac{\partial L}{\partial z_{2}^{(1)}} = -0.00279",  # the wrong unit
    r"z^{(1)} &= 0.2 \cdot 0.5 + 0.5 \cdot 0.3 + 0.1 = 0.35",  # a subscript missing in a layer of two
])
def test_the_checker_rejects_a_wrong_line(line):
    with pytest.raises(AssertionError):
        seed_line(line)
