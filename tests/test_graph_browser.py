"""The interactive computational graph in a real browser (Debian Chromium through Playwright),
over http and from disk: the passes reach their phases and show the trace's own strings, Step
and Reset do one thing each, the keyboard alone runs it, nothing leaves the machine, and no
label covers another."""
from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from tests.navigation import go_instantly

pytestmark = pytest.mark.browser

ROOT = ".bp-graph"
ROOT_DIR = Path(__file__).resolve().parent.parent
AXE = ROOT_DIR / "node_modules" / "axe-core" / "axe.min.js"


def html_page(c) -> str:
    return c.page.removesuffix(".md") + ".html"


def seed(computed):
    return next(c for c in computed if c.example.slug == "seed")


def url_for(how, name, built_site, http_site):
    return http_site + name if how == "http" else (built_site / name).as_uri()


def open_graph(w, url):
    page = w.goto(url)
    page.wait_for_selector(f"{ROOT}[data-graph-ready]")
    return page


def phase(page) -> str:
    return page.get_attribute(ROOT, "data-phase")


def wait_phase(page, name):
    page.wait_for_selector(f'{ROOT}[data-phase="{name}"]')


def log_lines(page) -> list[str]:
    return [t.strip() for t in page.locator(f"{ROOT} [role=log] li").all_text_contents()]


def node_text(page, node_id, part) -> str:
    return page.locator(f'{ROOT} .bp-node[data-node-id="{node_id}"] {part}').text_content()


def shown_strings(page) -> dict:
    """Every value, gradient tag and edge label the drawing shows, by node or edge id."""
    return page.evaluate("""() => {
        const out = {value: {}, gradient: {}, edge: {}};
        document.querySelectorAll('.bp-graph .bp-node').forEach(n => {
            const id = n.dataset.nodeId;
            out.value[id] = n.querySelector('.bp-node__value').textContent;
            const tag = n.querySelector('.bp-node__tag');
            if (tag) out.gradient[id] = [tag.querySelector('.bp-line-symbol').textContent,
                                         tag.querySelector('.bp-line-value').textContent];
        });
        document.querySelectorAll('.bp-graph .bp-edge-label').forEach(e => {
            out.edge[e.dataset.edgeId] = [e.querySelector('.bp-line-symbol').textContent,
                                          e.querySelector('.bp-line-value').textContent];
        });
        return out;
    }""")


def expected_strings(c, upto: str) -> dict:
    """What the drawing should show before any step ("idle"), once the forward pass is done
    ("forward") or once both are ("all"), straight from the worked quantities."""
    data = c.graph
    out = {"value": {n["id"]: n["given"] or "" for n in data["nodes"]},
           "gradient": {n["id"]: ["", ""] for n in data["nodes"] if n["tag"]},
           "edge": {e["id"]: ["", ""] for e in data["edges"] if e["label_box"]}}
    for q in c.quantities:
        if upto == "idle" or (upto == "forward" and q.phase == "backward"):
            break
        step = next(s for s in data["steps"] if s["id"] == q.id)
        if step["slot"] == "value":
            out["value"][step["node"]] = q.value_text
        elif step["slot"] == "gradient":
            out["gradient"][step["node"]] = [q.symbol_text, q.value_text]
        else:
            out["edge"][step["edge"]] = [step["label"], q.value_text]
    return out


@pytest.mark.parametrize("how", ["http", "file"])
def test_forward_then_backward_pass_show_the_trace(how, built_site, http_site, watched, computed):
    c = seed(computed)
    w = watched(allowed_prefix=http_site if how == "http" else "", reduced_motion="reduce")
    page = open_graph(w, url_for(how, "computational-graph.html", built_site, http_site))
    assert phase(page) == "idle" and log_lines(page) == []
    assert shown_strings(page) == expected_strings(c, "idle")

    page.click(f"{ROOT} button:has-text('Forward Pass')")
    wait_phase(page, "forward-done")
    forward = [q for q in c.quantities if q.phase == "forward"]
    assert log_lines(page) == [q.equation_text() for q in forward]
    assert shown_strings(page) == expected_strings(c, "forward")
    assert node_text(page, "z1_1", ".bp-node__value") == c.by_id("z1_1").value_text
    assert c.by_id("z1_1").value_text in page.get_attribute(f'{ROOT} [data-node-id="z1_1"]', "aria-label")

    page.click(f"{ROOT} button:has-text('Backward Pass')")
    wait_phase(page, "backward-done")
    assert log_lines(page) == [q.equation_text() for q in c.quantities]
    assert shown_strings(page) == expected_strings(c, "all")
    dz = c.by_id("dz2_1")
    assert f"{dz.symbol_text} = {dz.value_text}" in page.get_attribute(f'{ROOT} [data-node-id="z2_1"]', "aria-label")

    assert w.errors == []
    assert w.requests == []


