"""Both engines in a real browser (Debian Chromium through Playwright): the site MkDocs builds
and the one Zensical builds each typeset the math, run the graph forward and backward, find a
page through search, log no console error and make no request beyond the site, over http and
from disk."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def search_mkdocs(page, query):
    """Material's search box is in the header; results are list items under it. Over http
    the index loads when the box takes focus, so type as a reader does."""
    page.locator("input.md-search__input").click()
    page.keyboard.type(query)
    return page.locator(".md-search-result__item a")


def search_zensical(page, query):
    """Zensical's header holds a button that opens a search dialog; results are options of a
    list box."""
    page.locator(".md-search__button").click()
    page.get_by_role("combobox", name="Search").fill(query)
    return page.get_by_role("listbox").get_by_role("option")


SEARCH = {"mkdocs": search_mkdocs, "zensical": search_zensical}


@pytest.mark.parametrize("how", ["file", "http"])
def test_each_engine_builds_a_site_that_works(engine_site, engine_http_site, request, watched, how):
    engine = request.node.callspec.params["engine_site"]
    base = engine_site.as_uri() + "/" if how == "file" else engine_http_site
    w = watched(allowed_prefix=engine_http_site, reduced_motion="reduce")

    w.goto(base + "numerical-example.html")
    assert w.page.locator(".arithmatex").count() > 50
    assert w.untypeset() == 0
    assert w.page.locator("mjx-merror").count() == 0

    page = w.goto(base + "computational-graph.html")
    page.wait_for_selector(".bp-graph[data-graph-ready]")
    page.get_by_role("button", name="Forward Pass").click()
    page.wait_for_selector('.bp-graph[data-phase="forward-done"]')
    page.get_by_role("button", name="Backward Pass").click()
    page.wait_for_selector('.bp-graph[data-phase="backward-done"]')

    w.goto(base + "index.html")
    results = SEARCH[engine](w.page, "chain rule")
    results.first.wait_for(timeout=15000)
    assert "The chain rule" in results.first.inner_text()

    # A result's excerpt shows its formulas as text, not as TeX: the loss on the backward pass
    # page, L = \frac{1}{2}\sum_j (a_j^{(N)} - y_j)^2, written out by hand.
    w.goto(base + "index.html")
    results = SEARCH[engine](w.page, "half the sum of squared errors")
    results.first.wait_for(timeout=15000)
    shown = " ".join(results.all_inner_texts())
    assert "L = 1/2 ∑_j (a_j^(N) − y_j)²" in shown
    assert "\\" not in shown

    assert w.errors == []
    assert w.requests == []
