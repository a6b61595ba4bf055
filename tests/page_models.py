"""Every part of an editable page that follows the reader's numbers, as generator/content builds
it for a network: the reference the page's scripts are compared with (tests/test_page_models_js.py)."""
from __future__ import annotations

import html as htmlmod
import json
import re
from types import SimpleNamespace

import markdown
import numpy as np

from generator import example, render, tables
from generator.content import editing, exercises, gates, graph, graph_svg, learning, nudge, worked
from generator.content.model import setup
from generator.content.numbers import Formatter
from generator.content.printing import printing
from generator.content.reading import reading
from generator.maths import core, drift, training


def example_of(net, x, y, learning_rate, digits, steps=200, slug="random", title="A random network"):
    """An example as the loader would make it from these numbers."""
    return example.Example(slug=slug, path=None, title=title, description="", network=net, x=np.asarray(x, dtype=float),
                           y=np.asarray(y, dtype=float), learning_rate=learning_rate, steps=steps,
                           significant_digits=digits, drawn_from_seed=None, samples=[(x, y)])


def page_data(ex) -> dict:
    """What an editable page gives its script, as the build writes it into the page."""
    return json.loads(json.dumps(editing.page_data(ex, "numerical-example.md", "worked")))


def parts(ex) -> SimpleNamespace:
    """The parts' models of one example, computed once: `ex` as the templates read it."""
    net, x, y, fmt = ex.network, ex.x, ex.y, Formatter(ex.significant_digits)
    with np.errstate(all="ignore"):
        trace = core.run(net, x, y)
        exact = drift.exact_chain(net, x, y)
        quantities = worked.quantities(trace, fmt, exact)
        step = learning.learning_step(training.step(net, x, y, ex.learning_rate), y, exact, fmt)
        run = learning.training_run(training.train(net, x, y, ex.learning_rate, ex.steps), net, y, fmt,
                                    f"loss-{ex.slug}", f"Training loss, {ex.title}")
    topics = SimpleNamespace(nudge=nudge.nudge_test(trace, exact, fmt), step=step, training=run,
                             gates=gates.gates(trace, quantities, exact, fmt))
    return SimpleNamespace(exercises=exercises.exercises(trace, quantities), reading=reading(trace, quantities, fmt),
                           printing=printing(quantities, fmt), topics=topics, digits=ex.significant_digits,
                           page="numerical-example.md", backward_page=None, setup=setup(ex, fmt), parameter_rows=worked.parameter_rows(trace, fmt),
                           graph=graph.graph_data(ex, trace, quantities, fmt))


def models(p: SimpleNamespace) -> dict:
    """The parts' models in the shape tests/js_ports.js answers in (decimals left out)."""
    read = {**p.reading, "layers": [{k: v for k, v in row.items() if k != "mean_value"} for row in p.reading["layers"]]}
    nudged = {**p.topics.nudge, "rows": [{k: v for k, v in row.items() if k != "gradient_value"}
                                         for row in p.topics.nudge["rows"]]}
    made = p.setup
    return json.loads(json.dumps({
        "setup": dict(x=made["x"], y=made["y"], layers=[dict(layer=r["layer"], weights=r["weights"], biases=r["biases"])
                                                        for r in made["layers"]]),
        "parameter_rows": p.parameter_rows, "exercises": p.exercises, "printing": p.printing, "reading": read,
        "gates": p.topics.gates, "nudge": nudged, "step": p.topics.step, "training": p.topics.training, "graph": p.graph,
        "drawing": graph_svg.drawing(p.graph) if p.graph["drawable"] else "",
    }))


# --- The parts whose wording depends on the numbers, rendered by their templates ----------------

# The Markdown extensions the site's pages are built with (mkdocs.yml), for what these parts use.
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "pymdownx.arithmatex", "pymdownx.details",
              "pymdownx.superfences"]
# The parts, and the template each is written by on an editable page.
PROSE = {"exercises": "_exercises.md.j2", "nudge": "_nudge.md.j2", "reading": "_reading.md.j2",
         "printing": "_printing.md.j2", "step-loss": "_learning-step.md.j2", "step-update": "_learning-step.md.j2",
         "step-outputs": "_learning-step.md.j2", "step-change": "_learning-step.md.j2", "training": "_learning-step.md.j2",
         "gates-add": "_gates.md.j2", "gates-multiply": "_gates.md.j2"}
_BLOCKS = "p|div|table|thead|tbody|tr|td|th|details|summary|figure|figcaption|ul|li"
_LIVE = re.compile(r'<div class="bp-live" data-bp="([\w-]+)">')


def live_parts(html: str) -> dict[str, str]:
    """The content of each part an editable page marks (div.bp-live), by kind."""
    out = {}
    for m in _LIVE.finditer(html):
        depth, end = 1, m.end()
        for tag in re.finditer(r"<(/?)div\b", html[m.end():]):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                end = m.end() + tag.start()
                break
        out[m.group(1)] = html[m.end():end]
    return out


_ENV = render.environment()
_MARKDOWN = markdown.Markdown(extensions=EXTENSIONS, extension_configs={"pymdownx.arithmatex": {"generic": True}})


def prose(p: SimpleNamespace) -> dict[str, dict]:
    """Each part's HTML as the build writes it before typesetting (links to pages as the built
    site has them), and its formulas' TeX in order."""
    context = dict(ex=p, edit=True, path="learning-step.md", root="", h="##", relu_gate=None)
    pages = {}
    out = {}
    for kind, template in PROSE.items():
        if template not in pages:
            pages[template] = live_parts(_MARKDOWN.reset().convert(_ENV.get_template(template).render(context)))
        part = re.sub(r'href="([^"#]*)\.md', r'href="\1.html', pages[template][kind])
        # The build marks each table as its own (generator/tables.py); the boxes it puts around
        # one are outside the part, and the page's script looks through them.
        part = part.replace("<table>", f'<table class="{tables.TABLE_CLASS}">')
        formulas = [htmlmod.unescape(m.group(2)).strip() for m in re.finditer(
            r'<(span|div) class="arithmatex">\\[(\[](.*?)\\[)\]]</\1>', part, re.S)]
        out[kind] = dict(html=part, formulas=formulas)
    return out


def normal(html: str) -> str:
    """HTML with its white space as a browser lays it out: runs of it as one space, and none
    around a block element."""
    html = re.sub(r"\s+", " ", html)
    return re.sub(rf"\s*(</?(?:{_BLOCKS})\b[^>]*>)\s*", r"\1", html).strip()
