"""The pages with JavaScript off, in a real browser: every formula is there, typeset, with no
TeX showing; every graph is drawn with every given value. With JavaScript on, the script only
wakes the drawing up: nothing moves when it runs."""
from __future__ import annotations

import pytest


from tests.test_browser import all_pages

pytestmark = pytest.mark.browser

DRAWING = """() => {
    const root = document.querySelector('.bp-graph');
    const svg = root.querySelector('svg.bp-graph__svg');
    const box = svg.getBoundingClientRect();
    return {
        phase: root.dataset.phase,
        box: [box.x, box.y + window.scrollY, box.width, box.height],
        values: Object.fromEntries([...svg.querySelectorAll('.bp-node')].map(n =>
            [n.dataset.nodeId, n.querySelector('.bp-node__value').textContent])),
        controls: getComputedStyle(root.querySelector('.bp-graph__controls')).display,
    };
}"""


def graph_pages(built_site, computed):
    """(page, example) for every example whose graph is drawn, on its worked page."""
    pages = [("computational-graph.html", next(c for c in computed if c.example.slug == "seed"))]
    pages += [(c.page.removesuffix(".md") + ".html", c) for c in computed if c.graph["drawable"]]
    return pages


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_shows_its_math_without_javascript(built_site, watched, scheme):
    w = watched(java_script_enabled=False, color_scheme=scheme)
    formulas = 0
    for name in all_pages(built_site):
        w.goto((built_site / name).as_uri())
        assert w.untypeset() == 0, name
        assert w.tex_in_text() == [], name
        # Material's styles for a page without scripts apply: the head's script that marks the
        # root "js" before the first paint has not run.
        assert w.page.evaluate("() => document.documentElement.className") == "no-js", name
        # Drawn at their size: every formula takes room on the page.
        assert w.page.evaluate("() => [...document.querySelectorAll('mjx-container > svg')]"
                               ".every(s => s.getBoundingClientRect().width > 0)"), name
        formulas += w.page.locator("mjx-container").count()
    assert formulas > 1000
    assert w.errors == [] and w.requests == [] and w.loaded and w.mathjax_requests() == []


def test_every_graph_is_drawn_with_its_given_values_without_javascript(built_site, watched, computed):
    w = watched(java_script_enabled=False)
    for name, c in graph_pages(built_site, computed):
        w.goto((built_site / name).as_uri())
        found = w.page.evaluate(DRAWING)
        data = c.graph
        assert found["phase"] == "idle", name
        assert found["values"] == {n["id"]: n["given"] or "" for n in data["nodes"]}, name
        assert found["box"][2] > 300 and found["box"][3] > 200, name
        # The controls would do nothing without a script: they are left out.
        assert found["controls"] == "none", name
    assert w.errors == [] and w.requests == []


# The widget's own layout: where the drawing stands in the widget, its size, the widget's size.
LAYOUT = """() => {
    const root = document.querySelector('.bp-graph').getBoundingClientRect();
    const svg = document.querySelector('.bp-graph svg').getBoundingClientRect();
    return [svg.x - root.x, svg.y - root.y, svg.width, svg.height, root.width, root.height];
}"""
# Runs before the page's own scripts, so its listener runs before the widget's set-up.
BEFORE_SETUP = """document.addEventListener('DOMContentLoaded', () => {
    if (document.querySelector('.bp-graph')) window.graphBeforeSetup = (%s)();
});""" % LAYOUT


def test_the_script_moves_nothing_when_it_wakes_the_graph(built_site, watched, computed):
    w = watched()
    w.context.add_init_script(BEFORE_SETUP)
    for name, _ in graph_pages(built_site, computed):
        page = w.goto((built_site / name).as_uri())
        page.wait_for_selector(".bp-graph[data-graph-ready]")
        after = page.evaluate(DRAWING)
        assert page.evaluate("() => window.graphBeforeSetup") == page.evaluate(LAYOUT), name
        assert after["controls"] != "none" and after["phase"] == "idle", name
        # Chrome's own count of layout shifts since the page began to load.
        shifts = page.evaluate("""() => new Promise(done => {
            new PerformanceObserver(list => done(list.getEntries().reduce((sum, e) => sum + e.value, 0)))
                .observe({type: 'layout-shift', buffered: true});
            setTimeout(() => done(0), 500);
        })""")
        assert shifts < 0.001, name
    assert w.errors == [] and w.requests == []
