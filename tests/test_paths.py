"""The sum over paths, read from the built pages: every count is the count of an explicit graph
walked here (every path listed for small networks, every node's paths added up for deep ones),
and the paths of one parameter, with their products, add up to its gradient as the independent
implementation computes it."""
from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path

import pytest

from generator.content.paths import MOST_LISTED_PATHS
from tests import beyond_pages as bp
from tests import pages
from tests import calculator, reference
from tests.rounding import is_correctly_rounded, is_correctly_rounded_as_shown


def graph(sizes) -> dict:
    """The computational graph: node -> [(next node, whether its local derivative is the
    constant 1)]. A bias's edge into its weighted sum is the only constant one."""
    L = len(sizes) - 1
    edges: dict = {"L": []}
    for l in range(1, L + 1):
        for j in range(1, sizes[l] + 1):
            edges[("z", l, j)] = [(("a", l, j), False)]
            edges[("b", l, j)] = [(("z", l, j), True)]
            for k in range(1, sizes[l - 1] + 1):
                edges[("W", l, j, k)] = [(("z", l, j), False)]
            edges[("a", l, j)] = ([(("z", l + 1, i), False) for i in range(1, sizes[l + 1] + 1)]
                                  if l < L else [("L", False)])
    return edges


def every_path(edges, node):
    """Every path from node to the loss, listed one by one, as its edges."""
    if node == "L":
        yield []
        return
    for following, constant in edges[node]:
        for rest in every_path(edges, following):
            yield [(node, following, constant)] + rest


def path_count(edges, node) -> int:
    """The same number, without listing them: a node's paths are its successors' paths added."""
    @lru_cache(maxsize=None)
    def count(n):
        return 1 if n == "L" else sum(count(f) for f, _ in edges[n])
    return count(node)


def parameters(sizes, l):
    out = []
    for j in range(1, sizes[l] + 1):
        out += [("W", l, j, k) for k in range(1, sizes[l - 1] + 1)] + [("b", l, j)]
    return out


def brute_force(sizes) -> list[tuple[int, int, int]]:
    """(parameters, paths, multiplications) per layer, by listing every path: a path costs one
    multiplication per factor after the first, and a constant 1 is no factor."""
    edges, out = graph(sizes), []
    for l in range(1, len(sizes)):
        params = parameters(sizes, l)
        paths = [p for q in params for p in every_path(edges, q)]
        out.append((len(params), len(paths), sum(sum(not c for *_, c in p) - 1 for p in paths)))
    return out


def backward_multiply_adds(sizes, l) -> int:
    """As the cost page counts them: f'(z) and delta, delta a^T, and W^T delta below layer 1."""
    m, n = sizes[l], sizes[l - 1]
    return 2 * m + m * n + (m * n if l > 1 else 0)


SIZES = [[2, 2, 1], [2, 3, 3, 3, 3, 1], [3, 4, 3, 2], [1, 1], [4, 2, 5, 1], [2, 12, 1]]


@pytest.mark.parametrize("sizes", SIZES, ids=str)
def test_counting_paths_node_by_node_agrees_with_listing_them(sizes):
    edges = graph(sizes)
    for l in range(1, len(sizes)):
        for p in parameters(sizes, l):
            assert path_count(edges, p) == len(list(every_path(edges, p)))


def layer_rows(page: Path, table_index: int) -> list[list[str]]:
    """The rows of the page's n-th "paths to the loss" table."""
    found = [rows for rows in bp.tables(page) if rows and rows[0][:3] == ["Layer \\(l\\)", "Parameters", "Paths from each"]]
    return found[table_index][1:]


def check_layer_table(rows, sizes):
    expected = brute_force(sizes)
    assert len(rows) == len(expected) + 1
    for l, (row, (params, paths, mults)) in enumerate(zip(rows, expected), start=1):
        assert row[0] == str(l)
        assert [bp.count(c) for c in row[1:]] == [params, math.prod(sizes[l + 1:]), paths, mults,
                                                 backward_multiply_adds(sizes, l)]
    total = rows[-1]
    assert [bp.count(total[1]), bp.count(total[3]), bp.count(total[4]), bp.count(total[5])] == [
        sum(e[0] for e in expected), sum(e[1] for e in expected), sum(e[2] for e in expected),
        sum(backward_multiply_adds(sizes, l) for l in range(1, len(sizes)))]


def deepest(computed):
    return max(sorted(computed, key=lambda c: c.example.slug), key=lambda c: c.example.network.depth)


def test_the_page_counts_the_paths_of_the_running_and_the_deepest_example(built_site, computed):
    page = built_site / "sum-over-paths.html"
    main = next(c for c in computed if c.example.slug == "seed")
    deep = deepest(computed)
    assert deep.example.network.depth == 5, "an example at the layer limit"
    check_layer_table(layer_rows(page, 0), main.example.network.sizes)
    check_layer_table(layer_rows(page, 1), deep.example.network.sizes)
    # In the deep example the paths outnumber both the parameters and the backward pass's work.
    total = layer_rows(page, 1)[-1]
    assert bp.count(total[3]) > bp.count(total[1]) and bp.count(total[4]) > bp.count(total[5])


def test_every_examples_paths_page_counts_its_paths(built_site, computed):
    for c in computed:
        if c.example.slug != "seed":
            check_layer_table(layer_rows(pages.topic_page(built_site, c, "paths"), 0), c.example.network.sizes)


