"""Mini-batches, read from the built pages: the samples as the example file gives them, the loss
averaged over them and every parameter's gradient per sample and averaged, each against the
independent implementation run on every sample."""
from __future__ import annotations

import re
import tomllib

import pytest

from tests import beyond_pages as bp
from tests import pages
from tests import reference
from tests.rounding import is_correctly_rounded, is_correctly_rounded_as_shown, parse_shown


@pytest.fixture(scope="module")
def batches(built_site, computed):
    """(example, its file read with tomllib, the per-sample reference values, pages) for each
    example that gives several samples."""
    out = []
    for c in computed:
        data = tomllib.loads(c.example.path.read_text(encoding="utf-8"))
        if len(data.get("samples", [])) < 2:
            continue
        net = c.example.network
        values = [reference.worked_values(net.sizes, net.activations, net.loss, [w.tolist() for w in net.weights],
                                          [b.tolist() for b in net.biases], s["x"], s["y"]) for s in data["samples"]]
        out.append((c, data, values, [built_site / "mini-batches.html", pages.topic_page(built_site, c, "batch")]))
    return out


def test_an_example_with_several_samples_exists_and_its_worked_page_uses_the_first(batches):
    assert batches, "examples/ should hold an example with [[samples]]"
    for c, data, _, _ in batches:
        assert list(c.example.x) == data["samples"][0]["x"] and list(c.example.y) == data["samples"][0]["y"]


def test_the_samples_are_the_columns_of_x_and_y(batches):
    for c, data, _, shown_on in batches:
        for page in shown_on:
            block = next(b for b in bp.display_math(page) if b.strip().startswith("X ="))
            X, Y = bp.matrices(block)
            columns = [[parse_shown(row[i])[0] for row in X] for i in range(len(X[0]))]
            assert columns == [[parse_shown(repr(float(v)))[0] for v in s["x"]] for s in data["samples"]], page.name
            assert [[parse_shown(row[i])[0] for row in Y] for i in range(len(Y[0]))] == \
                [[parse_shown(repr(float(v)))[0] for v in s["y"]] for s in data["samples"]]


def test_the_loss_is_the_mean_of_the_samples_losses(batches):
    for c, data, values, shown_on in batches:
        mean = sum(v["L"] for v in values) / len(values)
        for page in shown_on:
            block = next(b for b in bp.display_math(page) if re.match(r"L (=|\\approx) ", b.strip()))
            # The samples' losses are printed rounded, so L is only about their printed mean.
            assert block.strip().startswith("L \\approx"), (page.name, block)
            result = re.split(r"\\approx|=", block)[-1].strip()
            assert is_correctly_rounded(result, mean, c.example.significant_digits), (page.name, result, mean)


def test_each_gradient_per_sample_and_their_mean(batches):
    for c, data, values, shown_on in batches:
        net, digits = c.example.network, c.example.significant_digits
        ids = [f"W{l}_{j}_{k}" for l in range(1, net.depth + 1) for j in range(1, net.sizes[l] + 1)
               for k in [*range(1, net.sizes[l - 1] + 1), None]]
        ids = [i if not i.endswith("_None") else f"b{i[1:].rsplit('_', 1)[0]}" for i in ids]
        for page in shown_on:
            rows = bp.table(page, "bp-batch")
            assert len(rows) == len(ids) == net.parameter_count
            for row, id in zip(rows, ids):
                per_sample = [v["d" + id] for v in values]
                for shown, exact in zip(row[1:-1], per_sample):
                    assert is_correctly_rounded_as_shown(bp.unwrap(shown), exact, digits), (page.name, id, shown)
                assert is_correctly_rounded(bp.unwrap(row[-1]), sum(per_sample) / len(per_sample), digits), (page.name, id)


def test_the_batch_gradient_matrices_are_the_means(batches):
    for c, data, values, shown_on in batches:
        net, digits = c.example.network, c.example.significant_digits
        for page in shown_on:
            blocks = [b for b in bp.display_math(page) if r"\Delta" in b and "bmatrix" in b]
            assert len(blocks) == net.depth, page.name
            for block in blocks:
                l = int(re.search(r"\\partial W\^\{\((\d+)\)\}", block).group(1))
                result = bp.matrices(block)[-1]
                for j, row in enumerate(result, start=1):
                    for k, entry in enumerate(row, start=1):
                        mean = sum(v[f"dW{l}_{j}_{k}"] for v in values) / len(values)
                        assert is_correctly_rounded(entry, mean, digits), (page.name, l, j, k, entry)