@pytest.mark.parametrize("how", ["http", "file"])
def test_step_walks_one_operation_and_reset_returns_to_idle(how, built_site, http_site, watched, computed):
    c = seed(computed)
    w = watched(allowed_prefix=http_site if how == "http" else "")
    page = open_graph(w, url_for(how, "numerical-example.html", built_site, http_site))
    step = page.locator(f"{ROOT} button:has-text('Step')")
    for n, q in enumerate(c.quantities[:3], 1):
        step.click()
        assert log_lines(page) == [q.equation_text() for q in c.quantities[:n]]
        assert phase(page) == "forward"
    assert node_text(page, "z1_1", ".bp-node__value") == c.by_id("z1_1").value_text
    assert node_text(page, "a1_2", ".bp-node__value") == ""

    page.click(f"{ROOT} button:has-text('Reset')")
    assert phase(page) == "idle"
    assert log_lines(page) == []
    assert node_text(page, "z1_1", ".bp-node__value") == ""
    assert node_text(page, "x1", ".bp-node__value") == c.graph["nodes"][0]["given"]

    # Step by step through the whole computation: one more log line each time.
    for n in range(1, len(c.quantities) + 1):
        step.click()
        assert page.locator(f"{ROOT} [role=log] li").count() == n
        if n == sum(q.phase == "forward" for q in c.quantities):
            assert phase(page) == "forward-done"
    assert phase(page) == "backward-done"
    assert step.get_attribute("aria-disabled") == "true"
    step.click(force=True)  # pressed at the end, it does nothing
    assert page.locator(f"{ROOT} [role=log] li").count() == len(c.quantities)
    assert w.errors == [] and w.requests == []


def test_keyboard_alone_runs_both_passes(built_site, watched, computed):
    c = seed(computed)
    w = watched(reduced_motion="reduce")
    page = open_graph(w, (built_site / "computational-graph.html").as_uri())

    def focused():
        return page.evaluate("() => document.activeElement.getAttribute('data-action') || "
                             "document.activeElement.getAttribute('data-node-id') || document.activeElement.tagName")

    for _ in range(400):
        page.keyboard.press("Tab")
        if focused() == "forward":
            break
    assert focused() == "forward"
    page.keyboard.press("Enter")
    wait_phase(page, "forward-done")
    page.keyboard.press("Tab")
    assert focused() == "backward"
    page.keyboard.press("Space")
    wait_phase(page, "backward-done")
    assert log_lines(page) == [q.equation_text() for q in c.quantities]

    # Then Step, Play, Reset and the speed choice, each reachable in turn.
    order = []
    for _ in range(4):
        page.keyboard.press("Tab")
        order.append(focused())
    assert order == ["step", "play", "reset", "SELECT"]
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert phase(page) == "idle"

    # The nodes follow, in topological order, each named with its value once shown.
    nodes = [n["id"] for n in c.graph["nodes"]]
    visited = []
    for _ in range(len(nodes) + 3):
        page.keyboard.press("Tab")
        if focused() in nodes:
            visited.append(focused())
    assert visited == nodes
    assert w.errors == []


def test_focus_and_hover_link_nodes_and_log_lines(built_site, watched, computed):
    w = watched(reduced_motion="reduce")
    page = open_graph(w, (built_site / "computational-graph.html").as_uri())
    page.click(f"{ROOT} button:has-text('Backward Pass')")
    wait_phase(page, "backward-done")
    page.focus(f'{ROOT} .bp-node[data-node-id="z1_1"]')
    linked = page.locator(f"{ROOT} [role=log] li.is-linked").all_text_contents()
    c = seed(computed)
    assert linked == [c.by_id(i).equation_text() for i in ("z1_1", "s1_1", "dz1_1")]
    page.evaluate("() => document.activeElement.blur()")
    assert page.locator(f"{ROOT} [role=log] li.is-linked").count() == 0

    page.hover(f'{ROOT} [role=log] li[data-step-id="dW2_1_2"]')
    assert page.locator(f'{ROOT} .bp-node.is-linked').evaluate_all("ns => ns.map(n => n.dataset.nodeId)") == ["W2_1_2"]
    page.mouse.move(0, 0)
    assert page.locator(f'{ROOT} .bp-node.is-linked').count() == 0


