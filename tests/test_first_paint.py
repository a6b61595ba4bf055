"""The page is on screen before its scripts start: Material's bundle, its polyfill and the
site's own scripts are fetched only once the document is parsed, and run only after a frame has
been drawn; everything they set up is still set up, once, from disk and on the published site."""
from __future__ import annotations

import pytest

from generator import engines

from .navigation import go_instantly, search_from_disk, search_like_a_reader

pytestmark = pytest.mark.browser

# Before any script of the page runs: a count of the frames drawn, read when the document is
# parsed and when Material's bundle has run (its last act is to publish window.document$).
COUNT_FRAMES = """
window.loadOrder = {frames: 0, atParsed: null, atBundle: null};
const tick = () => { loadOrder.frames++; requestAnimationFrame(tick); };
requestAnimationFrame(tick);
document.addEventListener('DOMContentLoaded', () => {
  if (loadOrder.atParsed === null) loadOrder.atParsed = loadOrder.frames;
});
Object.defineProperty(window, 'document$', {configurable: true, set(value) {
  if (loadOrder.atBundle === null) loadOrder.atBundle = loadOrder.frames;
  Object.defineProperty(window, 'document$', {value, writable: true, configurable: true});
}});
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
    search_from_disk(w, "chain rule")


def test_a_search_result_marks_its_words_on_the_published_site(published_site, watched):
    """Over http the search's words are marked on the page a result opens (from disk they are
    not: the feature would load the whole index with every page)."""
    w = watched(allowed_prefix=published_site)
    w.goto(published_site + "index.html")
    search_like_a_reader(w.page, "chain rule")
    # The results follow each key press: wait for those of the whole query, whose links carry
    # both words.
    w.page.wait_for_function("""() => {
        const link = document.querySelector('a.md-search-result__link');
        return link && new URL(link.href).searchParams.get('h') === 'chain rule';
    }""")
    w.page.locator("a.md-search-result__link").first.click()
    marked = w.page.locator("article mark[data-md-highlight]")
    marked.first.wait_for()
    # Words next to each other are marked as one.
    assert {word.lower() for t in marked.all_text_contents() for word in t.split()} <= {"chain", "rule"}
    assert w.errors == [] and w.requests == []


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


# The root's classes and attribute that Material's bundle sets as it starts, and the page's
# stylesheets, as they are when the document is parsed: before any held script runs.
AT_PARSED = """
document.addEventListener('DOMContentLoaded', () => {
  const root = document.documentElement;
  window.atParsed = {
    classes: [...root.classList].sort(),
    focusVisible: root.hasAttribute('data-js-focus-visible'),
    links: [...document.querySelectorAll('link[rel=stylesheet]')],
  };
  window.atParsed.sheets = window.atParsed.links.map(link => link.sheet);
}, {once: true});
"""

# Is each stylesheet of the page the one it had when parsed: same element, same loaded sheet?
SAME_STYLESHEETS = """() => {
  const links = [...document.querySelectorAll('link[rel=stylesheet]')];
  return links.length === atParsed.links.length && links.length > 0
    && links.every((link, i) => link === atParsed.links[i] && link.sheet !== null && link.sheet === atParsed.sheets[i]);
}"""


@pytest.mark.parametrize("published", ["published_site", "published_zensical_site"], ids=engines.ENGINES)
def test_material_starts_without_restyling_the_page(published, request, watched):
    """Any change to the root or to a stylesheet after the first paint restyles the whole page,
    on a long page for a good part of a second on a phone. Material's start changes neither:
    the root already carries what it sets, and no stylesheet is loaded again, not even after
    instant navigation to a page in another folder."""
    published_site = request.getfixturevalue(published)
    w = watched(allowed_prefix=published_site)
    w.context.add_init_script(AT_PARSED)
    w.goto(published_site + "examples/index.html")
    at_parsed = w.page.evaluate("() => ({classes: atParsed.classes, focusVisible: atParsed.focusVisible})")
    root = w.page.evaluate("""() => ({classes: [...document.documentElement.classList].sort(),
        focusVisible: document.documentElement.hasAttribute('data-js-focus-visible')})""")
    assert "js" in root["classes"] and "no-js" not in root["classes"], root
    assert at_parsed == root
    assert w.page.evaluate(SAME_STYLESHEETS)
    fetched = [u for u in w.loaded if u.endswith(".css")]
    assert len(fetched) == len(set(fetched)), fetched
    # Material takes over links once it has read the sitemap. The footer's link back leads to a
    # page one folder up, and is always there to follow.
    w.page.wait_for_load_state("networkidle")
    w.page.evaluate("() => { window.notReloaded = true; document.querySelector('article').setAttribute('data-left', ''); }")
    w.page.locator("a.md-footer__link--prev").click()
    w.page.wait_for_selector("article[data-left]", state="detached")
    assert w.page.url == published_site + "mini-batches.html"
    assert w.page.evaluate("() => window.notReloaded") is True
    assert w.page.evaluate(SAME_STYLESHEETS)
    assert w.errors == [] and w.requests == []
