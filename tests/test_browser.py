"""Every page in a real browser (Debian Chromium through Playwright): no console error, no
request leaving the machine, every formula typeset."""
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


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_from_disk_typesets_with_no_error_and_no_request(built_site, watched, scheme):
    w = watched(color_scheme=scheme)
    for name in all_pages(built_site):
        w.goto((built_site / name).as_uri())
        assert w.untypeset() == 0, name
        # MathJax output exists and no TeX error was rendered in its place.
        assert w.page.locator("mjx-merror").count() == 0, name
    assert w.errors == []
    assert w.requests == []


def test_every_page_over_http_typesets_with_no_error_and_no_request(built_site, http_site, watched):
    w = watched(allowed_prefix=http_site)
    for name in all_pages(built_site):
        w.goto(http_site + name)
        assert w.untypeset() == 0, name
    assert w.errors == []
    assert w.requests == []


def test_math_uses_the_self_hosted_font(built_site, watched):
    w = watched()
    fonts = []
    w.page.on("request", lambda r: fonts.append(r.url) if r.url.endswith(".woff2") else None)
    w.goto((built_site / "numerical-example.html").as_uri())
    assert fonts and all(f.startswith(built_site.as_uri() + "/assets/vendor/") for f in fonts)
    loaded = w.page.evaluate("() => [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    assert any(name.startswith("MJX-NCM") for name in loaded)