# The delay between two steps at the "Fast" speed, in milliseconds (graph-widget.js).
FAST_STEP_MS = 150


def test_the_animation_plays_pauses_and_resumes(built_site, watched, computed):
    # The page's clock is the test's: steps come when the test moves time on, never because a
    # loaded machine was slow or quick, so every count below is exact.
    c = seed(computed)
    total = len(c.quantities)
    forward = sum(q.phase == "forward" for q in c.quantities)
    w = watched()
    w.page.clock.install()
    page = open_graph(w, (built_site / "computational-graph.html").as_uri())
    page.evaluate("""() => { window.seenPhases = [];
        new MutationObserver(() => window.seenPhases.push(document.querySelector('.bp-graph').dataset.phase))
            .observe(document.querySelector('.bp-graph'), {attributes: true, attributeFilter: ['data-phase']}); }""")
    page.clock.pause_at(page.evaluate("() => Date.now()") + 1000)
    page.select_option(f"{ROOT} select", "Fast")
    log = page.locator(f"{ROOT} [role=log] li")

    page.click(f"{ROOT} button:has-text('Forward Pass')")
    assert log.count() == 1 and phase(page) == "forward"  # the first step shows at once
    page.clock.run_for(FAST_STEP_MS * (forward - 1))
    assert phase(page) == "forward-done" and log.count() == forward
    assert "forward" in page.evaluate("() => window.seenPhases")

    # Play runs the next pass; Pause stops it for good, Play carries on from there.
    play = page.locator(f"{ROOT} button[data-action=play]")
    play.click()
    assert play.text_content() == "Pause"
    page.clock.run_for(FAST_STEP_MS * 2)
    play.click()
    assert play.text_content() == "Play"
    assert log.count() == forward + 3
    page.clock.run_for(FAST_STEP_MS * total)
    assert log.count() == forward + 3 and phase(page) == "backward"
    play.click()
    page.clock.run_for(FAST_STEP_MS * total)
    assert phase(page) == "backward-done"
    assert log_lines(page) == [q.equation_text() for q in c.quantities]
    assert w.errors == []


def test_reduced_motion_jumps_to_the_end_of_a_pass_without_transitions(built_site, watched):
    w = watched(reduced_motion="reduce")
    page = open_graph(w, (built_site / "computational-graph.html").as_uri())
    page.click(f"{ROOT} button:has-text('Forward Pass')")
    assert phase(page) == "forward-done"  # at once, not after a wait
    styles = page.evaluate("""() => { const e = document.querySelector('.bp-graph .bp-edge.is-lit');
        const s = document.querySelector('.bp-graph .bp-node__shape');
        return [getComputedStyle(e).animationName, getComputedStyle(s).transitionDuration]; }""")
    assert styles == ["none", "0s"]


def boxes_in_page(page) -> list[dict]:
    """The boxes, in SVG units, of everything a reader reads in the drawing."""
    return page.evaluate("""() => {
        const out = [];
        const box = (el, kind, owner) => { const b = el.getBBox();
            if (b.width > 0) out.push({kind, owner, x: b.x, y: b.y, w: b.width, h: b.height}); };
        document.querySelectorAll('.bp-graph .bp-node').forEach(n => {
            const id = n.dataset.nodeId;
            box(n.querySelector('.bp-node__shape'), 'shape', id);
            box(n.querySelector('.bp-node__symbol'), 'symbol', id);
            box(n.querySelector('.bp-node__value'), 'value', id);
            const tag = n.querySelector('.bp-node__tag');
            if (tag) { box(tag.querySelector('rect'), 'tag', id); box(tag.querySelector('text'), 'tag-text', id); }
        });
        document.querySelectorAll('.bp-graph .bp-edge-label').forEach(e => {
            box(e.querySelector('rect'), 'label', e.dataset.edgeId);
            box(e.querySelector('text'), 'label-text', e.dataset.edgeId);
        });
        return out;
    }""")


def inside(inner, outer, slack=0.5):
    return (outer["x"] - slack <= inner["x"] and inner["x"] + inner["w"] <= outer["x"] + outer["w"] + slack and
            outer["y"] - slack <= inner["y"] and inner["y"] + inner["h"] <= outer["y"] + outer["h"] + slack)


