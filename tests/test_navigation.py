"""The navigation stays short enough to scan: a few sections of a few pages each, and a sidebar
that shows the sections and opens only the one the reader is in."""
from __future__ import annotations

import pytest

from generator import render
from tests.navigation import nav_link

# What a reader can take in at a glance.
MOST_SECTIONS = 6
MOST_PAGES_PER_SECTION = 8


def test_the_pages_come_in_a_few_short_sections(computed):
    entries = render.nav(computed)
    assert len(entries) <= MOST_SECTIONS
    sections = [list(e.values())[0] for e in entries if isinstance(list(e.values())[0], list)]
    lesson_sections = [s for s in sections if s is not sections[-1]]  # the last is the examples
    assert len(lesson_sections) >= 3
    assert all(len(s) <= MOST_PAGES_PER_SECTION for s in lesson_sections)
    # Every page of the site is in the navigation, once.
    paths = [p for s in sections for item in s for p in item.values()]
    paths += [v for e in entries for v in e.values() if isinstance(v, str)]
    assert sorted(paths) == sorted({p for p in paths})
    assert {p for p, *_ in render.PAGES} <= set(paths)


def visible_entries(page) -> list[str]:
    return page.locator("nav.md-nav--primary .md-nav__link:visible").all_inner_texts()


@pytest.mark.browser
def test_the_sidebar_shows_the_sections_and_opens_the_readers_own(built_site, computed, watched):
    entries = render.nav(computed)
    titles = [list(e)[0] for e in entries]
    w = watched()
    w.goto((built_site / "index.html").as_uri())
    # One line per section or page at the top level, every section folded.
    assert [t.strip() for t in visible_entries(w.page)] == titles
    for path, _, title, section in render.PAGES:
        if section is None:
            continue
        w.goto((built_site / path.replace(".md", ".html")).as_uri())
        pages = next(e[section] for e in entries if section in e)
        shown = [t.strip() for t in visible_entries(w.page)]
        assert len(shown) == len(titles) + len(pages), (path, shown)
        assert [list(p)[0] for p in pages] == [t for t in shown if t in {list(p)[0] for p in pages}]
    # A folded section opens on a click, as a reader opens it.
    w.goto((built_site / "index.html").as_uri())
    nav_link(w.page, 'a[href$="symmetry.html"]').click()
    w.page.wait_for_url("**/symmetry.html")


# Where a heading stands under the header after a jump, and where the jump means it to stand.
HEADING_PLACE = """(id) => {
    const heading = document.getElementById(id);
    return [heading.getBoundingClientRect().top, parseFloat(getComputedStyle(heading).scrollMarginTop)];
}"""


def settled_place(page, id: str) -> list[float]:
    """The heading's place once it has stood still for a few frames."""
    page.wait_for_function("""(id) => new Promise(done => {
        const top = () => document.getElementById(id).getBoundingClientRect().top;
        const first = top();
        let frames = 0;
        const next = () => (++frames < 10 ? requestAnimationFrame(next) : done(top() === first));
        requestAnimationFrame(next);
    })""", arg=id, polling=200)
    return page.evaluate(HEADING_PLACE, id)


@pytest.mark.browser
@pytest.mark.parametrize("name", ["numerical-example.html", "examples/checks/deep-sigmoid.html"])
def test_a_jump_to_a_heading_puts_it_under_the_header(built_site, watched, name):
    # The blocks of a long page are drawn as they come near the screen, at guessed heights until
    # then (extra.css): a jump must still end with its heading where the browser scrolled it.
    w = watched(viewport={"width": 1280, "height": 900})
    url = (built_site / name).as_uri()
    page = w.goto(url)
    ids = page.evaluate("() => [...document.querySelectorAll('.md-sidebar--secondary a[href^=\"#\"]')].map(a => a.hash.slice(1))")
    assert len(ids) > 8
    for id in ids[-6:]:
        page.goto(url)
        page.locator(f'.md-sidebar--secondary a[href="#{id}"]').click()
        top, margin = settled_place(page, id)
        assert abs(top - margin) <= 2, (id, top, margin)
    page.goto(url + "#" + ids[-3])
    top, margin = settled_place(page, ids[-3])
    assert abs(top - margin) <= 2
    assert w.errors == []


@pytest.mark.browser
def test_a_jump_to_a_heading_under_instant_navigation(published_site, watched):
    w = watched(allowed_prefix=published_site, viewport={"width": 1280, "height": 900})
    page = w.goto(published_site + "numerical-example.html")
    page.wait_for_load_state("networkidle")
    ids = page.evaluate("() => [...document.querySelectorAll('.md-sidebar--secondary a[href^=\"#\"]')].map(a => a.hash.slice(1))")
    for id in ids[-4:]:
        page.locator(f'.md-sidebar--secondary a[href="#{id}"]').click()
        top, margin = settled_place(page, id)
        assert abs(top - margin) <= 2, (id, top, margin)
    assert w.errors == [] and w.requests == []
