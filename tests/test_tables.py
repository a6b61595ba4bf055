"""Tables wrapped at build time: each Markdown table is in the HTML inside the two boxes that
Material's script would put it in, once, whichever engine built the site; and it looks as
Material makes a table look."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import tables

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ROOT / ".venv" / "lib"
# Each engine's own stylesheet: Material's, and Zensical's classic look (mkdocs.yml).
ENGINE_CSS = {"mkdocs": "material/templates/assets/stylesheets/main.*.min.css",
              "zensical": "zensical/templates/assets/stylesheets/classic/main.*.min.css"}
OURS = ROOT / "docs" / "assets" / "stylesheets" / "tables.css"


def normal_css(css: str) -> str:
    """CSS written one way: no comments, no optional white space, no leading zero, no last
    semicolon in a block."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"\s+", " ", css)
    css = re.sub(r"\s*([{};:,>+])\s*", r"\1", css)
    css = re.sub(r"(?<![\d.])0\.(\d)", r".\1", css)
    return css.replace(";}", "}").strip()


def rules_for(css: str, selector: str) -> list[str]:
    """The rules (an @media block whole) whose selectors name `selector`, in order."""
    found, depth, start = [], 0, 0
    for i, ch in enumerate(css):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                rule = css[start:i + 1]
                if selector in rule.split("{", 1)[0] or (rule.startswith("@") and selector in rule):
                    found.append(rule)
                start = i + 1
    return found


@pytest.mark.parametrize("engine", ENGINE_CSS)
def test_a_wrapped_table_has_the_engine_s_own_look(engine):
    engine_css = next(PACKAGES.glob(f"python*/site-packages/{ENGINE_CSS[engine]}"))
    theirs = rules_for(normal_css(engine_css.read_text(encoding="utf-8")), "table:not([class])")
    # An @media block of theirs may hold other rules: keep only its table rules.
    theirs = [re.sub(r"^(@media[^{]*\{).*?([^{}]*table:not\(\[class\]\)[^{}]*\{[^}]*\}).*$", r"\1\2}", r)
              if r.startswith("@") else r for r in theirs]
    ours = rules_for(normal_css(OURS.read_text(encoding="utf-8")), f"table.{tables.TABLE_CLASS}")
    assert len(theirs) == 12
    assert [r.replace(f"table.{tables.TABLE_CLASS}", "table:not([class])") for r in ours] == theirs


def test_only_markdown_tables_are_wrapped():
    page = ('<p>a</p><table>\n<thead><tr><th>x</th></tr></thead>\n</table>'
            '<table class="highlighttable"><tr><td>code</td></tr></table>')
    assert tables.wrap_tables(page) == (
        '<p>a</p><div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="bp-table">\n'
        '<thead><tr><th>x</th></tr></thead>\n</table></div></div>'
        '<table class="highlighttable"><tr><td>code</td></tr></table>')


def test_every_table_is_wrapped_in_the_html(engine_site):
    pages = {p: p.read_text(encoding="utf-8") for p in engine_site.rglob("*.html")}
    assert sum(page.count('<table class="bp-table">') for page in pages.values()) > 100
    for path, page in pages.items():
        assert "<table>" not in page, path
        assert page.count('<table class="bp-table">') == page.count(
            '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="bp-table">'), path


@pytest.mark.browser
def test_the_engine_s_script_wraps_no_table_again(engine_site, watched):
    w = watched()
    for name in ["numerical-example.html", "examples/checks/two-outputs.html"]:
        page = w.goto((engine_site / name).as_uri())
        page.wait_for_selector("html.js", state="attached")
        page.wait_for_load_state("load")
        found = page.evaluate("""() => ({
            tables: document.querySelectorAll('.md-typeset table:not(.highlighttable)').length,
            boxes: document.querySelectorAll('.md-typeset__scrollwrap').length,
            nested: document.querySelectorAll('.md-typeset__scrollwrap .md-typeset__scrollwrap').length,
            bare: document.querySelectorAll('.md-typeset table:not([class])').length,
        })""")
        assert found["tables"] > 0 and found["boxes"] == found["tables"], name
        assert found["nested"] == 0 and found["bare"] == 0, name
