"""Lines of the topic pages that the worked lines do not cover, checked from the page models
before any page is built (tests/test_calculator.py checks the same on the built pages): the
notations page's matrix forms entry by entry, and the fan-out terms, each holding and adding up
to their printed total."""
from __future__ import annotations

from tests import calculator
from tests.test_calculator import check_matrix_block


def test_every_matrix_line_of_the_notations_holds_entry_by_entry(computed):
    checked = 0
    for c in computed:
        for block in c.topics.notations["matrix"]:
            checked += check_matrix_block(block["tex"], f"{c.example.slug} notations")
    # Per example at least the output layer's delta: a difference and its result.
    assert checked >= len(computed)


def test_the_fan_out_terms_hold_and_add_up(computed):
    checked = 0
    for c in computed:
        for fan in c.topics.fan_out:
            products = [calculator.tex_to_text(t["exact"]) for t in fan["terms"]]
            for term, product in zip(fan["terms"], products):
                assert calculator.follows(calculator.tex_to_text(term["formula"]), product), (c.example.slug, term)
                checked += 1
            total = calculator.tex_to_text(fan["total"])
            assert calculator.follows(" + ".join(f"({p})" for p in products), total), (c.example.slug, fan)
    assert checked >= 2 * len(computed)

