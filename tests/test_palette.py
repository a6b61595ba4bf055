"""The light and dark palettes in a real browser: the page opens in the reader's palette without
restyling itself at load, the toggle switches and remembers, and instant navigation keeps both."""
from __future__ import annotations

import pytest

from .navigation import go_instantly

pytestmark = pytest.mark.browser

# Before any script of the page runs: every change of the body's palette attributes and of the
# color-scheme meta, in order. Each is a restyle of everything parsed so far.
RECORD_CHANGES = """
window.paletteChanges = [];
new MutationObserver(records => {
  for (const r of records) {
    if (r.type === 'attributes' && r.target === document.body && r.attributeName.startsWith('data-md-color-'))
      paletteChanges.push(r.attributeName + '=' + document.body.getAttribute(r.attributeName));
    if (r.type === 'attributes' && r.target.matches('meta[name=color-scheme]'))
      paletteChanges.push('color-scheme meta=' + r.target.content);
    if (r.type === 'childList')
      for (const n of r.addedNodes)
        if (n.matches && n.matches('meta[name=color-scheme]')) paletteChanges.push('color-scheme meta added');
  }
}).observe(document, {attributes: true, childList: true, subtree: true});
"""

STATE = """() => ({
  scheme: document.body.getAttribute('data-md-color-scheme'),
  shown: [...document.querySelectorAll('.md-header__option label')].filter(l => !l.hidden).map(l => l.title),
  meta: [...document.querySelectorAll('meta[name=color-scheme]')].map(m => m.content),
  changes: window.paletteChanges,
})"""


def opened(watched, site, page, scheme):
    w = watched(color_scheme=scheme)
    w.context.add_init_script(RECORD_CHANGES)
    w.goto((site / page).as_uri())
    w.page.wait_for_load_state("load")
    return w


@pytest.mark.parametrize("scheme, palette, other", [("light", "default", "slate"), ("dark", "slate", "default")])
def test_a_page_opens_in_the_systems_palette_and_sets_it_once(built_site, watched, scheme, palette, other):
    w = opened(watched, built_site, "cost.html", scheme)
    state = w.page.evaluate(STATE)
    assert state["scheme"] == palette
    # One toggle is shown: the one that switches to the other palette.
    assert len(state["shown"]) == 1 and ("dark" if other == "slate" else "light") in state["shown"][0]
    assert state["meta"] == ["dark" if palette == "slate" else "light"]
    # Nothing is set twice and the page is never marked as switching: each would restyle it all.
    names = [c.split("=")[0] for c in state["changes"]]
    assert "data-md-color-switching" not in names, state["changes"]
    assert len(names) == len(set(names)), state["changes"]
    if palette == "default":
        # The page's markup already holds the first palette: its colour attributes stay as they are.
        assert not any(n in names for n in ("data-md-color-scheme", "data-md-color-primary", "data-md-color-accent"))
    assert w.errors == [] and w.requests == []


def test_the_toggle_switches_and_the_choice_holds_on_the_next_page(built_site, watched):
    w = opened(watched, built_site, "cost.html", "light")
    page = w.page
    page.click(".md-header__option label:not([hidden])")
    page.wait_for_function("() => !document.body.hasAttribute('data-md-color-switching')")
    assert page.evaluate(STATE)["scheme"] == "slate"
    assert page.evaluate(STATE)["meta"] == ["dark"]
    w.goto((built_site / "chain-rule.html").as_uri())
    assert page.evaluate(STATE)["scheme"] == "slate"
    # From the keyboard: Enter on the focused toggle moves to the next palette.
    page.focus("input[name=__palette]:checked")
    page.keyboard.press("Enter")
    assert page.evaluate(STATE)["scheme"] == "default"
    w.goto((built_site / "index.html").as_uri())
    state = page.evaluate(STATE)
    assert state["scheme"] == "default" and state["meta"] == ["light"]
    assert w.errors == [] and w.requests == []


def test_until_the_reader_chooses_the_palette_follows_the_system(built_site, watched):
    w = opened(watched, built_site, "chain-rule.html", "light")
    w.page.emulate_media(color_scheme="dark")
    w.page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    w.page.click(".md-header__option label:not([hidden])")
    assert w.page.evaluate(STATE)["scheme"] == "default"
    # Chosen now: the light palette stays whatever the system says.
    w.page.emulate_media(color_scheme="light")
    w.page.emulate_media(color_scheme="dark")
    w.page.wait_for_timeout(200)
    assert w.page.evaluate(STATE)["scheme"] == "default"
    assert w.errors == [] and w.requests == []


def test_instant_navigation_keeps_the_palette_and_its_toggle(published_site, watched):
    w = watched(allowed_prefix=published_site, color_scheme="light")
    page = w.goto(published_site + "chain-rule.html")
    page.wait_for_load_state("networkidle")
    page.click(".md-header__option label:not([hidden])")
    go_instantly(page, 'a[href$="forward-pass.html"]')
    state = page.evaluate(STATE)
    assert state["scheme"] == "slate" and len(state["shown"]) == 1 and state["meta"] == ["dark"]
    page.click(".md-header__option label:not([hidden])")
    assert page.evaluate(STATE)["scheme"] == "default"
    assert w.errors == [] and w.requests == []
