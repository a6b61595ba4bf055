"""Math typeset at build time: every formula of the built site is MathJax's output, drawn with
glyphs the page itself holds and readable as MathML; what is drawn and what is read say what
the TeX says; a warm build does not start MathJax; a formula MathJax cannot read is named
(test_publishing.py checks that it stops the build and keeps the last good site)."""
from __future__ import annotations

import html
import html.parser
import json
import re
from pathlib import Path

import pytest

from generator import typeset
from tests.pages import tree_digest

FORMULA = re.compile(r'<(span|div) class="arithmatex">(<mjx-container.*?</mjx-container>)</\1>', re.S)
# Every glyph of the New Computer Modern font a formula draws: its variant and code point.
GLYPH = re.compile(r'<use[^>]* xlink:href="#MJX-NCM-([A-Z]+)-([0-9A-F]+)"')


class _Text(html.parser.HTMLParser):
    """The text content of some HTML, attributes left out."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def text_of(fragment: str) -> str:
    parser = _Text()
    parser.feed(fragment)
    return "".join(parser.parts)


def formulas(page: Path) -> list[str]:
    return [m.group(2) for m in FORMULA.finditer(page.read_text(encoding="utf-8"))]


def digit(code: int) -> str:
    """The digit a glyph draws: 0 to 9, upright or mathematical bold (the bold 1 of a row of
    ones); "" for anything else."""
    if 0x30 <= code <= 0x39:
        return chr(code)
    if 0x1D7CE <= code <= 0x1D7D7:
        return str(code - 0x1D7CE)
    return ""


def digits_of_tex(tex: str) -> list[str]:
    """The digits a TeX formula writes: not those of a row spacing (\\\\[1ex])."""
    tex = re.sub(r"\\\\\[[^\]]*\]", "", tex)
    return sorted(re.findall(r"\d", re.sub(r"\\[a-zA-Z]+", "", tex)))


def test_every_formula_draws_and_reads_what_its_tex_says(built_site):
    """For every formula of every page, the digits drawn (glyphs U+0030 to U+0039), the digits
    in its MathML and the digits of its TeX are the same: the numbers the tests read from the
    TeX are the numbers a reader sees and a screen reader speaks."""
    count = 0
    for page in sorted(built_site.rglob("*.html")):
        for formula in formulas(page):
            tex = html.unescape(re.search(r'<math[^>]* data-latex="([^"]*)"', formula).group(1))
            drawn = sorted(digit(int(code, 16)) for _, code in GLYPH.findall(formula) if digit(int(code, 16)))
            mathml = re.search(r"<mjx-assistive-mml.*?</mjx-assistive-mml>", formula, re.S).group(0)
            read = sorted(re.findall(r"\d", text_of(mathml)))
            assert drawn == read == digits_of_tex(tex), f"{page.name}: {tex}"
            count += 1
    assert count > 1000


def test_every_page_holds_the_glyphs_its_formulas_draw(built_site):
    pages = 0
    for page in sorted(built_site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        used = set(re.findall(r'<use[^>]* xlink:href="#([^"]+)"', text))
        held = re.findall(r'<svg class="bp-math-glyphs"[^>]*><defs>(.*?)</defs></svg>', text, re.S)
        if not FORMULA.search(text):
            assert held == [] and "bp-math-style" not in text, page.name
            continue
        assert len(held) == 1, page.name
        ids = re.findall(r'<path id="([^"]+)"', held[0])
        # Each glyph once, and only those the page uses.
        assert sorted(ids) == sorted(set(ids)) and set(ids) == {u for u in used if u.startswith("MJX-")}, page.name
        head = text[:text.index("</head>")]
        assert head.count('<style class="bp-math-style">') == 1 and "mjx-assistive-mml {" in head, page.name
        pages += 1
    assert pages > 10


def test_no_tex_is_left_as_text_and_no_script_typesets(built_site):
    for page in sorted(built_site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        for formula in formulas(page):
            assert "\\" not in text_of(formula), page.name
        assert "tex-svg.js" not in text and "tex-chtml.js" not in text and "MathJax =" not in text, page.name


def test_the_search_index_holds_words_and_formulas_as_text_not_glyphs_or_tex(built_site):
    """Search results show a section's text: its formulas as plain text (math_text.py), not
    their TeX, nor their drawing. TeX stays only where the code page lists source code."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(d["text"] for d in index["docs"])
    for glyph_data in ("<svg", "<use", "mjx-", "MJX-NCM", "<path"):
        assert glyph_data not in text
    prose = re.sub(r"<pre>.*?</pre>|<code>.*?</code>", "", text, flags=re.S)
    assert not re.search(r"\\[()\[\]]|\\(frac|partial|cdot|approx|begin|sum|sigma)\b", prose)
    # \frac{\partial L}{\partial z_j^{(l)}}, written out by hand by the rules of math_text.py.
    assert "∂L/∂z_j^(l)" in prose
    assert "backpropagation computes all of them" in text
    # The script that pages opened from disk read holds the same index.
    script = (built_site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert json.loads(script[script.index("{"):script.rindex("}") + 1]) == index


def test_the_search_index_leaves_out_the_examples_topic_pages_and_keeps_every_other_page(built_site):
    # Each example's pages of topics (checks, paths, rounding) repeat a topic page's words with
    # that example's numbers; every page loads the index, so those pages stay out of it.
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    indexed = {d["location"].split("#")[0] for d in index["docs"]}
    pages = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html") if p.name != "404.html"}
    checks = {p for p in pages if p.startswith(("examples/checks/", "examples/paths/", "examples/rounding/"))}
    assert len(checks) == 3 * len(list((built_site / "examples" / "checks").glob("*.html"))) > 0
    assert not checks & indexed
    assert pages - checks <= indexed | {"index.html"}, sorted(pages - checks - indexed)


# --- The typesetting step on a small site of its own ------------------------------------------

PAGE = """<!doctype html><html><head><title>t</title></head><body>
<p>Inline <span class="arithmatex">\\(x^{2} &lt; 0.5\\)</span> and</p>
<div class="arithmatex">\\[
\\begin{aligned} a &amp;= 1 \\\\ b &amp;= \\frac{1}{2} \\end{aligned}
\\]</div>
</body></html>
"""


def small_site(folder: Path, page: str = PAGE) -> Path:
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "page.html").write_text(page, encoding="utf-8")
    (folder / "plain.html").write_text("<html><head></head><body><p>No math.</p></body></html>", encoding="utf-8")
    return folder


