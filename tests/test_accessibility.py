"""axe-core (from the npm registry) finds no serious or critical violation on any page, in
either palette."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.drawn import everything_drawn

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


def every_box_measured(page) -> None:
    """A box that scrolls sideways gets its tab stop when it comes into view, and every box gets
    it at a keyboard's first Tab."""
    page.keyboard.press("Tab")
    page.wait_for_selector("html[data-scroll-regions=marked]", state="attached")


def violations(page) -> list[str]:
    every_box_measured(page)
    # The Tab focused the page's first link (Material's "Skip to content"), which fades in: it
    # is checked as a keyboard's reader sees it, shown.
    page.wait_for_function("() => getComputedStyle(document.activeElement).opacity === '1'")
    page.add_script_tag(path=str(AXE))
    # The whole page is checked, drawn, as the reader meets each part of it.
    found = page.evaluate(everything_drawn("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations"
                                           ".map(v => ({id: v.id, impact: v.impact, where: v.nodes.map(n => n.target.join(' '))})))"))
    return [f"{v['id']} ({v['impact']}) at {', '.join(v['where'][:3])}" for v in found if v["impact"] in BLOCKING]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_violation_on_any_page(built_site, watched, scheme):
    w = watched(color_scheme=scheme)
    found = {}
    for path in sorted(built_site.rglob("*.html")):
        if path.name == "404.html":
            continue  # its links are absolute: it is meant for a web server, checked below
        w.goto(path.as_uri())
        problems = violations(w.page)
        if problems:
            found[path.relative_to(built_site).as_posix()] = problems
    assert found == {}


def test_no_serious_violation_on_the_not_found_page(http_site, watched):
    w = watched(allowed_prefix=http_site)
    w.page.goto(http_site + "404.html")
    assert w.page.locator("h1").inner_text() == "404 - Not found"
    assert violations(w.page) == []


# Each box measured with the whole page drawn, as it is once the reader scrolls to it.
SCROLL_BOXES = everything_drawn("""[...document.querySelectorAll('.md-typeset__scrollwrap, .md-typeset div.arithmatex')].map(box => ({
    wider: box.scrollWidth > box.clientWidth + 1,
    stop: box.getAttribute('tabindex') === '0' && box.getAttribute('role') === 'region' && !!box.getAttribute('aria-label'),
}))""")


@pytest.mark.parametrize("page_name", ["numerical-example.html", "examples/backward/deep-sigmoid.html"])
def test_a_box_that_scrolls_sideways_and_only_such_a_box_takes_focus(built_site, watched, page_name):
    # On a phone many boxes scroll, on a wide screen fewer.
    w = watched(viewport={"width": 400, "height": 800})
    page = w.goto((built_site / page_name).as_uri())
    every_box_measured(page)
    narrow = page.evaluate(SCROLL_BOXES)
    assert any(b["wider"] for b in narrow) and not all(b["wider"] for b in narrow)
    assert [b["stop"] for b in narrow] == [b["wider"] for b in narrow]
    page.evaluate("() => document.documentElement.removeAttribute('data-scroll-regions')")
    page.set_viewport_size({"width": 1600, "height": 800})
    page.wait_for_selector("html[data-scroll-regions=marked]", state="attached")
    wide = page.evaluate(SCROLL_BOXES)
    assert sum(b["wider"] for b in wide) < sum(b["wider"] for b in narrow)
    assert [b["stop"] for b in wide] == [b["wider"] for b in wide]


# Where each box is and whether it is marked, read as the page is (nothing drawn for it), and
# whether it is wider than itself, read with the whole page drawn.
BOX_STATES = """async () => {
    const boxes = [...document.querySelectorAll('.md-typeset__scrollwrap, .md-typeset div.arithmatex')];
    const states = boxes.map(box => ({top: box.getBoundingClientRect().top, bottom: box.getBoundingClientRect().bottom,
                                      stop: box.getAttribute('tabindex') === '0'}));
    const wider = await (%s)();
    return states.map((s, i) => ({...s, wider: wider[i].wider}));
}""" % SCROLL_BOXES


def test_a_box_is_measured_when_it_comes_into_view_or_at_the_first_tab(built_site, watched):
    # Measuring a box far off the screen would lay it out: it waits until the reader comes to
    # it, or presses Tab (which must find every tab stop, near or far).
    w = watched(viewport={"width": 400, "height": 800})
    page = w.goto((built_site / "examples/deep-sigmoid.html").as_uri())
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 300))))")
    boxes = page.evaluate(BOX_STATES)
    in_view = [b for b in boxes if b["bottom"] > 0 and b["top"] < 800]
    # A box in a folded answer is measured when the reader unfolds it, which this leaves aside.
    folded = page.evaluate("() => [...document.querySelectorAll('.md-typeset__scrollwrap, .md-typeset div.arithmatex')]"
                           ".map(box => box.closest('details:not([open])') !== null)")
    far = [i for i, b in enumerate(boxes) if b["top"] > 3 * 800 and b["wider"] and not folded[i]]
    assert in_view and any(b["wider"] for b in in_view) and far
    assert [b["stop"] for b in in_view] == [b["wider"] for b in in_view]
    assert not any(boxes[i]["stop"] for i in far)
    assert page.evaluate("() => document.documentElement.hasAttribute('data-scroll-regions')") is False

    last = f"document.querySelectorAll('.md-typeset__scrollwrap, .md-typeset div.arithmatex')[{far[-1]}]"
    page.evaluate(f"() => {last}.scrollIntoView()")
    page.wait_for_function(f"() => {last}.getAttribute('tabindex') === '0'")
    first = f"document.querySelectorAll('.md-typeset__scrollwrap, .md-typeset div.arithmatex')[{far[0]}]"
    assert len(far) > 1 and page.evaluate(f"() => {first}.hasAttribute('tabindex')") is False

    page.keyboard.press("Tab")
    page.wait_for_selector("html[data-scroll-regions=marked]", state="attached")
    everything = page.evaluate(SCROLL_BOXES)
    assert [b["stop"] for b in everything] == [b["wider"] for b in everything]


def formula_accessibility(page) -> dict:
    return page.evaluate("""() => {
        const all = [...document.querySelectorAll('mjx-container')];
        return {
            formulas: all.length,
            mathml: all.filter(c => c.querySelector('mjx-assistive-mml math')).length,
            hidden_drawings: all.filter(c => c.querySelector(':scope > svg[aria-hidden=true]')).length,
            visible_mathml: all.filter(c => {
                const box = c.querySelector('mjx-assistive-mml').getBoundingClientRect();
                return box.width > 1 && box.height > 1 && getComputedStyle(c.querySelector('mjx-assistive-mml')).clipPath === 'none';
            }).length,
        };
    }""")


@pytest.mark.parametrize("how", ["file", "http"])
def test_every_formula_carries_mathml_for_screen_readers(how, built_site, http_site, watched):
    """The typeset formulas are hidden from screen readers, and MathML beside each, hidden from
    sight, is what they read: from disk and over http alike, with no script."""
    w = watched(allowed_prefix=http_site)
    for name in ["numerical-example.html", "examples/checks/two-outputs.html"]:
        w.goto(http_site + name if how == "http" else (built_site / name).as_uri())
        found = formula_accessibility(w.page)
        assert found["formulas"] > 0 and found["mathml"] == found["formulas"], name
        assert found["hidden_drawings"] == found["formulas"], name
        assert found["visible_mathml"] == 0, name
