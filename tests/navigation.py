"""The sidebar and the search as a reader uses them: the sidebar's sections fold, so a link in a
folded section is opened by clicking the section's name first, as a reader would."""
from __future__ import annotations


def nav_link(page, selector: str):
    """The sidebar link matching `selector` (inside the primary navigation), its section
    unfolded when it is folded."""
    link = page.locator(f"nav.md-nav--primary {selector}").first
    if not link.is_visible():
        # The innermost section holding the link; the label in front of its list unfolds it.
        section = page.locator("nav.md-nav--primary li.md-nav__item--nested").filter(has=page.locator(selector)).last
        section.locator(":scope > label.md-nav__link").click()
        link.wait_for(state="visible")
    return link


def go_instantly(page, selector: str) -> None:
    """Follows the sidebar link matching `selector` with Material's instant navigation and
    waits until the new page's article has taken the old one's place: until then the old
    page's elements are still there, and a wait for one of them would end at once."""
    page.evaluate("() => document.querySelector('article').setAttribute('data-left', '')")
    nav_link(page, selector).click()
    page.wait_for_selector("article[data-left]", state="detached")
    page.wait_for_selector("article")


def search_like_a_reader(page, query: str):
    """Open the search box, wait until the search says it is ready, then type key by key as
    a reader does: text set before the search is wired up, or set without key presses, may
    never be searched."""
    page.locator("input.md-search__input").focus()
    page.wait_for_function("() => !document.querySelector('.md-search-result__meta').textContent.includes('Initializing')")
    page.keyboard.type(query)


def search_from_disk(w, query: str):
    """Search from a page opened from disk (`w` a Watched page): the page reads the search index
    (0.16 MB) when the reader opens the search, not as it opens, and the search then answers."""
    def index_read():
        return any(url.endswith("/search/search_index.js") for url in w.loaded)

    w.page.wait_for_load_state("networkidle")
    assert not index_read()
    search_like_a_reader(w.page, query)
    w.page.locator(".md-search-result__item").first.wait_for()
    assert index_read()