def test_a_warm_run_reuses_the_cache_without_starting_mathjax(tmp_path, monkeypatch):
    cache = tmp_path / "cache.json"
    first = small_site(tmp_path / "one")
    typeset.typeset_site(first, cache)
    page = (first / "sub" / "page.html").read_text(encoding="utf-8")
    assert page.count("<mjx-container") == 2 and 'display="true"' in page
    assert page.count('<style class="bp-math-style">') == 1 and "mjx-assistive-mml" in page.split("</head>")[0]
    assert (first / "plain.html").read_text(encoding="utf-8") == "<html><head></head><body><p>No math.</p></body></html>"

    def no_node(*args):
        raise AssertionError("MathJax started although every formula was cached")

    monkeypatch.setattr(typeset, "run_mathjax", no_node)
    second = small_site(tmp_path / "two")
    typeset.typeset_site(second, cache)
    assert tree_digest(second) == tree_digest(first)


def test_a_new_formula_is_typeset_alone(tmp_path, monkeypatch):
    cache = tmp_path / "cache.json"
    typeset.typeset_site(small_site(tmp_path / "one"), cache)
    asked = []
    run = typeset.run_mathjax
    monkeypatch.setattr(typeset, "run_mathjax", lambda fs, *a: asked.append([f.tex for f in fs]) or run(fs, *a))
    changed = PAGE.replace("0.5", "0.25")
    typeset.typeset_site(small_site(tmp_path / "two", changed), cache)
    assert asked == [["x^{2} < 0.25"]]
    assert "0.25" in (tmp_path / "two" / "sub" / "page.html").read_text(encoding="utf-8")


