"""The matrix forms of the notations page, entry by entry, from the page models before any page
is built (tests/test_calculator.py checks the same on the built pages)."""
from __future__ import annotations

from tests.test_calculator import check_matrix_block


def test_every_matrix_line_of_the_notations_holds_entry_by_entry(computed):
    checked = 0
    for c in computed:
        for block in c.topics.notations["matrix"]:
            checked += check_matrix_block(block["tex"], f"{c.example.slug} notations")
    # Per example at least the output layer's delta: a difference and its result.
    assert checked >= len(computed)
