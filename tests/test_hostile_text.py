"""An author's title and description show literally: HTML, TeX, Markdown and template
characters run nothing and break neither the page, the math nor the build."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator import site

ROOT = Path(__file__).resolve().parent.parent
TITLE = "<script>alert('title')</script> & \\frac{ $$x$$ {{ y }} {% if %} \"quoted\" # *star* [link](x.md) `code`"
DESCRIPTION = "<img src=x onerror=alert(1)> & \\(a\\) costs $1 or $2; {{ }} </script> <!-- c --> | pipe | _u_ \\ end"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    examples = tmp / "examples"
    examples.mkdir()
    shutil.copy(ROOT / "examples" / "seed.toml", examples)
    # json.dumps writes a valid TOML basic string for any text.
    (examples / "hostile.toml").write_text(
        f"title = {json.dumps(TITLE)}\ndescription = {json.dumps(DESCRIPTION)}\n"
        "[network]\nsizes = [2, 2, 1]\n[sample]\nx = [0.5, 0.3]\ny = [0.8]\n[init]\nseed = 5\n",
        encoding="utf-8")
    site.build(tmp / "site", ROOT / "mkdocs.yml", examples, tmp / "docs")
    return tmp / "site"


@pytest.mark.browser
def test_hostile_title_shows_literally_and_runs_nothing(hostile_site, watched):
    w = watched()
    dialogs = []
    w.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    w.goto((hostile_site / "examples" / "hostile.html").as_uri())
    assert w.page.locator("article h1").inner_text().rstrip("¶").strip() == TITLE
    assert w.page.get_by_text("costs $1 or $2", exact=False).inner_text().strip() == DESCRIPTION
    # The navigation names the page literally too.
    assert w.page.locator(".md-nav__link", has_text="alert('title')").first.inner_text().strip() == TITLE
    assert w.page.title() == f"{TITLE} - Understanding Backpropagation"
    # Only the page's own formulas were typeset: the author's \( and $$ stay text.
    assert w.untypeset() == 0
    assert w.page.locator("article h1 mjx-container").count() == 0
    assert dialogs == []
    assert w.errors == []
    assert w.requests == []


def test_hostile_text_leaves_no_raw_tag_in_the_html(hostile_site):
    html = (hostile_site / "examples" / "hostile.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(&#x27;title&#x27;)" in html or "&lt;script&gt;alert('title')" in html
