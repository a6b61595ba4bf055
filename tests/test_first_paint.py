"""The page is on screen before its scripts start: Material's bundle, its polyfill and the
site's own scripts are fetched only once the document is parsed, and run only after a frame has
been drawn; everything they set up is still set up, once, from disk and on the published site."""
from __future__ import annotations

import pytest

from .navigation import go_instantly, search_like_a_reader

pytestmark = pytest.mark.browser

# Before any script of the page runs: a count of the frames drawn, read when the document is
# parsed and when Material's bundle starts (it marks the root "js" as it starts).
COUNT_FRAMES = """
window.loadOrder = {frames: 0, atParsed: null, atBundle: null};
const tick = () => { loadOrder.frames++; requestAnimationFrame(tick); };
requestAnimationFrame(tick);
document.addEventListener('DOMContentLoaded', () => {
  if (loadOrder.atParsed === null) loadOrder.atParsed = loadOrder.frames;
});
new MutationObserver(() => {
  if (loadOrder.atBundle === null && document.documentElement.classList.contains('js'))
    loadOrder.atBundle = loadOrder.frames;
}).observe(document, {attributes: true, subtree: true, attributeFilter: ['class']});
"""

# Every script file the page fetched, with when its fetch began, and when parsing ended.
SCRIPT_FETCHES = """() => ({
  parsed: performance.getEntriesByType('navigation')[0].domContentLoadedEventStart,
  scripts: performance.getEntriesByType('resource')
    .filter(r => new URL(r.name).pathname.endsWith('.js'))
    .map(r => [new URL(r.name).pathname.split('/').pop(), r.startTime]),
})"""

# The scripts Material and mkdocs.yml put on every page; a page's own (the editor) loads as it likes.
HELD = ("bundle.", "shim.js", "graph-parts.js", "graph-player.js", "graph-widget.js", "scroll-regions.js",
        "jump-to-heading.js")


def check_order_and_set_up(w, over_http: bool):
    page = w.page
    page.wait_for_function("() => window.loadOrder && loadOrder.atBundle !== null")
    page.wait_for_load_state("networkidle")
    order = page.evaluate("() => window.loadOrder")
    assert order["atParsed"] is not None
    assert order["atBundle"] > order["atParsed"], order
    if over_http:
        # (The browser keeps no timings of files read from disk.)
        fetched = page.evaluate(SCRIPT_FETCHES)
        held = [(name, start) for name, start in fetched["scripts"] if name.startswith(HELD)]
        assert {name for name, _ in held if name.startswith("bundle.")}, fetched
        assert all(start >= fetched["parsed"] for _, start in held), fetched
    # What the scripts set up is there, once each.
    graphs = page.evaluate("""() => [...document.querySelectorAll('.bp-graph')].map(g =>
        [g.hasAttribute('data-graph-ready'), g.querySelectorAll('.bp-graph__controls').length])""")
    assert graphs and all(ready and controls == 1 for ready, controls in graphs), graphs
    assert w.errors == [] and w.requests == []


@pytest.mark.parametrize("page", ["computational-graph.html", "numerical-example.html"])
def test_scripts_start_after_the_first_frame_from_disk(built_site, watched, page):
    w = watched()
    w.context.add_init_script(COUNT_FRAMES)
    w.goto((built_site / page).as_uri())
    check_order_and_set_up(w, over_http=False)
    # Material started: its search answers.
    search_like_a_reader(w.page, "chain rule")
    w.page.locator(".md-search-result__item").first.wait_for()


def test_scripts_start_after_the_first_frame_on_the_published_site(published_site, watched):
    w = watched(allowed_prefix=published_site)
    w.context.add_init_script(COUNT_FRAMES)
    w.goto(published_site + "computational-graph.html")
    check_order_and_set_up(w, over_http=True)
    # Material started: instant navigation takes the next page without a load, and the next
    # page's graph is set up.
    w.page.evaluate("() => window.notReloaded = true")
    go_instantly(w.page, 'a[href$="numerical-example.html"]')
    w.page.wait_for_selector(".bp-graph[data-graph-ready]")
    assert w.page.evaluate("() => window.notReloaded") is True
    assert w.errors == [] and w.requests == []