def test_the_family_grows_exponentially_in_paths_and_linearly_in_work(built_site, computed):
    page = built_site / "sum-over-paths.html"
    rows = bp.table(page, "bp-paths-family")
    sizes0 = deepest(computed).example.network.sizes
    depths = [bp.count(r[0]) for r in rows]
    assert depths == list(range(1, len(rows) + 1)) and len(rows) >= 10
    paths, work = [], []
    width = max(sizes0[1:-1])
    for depth, row in zip(depths, rows):
        # The deepest example's inputs and outputs, hidden layers as wide as its widest.
        sizes = [sizes0[0]] + [width] * (depth - 1) + [sizes0[-1]]
        edges = graph(sizes)
        every = [p for l in range(1, len(sizes)) for p in parameters(sizes, l)]
        assert bp.count(row[1]) == len(every)
        assert bp.count(row[2]) == sum(path_count(edges, p) for p in every)
        if depth <= 6:  # small enough to list every path
            assert bp.count(row[3]) == sum(m for _, _, m in brute_force(sizes))
        assert bp.count(row[4]) == sum(backward_multiply_adds(sizes, l) for l in range(1, len(sizes)))
        paths.append(bp.count(row[2]))
        work.append(bp.count(row[4]))
    # Paths: a ratio from one depth to the next that settles at the width; work: a constant step.
    ratios = [b / a for a, b in zip(paths, paths[1:])]
    assert all(r > width for r in ratios) and ratios == sorted(ratios, reverse=True)
    assert ratios[-1] - width < 1e-5 * width
    steps = {b - a for a, b in zip(work[2:], work[3:])}
    assert len(steps) == 1 and steps.pop() > 0


PATH = re.compile(r"\\to ")


def path_product(v, net, x, path_units, first_layer, k):
    """The product of the local derivatives along a path, from the independent values."""
    value = float(x[k - 1]) if first_layer == 1 else v[f"a{first_layer - 1}_{k}"]
    value *= v[f"s{first_layer}_{path_units[0]}"]
    for m, (before, here) in enumerate(zip(path_units, path_units[1:]), start=first_layer + 1):
        value *= float(net.weights[m - 1][here - 1, before - 1]) * v[f"s{m}_{here}"]
    return value * v[f"da{net.depth}_{path_units[-1]}"]


def listed_paths(page: Path) -> list[tuple[int, list[list[str]]]]:
    """Each table of one weight's paths: the weight's layer (from the heading) and the rows."""
    out = []
    for rows in bp.tables(page):
        m = re.fullmatch(r"From \\\(W_\{11\}\^\{\((\d)\)\}\\\) through", rows[0][0]) if rows else None
        if m and rows[0][1].startswith("to \\(L\\)"):
            out.append((int(m.group(1)), rows[1:]))
    return out


def listed_tables(built_site, computed):
    """(example, its listed paths): the running and the deepest example on the lesson's page,
    every other example on its checks page."""
    lesson = listed_paths(built_site / "sum-over-paths.html")
    deep = deepest(computed)
    out = [(next(c for c in computed if c.example.slug == "seed"), lesson[0]), (deep, lesson[1])]
    return out + [(c, listed_paths(pages.topic_page(built_site, c, "paths"))[0]) for c in computed if c.example.slug != "seed"]


def test_one_weights_paths_add_up_to_its_gradient(built_site, computed):
    checked = 0
    for c, (layer, rows) in listed_tables(built_site, computed):
        net, digits = c.example.network, c.example.significant_digits
        v = reference.for_example(c.example)
        # The earliest layer whose parameters have at most a page's worth of paths.
        assert layer == next(l for l in range(1, len(net.sizes)) if math.prod(net.sizes[l + 1:]) <= MOST_LISTED_PATHS)
        *paths, total = rows
        expected_count = math.prod(net.sizes[layer + 1:])
        units = []
        for path, product in paths:
            steps = [re.fullmatch(r"a_?\{?(\d*)\}?\^\{\((\d+)\)\}", s.strip()) for s in PATH.split(bp.unwrap(path))]
            # One activation in each layer from the weight's own to the output.
            assert [int(m.group(2)) for m in steps] == list(range(layer, net.depth + 1))
            along = [int(m.group(1)) if m.group(1) else 1 for m in steps]
            units.append(tuple(along))
            # The product is plain text, as a calculator's user types it.
            assert "\\(" not in product, (c.example.slug, product)
            formula, relation, result = re.split(r" (=|≈) ", product)
            ok, why = calculator.holds(formula, relation, result)
            assert ok, (c.example.slug, why)
            exact = path_product(v, net, c.example.x, along, layer, 1)
            assert is_correctly_rounded_as_shown(result, exact, digits), (c.example.slug, path, result)
        # Every path, each once, in order.
        assert units == sorted(set(units)) and len(units) == expected_count
        gradient = bp.unwrap(total[1])
        assert is_correctly_rounded(gradient, v[f"dW{layer}_1_1"], digits)
        shown = [re.split(r" (?:=|≈) ", p)[-1] for _, p in paths]
        added = " + ".join(f"({s})" for s in shown)
        assert calculator.follows(added, calculator.tex_to_text(gradient)), (c.example.slug, added, gradient)
        checked += 1
    assert checked == len(computed) + 1
