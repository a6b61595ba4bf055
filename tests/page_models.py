"""Every part of an editable page that follows the reader's numbers, as generator/content builds
it for a network: the reference the page's scripts are compared with (tests/test_page_models_js.py)."""
from __future__ import annotations

import html as htmlmod
import json
import re
from types import SimpleNamespace

import markdown
import numpy as np

from generator import example, render
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


def models(ex) -> dict:
    """The parts' models in the shape tests/js_ports.js answers in."""
    net, x, y, fmt = ex.network, ex.x, ex.y, Formatter(ex.significant_digits)
    with np.errstate(all="ignore"):
        trace = core.run(net, x, y)
        exact = drift.exact_chain(net, x, y)
        quantities = worked.quantities(trace, fmt, exact)
        step = learning.learning_step(training.step(net, x, y, ex.learning_rate), y, exact, fmt)
        run = learning.training_run(training.train(net, x, y, ex.learning_rate, ex.steps), net, y, fmt,
                                    f"loss-{ex.slug}", f"Training loss, {ex.title}")
    read = reading(trace, quantities, fmt)
    for row in read["layers"]:
        del row["mean_value"]
    nudged = nudge.nudge_test(trace, exact, fmt)
    for row in nudged["rows"]:
        del row["gradient_value"]
    made = setup(ex, fmt)
    drawn = graph.graph_data(ex, trace, quantities, fmt)
    return json.loads(json.dumps({
        "setup": dict(x=made["x"], y=made["y"], layers=[dict(layer=r["layer"], weights=r["weights"], biases=r["biases"])
                                                        for r in made["layers"]]),
        "parameter_rows": worked.parameter_rows(trace, fmt), "exercises": exercises.exercises(trace, quantities),
        "printing": printing(quantities, fmt), "reading": read, "gates": gates.gates(trace, quantities, exact, fmt),
        "nudge": nudged, "step": step, "training": run, "graph": drawn,
        "drawing": graph_svg.drawing(drawn) if drawn["drawable"] else "",
    }))


# --- The parts whose wording depends on the numbers, rendered by their templates ----------------

# The Markdown extensions the site's pages are built with (mkdocs.yml), for what these parts use.
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "pymdownx.arithmatex", "pymdownx.details",
              "pymdownx.superfences"]
# The parts, and the template each is written by on an editable page.
PROSE = {"exercises": "_exercises.md.j2", "nudge": "_nudge.md.j2", "reading": "_reading.md.j2",
         "printing": "_printing.md.j2", "step-change": "_learning-step.md.j2", "training": "_learning-step.md.j2"}
_BLOCKS = "p|div|table|thead|tbody|tr|td|th|details|summary|figure|figcaption|ul|li"
_LIVE = re.compile(r'<div class="bp-live" data-bp="([\w-]+)">')


def prose_models(ex) -> SimpleNamespace:
    """The worked example as the parts' templates read it: `ex` with its parts' models."""
    net, x, y, fmt = ex.network, ex.x, ex.y, Formatter(ex.significant_digits)
    with np.errstate(all="ignore"):
        trace = core.run(net, x, y)
        exact = drift.exact_chain(net, x, y)
        quantities = worked.quantities(trace, fmt, exact)
        step = learning.learning_step(training.step(net, x, y, ex.learning_rate), y, exact, fmt)
        run = learning.training_run(training.train(net, x, y, ex.learning_rate, ex.steps), net, y, fmt,
                                    f"loss-{ex.slug}", f"Training loss, {ex.title}")
    topics = SimpleNamespace(nudge=nudge.nudge_test(trace, exact, fmt), step=step, training=run)
    return SimpleNamespace(exercises=exercises.exercises(trace, quantities), reading=reading(trace, quantities, fmt),
                           printing=printing(quantities, fmt), topics=topics, digits=ex.significant_digits,
                           page="numerical-example.md")


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


def prose(ex) -> dict[str, dict]:
    """Each part's HTML as the build writes it before typesetting (links to pages as the built
    site has them), and its formulas' TeX in order."""
    env = render.environment()
    model = prose_models(ex)
    context = dict(ex=model, edit=True, path="learning-step.md", root="", h="##")
    out = {}
    for kind, template in PROSE.items():
        text = env.get_template(template).render(context)
        html = markdown.markdown(text, extensions=EXTENSIONS, extension_configs={"pymdownx.arithmatex": {"generic": True}})
        part = re.sub(r'href="([^"#]*)\.md', r'href="\1.html', live_parts(html)[kind])
        formulas = [htmlmod.unescape(m.group(2)).strip() for m in re.finditer(
            r'<(span|div) class="arithmatex">\\[(\[](.*?)\\[)\]]</\1>', part, re.S)]
        out[kind] = dict(html=part, formulas=formulas)
    return out


def normal(html: str) -> str:
    """HTML with its white space as a browser lays it out: runs of it as one space, and none
    around a block element."""
    html = re.sub(r"\s+", " ", html)
    return re.sub(rf"\s*(</?(?:{_BLOCKS})\b[^>]*>)\s*", r"\1", html).strip()
