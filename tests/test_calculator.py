"""Every printed line can be redone with a calculator: its formula, evaluated with the numbers
exactly as printed and rounded to the digits of its result, gives the printed result; `=` only
where the two are equal. Checked from the formula data, from the lines as the pages and the
graph's log print them (read back by tests/calculator.py), and on the built HTML, for the
examples and for random networks of every kind. No check reads a full-precision value."""
from __future__ import annotations

import itertools
import json
import re
from decimal import Decimal, localcontext
from pathlib import Path

import numpy as np
import pytest

from generator.content import worked
from generator.content.numbers import Formatter
from generator.example import parse
from generator.maths import core
from tests import beyond_pages as bp
from tests import calculator, pages
from tests.rounding import is_correctly_rounded_as_shown, parse_shown

ACTIVATIONS = ["sigmoid", "tanh", "relu", "identity"]
RANDOM_NETWORKS = 220


def random_examples(count: int = RANDOM_NETWORKS, seed: int = 2026):
    """Networks of every activation and both losses, from one neuron per layer up to the
    loader's limits (6 layers of 12), with given or drawn parameters and 1 to 6 digits."""
    rng = np.random.default_rng(seed)
    for i in range(count):
        depth = int(rng.integers(1, 6)) if i % 20 else 5
        sizes = [int(n) for n in rng.integers(1, 13 if i % 20 == 0 else 5, size=depth + 1)]
        loss = "bce" if i % 2 else "mse"
        activations = [ACTIVATIONS[a] for a in rng.integers(0, 4, size=depth)]
        if loss == "bce":
            activations[-1] = "sigmoid"
        y = [float(round(v, 2)) for v in rng.uniform(0, 1, size=sizes[-1])]
        data = {"title": f"random {i}", "network": {"sizes": sizes, "activation": activations, "loss": loss},
                "sample": {"x": [float(round(v, 3)) for v in rng.uniform(-2, 2, size=sizes[0])], "y": y},
                "display": {"significant_digits": int(rng.integers(1, 7))}}
        if i % 3:
            data["init"] = {"seed": i}
        else:
            data["parameters"] = {}
            for l in range(1, depth + 1):
                data["parameters"][f"W{l}"] = [[float(round(v, 2)) for v in row]
                                               for row in rng.uniform(-1.5, 1.5, size=(sizes[l], sizes[l - 1]))]
                data["parameters"][f"b{l}"] = [float(round(v, 2)) for v in rng.uniform(-0.5, 0.5, size=sizes[l])]
        yield parse(data, Path(f"random-{i}.toml"))


@pytest.fixture(scope="module")
def lines(computed):
    """(name, worked quantities) of the examples and of the random networks."""
    out = [(c.example.slug, c.quantities) for c in computed]
    for ex in random_examples():
        trace = core.run(ex.network, ex.x, ex.y)
        out.append((ex.slug, worked.quantities(trace, Formatter(ex.significant_digits))))
    return out


# --- From the formula data -------------------------------------------------------------------

def evaluate_expr(e, operand):
    """The generator's formula data evaluated here, node by node, with Decimal."""
    kind = type(e).__name__
    if kind in ("Operand", "Symbol"):
        return operand(e.ref)
    if kind == "Const":
        return Decimal(e.value)
    parts = [evaluate_expr(c, operand) for c in _children(e)]
    if kind == "Sum":
        return sum(parts, Decimal(0))
    if kind == "Product":
        out = Decimal(1)
        for p in parts:
            out *= p
        return out
    if kind == "Difference":
        return parts[0] - parts[1]
    if kind == "Quotient":
        return parts[0] / parts[1]
    if kind == "Power":
        return parts[0] ** e.exponent
    if kind == "Half":
        return parts[0] / 2
    if kind == "Negative":
        return -parts[0]
    if kind == "Group":
        return parts[0]
    if kind == "Indicator":
        return Decimal(1) if parts[0] > 0 else Decimal(0)
    if kind == "Apply":
        return _function(e.function.name, parts[0])
    raise TypeError(kind)


def _children(e):
    for name in ("terms", "factors"):
        if hasattr(e, name):
            return getattr(e, name)
    return [getattr(e, n) for n in ("left", "right", "numerator", "denominator", "base", "body", "argument") if hasattr(e, n)]


def _function(name, v):
    if name == "sigmoid":
        return 1 / (1 + (-v).exp())
    if name == "tanh":
        return ((2 * v).exp() - 1) / ((2 * v).exp() + 1)
    if name == "relu":
        return max(v, Decimal(0))
    if name == "ln":
        return v.ln()
    raise ValueError(name)