def test_a_warm_run_takes_each_formulas_search_text_from_the_cache(tmp_path, monkeypatch):
    cache = tmp_path / "cache.json"

    def with_index(folder: Path) -> Path:
        # The index holds the formula as arithmatex left it: delimited TeX, HTML-escaped.
        index = dict(config={"lang": ["en"]}, docs=[dict(location="sub/page.html", title="t",
                                                          text="<p>Inline \\(x^{2} &lt; 0.5\\) and</p>")])
        (folder / "search").mkdir()
        (folder / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
        return folder

    written = []
    text_of_mathml = typeset.text_of_mathml
    monkeypatch.setattr(typeset, "text_of_mathml", lambda m: written.append(m) or text_of_mathml(m))
    first = with_index(small_site(tmp_path / "one"))
    typeset.typeset_site(first, cache)
    index = json.loads((first / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"][0]["text"] == "<p>Inline x² &lt; 0.5 and</p>"
    assert len(written) == 1

    second = with_index(small_site(tmp_path / "two"))
    typeset.typeset_site(second, cache)
    assert len(written) == 1, "the text was written again although the cache held it"
    assert tree_digest(second) == tree_digest(first)

    # New code to write the text (math_text.py changed) writes it afresh.
    monkeypatch.setattr(typeset, "text_fingerprint", lambda: "changed")
    third = with_index(small_site(tmp_path / "three"))
    typeset.typeset_site(third, cache)
    assert len(written) == 2
    assert tree_digest(third) == tree_digest(first)


def test_a_formula_mathjax_cannot_read_is_named_in_the_error(tmp_path):
    folder = small_site(tmp_path / "site", PAGE.replace("\\frac{1}{2}", "\\frac{1}{"))
    with pytest.raises(typeset.TypesetError, match=r"cannot typeset the formula .*frac\{1\}\{.*Missing close brace"):
        typeset.typeset_site(folder, tmp_path / "cache.json")


# MathJax's runtime as a page would load it to typeset formulas again (when a reader edits a
# value): from the site's own copy, speech off (the formulas carry MathML instead), no menu.
RUNTIME = """(base) => new Promise((done, fail) => {
    window.MathJax = {
        loader: {paths: {mathjax: base + 'assets/vendor/mathjax', 'mathjax-newcm': base + 'assets/vendor/mathjax-newcm-font'},
                 load: ['a11y/assistive-mml']},
        startup: {typeset: false, pageReady() { done(); return Promise.resolve(); }},
        output: {linebreaks: {inline: false}},
        svg: {fontCache: 'global'},
        options: {enableMenu: false, enableEnrichment: false, enableSpeech: false, enableBraille: false,
                  menuOptions: {settings: {enrich: false, speech: false, braille: false, assistiveMml: true}}},
    };
    const script = document.createElement('script');
    script.src = base + 'assets/vendor/mathjax/tex-svg.js';
    script.onerror = fail;
    document.head.appendChild(script);
})"""

# Each formula of the page typeset again from its TeX; its box and glyphs, each where it stands
# (its moves and scalings and those of the groups around it, composed), against the build's.
# The build writes a glyph's move as its x and y, and hands a lone child its group's move;
# MathJax writes translate() on the glyph or its group: either way the same place.
AGAIN = """async () => {
    const times = (m, n) => [m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1], m[0] * n[2] + m[2] * n[3],
                             m[1] * n[2] + m[3] * n[3], m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5]];
    const own = el => {
        let m = [1, 0, 0, 1, 0, 0];
        for (const [, fn, args] of (el.getAttribute('transform') || '').matchAll(/(\\w+)\\(([^)]*)\\)/g)) {
            const v = args.split(/[\\s,]+/).map(Number);
            m = times(m, fn === 'translate' ? [1, 0, 0, 1, v[0], v[1] || 0] : fn === 'scale' ? [v[0], 0, 0, v[1] ?? v[0], 0, 0] : v);
        }
        return times(m, [1, 0, 0, 1, Number(el.getAttribute('x') || 0), Number(el.getAttribute('y') || 0)]);
    };
    const place = (u, svg) => {
        const chain = [];
        for (let el = u; el !== svg; el = el.parentNode) chain.unshift(el);
        const m = chain.reduce((m, el) => times(m, own(el)), [1, 0, 0, 1, 0, 0]);
        return [u.getAttribute('href') || u.getAttribute('xlink:href'), ...m.map(v => v.toFixed(1))];
    };
    const glyphs = svg => [...svg.querySelectorAll('use')].map(u => place(u, svg));
    const out = [];
    for (const math of document.querySelectorAll('.arithmatex math[data-latex]')) {
        const built = math.closest('mjx-container');
        const again = await MathJax.tex2svgPromise(math.getAttribute('data-latex'), {display: built.getAttribute('display') === 'true'});
        const [a, b] = [again.querySelector('svg'), built.querySelector('svg')];
        out.push({tex: math.getAttribute('data-latex'), same: a.getAttribute('viewBox') === b.getAttribute('viewBox')
                  && JSON.stringify(glyphs(a)) === JSON.stringify(glyphs(b))});
    }
    return out;
}"""


@pytest.mark.browser
def test_the_runtime_in_the_site_typesets_as_the_build_did(http_site, watched):
    """Nothing loads MathJax with a page; loaded later from the site itself, it draws every
    formula exactly as the build drew it: the same engine, output and font."""
    w = watched(allowed_prefix=http_site)
    for name in ["numerical-example.html", "rounding-drift.html"]:
        w.loaded.clear()
        w.goto(http_site + name)
        assert w.mathjax_requests() == []
        w.page.evaluate(RUNTIME, http_site)
        found = w.page.evaluate(AGAIN)
        assert len(found) > 50 and [f["tex"] for f in found if not f["same"]] == [], name
    assert w.errors == [] and w.requests == []
