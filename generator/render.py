"""Render the pages to Markdown strings. Pure: takes computed examples, returns {path: text}.

The templates use << >> and <% %> as Jinja delimiters so that TeX braces ({{, {%, {#) in the
pages are never read as template syntax.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import jinja2

from .content import editing, numbers
from .content.model import MAIN_EXAMPLE, Computed, lesson_models, site_models

TEMPLATES = Path(__file__).parent / "templates"

# The pages of the site in reading order: (output path, template, nav title, nav section).
# Example pages follow under "Examples".
LESSON, BEYOND, DEEP = "The lesson", "Check it yourself", "Training networks"
PAGES = [
    ("index.md", "index.md.j2", "Home", None),
    ("chain-rule.md", "chain-rule.md.j2", "The chain rule", LESSON),
    ("forward-pass.md", "forward-pass.md.j2", "The forward pass", LESSON),
    ("backward-pass.md", "backward-pass.md.j2", "The backward pass", LESSON),
    ("numerical-example.md", "example.md.j2", "A numerical example", LESSON),
    ("computational-graph.md", "computational-graph.md.j2", "The computational graph", LESSON),
    ("sum-over-paths.md", "sum-over-paths.md.j2", "Why the order is clever", LESSON),
    ("key-insights.md", "key-insights.md.j2", "Key insights", LESSON),
    ("gradient-check.md", "gradient-check.md.j2", "Gradient check", BEYOND),
    ("cost.md", "cost.md.j2", "What backprop costs", BEYOND),
    ("learning-step.md", "learning-step.md.j2", "One learning step", BEYOND),
    ("notations.md", "notations.md.j2", "Three notations", BEYOND),
    ("rounding-drift.md", "rounding-drift.md.j2", "Why hand calculations drift", BEYOND),
    ("code.md", "code.md.j2", "The code behind the numbers", BEYOND),
    ("vanishing-gradients.md", "vanishing-gradients.md.j2", "Vanishing and exploding gradients", DEEP),
    ("symmetry.md", "symmetry.md.j2", "Why weights start random", DEEP),
    ("mini-batches.md", "mini-batches.md.j2", "Mini-batches", DEEP),
    ("examples/index.md", "examples-index.md.j2", "Examples", None),
]


def markdown_text(value: str) -> str:
    """Author's text shown literally: Markdown and TeX delimiters backslash-escaped, then
    HTML-escaped (in that order, so the escapes never land inside an HTML entity).
    Parentheses stay as they are: an escaped one, \\(, would open inline math."""
    escaped = re.sub(r"([\\`*_{}\[\]#+\-.!|$~])", r"\\\1", value)
    escaped = html.escape(escaped, quote=True)
    return " ".join(escaped.split())


def number_cell(tex: str) -> str:
    """A table cell's number as text, kept on one line (a column of numbers needs no typesetting)."""
    return f'<span class="bp-number">{numbers.text_of_tex(tex)}</span>'


def environment(bytecode_cache: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        bytecode_cache=bytecode_cache,  # compiled templates kept between builds, by their source
        block_start_string="<%", block_end_string="%>",
        variable_start_string="<<", variable_end_string=">>",
        comment_start_string="<#", comment_end_string="#>",
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True, lstrip_blocks=True,
        autoescape=False,  # Markdown, not HTML: author text goes through markdown_text
    )
    env.filters["text"] = markdown_text
    env.filters["number"] = number_cell
    # Data inside a <script> element: no "<" at all, so that no author text (a title such as
    # "<script>...") can end the element or change how the HTML parser reads it.
    env.filters["json_script"] = lambda v: json.dumps(v, ensure_ascii=False).replace("<", "\\u003c")

    return env


def render(computed: list[Computed], bytecode_cache: jinja2.BytecodeCache | None = None) -> dict[str, str]:
    """Every page of the site as {path: Markdown}."""
    env = environment(bytecode_cache)
    main = next(c for c in computed if c.example.slug == MAIN_EXAMPLE)
    others = [c for c in computed if c is not main]
    # The running example leads every list of examples; the rest follow by file name.
    context = dict(main=main, examples=[main] + others, others=others, pages=PAGES, **site_models(main, others),
                   **lesson_models(computed))
    out = {}
    for path, template, title, _ in PAGES:
        out[path] = env.get_template(template).render(context, ex=main, page_title=title, path=path,
                                                      edit=edit(main, path, template))
    for c in others:
        out[c.page] = env.get_template("example.md.j2").render(context, ex=c, page_title=c.example.title, path=c.page,
                                                               edit=edit(c, c.page, "example.md.j2"))
        for path, template in [(c.backward_page, "example-backward.md.j2"), (c.checks_page, "example-checks.md.j2"),
                               (c.paths_page, "example-paths.md.j2"), (c.rounding_page, "example-rounding.md.j2")]:
            if path:
                out[path] = env.get_template(template).render(context, ex=c, page_title=c.example.title, path=path,
                                                              edit=edit(c, path, template))
    return out


def edit(c: Computed, path: str, template: str) -> dict | None:
    """What a page whose numbers a reader may change shows and gives its script (None for the
    other pages): its fields and its data."""
    kind = editing.EDITABLE.get(template)
    if kind is None:
        return None
    return dict(data=editing.page_data(c.example, path, kind), fields=editing.fields(c.example, kind == "learning-step"),
                root="../" * path.count("/"))


def nav(computed: list[Computed]) -> list:
    """The navigation in mkdocs.yml's form: the pages by section, then one entry per example."""
    entries: list = []
    sections: dict[str, list] = {}
    for path, _, title, section in PAGES:
        if path == "examples/index.md":
            continue
        if section is None:
            entries.append({title: path})
        else:
            if section not in sections:
                sections[section] = []
                entries.append({section: sections[section]})
            sections[section].append({title: path})
    examples = [{"Overview": "examples/index.md"}]
    # MkDocs puts navigation titles into the HTML as they are: escape the author's text.
    # An example's other pages are reached from its worked page, not listed here: one entry per
    # example keeps the list short.
    examples += [{html.escape(c.example.title): c.page} for c in computed if c.example.slug != MAIN_EXAMPLE]
    return entries + [{"Examples": examples}]