def printed(rounded) -> Decimal:
    """A number from its printed text alone."""
    return calculator.evaluate(rounded.text().replace("(", "").replace(")", ""))


def test_every_worked_line_holds_from_the_formula_data(lines):
    checked = 0
    for name, quantities in lines:
        for q in quantities:
            if not q.line.operands:
                continue  # written with symbols: nothing to redo
            with localcontext() as ctx:
                ctx.prec = calculator.PRECISION
                value = evaluate_expr(q.formula, lambda ref: printed(q.line.operands[ref]))
            result = printed(q.line.result)
            relation = q.line.relations[1]
            if relation == "=":
                assert value == result, (name, q.id, value, q.value_text)
            else:
                digits = calculator.digits_of(q.line.result.text())
                assert calculator.rounded(value, digits) == result, (name, q.id, value, q.value_text)
                assert value != result, (name, q.id, "says ≈ where the two are equal")
            checked += 1
    assert checked > 10000


# --- From the printed lines ------------------------------------------------------------------

def numeric(part: str) -> bool:
    """A formula with its numbers substituted: digits, operators and functions, no symbol."""
    bare = re.sub(r"tanh|ln|max\(0,|σ", "", part)
    return bool(re.search(r"\d", part)) and not re.search(r"[\\∂δ_^A-Za-zα-ωΑ-Ω]", bare)


def check_line(line: str, where: str):
    """A printed line `symbol = formula ≈ result` holds as printed."""
    _, parts = calculator.split_line(line)
    if len(parts) < 2 or not numeric(parts[-2][1]):
        return 0  # written with symbols: nothing to redo
    (_, formula), (relation, result) = parts[-2], parts[-1]
    ok, why = calculator.holds(formula, relation, result)
    assert ok, f"{where}: {line}: {why}"
    return 1


def test_every_line_of_the_log_and_the_pages_holds_as_printed(lines):
    checked = 0
    for name, quantities in lines:
        for q in quantities:
            checked += check_line(q.equation_text(), f"{name} {q.id} (log)")
            checked += check_line(calculator.tex_to_text(q.equation_tex().replace(r"\approx", "≈")), f"{name} {q.id} (page)")
    assert checked > 20000


def test_the_calculator_catches_a_line_that_does_not_hold():
    # As printed before lines were made to hold: 0.707 - 0.8 is -0.093, not -0.0926.
    with pytest.raises(AssertionError):
        check_line("∂L/∂a⁽²⁾ = 0.707 − 0.8 = −0.0926", "planted")
    with pytest.raises(AssertionError):
        check_line(r"L ≈ ½(0.707 − 0.8)² ≈ 0.00429", "planted")
    with pytest.raises(AssertionError):
        check_line("z = 0.2·0.5 + 0.1 ≈ 0.2", "planted: equal, so it must say =")


# --- On the built pages ----------------------------------------------------------------------

def page_lines(path: Path) -> list[str]:
    """Every printed line of a page: rows of its aligned formulas, its inline formulas, the
    substituted formulas in its table cells, and its graph's log."""
    html = path.read_text(encoding="utf-8")
    out = []
    for block in pages.read(path).math:
        body = pages.strip_delimiters(block).replace(r"\begin{aligned}", "").replace(r"\end{aligned}", "")
        for row in re.split(r"\\\\(?:\[[^\]]*\])?", body):
            out.append(calculator.tex_to_text(re.sub(r"&(=|\\approx)", r"\1", row).replace(r"\approx", "≈").strip()))
    for m in re.finditer(r'<script type="application/json" class="bp-graph__data">(.*?)</script>', html, re.S):
        out += [s["log"] for s in json.loads(m.group(1))[0].get("steps", [])]
    return [line for line in out if "=" in line or "≈" in line]


def test_every_printed_line_of_the_built_pages_holds(built_site, computed):
    checked = 0
    for path in sorted(built_site.rglob("*.html")):
        for text in page_lines(path):
            for line in text.split(r"\qquad"):
                _, parts = calculator.split_line("· = " + line.strip() if line.strip()[:1].isdigit() else line.strip())
                if len(parts) >= 2 and numeric(parts[-2][1]) and numeric(parts[-1][1]):
                    (_, formula), (relation, result) = parts[-2], parts[-1]
                    ok, why = calculator.holds(formula.rstrip(", "), relation, result.rstrip(", "))
                    assert ok, f"{path.name}: {line}: {why}"
                    checked += 1
    # At least every substituted line of every worked page, and again in its graph's log.
    assert checked >= 2 * sum(1 for c in computed for q in c.quantities if q.line.operands)


