"""Math typeset at build time: every formula of a built site becomes MathJax's own output.

A post-build step over the HTML of a finished build, whichever engine made it: it reads the TeX
that pymdownx.arithmatex left in each page, has MathJax 4 (in Node, `typeset/typeset.mjs`)
typeset the formulas it has not seen before, in one process for the whole build, and writes
each page with its formulas in place. A cache keyed by each formula's source keeps a rebuild
that changes a few formulas from starting Node for the rest, and one that changes none from
starting it at all.

The output is SVG with assistive MathML: each page carries the glyphs it uses once, as hidden
paths the formulas point at, and MathJax's small stylesheet in its head; no web font, no
script, nothing more to fetch. Pages without a formula are left exactly as they are.

The search index, which shows a section's words as text, gets each formula as one line of plain
text written from its MathML (math_text.py) in place of its TeX.
"""
from __future__ import annotations

import hashlib
import html
import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from . import math_text
from .math_text import text_of_mathml

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "typeset" / "typeset.mjs"
NODE_MODULES = ROOT / "node_modules"
CACHE = ROOT / "build" / "typeset-cache.json"
# What arithmatex (generic mode) writes for \(...\) and \[...\]: the TeX, HTML-escaped, in a
# span or a div of class "arithmatex" with nothing else inside.
ARITHMATEX = re.compile(r'<(span|div) class="arithmatex">(.*?)</\1>', re.S)
GLYPH_USE = re.compile(r'<use[^>]* xlink:href="#([^"]+)"')
# A formula in a search index's text: arithmatex's delimiters and TeX, HTML-escaped, without
# the element around them.
INDEXED = re.compile(r"\\\((.*?)\\\)|\\\[(.*?)\\\]", re.S)
MATHML = re.compile(r"<math[ >].*?</math>", re.S)
# Where each engine writes its search index: as JSON, and as a script that sets __index to the
# same (for pages opened from disk).
SEARCH_INDEXES = ("search/search_index.json", "search.json")


class TypesetError(Exception):
    """MathJax could not typeset a formula, or Node and MathJax are not installed."""


@dataclass(frozen=True)
class Formula:
    tex: str
    display: bool

    @property
    def key(self) -> str:
        return hashlib.sha256(f"{int(self.display)}\n{self.tex}".encode()).hexdigest()


def formula_of(body: str) -> Formula:
    """The formula of one arithmatex element's content: its TeX without the delimiters."""
    tex = html.unescape(body).strip()
    display = tex.startswith("\\[")
    return Formula(tex[2:-2].strip(), display)


def formulas_in(page: str) -> list[Formula]:
    return [formula_of(m.group(2)) for m in ARITHMATEX.finditer(page)]


def fingerprint(node_modules: Path = NODE_MODULES) -> str:
    """What the output depends on besides the TeX: the renderer script, MathJax's and the
    font's versions. A change to any of them starts the cache afresh."""
    parts = [SCRIPT.read_bytes()]
    for package in ("@mathjax/src", "@mathjax/mathjax-newcm-font"):
        manifest = node_modules / package / "package.json"
        if not manifest.is_file():
            raise TypesetError(f"{manifest}: missing; run `make build` (or `npm ci`) to install MathJax")
        parts.append(json.loads(manifest.read_text(encoding="utf-8"))["version"].encode())
    return hashlib.sha256(b"\0".join(parts)).hexdigest()


def text_fingerprint() -> str:
    """What a formula's search text depends on besides its MathML: the code that writes it."""
    return hashlib.sha256(Path(math_text.__file__).read_bytes()).hexdigest()


