"""A reader's own numbers on the built site, in a real browser (Debian Chromium through
Playwright), opened from disk: an edit of W1_1_2 prints the page the build prints for those
numbers, and every worked value, gradient, graph label and log line agrees with an independent
computation of the edited network; the address keeps the edit (reload, back and forward);
Reset gives the page as built; invalid and hostile input, in a field or in the address,
changes nothing and runs nothing; the keyboard alone does it all; axe finds nothing serious."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from generator import site
from tests import authored, pages
from tests.rounding import is_correctly_rounded
from tests.test_accessibility import violations
from tests.drawn import everything_drawn
from tests.navigation import go_instantly
from tests.test_graph_browser import log_lines, shown_strings
from tests.test_site_html import expected_symbol, unit_symbol

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
EDIT = ".bp-edit"
REF, VALUE = "W1_1_2", "0.9"


def edited_examples(folder: Path, ref: str = REF, value: str = VALUE) -> Path:
    """A copy of the examples with one weight, or the learning rate, of the seed network
    changed, as an author would."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in site.example_paths():
        text = path.read_text(encoding="utf-8")
        if path.stem == "seed" and ref == "learning_rate":
            text = re.sub(r"(?m)^learning_rate = \S+", f"learning_rate = {float(value)!r}", text)
        elif path.stem == "seed":
            l, j, k = map(int, re.fullmatch(r"W(\d+)_(\d+)_(\d+)", ref).groups())
            W = tomllib.loads(text)["parameters"][f"W{l}"]
            W[j - 1][k - 1] = float(value)
            text = re.sub(rf"(?m)^W{l} = .*$", f"W{l} = {W!r}", text)
        (folder / path.name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def edited_site(tmp_path_factory) -> Path:
    """The site built from the edited example file: what the page must show after the edit."""
    work = tmp_path_factory.mktemp("edited")
    site.build(work / "site", ROOT / "mkdocs.yml", edited_examples(work / "examples"), work / "docs")
    return work / "site"


# Whether the address names one of the page's fields (the page's own test of it): then the
# editor starts with the page.
NAMES_A_FIELD = "() => window.BackpropEdit.addressNamesAField(document.querySelector('.bp-edit'))"


def open_page(w, url):
    """Opens an editable page; when its address names a field, waits until the page shows
    what the address holds. Otherwise the editor starts when the reader comes to a field."""
    page = w.goto(url)
    page.wait_for_selector(f"{EDIT}[data-edit-ready]")
    if page.evaluate(NAMES_A_FIELD):
        page.wait_for_selector(f"{EDIT}[data-edit-shown]")
    return page


def start_editor(page):
    """Comes to the first field, as a reader does, and waits until the editor has started."""
    page.focus(f"{EDIT} input[data-ref]")
    page.wait_for_selector(f"{EDIT}[data-edit-started]")


def shown_count(page) -> int:
    return int(page.get_attribute(EDIT, "data-edit-shown") or 0)


def after(page, action):
    """Runs `action` and waits until the page is printed again for it."""
    count = shown_count(page)
    action()
    page.wait_for_selector(f'{EDIT}[data-edit-shown="{count + 1}"]')


def edit(page, ref, value):
    after(page, lambda: page.fill(f'input[data-ref="{ref}"]', value))


def article(page) -> str:
    """The page's text as a reader sees it, without the fields (their messages and the note on
    whose numbers the page shows are checked on their own)."""
    return page.evaluate(everything_drawn("""(() => {
        const fields = document.querySelector('.bp-edit');
        fields.style.display = 'none';
        const text = document.querySelector('article').innerText;
        fields.style.display = '';
        return text;
    })()"""))


def play(page) -> tuple[dict, list]:
    """Both passes of the graph run to the end: what the drawing and the log then show."""
    page.click('.bp-graph button[data-action="forward"]')
    page.wait_for_selector('.bp-graph[data-phase="forward-done"]')
    page.click('.bp-graph button[data-action="backward"]')
    page.wait_for_selector('.bp-graph[data-phase="backward-done"]')
    return shown_strings(page), log_lines(page)


def typeset_source(page, tmp_path) -> Path:
    """The page's HTML as it stands, saved so that tests/pages.py reads its formulas' TeX."""
    path = tmp_path / "edited.html"
    path.write_text(page.content(), encoding="utf-8")
    return path


@pytest.fixture
def seed_page(built_site, watched):
    w = watched()
    return w, open_page(w, (built_site / "numerical-example.html").as_uri())


def test_an_edit_prints_the_page_the_build_prints_for_those_numbers(seed_page, edited_site, watched):
    w, page = seed_page
    edit(page, REF, VALUE)
    assert "?W1_1_2=0.9" in page.url
    assert "your numbers" in page.locator(".bp-edit__note").inner_text()
    built = watched()
    expected_page = open_page(built, (edited_site / "numerical-example.html").as_uri())
    assert article(page) == article(expected_page)
    assert play(page) == play(expected_page)
    assert w.untypeset() == 0 and w.tex_in_text() == []
    assert w.errors == [] and w.requests == []
    assert w.mathjax_requests(), "the first edit loads MathJax from the site's own copy"


def test_the_page_loads_no_editing_script_until_the_reader_comes_to_a_field(seed_page, edited_site, watched):
    # The editor starts when the reader comes to a field; what was typed before it started
    # counts as an edit then.
    w, page = seed_page
    assert not [u for u in w.loaded if re.search(r"/backprop-(?!edit\.js)[\w-]+\.js$", u)]
    assert page.locator(f"{EDIT}[data-edit-started]").count() == 0
    page.evaluate(f"""() => {{
        const input = document.querySelector('input[data-ref="{REF}"]');
        input.value = '{VALUE}';
        input.dispatchEvent(new Event('input', {{bubbles: true}}));
    }}""")
    page.focus(f'input[data-ref="{REF}"]')
    page.wait_for_selector(f'{EDIT}[data-edit-shown="1"]')
    assert [u for u in w.loaded if u.endswith("/backprop-editor.js")]
    assert f"?{REF}={VALUE}" in page.url
    assert article(page) == article(open_page(watched(), (edited_site / "numerical-example.html").as_uri()))


def test_every_number_after_an_edit_agrees_with_an_independent_computation(seed_page, tmp_path):
    w, page = seed_page
    ex = authored.read(edited_examples(tmp_path / "examples") / "seed.toml")
    expected, digits = ex.values(), ex.digits
    edit(page, REF, VALUE)
    html = typeset_source(page, tmp_path)
    shown = pages.equations(pages.read(html).math)
    for id, exact in expected.items():
        value = shown[re.sub(r"\s+", "", expected_symbol(id, ex))][-1]
        assert is_correctly_rounded(value, exact, digits), f"{id} shows {value}, exact {exact!r}"
    rows = {r[0]: r[1:] for t in pages.tables(html) for r in t if len(r) == 3 and r[0].startswith(r"\(")}
    assert pages.strip_delimiters(rows[r"\(W_{12}^{(1)}\)"][0]) == VALUE
    symbols = {"W1_1_1": "W_{11}^{(1)}", "W1_1_2": "W_{12}^{(1)}", "b1_1": unit_symbol("b", 1, 1, ex.sizes),
               "W2_1_2": "W_{12}^{(2)}", "b2_1": unit_symbol("b", 2, 1, ex.sizes)}
    for id, symbol in symbols.items():
        gradient = pages.strip_delimiters(rows[rf"\({symbol}\)"][1])
        assert is_correctly_rounded(gradient, expected["d" + id], digits), id
    drawn, log = play(page)
    for id in ("a1_1", "a1_2", "a2_1", "L"):
        assert is_correctly_rounded(drawn["value"][id].replace("\u2212", "-"), expected[id], digits), id
    for id in ("W1_1_2", "a1_1", "z2_1"):
        assert is_correctly_rounded(drawn["gradient"][id][1].replace("\u2212", "-"), expected["d" + id], digits), id
    assert any(line.endswith(drawn["value"]["L"]) for line in log)


def test_the_address_keeps_the_edit_and_reset_gives_the_page_as_built(seed_page):
    w, page = seed_page
    as_built = article(page)
    edit(page, REF, VALUE)
    edited = article(page)
    assert edited != as_built
    page.reload()
    page.wait_for_selector(f'{EDIT}[data-edit-shown="1"]')
    assert page.input_value(f'input[data-ref="{REF}"]') == VALUE
    page.wait_for_function("() => document.querySelector('.bp-edit__note').textContent !== ''")
    assert article(page) == edited
    after(page, lambda: page.click(".bp-edit__reset"))
    assert article(page) == as_built
    assert "?" not in page.url and page.locator(".bp-edit__note").inner_text() == ""
    assert page.input_value(f'input[data-ref="{REF}"]') == "0.5"
    after(page, page.go_back)
    assert article(page) == edited and page.input_value(f'input[data-ref="{REF}"]') == VALUE
    after(page, page.go_forward)
    assert article(page) == as_built
    assert w.errors == [] and w.requests == []


BAD = ["", "abc", "NaN", "Infinity", "-Infinity", "1e400", "1000001", "-2e6", "0x10", "1,5",
       '<img src=x onerror="document.title=1">', "<script>document.title=1</script>"]


def test_invalid_input_marks_the_field_and_keeps_the_last_valid_numbers(seed_page):
    w, page = seed_page
    edit(page, REF, VALUE)
    edited = article(page)
    field = f'input[data-ref="{REF}"]'
    for text in BAD:
        page.fill(field, text)
        assert page.get_attribute(field, "aria-invalid") == "true", text
        message = page.locator(f"#bp-edit-{REF}").inner_text()
        assert message and "<" not in message, text
        assert article(page) == edited, text
        assert "?W1_1_2=0.9" in page.url
    edit(page, REF, "0.5")
    assert page.get_attribute(field, "aria-invalid") is None
    assert page.locator(f"#bp-edit-{REF}").inner_text() == ""
    assert page.evaluate("document.title") != "1"
    assert w.errors == [] and w.requests == []


def test_a_target_outside_0_and_1_is_refused_under_cross_entropy(built_site, watched):
    w = watched()
    page = open_page(w, (built_site / "examples" / "relu-bce.html").as_uri())
    as_built = article(page)
    start_editor(page)
    for text in ("1.5", "-0.1"):
        page.fill('input[data-ref="y1"]', text)
        assert page.get_attribute('input[data-ref="y1"]', "aria-invalid") == "true"
        assert "between 0 and 1" in page.locator("#bp-edit-y1").inner_text()
    assert article(page) == as_built
    edit(page, "y1", "0.25")
    assert article(page) != as_built
    assert w.errors == []


@pytest.mark.parametrize("query", [
    "?W1_1_2=abc", "?W1_1_2=NaN&x1=Infinity&y1=1e999", "?W9_9_9=1&learning_rate=0.1&z1_1=3",
    "?W1_1_2=%3Cscript%3Edocument.title%3D1%3C%2Fscript%3E", "?x1=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    "?W1_1_2=2000000&b1_1=-1e7",
])
def test_a_crafted_address_changes_nothing(built_site, watched, query):
    w = watched()
    page = open_page(w, (built_site / "numerical-example.html").as_uri())
    as_built = article(page)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page = open_page(w, (built_site / "numerical-example.html").as_uri() + query)
    start_editor(page)
    assert article(page) == as_built
    assert page.input_value(f'input[data-ref="{REF}"]') == "0.5"
    assert page.locator(".bp-edit__note").inner_text() == ""
    assert page.locator('[aria-invalid="true"]').count() == 0
    assert dialogs == [] and page.evaluate("document.title") != "1"
    assert w.errors == [] and w.requests == []


def test_the_keyboard_alone_edits_and_resets(seed_page):
    w, page = seed_page
    as_built = article(page)
    page.focus('input[data-ref="x2"]')
    for _ in range(6):
        if page.evaluate("document.activeElement.dataset.ref") == REF:
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.ref") == REF
    page.keyboard.press("Control+A")
    after(page, lambda: page.keyboard.type(VALUE))
    page.wait_for_function(f"() => document.querySelector('input[data-ref=\"{REF}\"]').value === '{VALUE}'")
    page.wait_for_selector(f'{EDIT}[data-edit-shown="{shown_count(page)}"]')
    page.keyboard.press("Enter")
    edited = article(page)
    assert edited != as_built
    page.focus(".bp-edit__reset")
    after(page, lambda: page.keyboard.press("Enter"))
    assert article(page) == as_built
    assert w.errors == []


def test_an_edit_changes_only_what_differs(seed_page):
    """The page keeps its elements: each formula's box and each table stay where they are (the
    browser draws again only what changed), and the tables keep Material's scrolling box. (The
    nudge test's sentences are left out, and so is the reading's paragraph on the layers: for
    this edit one of the nudge sentences says something else, and both slopes of layer 1 print
    as the same number, so that paragraph says "is" where it said "is between".)"""
    w, page = seed_page
    live = ".bp-live:not([data-bp=nudge])"
    layers = "How the gradient changes from layer to layer."
    boxes = (f"Array.from(document.querySelectorAll('{live} .arithmatex, {live} table'))"
             f".filter((n) => !(n.closest('p') || {{textContent: ''}}).textContent.startsWith('{layers}'))")
    marked = page.evaluate(f"() => {boxes}.map((n) => {{ n.keptThrough = true; }}).length")
    # The reading's other paragraphs are still watched: only the one on the layers is left out.
    assert marked > page.evaluate(f"() => document.querySelectorAll('{live}:not([data-bp=reading]) .arithmatex, "
                                  f"{live}:not([data-bp=reading]) table').length")
    wrapped = "() => Array.from(document.querySelectorAll('.bp-live table')).every((t) => t.closest('.md-typeset__scrollwrap'))"
    assert page.evaluate(wrapped)
    before = article(page)
    edit(page, REF, VALUE)
    assert article(page) != before
    assert page.evaluate(f"() => Array.from({boxes}).filter((n) => !n.keptThrough).length") == 0
    assert page.evaluate(wrapped)


LONG_PAGE, LONG_REF = "examples/deep-sigmoid.html", "b1_1"


# The formulas printed again but not typeset yet (marked busy): how many, and how many of them in
# the window.
BUSY = """() => {
    const busy = Array.from(document.querySelectorAll('.bp-live .arithmatex[aria-busy="true"]'));
    const inWindow = busy.filter((h) => {
        const box = h.getBoundingClientRect();
        return box.bottom > 0 && box.top < innerHeight;
    });
    return {busy: busy.length, inWindow: inWindow.length};
}"""


def busy_formulas(page) -> dict:
    return page.evaluate(BUSY)


def when_in_view(page) -> None:
    """Keeps, in window.atInView, the busy formulas as they stand when the window shows the
    next edit's numbers."""
    page.evaluate("""(busy) => {
        window.atInView = null;
        document.querySelector('.bp-edit').addEventListener('bp-edit-in-view', () => {
            window.atInView = (new Function('return ' + busy))()();
        }, {once: true});
    }""", BUSY)


def test_the_window_shows_the_new_numbers_first_and_the_rest_follow(built_site, watched):
    """On a long page the formulas in the window are typeset before the page changes; the
    others keep their old drawing, marked busy, until they follow."""
    w = watched()
    page = open_page(w, (built_site / LONG_PAGE).as_uri())
    page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
    when_in_view(page)
    edit(page, LONG_REF, "0.25")
    seen = page.evaluate("window.atInView")
    assert seen["busy"] > 0 and seen["inWindow"] == 0
    assert busy_formulas(page) == {"busy": 0, "inWindow": 0}
    assert w.errors == [] and w.requests == []


def test_an_edit_overtaken_while_its_formulas_follow_leaves_the_next_edits_page(built_site, watched):
    w = watched()
    url = (built_site / LONG_PAGE).as_uri()
    page = open_page(w, url)
    start_editor(page)
    field = f'input[data-ref="{LONG_REF}"]'
    count = shown_count(page)
    page.evaluate("""(field) => new Promise((resolve) => {
        const input = document.querySelector(field);
        document.querySelector('.bp-edit').addEventListener('bp-edit-in-view', () => {
            input.value = '-0.75';
            input.dispatchEvent(new Event('input', {bubbles: true}));
            resolve();
        }, {once: true});
        input.value = '0.25';
        input.dispatchEvent(new Event('input', {bubbles: true}));
    })""", field)
    page.wait_for_selector(f'{EDIT}[data-edit-shown="{count + 1}"]')
    assert busy_formulas(page)["busy"] == 0
    direct = open_page(watched(), url + f"?{LONG_REF}=-0.75")
    direct.wait_for_selector(f'{EDIT}[data-edit-shown="1"]')
    assert article(page) == article(direct)
    assert w.errors == []


def test_no_serious_accessibility_violation_on_an_edited_page(seed_page):
    w, page = seed_page
    edit(page, REF, VALUE)
    page.fill('input[data-ref="x1"]', "abc")
    assert violations(page) == []


def test_choosing_a_parameter_in_the_graph_goes_to_its_field(built_site, watched):
    w = watched()
    page = open_page(w, (built_site / "computational-graph.html").as_uri())
    node = f'.bp-graph .bp-node[data-node-id="{REF}"]'
    page.click(f"{node} .bp-node__symbol")
    assert page.evaluate("document.activeElement.dataset.ref") == REF
    page.focus('.bp-graph .bp-node[data-node-id="b1_1"]')
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.dataset.ref") == "b1_1"
    edit(page, "learning_rate" if page.locator('input[data-ref="learning_rate"]').count() else "b2_1", "0.25")
    assert page.locator(".bp-graph[data-graph-ready]").count() == 1
    assert w.errors == []


def test_editing_works_after_instant_navigation(published_site, watched):
    w = watched(allowed_prefix=published_site, reduced_motion="reduce")
    page = w.goto(published_site + "index.html")
    # Material takes over links once it has read the sitemap.
    page.wait_for_load_state("networkidle")
    assert "navigation.instant" in page.evaluate("() => document.getElementById('__config').textContent")
    page.evaluate("() => { window.sameDocument = true; }")
    for name in ["numerical-example.html", "computational-graph.html", "numerical-example.html"]:
        go_instantly(page, f'a[href$="{name}"]')
        page.wait_for_function(f"() => location.pathname.endsWith('{name}')")
        page.wait_for_selector(f"{EDIT}[data-edit-ready]")
        as_built = article(page)
        edit(page, "b1_1", "-0.25")
        assert article(page) != as_built
        assert "b1_1=-0.25" in page.url
    assert page.evaluate("() => window.sameDocument === true")
    assert w.untypeset() == 0
    assert w.errors == [] and w.requests == []


DEEP = "deep-sigmoid"  # five layers of weights: its backward pass is worked on a page of its own
TO_BACKWARD = f'article a[data-bp-carry][href$="backward/{DEEP}.html"]'
TO_WORKED = f'article a[data-bp-carry][href$="../{DEEP}.html"]'


@pytest.fixture(scope="module")
def deep_edited_site(tmp_path_factory) -> Path:
    """The site built with the five-layer example's parameters written out in its file, drawn
    from its seed as the README says (tests/authored.py) and one weight changed: what its pages
    must show after the same edit in the browser."""
    work = tmp_path_factory.mktemp("deep")
    folder = work / "examples"
    folder.mkdir()
    for path in site.example_paths():
        text = path.read_text(encoding="utf-8")
        if path.stem == DEEP:
            data = tomllib.loads(text)
            weights, biases = authored.draw(data["network"]["sizes"], data["init"]["seed"])
            l, j, k = map(int, re.fullmatch(r"W(\d+)_(\d+)_(\d+)", REF).groups())
            weights[l - 1][j - 1][k - 1] = VALUE
            table = "".join(f"W{n} = [{', '.join('[' + ', '.join(map(str, row)) + ']' for row in W)}]\n"
                            f"b{n} = [{', '.join(map(str, b))}]\n" for n, (W, b) in enumerate(zip(weights, biases), 1))
            text, found = re.subn(r"(?m)^\[init\]\nseed = \d+\n", "[parameters]\n" + table, text)
            assert found == 1
        (folder / path.name).write_text(text, encoding="utf-8")
    site.build(work / "site", ROOT / "mkdocs.yml", folder, work / "docs")
    return work / "site"


def test_a_deep_networks_backward_page_shows_the_numbers_carried_from_its_worked_page(built_site, deep_edited_site,
                                                                                        watched):
    w = watched()
    page = open_page(w, (built_site / "examples" / f"{DEEP}.html").as_uri())
    edit(page, REF, VALUE)
    page.click(TO_BACKWARD)
    page.wait_for_selector(f"{EDIT}[data-edit-shown]")
    assert page.url.endswith(f"/examples/backward/{DEEP}.html?{REF}={VALUE}")
    assert page.input_value(f'input[data-ref="{REF}"]') == VALUE
    expected = open_page(watched(), (deep_edited_site / "examples" / "backward" / f"{DEEP}.html").as_uri())
    assert article(page) == article(expected)
    # And back again, the numbers still the reader's.
    page.click(TO_WORKED)
    page.wait_for_selector(f"{EDIT}[data-edit-shown]")
    assert page.url.endswith(f"/examples/{DEEP}.html?{REF}={VALUE}")
    assert page.input_value(f'input[data-ref="{REF}"]') == VALUE
    assert w.errors == [] and w.requests == []


def test_the_numbers_go_along_under_instant_navigation_too(published_site, watched):
    # Material's instant navigation follows the link after the carry has set its address.
    w = watched(allowed_prefix=published_site, reduced_motion="reduce")
    page = w.goto(published_site + f"examples/{DEEP}.html")
    page.wait_for_load_state("networkidle")
    page.wait_for_selector(f"{EDIT}[data-edit-ready]")
    edit(page, REF, VALUE)
    page.evaluate("() => { window.sameDocument = true; document.querySelector('article').setAttribute('data-left', ''); }")
    page.click(TO_BACKWARD)
    # Until the new article has taken the old one's place, the old page's editor is still there.
    page.wait_for_selector("article[data-left]", state="detached")
    assert page.evaluate("() => location.pathname").endswith(f"/examples/backward/{DEEP}.html")
    page.wait_for_selector(f"{EDIT}[data-edit-shown]")
    assert page.evaluate("() => window.sameDocument === true")
    assert page.url.endswith(f"?{REF}={VALUE}") and page.input_value(f'input[data-ref="{REF}"]') == VALUE
    assert w.errors == [] and w.requests == []


def history_step(page, go) -> None:
    """Goes back or forward and waits until the page is printed again for the address it
    lands on, whether the same script handles it or Material's instant navigation loads the
    page anew."""
    page.evaluate(f"() => {{ const r = document.querySelector('{EDIT}'); r.dataset.before = r.getAttribute('data-edit-shown'); }}")
    go()
    page.wait_for_function(f"""() => {{
        const r = document.querySelector('{EDIT}');
        if (!r || !r.hasAttribute('data-edit-ready')) return false;
        // A page loaded anew starts its editor only when its address names a field.
        if (r.dataset.before === undefined && !window.BackpropEdit.addressNamesAField(r)) return true;
        if (!r.hasAttribute('data-edit-shown')) return false;
        return r.dataset.before === undefined || Number(r.getAttribute('data-edit-shown')) > Number(r.dataset.before);
    }}""")


def test_back_and_forward_step_through_edits_under_instant_navigation(published_site, watched):
    w = watched(allowed_prefix=published_site, reduced_motion="reduce")
    page = w.goto(published_site + "index.html")
    page.wait_for_load_state("networkidle")
    go_instantly(page, 'a[href$="numerical-example.html"]')
    page.wait_for_function("() => location.pathname.endsWith('numerical-example.html')")
    page.wait_for_selector(f"{EDIT}[data-edit-ready]")
    field = f'input[data-ref="{REF}"]'
    as_built = article(page)
    edit(page, REF, VALUE)
    edited = article(page)
    assert edited != as_built
    after(page, lambda: page.click(".bp-edit__reset"))
    assert article(page) == as_built and "?" not in page.url
    history_step(page, page.go_back)
    assert f"?{REF}={VALUE}" in page.url
    assert page.input_value(field) == VALUE and article(page) == edited
    history_step(page, page.go_forward)
    assert "?" not in page.url and page.input_value(field) == "0.5" and article(page) == as_built
    history_step(page, page.go_back)
    assert page.input_value(field) == VALUE and article(page) == edited
    assert w.errors == [] and w.requests == []


RATE = "2"


@pytest.fixture(scope="module")
def rate_site(tmp_path_factory) -> Path:
    """The site built with the seed network's learning rate changed in its file."""
    work = tmp_path_factory.mktemp("rate")
    site.build(work / "site", ROOT / "mkdocs.yml", edited_examples(work / "examples", "learning_rate", RATE), work / "docs")
    return work / "site"


def test_a_learning_rate_edit_prints_the_learning_step_page_the_build_prints(built_site, rate_site, watched):
    """The learning step, its table of outputs and the training run's table and plot follow the
    reader's learning rate, as the build prints them for it."""
    w = watched()
    page = open_page(w, (built_site / "learning-step.html").as_uri())
    as_built = article(page)
    edit(page, "learning_rate", RATE)
    expected = open_page(watched(), (rate_site / "learning-step.html").as_uri())
    assert article(page) != as_built
    assert article(page) == article(expected)
    plot = "() => document.querySelector('.bp-live[data-bp=training] svg.bp-chart').outerHTML"
    assert page.evaluate(plot) == expected.evaluate(plot)
    assert w.errors == [] and w.requests == []
