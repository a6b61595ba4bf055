"""Every page in a real browser (Debian Chromium through Playwright): no console error, no
request leaving the machine, every formula typeset in the page itself, with no MathJax loaded."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def all_pages(site):
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html")


def test_the_site_has_the_expected_pages(built_site):
    pages = all_pages(built_site)
    for name in ["index.html", "chain-rule.html", "forward-pass.html", "backward-pass.html",
                 "numerical-example.html", "computational-graph.html", "key-insights.html", "examples/index.html"]:
        assert name in pages


def check_math(w, name):
    assert w.untypeset() == 0, name
    # No TeX error was typeset in place of a formula, and no TeX shows as text.
    assert w.page.locator("mjx-container [data-mjx-error], mjx-container merror").count() == 0, name
    assert w.tex_in_text() == [], name


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_from_disk_shows_its_math_with_no_error_and_no_request(built_site, watched, scheme):
    w = watched(color_scheme=scheme)
    for name in all_pages(built_site):
        w.goto((built_site / name).as_uri())
        check_math(w, name)
    assert w.mathjax_requests() == []
    assert w.errors == []
    assert w.requests == []


def test_every_page_over_http_shows_its_math_with_no_mathjax_loaded(built_site, http_site, watched):
    w = watched(allowed_prefix=http_site)
    for name in all_pages(built_site):
        w.goto(http_site + name)
        w.page.wait_for_load_state("networkidle")
        check_math(w, name)
        assert w.page.evaluate("() => typeof window.MathJax") == "undefined", name
    assert w.mathjax_requests() == []
    assert w.errors == []
    assert w.requests == []


def test_math_needs_no_web_font_and_a_page_without_math_loads_no_math_asset(built_site, http_site, watched):
    w = watched(allowed_prefix=http_site)
    w.goto(http_site + "numerical-example.html")
    w.page.wait_for_load_state("networkidle")
    # Every glyph a formula points at is drawn from paths in the page itself.
    missing = w.page.evaluate("""() => [...document.querySelectorAll('mjx-container use')]
        .map(u => u.getAttribute('href') || u.getAttribute('xlink:href'))
        .filter(h => !document.querySelector(h)).length""")
    assert missing == 0
    assert not any(u.endswith((".woff", ".woff2", ".otf", ".ttf")) for u in w.loaded)
    assert w.page.locator("style.bp-math-style").count() == 1
    before = len(w.loaded)
    w.goto(http_site + "index.html")
    w.page.wait_for_load_state("networkidle")
    assert w.page.locator(".arithmatex").count() == 0
    assert w.page.locator("style.bp-math-style, svg.bp-math-glyphs").count() == 0
    assert not any("mathjax" in u.lower() for u in w.loaded[before:])


def test_printing_shows_every_formula_and_the_graph(built_site, watched):
    w = watched()
    page = w.goto((built_site / "computational-graph.html").as_uri())
    page.emulate_media(media="print")
    shown = page.evaluate("""() => ({
        formulas: [...document.querySelectorAll('mjx-container > svg')].filter(s => s.getBoundingClientRect().width > 0).length,
        all: document.querySelectorAll('mjx-container').length,
        graph: document.querySelector('.bp-graph svg').getBoundingClientRect().height,
    })""")
    assert shown["formulas"] == shown["all"] > 0 and shown["graph"] > 200
    assert len(page.pdf()) > 10000


# The layout shift a page has had since it began to load, once two frames and a little more have
# passed (the shifts a reader's input caused left out, as Lighthouse does).
LAYOUT_SHIFT = """() => new Promise(resolve => {
    let total = 0;
    new PerformanceObserver(list => list.getEntries().forEach(e => { if (!e.hadRecentInput) total += e.value; }))
        .observe({type: 'layout-shift', buffered: true});
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => resolve(total), 300)));
})"""


@pytest.mark.parametrize("size", [(412, 823), (1280, 900)], ids=["phone", "desktop"])
def test_nothing_on_a_page_moves_once_shown(built_site, watched, size):
    # The graph is drawn at its final size, each formula at its own, and what is drawn only as it
    # comes near the screen (extra.css) starts below the first screen: Lighthouse's budget for
    # the whole load is 0.02.
    w = watched(viewport={"width": size[0], "height": size[1]})
    moved = {}
    for name in all_pages(built_site):
        w.goto((built_site / name).as_uri())
        shift = w.page.evaluate(LAYOUT_SHIFT)
        if shift > 0.02:
            moved[name] = round(shift, 3)
    assert moved == {}


def test_on_a_phone_every_formula_keeps_its_size(built_site, watched):
    # A formula is typeset at a width in ex; in a narrow table cell the browser may squeeze it
    # below that, which leaves it unreadable. Each one's drawn width is measured against its own
    # width in ex, the ex taken from the font around it.
    w = watched(viewport={"width": 400, "height": 900})
    for name in all_pages(built_site):
        w.goto((built_site / name).as_uri())
        squeezed = w.page.evaluate("""() => [...document.querySelectorAll('mjx-container > svg[width$="ex"]')]
            .filter(svg => {
                const probe = document.createElement('span');
                probe.style.cssText = 'display:inline-block;width:1ex;position:absolute';
                svg.parentElement.appendChild(probe);
                const ex = probe.getBoundingClientRect().width;
                probe.remove();
                return svg.getBoundingClientRect().width < parseFloat(svg.getAttribute('width')) * ex - 1;
            }).map(svg => svg.parentElement.getAttribute('data-latex') || svg.getAttribute('width'))""")
        assert squeezed == [], f"{name}: {squeezed[:3]}"
    assert w.errors == []