class Cache:
    """What MathJax made, kept in one JSON file between builds: each formula's output by key,
    the glyph paths the formulas point at, and MathJax's stylesheet; and the plain text that
    the search index holds for each formula it holds."""

    def __init__(self, path: Path, stamp: str):
        self.path, self.stamp, self.text_stamp = path, stamp, text_fingerprint()
        self.formulas: dict[str, str] = {}
        self.glyphs: dict[str, str] = {}
        self.css = ""
        self.texts: dict[str, str] = {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if data.get("fingerprint") == stamp:
            self.formulas, self.glyphs, self.css = data["formulas"], data["glyphs"], data["css"]
            if data.get("text_fingerprint") == self.text_stamp:
                self.texts = data.get("texts", {})

    def add(self, formulas: list[Formula], answer: dict) -> None:
        self.formulas.update({f.key: out for f, out in zip(formulas, answer["formulas"])})
        self.glyphs.update(answer["glyphs"])
        self.css = answer["css"]

    def save(self) -> None:
        """Write the cache whole or not at all (two builds at once may race; either wins)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        data = dict(fingerprint=self.stamp, css=self.css, glyphs=self.glyphs, formulas=self.formulas,
                    text_fingerprint=self.text_stamp, texts=self.texts)
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.path)


def run_mathjax(formulas: list[Formula], node_modules: Path = NODE_MODULES) -> dict:
    """Typeset `formulas` in one Node process; returns MathJax's answer (see the script)."""
    request = json.dumps(dict(formulas=[dict(tex=f.tex, display=f.display) for f in formulas]))
    env = dict(os.environ, NODE_PATH=str(node_modules))
    try:
        done = subprocess.run(["node", str(SCRIPT)], input=request, capture_output=True, text=True,
                              cwd=node_modules.parent, env=env, check=False)
    except FileNotFoundError:
        raise TypesetError("node: not found; install Node.js (20 or later) to typeset the math") from None
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        raise TypesetError(lines[-1] if lines else f"{SCRIPT.name} failed with exit code {done.returncode}")
    return json.loads(done.stdout)


def typeset_page(page: str, rendered: dict[str, str], glyphs: dict[str, str], css: str) -> str:
    """A page with each arithmatex element's TeX replaced by its typeset formula, the glyphs
    its formulas use written once before the first of them, and MathJax's stylesheet."""
    used: dict[str, None] = {}

    def replace(m):
        out = rendered[formula_of(m.group(2)).key]
        used.update(dict.fromkeys(GLYPH_USE.findall(out)))
        return f'<{m.group(1)} class="arithmatex">{out}</{m.group(1)}>'

    page = ARITHMATEX.sub(replace, page)
    if used:
        defs = "".join(glyphs[g] for g in used)
        first = ARITHMATEX.search(page).start()
        page = f'{page[:first]}<svg class="bp-math-glyphs" style="display: none" aria-hidden="true"><defs>{defs}</defs></svg>{page[first:]}'
    # In the head, not linked: nothing to wait for, and Material's instant navigation adds a
    # new page's head elements in the same step as its content, so no formula ever shows
    # unstyled (with its MathML beside its drawing).
    return page.replace("</head>", f'<style class="bp-math-style">{css}</style>\n</head>', 1)


def typeset_site(site_dir: Path, cache_path: Path = CACHE, node_modules: Path = NODE_MODULES) -> None:
    """Typeset every formula of the built site in `site_dir`, in place."""
    pages = {p: p.read_text(encoding="utf-8") for p in sorted(site_dir.rglob("*.html"))}
    pages = {p: text for p, text in pages.items() if ARITHMATEX.search(text)}
    if not pages:
        return
    cache = Cache(cache_path, fingerprint(node_modules))
    wanted = {f.key: f for text in pages.values() for f in formulas_in(text)}
    missing = [f for key, f in wanted.items() if key not in cache.formulas]
    if missing or not cache.css:
        cache.add(missing, run_mathjax(missing, node_modules))
        cache.save()
    for path, text in pages.items():
        path.write_text(typeset_page(text, cache.formulas, cache.glyphs, cache.css), encoding="utf-8")
    as_text = FormulasAsText({_spaced(f).key: cache.formulas[f.key] for f in wanted.values()}, cache.texts)
    for name in SEARCH_INDEXES:
        if (site_dir / name).is_file():
            write_formulas_as_text(site_dir / name, as_text)
    if as_text.wrote_new:
        cache.save()


def _spaced(formula: Formula) -> Formula:
    """A formula as a search index holds it: its runs of white space written as one space."""
    return Formula(" ".join(formula.tex.split()), formula.display)


class FormulasAsText:
    """The site's formulas as plain text, each written once, when a search index first holds it
    (the examples' pages of topics, left out of the index, hold most of the site's formulas), and
    kept in `written` (the cache's texts) for the next build."""

    def __init__(self, rendered: dict[str, str], written: dict[str, str] | None = None):
        self.rendered = rendered
        self.written = {} if written is None else written
        self.wrote_new = False

    def get(self, formula: Formula) -> str | None:
        key = _spaced(formula).key
        if key not in self.rendered:
            return None
        if key not in self.written:
            self.written[key] = text_of_mathml(MATHML.search(self.rendered[key]).group(0))
            self.wrote_new = True
        return self.written[key]


def search_text(text: str, as_text: FormulasAsText) -> str:
    """A search index's text (HTML) with each formula of the site written as plain text."""
    def replace(m):
        written = as_text.get(formula_of(m.group(0)))
        return m.group(0) if written is None else html.escape(written, quote=False)

    return INDEXED.sub(replace, text)


def write_formulas_as_text(index_json: Path, as_text: FormulasAsText) -> None:
    """Rewrite a search index (its JSON, and its script beside it if there is one) with each
    entry's formulas as plain text, in its text and its title."""
    data = json.loads(index_json.read_text(encoding="utf-8"))
    for entry in data.get("docs", data.get("items", [])):
        for key in ("title", "text"):
            if isinstance(entry.get(key), str):
                entry[key] = search_text(entry[key], as_text)
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    index_json.write_text(body, encoding="utf-8")
    script = index_json.with_suffix(".js")
    if script.is_file():
        old = script.read_text(encoding="utf-8")
        script.write_text(old[:old.index("{")] + body + old[old.rindex("}") + 1:], encoding="utf-8")