# A sentence that names two numbers and the change between them, as the learning step's does.
_NUMBER = r'<span class="arithmatex">\\\(\+?\{?([^}\\]+)\}?\\\)</span>'
CHANGE = re.compile(rf"from {_NUMBER} to {_NUMBER}, a change of {_NUMBER}")


def test_every_change_a_sentence_names_holds_with_the_numbers_beside_it(built_site, computed):
    # "The loss fell from 0.004288 to 0.003967, a change of -0.000321": the second number less
    # the first, as printed, rounds to the change as printed.
    checked = 0
    for path in sorted(built_site.rglob("*.html")):
        text = " ".join(pages.source_html(path).split())
        for before, after, change in CHANGE.findall(text):
            difference = parse_shown(after)[0] - parse_shown(before)[0]
            assert is_correctly_rounded_as_shown(change, difference, 1), f"{path.name}: {after} − {before} is not {change}"
            checked += 1
    # The learning-step page and every other example's checks page.
    assert checked == len(computed)


def test_every_matrix_line_holds_entry_by_entry(built_site, computed):
    """The matrix forms (three notations, mini-batches), entry by entry."""
    checked = 0
    batch_pages = [built_site / "mini-batches.html"] + [pages.topic_page(built_site, c, "batch") for c in computed
                                                        if c.topics.batch]
    for page in [pages.topic_page(built_site, c, "notations") for c in computed] + batch_pages:
        for block in bp.display_math(page):
            checked += check_matrix_block(block, page.name)
    assert checked >= 3 * len(computed) + 2 * len(batch_pages)


def check_matrix_block(block: str, where: str) -> int:
    """Every link between two matrix forms of an aligned block holds entry by entry; how many."""
    if "bmatrix" not in block or r"\begin{aligned}" not in block:
        return 0
    # Rows of an aligned block end in \\[1ex]; a bare \\ separates the rows of a matrix.
    body = block.replace(r"\begin{aligned}", "").replace(r"\end{aligned}", "")
    rows = [re.sub(r"&(=|\\approx)", r"\1", r).strip() for r in re.split(r"\\\\\[1ex\]", body)]
    # Each row continues the one before: [definition] (= or ≈) numbers (= or ≈) ...
    chain = [(rel, part) for row in rows for rel, part in zip(re.findall(r"(?:^| )(=|\\approx) ", row),
                                                                re.split(r"(?:^| )(?:=|\\approx) ", row)[1:])]
    checked = 0
    for (_, formula), (relation, result) in zip(chain, chain[1:]):
        if "bmatrix" in formula and "bmatrix" in result and "W^" not in formula and "delta" not in formula:
            ok, why = calculator.matrix_line_holds(formula, "=" if relation == "=" else "≈", result)
            assert ok, f"{where}: {formula} {relation} {result}: {why}"
            checked += 1
    return checked


def test_the_fan_out_terms_hold_and_add_up(built_site, computed):
    checked = 0
    for c in computed:
        for table in bp.tables(pages.topic_page(built_site, c, "drift")):
            if not table or table[0][:2] != ["Term", "Substituted"]:
                continue
            terms = table[1:-1]
            for term in terms:
                formula, product = calculator.tex_to_text(bp.unwrap(term[1])), calculator.tex_to_text(bp.unwrap(term[2]))
                assert calculator.follows(formula, product), (c.example.slug, formula, product)
                checked += 1
            total = calculator.tex_to_text(bp.unwrap(table[-1][2]))
            added = " + ".join(f"({calculator.tex_to_text(bp.unwrap(t[2]))})" for t in terms)
            assert calculator.follows(added, total), (c.example.slug, added, total)
    assert checked >= 2


def test_the_learning_step_table_holds_row_by_row(built_site, computed):
    for c in computed:
        page = pages.topic_page(built_site, c, "learning-step")
        eta = Formatter.given(c.example.learning_rate).text()
        for row in bp.table(page, "bp-learning-step"):
            value, gradient, step, new = (calculator.tex_to_text(bp.unwrap(cell)) for cell in row[1:5])
            for formula, result in ((f"{eta} × ({gradient})", step), (f"{value} − ({step})", new)):
                assert calculator.follows(formula, result), (page.name, row[0], formula, result)


def test_every_page_model_builds_for_random_networks_of_every_kind():
    """One network in seven of the random set gets its whole page model (drift, nudge, training,
    graph...), not only its worked lines: no kind of network may stop the build."""
    from generator.content import model

    built = [model.compute(ex) for ex in itertools.islice(random_examples(), 0, RANDOM_NETWORKS, 7)]
    kinds = {(c.example.network.depth, c.example.network.loss) for c in built}
    assert len(built) >= 30 and {depth for depth, _ in kinds} >= {1, 2, 3, 5} and {loss for _, loss in kinds} == {"mse", "bce"}