def apart(a, b):
    return (a["x"] + a["w"] <= b["x"] or b["x"] + b["w"] <= a["x"] or
            a["y"] + a["h"] <= b["y"] or b["y"] + b["h"] <= a["y"])


def test_no_label_covers_another_on_any_example_page(built_site, watched, computed):
    w = watched(reduced_motion="reduce")
    for c in (c for c in computed if c.graph["drawable"]):
        page = open_graph(w, (built_site / html_page(c)).as_uri())
        page.click(f"{ROOT} button:has-text('Backward Pass')")
        wait_phase(page, "backward-done")
        boxes = boxes_in_page(page)
        by = {(b["kind"], b["owner"]): b for b in boxes}
        for b in boxes:
            # Each text fits in its own shape, tag or label.
            holder = {"symbol": "shape", "tag-text": "tag", "label-text": "label"}.get(b["kind"])
            if holder:
                assert inside(b, by[(holder, b["owner"])]), f"{c.example.slug}: {b['kind']} of {b['owner']} spills out"
        readable = [b for b in boxes if b["kind"] in ("shape", "value", "tag", "label")]
        for a, b in itertools.combinations(readable, 2):
            assert apart(a, b), f"{c.example.slug}: {a['kind']} of {a['owner']} overlaps {b['kind']} of {b['owner']}"
    assert w.errors == []


@pytest.mark.parametrize("width", [1280, 400])
def test_the_drawing_fits_or_scrolls_and_stays_legible(width, built_site, watched, computed):
    w = watched(viewport={"width": width, "height": 900})
    page = open_graph(w, (built_site / "computational-graph.html").as_uri())
    size = page.evaluate("""() => { const svg = document.querySelector('.bp-graph svg');
        const canvas = svg.parentElement;
        const font = parseFloat(getComputedStyle(svg.querySelector('.bp-node__value')).fontSize);
        return {scale: svg.getBoundingClientRect().width / svg.viewBox.baseVal.width, font,
                overflow: canvas.scrollWidth - canvas.clientWidth}; }""")
    assert size["font"] * size["scale"] >= 11, "labels render at 11 px or more"
    hint = page.locator(f"{ROOT} .bp-graph__hint")
    if width == 1280:
        assert size["overflow"] <= 0, "the seed network fits the content column"
        assert hint.is_hidden()
    else:
        assert size["overflow"] > 0, "on a phone the drawing scrolls sideways"
        assert hint.is_visible()


def test_set_up_once_per_page_with_instant_navigation(published_site, watched):
    w = watched(allowed_prefix=published_site, reduced_motion="reduce")
    page = w.goto(published_site + "index.html")
    # Material takes over links once it has read the sitemap.
    page.wait_for_load_state("networkidle")
    assert "navigation.instant" in page.evaluate("() => document.getElementById('__config').textContent")
    page.evaluate("() => { window.sameDocument = true; }")
    for name in ["computational-graph.html", "numerical-example.html", "computational-graph.html"]:
        go_instantly(page, f'a[href$="{name}"]')
        page.wait_for_function(f"() => location.pathname.endsWith('{name}')")
        page.wait_for_selector(f"{ROOT}[data-graph-ready]")
        assert page.locator(f"{ROOT} .bp-graph__controls").count() == 1
        assert page.locator(f"{ROOT} svg").count() == 1
        page.click(f"{ROOT} button:has-text('Forward Pass')")
        wait_phase(page, "forward-done")
    # Material swapped the pages in place, so the widget was set up from document$.
    assert page.evaluate("() => window.sameDocument === true")
    assert w.errors == [] and w.requests == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_finished_graph_has_no_accessibility_violation(scheme, built_site, watched):
    w = watched(color_scheme=scheme, reduced_motion="reduce")
    page = open_graph(w, (built_site / "computational-graph.html").as_uri())
    page.click(f"{ROOT} button:has-text('Backward Pass')")
    wait_phase(page, "backward-done")
    page.focus(f'{ROOT} .bp-node[data-node-id="a1_1"]')
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("() => axe.run('.bp-graph', {resultTypes: ['violations']}).then(r => r.violations"
                          ".map(v => v.id + ' (' + v.impact + ') at ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3)))")
    assert found == [], "; ".join(found)
